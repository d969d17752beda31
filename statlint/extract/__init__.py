"""Extract statistics and year mentions from clean text.

Works sentence by sentence on the Simplified shadow (one vocabulary serves both scripts) and returns records
in clean-text offsets; the caller maps them to raw offsets. Each job has its module: numbers (what is a
figure and its value), units, qualifiers, changes (role, direction, base year), time (years), scope
(entity) and metric. This module only wires them together and keeps the per-paragraph context (the subject
carried across clauses, a list of targets).

Decisions worth knowing:
- 增长了一倍 / 提高一倍 is a change of +100%: value 100, unit '%', role delta (never the bare number 1).
- Percentages written in words (百分之四十, 三成, 三分之一, 一半) get unit '%' and their value in percent.
- Vague amounts keep their bounds: 500多亿 is value 5e10, value_high 6e10, qualifier '~'; 上万 is '>=' 1e4.
- A range is its two written numbers: 10%—15% is 10% ('>=') and 15% ('<='), each with the shared unit.
- year follows the gold rule (nearest year stated before the figure in its clause, never backwards, base
  years excluded); relative years (去年, 十四五时期), years in Chinese numerals (二〇二三年) and, in a
  document dated in the ROC calendar, 113年 (2024) count as stated. Only a short work-period heading
  (一、2025年工作回顾) dates figures that state no year, with lower confidence.
- role target: a cue before the figure (力争, 预计, 将达到, 到2025年, 2025年前), a target list paragraph
  (主要预期目标是:), or a year after the document's (or its own year when it is dated in the first quarter).
- entity: a place in the figure's clause (or in the clause of the figure a bare change follows: 印度尼西亚的
  16.23万份，约增15%), else the sentence's subject place, else the paragraph's opening
  place, the section heading's place, the document's own place (title), 全国 in a national paragraph, an
  organisation heading the clause (健康码系统); otherwise None. Places after 高于/占/居 are references.
- needs_review is set when confidence < 0.6 and for 提升N倍 (N times as much, or N times more?).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any, Final

from statlint.extract import changes, metric, numbers, qualifiers, scope, tables, time
from statlint.extract.trie import word_ends
from statlint.normalize import CleanText
from statlint.structure import Sentence, Structure

__all__ = ["extract_statistics", "find_year_mentions"]

# How a national report refers to itself (我国); a provincial one says 我省/全省.
NATION_SELF: Final = "我国"
# Physical quantities: the object may follow the figure (完成46.1万亩高标准农田建设).
MEASURE_FAMILIES: Final = frozenset({"area", "mass", "length", "volume", "power", "energy"})
# Words that put a paragraph at national scope, so its figures without a place of their own are 全国.
NATIONAL_CONTEXT: Final = re.compile(r"我国|全国|国家|中国|中央")
# An organisation or system heading its clause, the subject when no place is named: 健康码系统,
# 美团、饿了么等平台, 拼多多“多多农园”平台. 企业 only when named or anonymous (某企业, 华为等企业): a class of
# enterprises (规模以上工业企业, 国有企业) is what is measured, not a scope.
SUBJECT_ORG: Final = re.compile(
    r"[“\"「]?[^,，。；;:：\d]{1,14}?(?:平台|系统|小程序|APP|App|(?<=[等某”\"」])企业|公司|集团)[”\"」]?"
)
# A place right after these words is a reference, not the scope: 高于全国0.4个百分点, 占全国比重, 居全国第1.
REFERENCE_BEFORE: Final = re.compile(
    r"(?:高于|低于|快于|慢于|超过|超出|比|较|相比|占|居|位居|位列|领先|对|与)$"
)
# Clause-opening words before a subject place are short (2024年以来, 例如, 在...方面): longer is not a head.
SUBJECT_LEAD_MAX: Final = 16
ORG_WORDS: Final = ("平台", "系统", "小程序", "APP", "App", "企业", "公司", "集团")
# A clause boundary inside a sentence (comma, colon, the ASCII forms normalization leaves).
CLAUSE_DELIM: Final = re.compile(r"[,，:：;；]")
# Words that put a figure in the future: 力争, 预计, 将达到, 到2025年 (the year part is in time.py). 预期 only
# as a target's word (预期目标, 预期增长): as a noun (稳预期, 提振预期, 好的预期不断释放) it is policy talk.
TARGET_CUE: Final = re.compile(
    r"力争|预计|(?:据|经|我|我们|研究|模型|初步)预测|预测(?:到|至|未来|今后|(?:19|20)\d\d年)|"
    r"(?<!超)(?<!好于)(?<!高于)(?<!低于)(?<!不及)预期(?:目标|年均|增长|将|达到|实现|为)|计划[，,](?:确定|提出|明确)|"
    r"(?:订立|制定|设定|确定|提出)了?(?:以下|如下)?[\u4e00-\u9fff]{0,6}?目标[:：]|争取(?:到|在|实现|达到|完成)|目标是|目标为|目标值|有望|规划到|计划(?:到|在|于|新增|建成|完成|实现|投资|投入|安排)|确保|努力实现|要达到|"
    r"将(?:会|要)?(?:达到|达|超过|突破|提升|提高|增长|实现|降至|降低|建成|新增|增加|减少|下降|缩短|控制|保持)"
)
# The parts of the document's place as a subject (8个县（区）, 各市州, 全部设区市): their figures are theirs.
SUBUNITS: Final = re.compile(
    r"(?:(?:\d+|[一二三四五六七八九十]+)个|各|所有|全部)(?P<unit>县[（(](?:市、)?区[）)]|区[（(]县[）)]|县[（(]市[）)]|"
    r"县区|区县|县市区|市[（(]州[）)]|市州|地市|设区市|地级市|省[（(]区、市[）)]|省区市|乡镇)"
)


def _opens_clause(s: str, pos: int) -> bool:
    """Does s[pos:] open its clause (after a time phrase at most: 2025年，8个县（区）…, 与上年相比，各市…)?"""
    start = max(s.rfind(c, 0, pos) for c in "，,；;：:。") + 1
    return CLAUSE_LEAD.fullmatch(s, start, pos) is not None


CLAUSE_LEAD: Final = re.compile(
    r"\s*(?:(?:19|20)\d{2}年(?:底|末|上半年|全年)?|全年|今年|去年|目前|其中|同时)?\s*"
)
# The months of a year a figure is of (2026年1-2月, 2026年2月底, 2026年前两个月 is not read): the last one.
PAST_MONTHS: Final = re.compile(r"(?:\d{1,2}\s*[-—–~～至到]\s*)?(\d{1,2})\s*月")
# A figure followed by the target it is (增长9%以上的预期目标, 6.5%左右的增长目标).
TARGET_AFTER: Final = re.compile(
    r"(?:左右|以上|以内|以下)?的(?:年度|全年|主要|发展)?(?:增长)?(?:预期性?|约束性)?(?:目标|任务)"
)
TARGET_AFTER_FIRST: Final = "左以的"
# A target the sentence says was met or missed (完成年度预期目标, 低于预期目标): no cue of its own.
TARGET_MET_BEFORE: Final = re.compile(
    r"(?:完成|实现|达到|低于|高于|超过|超额完成)(?:了)?(?:年度|全年|年初)?$"
)
# Targets recalled as a list before what became of them: 会议确定的地区生产总值增长6.5%左右、一般公共预算收入
# 增长6%等主要预期目标全面完成. The figures of the list are the targets.
TARGETS_RECALLED: Final = re.compile(
    r"(?:确定|提出|设定|制定|明确|下达|通过)的(?P<list>[^。；;]{4,}?)等(?:各项|主要|年度)?"
    r"(?:经济社会发展)?(?:主要)?(?:预期性?|约束性)?(?:目标|指标)"
)
# A paragraph that lists targets from here on: 主要预期目标是: 地区生产总值增长5%左右; ...
PARAGRAPH_TARGETS: Final = re.compile(r"(?:预期目标|主要目标|发展目标|目标任务)(?:是|为|:|：)")
# A unit written before the figure: 年服务人次超30亿 (unit 人次, figure 30亿).
# A rate's denominator written before its number (从每人每月2375元提高到, 低于每立方米19微克,
# 超每千人6.6批次): the words before it (从, 低于, 超) and the metric are read as if the number followed them.
PER_BEFORE: Final = re.compile(
    r"(?:每[一二两三四五六七八九十百千万\d]*(?:人口|人|户|生|名|位|月|年|天|日|周|季度|小时|次|吨|千瓦时|度|"
    r"立方米|平方米|平方公里|公顷|亩|公里|千米|千克|公斤|斤|张|家|所|辆|头|场))+$"
)
# The same measure's value for an earlier period, in parentheses after the figure: 增长5.2%（上年为4.8%）,
# 70.1%（2023年为69.5%）. It is a figure of the same kind and measure.
EARLIER_VALUE: Final = re.compile(r"[（(](?:上年|去年|上年同期|去年同期|(?:19|20)\d{2}年)(?:为|是|同期为)$")
# A clause that names only an average (，日均63万件): the average of the measure just given.
AVERAGE_ONLY: Final = re.compile(r"(?:日|年|月|周|人|户)均")
# What a result is measured against (为调整预算8487.3亿元的96.8%, 为年度计划的102%): the plan of the measure
# the clause before gave.
AGAINST_PLAN: Final = re.compile(
    r"(?:完成)?(?:(?:调整|年初|年度|全年)?(?:预算|计划|目标|任务)(?:数|额)?|(?:预算|计划)(?:调整数|执行数))(?:的)?"
)
PER_LAST: Final = word_ends(PER_BEFORE.pattern)  # a prefilter: the characters a match can end with
UNIT_BEFORE: Final = re.compile(r"(人次)(?:达到|达|为|超过|超|突破|逾|约|近|共|累计|已)*$")
# Scopes that are parts of a population rather than places (农村地区, 城市社区): named in one item of a
# list (城市社区托育服务点覆盖率达到55%；…；实施农村供水工程500处), they do not carry past its semicolon.
GROUP_SCOPE: Final = re.compile(r"农村|城市|城镇|乡村|社区")
SEMICOLON: Final = re.compile(r"[;；]")
# Sentence ends that close the carried subject (; and , keep it, but see GROUP_SCOPE).
FULL_STOP: Final = "。!！?？"
# What a year's period words add to it (2023年度, 年底, 年末, 年初) and the word before a point in time
# (至2023年底).
YEAR_TAIL: Final = re.compile(r"度|底|末|初")
POINT_BEFORE: Final = re.compile(r"(?:截至|截止|至|到)$")
# A clause that is nothing but a link to its figure (为, 达到, 由2020年的, 约为).
LINK_ONLY: Final = re.compile(
    r"\s*(?:由|从)?(?:(?:19|20)\d{2}年(?:底|末)?[的之]?)?(?:则|仅|约|均)?(?:为|达到|达|是)?(?:约)?"
)
# …东北地区为22.3%，全国平均水平为41.2%: the average of the measure just told, for that place.
AVERAGE_WORDS: Final = re.compile(r"平均水平|平均值|平均")
AVERAGE_LINK: Final = re.compile(r"\s*的?平均(?:水平|值)?(?:为|达到|达|是)?(?:约)?")
NOTE: Final = re.compile(r"[，,]|下同|以下简称|简称|不含|不包括")
# A sentence after a semicolon that is only a period and a link (2025年上半年为15.3%).
TOLD_LINK: Final = re.compile(
    r"\s*(?:(?:19|20)\d{2}年)?(?:底|末|上半年|下半年|全年|前三季度|一季度|第[一二三四]季度|"
    r"\d{1,2}(?:\s*[—–\-~～至]\s*\d{1,2})?月(?:份|末|底)?)?(?:则|仅|约|均)?(?:为|达到|达|是)(?:约)?"
)
# The end of a change written with 为 (缩短为, 提高为2023年的): its metric is the measure, without the verb.
TO_MARK: Final = re.compile(r"为(?:(?:19|20)\d{2}年|1[0-4]\d年)?(?:底|末)?[的之]?$")
# A nation's measure after 全国/我国 (数字经济规模, 人口总量, 粮食产量, 城镇化率), up to the figure.
NATIONAL_MEASURE: Final = re.compile(
    r"[^\d，,；;。]{0,12}?(?:规模|总量|总额|生产总值|GDP|人口|产量|增加值|占比|比重|渗透率|普及率|城镇化率)"
    r"(?:达到|达|为|突破|超过|约)?\d"
)
# The level of place a 全省/本市 refers to, by its last character.
OWN_LEVEL: Final = {"省": "province", "市": "city"}
# A document published in its first quarter is planning that year: figures dated that year are targets.
PLANNING_MONTHS: Final = 3
# Words that tell a figure as already reached, whatever its date (a later year then is the report's error).
REACHED: Final = re.compile(r"据[^，,。]{0,8}统计|统计显示|已经|已(?:突破|达到|达|超过)\d|实际完成|实际实现")


@dataclass(slots=True)
class _Doc:
    clean: CleanText
    year: int | None
    pub_year: int | None
    pub_month: int | None
    scope: str | None  # the document's own place (title), for 全市/本省
    section_years: dict[str, int]
    section_places: dict[str, str]
    default_entity: str | None
    to_doc_script: Callable[[str], str]  # an entity key in the document's own script
    # A report about one province or city: there 全国 only compares or names (居全国第1, 全国重点实验室,
    # 高出全国平均水平), it is not what the figures measure.
    subnational: bool
    # What 全国/我国 names: the country, or Taiwan in a document dated in the ROC calendar (113年).
    nation_name: str


@lru_cache(maxsize=1)
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


@lru_cache(maxsize=8192)
def _traditional(key: str) -> str:
    """An entity key in Traditional script (the conversion is pure, so it is shared across documents)."""
    return _s2t().convert(key)


# Taiwan as a title names it, in a document dated in the ROC calendar, where it is the nation.
ROC_HOME: Final = frozenset(("台湾省", "台湾"))


def _doc_context(clean: CleanText, structure: Structure, places: list[scope.PlaceMention]) -> _Doc:
    from statlint.normalize.script import to_simplified

    pub_year = pub_month = None
    if structure.pub_date:
        pub_year, pub_month = int(structure.pub_date[:4]), int(structure.pub_date[5:7])
    place = scope.document_scope(to_simplified(structure.title) if structure.title else None)
    if structure.roc_years and place in ROC_HOME:
        place = None  # a report dated in the ROC calendar is about Taiwan: its national scope (臺灣) already
    if place is None:
        place = scope.text_scope(places, clean.simp.count(NATION_SELF))
    traditional = clean.script == "traditional" or (clean.script != "simplified" and clean.text != clean.simp)

    written: dict[str, str] = {}

    def in_script(key: str) -> str:
        """The key as this document writes it where it does (a Traditional report's 全國 is 全國 as written
        there), else the gazetteer's Traditional name, else converted: OpenCC's Simplified-to-Traditional
        dictionaries cost ~27 MB in each process that loads them, and nearly every key is one of the two."""
        if not traditional:
            return key
        got = written.get(key)
        if got is None:
            at = clean.simp.find(key)
            if at >= 0:
                got = clean.text[at : at + len(key)]
            else:
                got = scope.traditional_names().get(key) or _traditional(key)
            written[key] = got
        return got

    # a document dated in the ROC calendar is Taiwan's: its national figures (我国 or no place at all) are
    # Taiwan's, its scope unless the title names a city
    default = place or (scope.NATION if structure.roc_years else None)
    year = time.document_year(structure)
    titles = time.simplified_titles(structure)
    return _Doc(
        clean,
        year,
        pub_year,
        pub_month,
        place,
        time.section_years(
            structure,
            year,
            titles,
            review_year=pub_year - 1 if pub_year and pub_month and pub_month <= PLANNING_MONTHS else None,
        ),
        _section_places(structure, titles),
        default,
        in_script,
        scope.is_subnational(place),
        TAIWAN if structure.roc_years else scope.NATION,
    )


def _base_value_of(
    s: str, years: list[time.YearMention], pos: int, starts: bool = False
) -> time.YearMention | None:
    """The base year whose own value the figure at `pos` is (较2020年的9323.1亿元, 比“十三五”末的…; and
    when the figure starts a change, `starts`, with its measure between: 较112年经济成长率1.42%增加…)."""
    for y in years:
        if y.kind != "base" or y.end > pos:
            continue
        between = s[y.end : pos].lstrip('”"」』')
        if (pos - y.end <= 2 and between in BASE_VALUE_MARKS) or (
            starts and MEASURE_BETWEEN.fullmatch(between)
        ):
            return y
    return None


# Between a base year and its value: 较2020年的9323.1亿元, or 比上年（86.6%）提高1.6个百分点.
BASE_VALUE_MARKS: Final = ("", "的", "之", "（", "(")
# The measure named between a base year and its value (较112年经济成长率1.42%增加…).
MEASURE_BETWEEN: Final = re.compile(r"(?:底|末)?[的之]?[\u4e00-\u9fff]{1,10}?(?:为|是)?(?:约|近)?")


def _roc_year(s: str, q: numbers.Quantity) -> bool:
    """113年 (or 民国99年) in a document dated in the ROC calendar is a year, not a duration."""
    if q.unit != "年":
        return False
    pattern = time.ROC_YEAR if q.high is None else time.ROC_YEAR_RANGE  # 107年至112年: a range of years
    m = pattern.match(s, max(0, q.start - 2)) or pattern.match(s, q.start)
    return m is not None and m.end() == q.end


# What stands between a change's size and the level it reached (增长5%至100亿元).
END_AFTER_DELTA: Final = ("至", "到")
REACHED_AFTER_DELTA: Final = frozenset(
    f"{c}{w}" for c in "，," for w in ("达到", "达", "至", "到", "升至", "增至")
)


# The first year of a range (2020-2025年 has no 年 of its own, so it is no year mention; 2020年至2025年
# leaves 至 between two).
RANGE_HEAD: Final = re.compile(r"(?:19|20)\d{2}\s*年?\s*(?:[-–—~～]|至|到)\s*$")
RANGE_HEAD_MAX: Final = 8


def _year_hole(s: str, y: time.YearMention) -> tuple[int, int]:
    """What a year takes out of a metric: a base year with its comparison word and quotes (实际使用外资比
    “十三五”时期增长 -> 实际使用外资增长, not 实际使用外资比增长)."""
    if y.kind != "base":
        head = RANGE_HEAD.search(s, max(0, y.start - RANGE_HEAD_MAX), y.start) if y.start else None
        # 2020-2025年复合增长率: the range's first year too
        start, end = (head.start() if head else y.start), y.end
        if s[end - 1 : end] == "年" and (tail := YEAR_TAIL.match(s, end)):
            end = tail.end()  # 2023年度目标, 至2023年底实际布建: the period words go with the year
            if tail.group() in ("底", "末") and (point := POINT_BEFORE.search(s, max(0, start - 2), start)):
                start = point.start()
        return start, end
    compared = time.comparison_start(s, y.start)
    return (y.start if compared is None else compared), y.end


def _depth(sec) -> int:
    return sec.path.count("/")


# A section about one listed firm: its name, then its stock code (宁德时代（300750.SZ）, 腾讯控股(0700.HK)).
LISTED_FIRM_TITLE: Final = re.compile(
    r"\s*([\u4e00-\u9fffA-Za-z]{2,12}?)\s*[（(]\s*[0-9A-Z]{1,6}\.(?:SZ|SH|BJ|HK|US|N|O|TW)\s*[）)]"
)


def _section_places(structure: Structure, titles: dict[str, str]) -> dict[str, str]:
    """Section path -> the place its heading is about (1.上海市“一网通办”..., (2)中西部地区追赶态势),
    inherited by subsections: the default scope of figures that name none."""
    out: dict[str, str] = {}
    ordered = sorted(structure.sections, key=_depth)
    found = scope.find_places_each([titles[sec.path] for sec in ordered])
    for sec, title_places in zip(ordered, found, strict=True):
        parent = sec.path.rsplit("/", 1)[0] if "/" in sec.path else None
        key = out.get(parent) if parent else None
        title = titles[sec.path]
        for p in title_places:
            if p.kind not in ("nation", "doc", "report") and metric.only_lead(title, 0, p.start):
                key = p.key
                break
        else:
            if firm := LISTED_FIRM_TITLE.match(title):
                key = firm.group(1)  # 6.1 宁德时代（300750.SZ）：…: the firm's section
        if key is not None:
            out[sec.path] = key
    return out


def extract_statistics(clean: CleanText, structure: Structure) -> list[dict]:
    doc_places = scope.find_places(clean.simp)
    doc = _doc_context(clean, structure, doc_places)
    out: list[dict] = []
    paragraph = -1
    carried: str | None = None  # entity key carried across the clauses of one full sentence
    targets_from = False
    national = False
    all_places = _places_by_sentence(doc_places, structure)
    patterns = numbers.active_patterns(clean.simp)
    found = numbers.candidate_matches([sent.simp for sent in structure.sentences], patterns)
    # Table cells are read with their headers (tables.py); prose reading skips the numbers they claim.
    found_tables = tables.find_tables(clean.simp)
    table_records = [r for t in found_tables for r in _table_records(doc, structure, t)]
    # | 目标 | 基准年 | 2025年表现 |: the figures a row's label holds (…比例达到20%) are the targets
    target_labels = [
        row.cells[0]
        for t in found_tables
        if t.header.cells and tables.TARGET_HEADER.fullmatch(clean.simp[slice(*t.header.cells[0])].strip())
        for row in t.rows
    ]
    claimed = sorted((r["clean_start"], r["clean_end"]) for r in table_records)
    topic: str | None = None  # the place a paragraph opens with (上海市通过“两张网”...)
    told: dict[str, Any] | None = None  # the last figure of a sentence that ended in a semicolon
    para_first = 0  # the index in out of the paragraph's first record
    for sent, sent_found in zip(structure.sentences, found, strict=True):
        if sent.paragraph != paragraph:
            paragraph, carried, targets_from, national, told = sent.paragraph, None, False, False, None
            para_first = len(out)
            topic = _topic(sent.simp, all_places.get(sent.sentence_id, []))
        s = sent.simp
        quantities = numbers.find_quantities(s, patterns, matched=sent_found) if sent_found else []
        if claimed and quantities:
            quantities = [q for q in quantities if not _claimed(claimed, sent.start + q.start)]
        if structure.roc_years and quantities:
            quantities = [q for q in quantities if not _roc_year(s, q)]
        last = s[-1:]
        ends = (last if last not in " \t\n\u3000" else s.rstrip()[-1:]) in FULL_STOP
        if not quantities and ends:
            carried = None
            targets_from = targets_from or PARAGRAPH_TARGETS.search(s) is not None
            national = national or NATIONAL_CONTEXT.search(s) is not None
            continue
        places = all_places.get(sent.sentence_id, [])
        years = (
            time.year_mentions(
                s, doc.year, sent.sentence_id == structure.window_sentence_id, structure.roc_years
            )
            if quantities
            else []
        )
        para_cue = PARAGRAPH_TARGETS.search(s)
        national = national or NATIONAL_CONTEXT.search(s) is not None
        if quantities:
            before = len(out)
            carried = _sentence_records(
                topic,
                doc,
                sent,
                quantities,
                places,
                years,
                carried,
                targets_from,
                para_cue,
                national,
                out,
                told,
                out[-1] if len(out) > para_first else None,
            )
            # the next sentence may go on with this one's measure: 用户规模达9.26亿；2023年增至9.73亿
            told = out[-1] if len(out) > before and not ends else None
        else:
            told = None
            if places:
                subj = [
                    p
                    for p in places
                    if _is_subject(s, p.start, [m.start() for m in CLAUSE_DELIM.finditer(s)])
                ]
                carried = _entity_key(doc, subj[0], s) if subj else carried
        if para_cue:
            targets_from = True
        if ends or (carried is not None and GROUP_SCOPE.search(carried) and SEMICOLON.search(s[-2:])):
            carried = None
    if target_labels:
        for r in out:
            if r["role"] in ("level", "to", "delta") and any(
                a <= r["clean_start"] < b for a, b in target_labels
            ):
                r["role"] = "target"
    out.extend(table_records)
    return out


def _claimed(spans: list[tuple[int, int]], pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _table_records(doc: _Doc, structure: Structure, table: tables.Table) -> list[dict]:
    """Records of a table's cells, in the same shape as the prose records."""
    text, simp = doc.clean.text, doc.clean.simp
    starts = [s.start for s in structure.sentences]
    out: list[dict] = []
    for cell in tables.read_table(simp, table):
        i = bisect.bisect_right(starts, cell.start) - 1
        if i < 0:
            continue
        sent = structure.sentences[i]
        key: str | None
        entity: str | None
        if cell.place is not None:
            key = _entity_key(doc, cell.place, simp)
            entity = text[cell.place.start : cell.place.end].replace(" ", "").replace("\u3000", "")
        else:
            key = doc.section_places.get(sent.section_path) or doc.default_entity
            entity = _entity_text(doc, key, None, simp, text) if key else None
        conf = 0.8 if cell.unit else 0.6
        # a column of a year the document was written before (a plan's 2025年 column) holds targets
        planned = (
            cell.year is not None
            and doc.pub_year is not None
            and (
                cell.year > doc.pub_year
                or (cell.year == doc.pub_year and (doc.pub_month or 12) <= PLANNING_MONTHS)
            )
        )
        out.append(
            {
                "clean_start": cell.start,
                "clean_end": cell.end,
                "value": float(cell.value),
                "value_text": _decimal_text(cell.value),
                "value_high": None,
                "precision": cell.precision,
                # (a header's 百分点 is the unit 个百分点 written short)
                "unit": text[cell.unit_span[0] : cell.unit_span[1]]
                if cell.unit_span and cell.unit != "个百分点"
                else cell.unit,
                "unit_family": cell.family,
                "qualifier": cell.qualifier,
                "year": cell.year,
                "context_year": cell.year,
                "base_year": None,
                "entity": entity,
                "entity_key": key,
                "metric": metric.join(text, cell.metric_spans) or None,
                "metric_key": metric.metric_key(metric.join(simp, cell.metric_spans)) or None,
                "role": "target" if cell.target or planned else ("delta" if cell.change else "level"),
                "direction": None,
                "link_id": None,
                "sentence_id": sent.sentence_id,
                "confidence": conf,
                "needs_review": conf < 0.6,
            }
        )
    return out


def _places_by_sentence(
    places: list[scope.PlaceMention], structure: Structure
) -> dict[int, list[scope.PlaceMention]]:
    """Scope words of every sentence (local offsets, set in place), from one scan of the whole text."""
    starts = [s.start for s in structure.sentences]
    out: dict[int, list[scope.PlaceMention]] = {}
    for p in places:
        i = bisect.bisect_right(starts, p.start) - 1
        if i < 0:
            continue
        sent = structure.sentences[i]
        if p.end > sent.end:
            continue
        p.start -= sent.start
        p.end -= sent.start
        out.setdefault(sent.sentence_id, []).append(p)
    return out


# What a structure measures when its own clause does not say (三次产业结构进一步优化，调整为…): the
# words ending in the cue word that made it a structure.
STRUCTURE_NAME: Final = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:结构|构成|比重|比例|占比|份额)")
# A measure that is a share of another (占GDP比重, 税收收入占比).
SHARE_KEY: Final = re.compile(r"占|比重|占比")


def _last_unshared(recs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The sentence's last figure with a measure that is no share of another."""
    return _last(recs, lambda r: not SHARE_KEY.search(r["metric_key"] or ""), "metric_key")


def _last_amount(recs: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The sentence's last level of an amount (not a rate), with a measure."""
    return _last(
        recs, lambda r: r["role"] in ("level", "to") and r["unit_family"] not in RATE_FAMILIES, "metric"
    )


def _last(
    recs: list[dict[str, Any]], keep: Callable[[dict[str, Any]], bool], named: str
) -> dict[str, Any] | None:
    """The last record with a `named` measure that `keep` accepts."""
    for i in range(len(recs) - 1, -1, -1):  # (an index loop: mypyc fails on reversed() over these dicts)
        if recs[i][named] and keep(recs[i]):
            return recs[i]
    return None


RATE_FAMILIES: Final = ("percent", "percentage_point", "permille", "ratio")


def _structure_name(s: str, end: int) -> tuple[int, int] | None:
    """Span of the last structure name before `end` in the sentence, within a few characters of it."""
    found = None
    for m in STRUCTURE_NAME.finditer(s, max(0, end - 24), end):
        found = m
    if found is None:
        return None
    a = found.start()
    while a < found.end() and s[a] in "的和与及":
        a += 1
    return a, found.end()


# The verb a structure's measure may end with (三次产业结构调整为…): not part of what is measured.
STRUCTURE_VERB: Final = re.compile(r"(?:进一步|逐步|持续)?(?:调整|优化|变化|转变|演变|改善|变动|变)$")


def _structure_part(
    recs: list[dict[str, Any]],
    rec: dict[str, Any],
    part: tuple[int, int],
    gap: int,
    first: dict[str, Any] | None,
) -> dict[str, Any]:
    """A structure's parts (5.1∶42.3∶52.6) share the first part's role and measure, each marked with its
    place ([2/3]) so no rule reads them as one measure with three values. A structure right after another of
    as many parts (由8.7∶41.2∶50.1调整为7.6∶43.6∶49.8) is what the first became: from and to, part by
    part, of the first's measure. `recs` are the sentence's records before this one, `gap` the characters
    since the last figure. Returns the structure's first part."""
    i, n = part
    if i == 0 or first is None:
        before = first
        first = rec
        met, key = rec["metric"] or "", rec["metric_key"] or ""
        if (v := STRUCTURE_VERB.search(key)) is not None:
            met, key = met[: max(0, len(met) - (len(key) - v.start()))], key[: v.start()]
        rec["_measure"] = (met, key)
        if (
            before is not None
            and before["_measure"][1]
            and recs
            and recs[-1].get("_part") == (n - 1, n)
            and gap <= numbers.STRUCTURE_NEXT
        ):
            rec["_measure"] = before["_measure"]
            rec["role"] = "to"
            for r in recs[-n:]:
                r["role"] = "from"
    if i > 0 or rec["role"] == "to":
        for key in ("role", "direction", "base_year", "qualifier"):
            rec[key] = first[key]  # 约为47.3:45.8:5.6: 约 is of every part
        if rec["role"] == "to" and len(recs) >= n and recs[-n].get("_part") == (i, n):
            rec["link_id"], recs[-n]["link_id"] = len(recs) - n, len(recs)
    met, key = first["_measure"]
    rec["metric"], rec["metric_key"] = f"{met}[{i + 1}/{n}]", f"{key}[{i + 1}/{n}]"
    rec["_part"] = part
    return first


def _lasted(rec: dict[str, Any]) -> bool:
    """A figure saying how long something lasted (连续9年稳定在…): what it measures is the years."""
    return rec["unit_family"] == "duration" and (rec["metric_key"] or "").startswith(metric.CONTINUED)


def _entity_key(doc: _Doc, p: scope.PlaceMention, s: str) -> str:
    """The key of a place mention; 全省 / 本市 (the document's own scope) is that scope, or the word itself in
    a document about no one place (a 全省 there is not the whole country)."""
    if p.key == scope.DOC_SCOPE:
        return doc.scope or s[p.start : p.end]
    return p.key


def _topic(s: str, places: list[scope.PlaceMention]) -> str | None:
    """The place a paragraph's first sentence opens with, if it opens with one."""
    for p in places:
        if p.kind in ("province", "city", "country", "region", "platform") and metric.only_lead(
            s, 0, p.start
        ):
            return p.key
        break
    return None


def _sentence_records(
    topic: str | None,
    doc: _Doc,
    sent: Sentence,
    quantities: list[numbers.Quantity],
    places: list[scope.PlaceMention],
    years: list[time.YearMention],
    carried: str | None,
    targets_from: bool,
    para_cue: re.Match[str] | None,
    national: bool,
    out: list[dict],
    told: dict[str, Any] | None = None,
    recent: dict[str, Any] | None = None,
) -> str | None:
    ent_key: str | None
    ent_text: str | None
    mention: scope.PlaceMention | None
    local: scope.PlaceMention | None
    s = sent.simp
    text = doc.clean.text[sent.start : sent.end]
    delims = [m.start() for m in CLAUSE_DELIM.finditer(s)]
    if delims and ("（" in s or "(" in s):
        # a comma inside a note (失业率（不含在校生，下同）平均为16.5%) ends no clause
        notes = [(m.start(), m.end()) for m in numbers.PARENTHETICAL_NOTE.finditer(s)]
        delims = [d for d in delims if not any(a < d < b for a, b in notes)]
    # a place a share is of stays in the measure: 占全国的33% and 占全球的33% are not the same figure
    # (a place after 占 names the whole, after 对/向 the partner: 对美国出口 is the measure, not its scope;
    # so is the rest of a list it opens: 对中国大陆及香港出口)
    in_measure: list[bool] = []
    for i, p in enumerate(places):
        in_measure.append(
            s[p.start - 1 : p.start] in PLACE_IN_MEASURE_BEFORE
            or s[max(0, p.start - 3) : p.start] in DESTINATION_BEFORE
            or MARKET_SHARE_AFTER.match(s, p.end) is not None
            or (
                i > 0 and in_measure[i - 1] and LIST_JOIN.fullmatch(s, places[i - 1].end, p.start) is not None
            )
        )
    subunits = (
        [m for m in SUBUNITS.finditer(s) if _opens_clause(s, m.start()) and not s.startswith("中", m.end())]
        if "个" in s or "各" in s
        else []
    )
    holes = [(p.start, p.end) for p, kept in zip(places, in_measure, strict=True) if not kept]
    holes += [_year_hole(s, y) for y in years]
    # (8个县（区）优良天数比例: the parts are the scope, not words of the measure)
    holes += [(m.start("unit"), m.end("unit")) for m in subunits]
    if "（" in s or "(" in s:
        # a note in parentheses (不含在校生，下同; 以下简称…) is no part of what is measured
        holes += [
            (m.start(), m.end()) for m in numbers.PARENTHETICAL_NOTE.finditer(s) if NOTE.search(m.group())
        ]
    prev_end = 0
    prev: dict[str, Any] | None = None
    # the previous record's entity when a place in its clause gave it
    prev_local: tuple[str, str | None] | None = None
    measure: dict[str, Any] | None = None  # the sentence's last record that is not how long something lasted
    local_recs: list[dict[str, Any]] = []
    structure: dict[str, Any] | None = None  # the first part of the structure being read
    figures: list[tuple[int, int, int]] = []  # (clause start, start, end) of each record, for 分别 lists
    entity_key = carried
    entity_mention = None
    place_i = 0
    cue = TARGET_CUE.search(s)
    while cue is not None and TARGET_MET_BEFORE.search(s, max(0, cue.start() - 4), cue.start()):
        cue = TARGET_CUE.search(s, cue.end())  # 完成年度预期目标: a result, not a target
    target_at = cue.start() if cue else len(s)
    # A target named as a noun (目标为700处) covers its own clause, not the result told after it (，实际布建
    # 727处), unless a colon opens a list of targets (目标为：…).
    target_to = len(s)
    if cue is not None and cue.group().startswith("目标") and s[cue.end() : cue.end() + 1] not in ":：":
        stop = CLAUSE_DELIM.search(s, cue.end())
        target_to = stop.start() if stop else len(s)
    orgs: dict[int, tuple[int, int] | None] = {}
    figure_spans = [(x.start, x.end) for x in quantities]
    basis = CURRENCY_BASIS.search(s) if "计" in s else None  # 以美元计价 (rare: one test a sentence)
    # a place right after 高于/占/居... is a reference, never the scope
    referenced = [
        # (in a province's or city's report 全国 is what it compares with, unless it heads its clause:
        # 2023年全国数字经济规模53.9万亿元)
        (doc.subnational and p.kind == "nation" and not _national_figure(s, p, delims))
        or REFERENCE_BEFORE.search(s, max(0, p.start - 2), p.start) is not None
        or part_of_measure
        for p, part_of_measure in zip(places, in_measure, strict=True)
    ]
    subject_like = [
        not ref and _is_subject(s, p.start, delims) for p, ref in zip(places, referenced, strict=True)
    ]
    section_year = doc.section_years.get(sent.section_path)
    section_place = doc.section_places.get(sent.section_path)

    for q in quantities:
        k = bisect.bisect_left(delims, q.start)
        clause_start = delims[k - 1] + 1 if k else 0
        prefix_start = max(prev_end, clause_start)
        lead = q.start
        if s[q.start - 1 : q.start] in PER_LAST and (per := PER_BEFORE.search(s, prefix_start, q.start)):
            lead = per.start()
        prefix = s[prefix_start:lead]
        after = s[q.end : q.end + 8]
        value, high, unit, unit_text, family = q.value, q.high, q.unit, "", q.family
        conf = 0.9
        review = False
        one_fold = q.chinese and unit == "倍" and value == 1
        role = changes.read_role(prefix, after, unit, one_fold)
        if (
            prev is not None
            and prev["role"] == "from"
            and role.role in ("level", "delta")
            and (to := changes.TO_AFTER_FROM.search(prefix))
        ):
            role = changes.Role("to", changes.direction_of(to.group("verb")), role.base_year)
        if one_fold and role.role == "delta":
            value, unit, family, unit_text = Decimal(100), numbers.PERCENT, "percent", numbers.PERCENT
        elif unit == "番":
            # 翻一番 doubles, 翻两番 quadruples: the ratio the doublings make (2, 4 倍)
            value, unit, unit_text = Decimal(2) ** int(value), "倍", "倍"
        elif q.unit_span:
            unit_text = text[q.unit_span[0] : q.unit_span[1]]
        else:
            unit_text = unit
        if not unit and "人次" in s:
            m = UNIT_BEFORE.search(s, clause_start, q.start)
            if m and m.start() >= clause_start:
                unit_text, family = text[m.start(1) : m.end(1)], "count"
                conf -= 0.2
        if (
            prev is not None
            and prefix
            and prefix[0] in changes.JOIN_CHARS
            and changes.JOIN_ONLY.match(prefix)
            and prev["role"] in ("delta", "to", "from")
        ):
            # 从46503元和16935元分别提高到…: a second start; otherwise the end after a start (由A和B: A→B)
            second_start = prev["role"] == "from" and changes.FROM_AFTER.match(after.removeprefix("分别"))
            role = changes.Role(
                "to" if prev["role"] == "from" and not second_start else prev["role"],
                prev["direction"],
                prev["base_year"],
            )
        # (增长7.3%至3800亿元, or in the next clause: 较上年提升6.2个百分点，达到41.8%)
        ends_change = prefix in END_AFTER_DELTA or (
            prev is not None and prev["role"] == "delta" and s[prev_end:lead] in REACHED_AFTER_DELTA
        )
        # 下跌7.3%至3800亿港元: the change's size, then the level it reached
        reached = prev is not None and ends_change and prev["role"] == "delta"
        if reached and prev is not None:
            role = changes.Role("to", prev["direction"], prev["base_year"])
        # the figure this one gives for an earlier period (增长5.2%（上年为4.8%）: a growth too), if it is one
        earlier = (
            prev
            if prev is not None
            and prefix[:1] in "（("
            and prev["role"] in ("delta", "level")
            and prev["unit_family"] == family
            and EARLIER_VALUE.match(prefix) is not None
            else None
        )
        if earlier is not None:
            role = changes.Role(earlier["role"], earlier["direction"], None)
        if unit == "倍" and role.role == "ratio" and role.direction:
            review = True  # 提升3倍: three times as much, or three times more?
        qual = qualifiers.qualifier(s, lead, q.end, q.hint)
        ymention = time.year_for(years, q.start, role.role == "from")
        year = ymention.year if ymention else section_year
        if ymention is None and year is not None:
            conf -= 0.1
        base_year = role.base_year
        base_value = False
        if (base := _base_value_of(s, years, q.start, role.role == "from")) is not None:
            if family == "ratio":
                base_year = base.year  # 是2019年的2.3倍: a multiple of that year's value
            else:
                ymention, year, base_year = base, base.year, None  # 较2020年的9323.1亿元 is 2020's value
                base_value = True
                if role.role == "level":
                    role = changes.Role("from", None, None)  # 比上年的4.78亿件增长14.0%: the start
        if (
            not base_value
            and base_year is None
            and year is not None
            and ("比" in prefix or "较" in prefix)
            and changes.SAME_PERIOD.search(prefix)
        ):
            base_year = year - 1
        if (
            base_year is None
            and role.role == "delta"
            and prev is not None
            and prev["role"] == "to"
            and prev["link_id"] is not None
            and (start_rec := local_recs[prev["link_id"]])["role"] == "from"
            and start_rec["year"] is not None
            and start_rec["year"] != year
        ):
            base_year = start_rec["year"]  # 从2020年的59.2%提高到2025年的63.5%，提高4.3个百分点: since 2020
        # role target: a cue before the figure, a target year, a target list, or a year after the document's.
        is_target = target_at < q.start < target_to or (ymention is not None and ymention.kind == "target")
        if is_target and ymention is None and year is not None and doc.pub_year and year < doc.pub_year:
            is_target = False  # a cue word inside a review section (积极争取, 预计) does not make a plan
        if targets_from and not is_target:
            is_target = True
        if (
            not is_target
            and "等" in s
            and any(m.start("list") <= q.start < m.end("list") for m in TARGETS_RECALLED.finditer(s))
        ):
            is_target = True
        if para_cue and para_cue.start() < q.start:
            is_target = True
        if not is_target and s[q.end : q.end + 1] in TARGET_AFTER_FIRST and TARGET_AFTER.match(s, q.end):
            is_target = True  # 贷款增长9%以上的预期目标
        if (
            not is_target
            and year is not None
            and doc.pub_year is not None
            and (year > doc.pub_year or (year == doc.pub_year and (doc.pub_month or 12) <= PLANNING_MONTHS))
            and REACHED.search(s) is None  # 据行业统计，2024年全年销量达到…，同比增长: told as reached
            # 2026年1-2月 in a report of March 2026: months already past
            and not (
                ymention is not None
                and year == doc.pub_year
                and (past := PAST_MONTHS.match(s, ymention.end)) is not None
                and int(past.group(1)) < (doc.pub_month or 0)
            )
        ):
            is_target, conf = True, conf - 0.1
        final_role = role.role
        if is_target and final_role in ("level", "to", "delta"):
            final_role = "target"
        # entity: the nearest place in the figure's clause, else the sentence's subject place, else carried.
        local = None
        while place_i < len(places) and places[place_i].start < q.start:
            p = places[place_i]
            if subject_like[place_i]:
                entity_key, entity_mention = _entity_key(doc, p, s), p
            place_i += 1
        local_i = -1
        for i in range(place_i - 1, -1, -1):
            p = places[i]
            if p.start < clause_start:
                break
            if not referenced[i]:
                local, local_i = p, i
                break
        listed_from = local_i
        while (
            listed_from > 0
            and s[places[listed_from - 1].end : places[listed_from].start] in PLACE_LIST_JOINS
            and not referenced[listed_from - 1]
        ):
            listed_from -= 1
        if local is not None and local.key == scope.DOC_SCOPE and doc.scope is None:
            # 浙江省全省通办: in a report about no one place, 全省 is the province just named before it.
            named = _named_before(places, referenced, i)
            if named is None:
                # 广东省以…见长，2022年全省…: the province the sentence is about, when of the word's level
                level = OWN_LEVEL.get(s[local.end - 1 : local.end])
                named = next(
                    (
                        places[j]
                        for j in range(i - 1, -1, -1)
                        if subject_like[j] and places[j].kind == level and level is not None
                    ),
                    None,
                )
            if named is not None:
                local = named
        ent_text = None
        if local is not None and listed_from < local_i and metric.RESPECTIVELY not in s:
            # 广东、江苏、山东、浙江、上海、北京6省市数字经济规模合计25.5万亿元: the places' total, not 北京's
            group = places[listed_from : local_i + 1]
            ent_key = "、".join(_entity_key(doc, g, s) for g in group)
            ent_text, mention = text[group[0].start : local.end], None
        elif local is not None:
            ent_key, mention = _entity_key(doc, local, s), local
        else:
            ent_key, mention = entity_key, entity_mention
        if (
            local is None
            and subunits
            and (sub := next((m for m in reversed(subunits) if m.end() <= q.start), None)) is not None
            and (entity_mention is None or entity_mention.start < sub.start())
            and (mention is None or mention.start < sub.start())
        ):
            # 8个县（区）…优良天数比例在89.3%～95.6%之间: the figures of the parts, not of the whole
            ent_key = "各" + sub.group("unit")
            ent_text, mention = "各" + text[sub.start("unit") : sub.end("unit")], None
        if ent_key == scope.NATION and section_place and scope.is_foreign(section_place):
            ent_key, mention = section_place, None  # 全国 in a section about Singapore is Singapore
        if ent_key is None:
            ent_key = topic or section_place
            ent_key, mention = ent_key or doc.default_entity or (scope.NATION if national else None), None
            conf -= 0.1
            if clause_start not in orgs:
                orgs[clause_start] = _subject_org(s, delims, q.start, figure_spans)
            org = orgs[clause_start]
            if ent_key is None and org is not None:
                ent_text = "".join(ch for ch in text[org[0] : org[1]] if ch not in metric.DROP)
                ent_key = metric.metric_key("".join(ch for ch in s[org[0] : org[1]] if ch not in metric.DROP))
        if family not in RATE_FAMILIES and s.startswith(metric.SHARE_WORD, clause_start):
            # 占全国新能源汽车产量1288.8万辆的34.9%: the whole's own figure is the place's after 占
            whole_of = next((p for p in places if p.start == clause_start + 1 and p.end <= q.start), None)
            if whole_of is not None:
                ent_key, ent_text = _place_entity(doc, whole_of, s, text)
        if ent_key is not None and ent_text is None:
            ent_text = _entity_text(doc, ent_key, mention, s, text)
        subject_start = max(clause_start, prev_end)
        whole_counted = (
            prev is not None
            and prev_end > clause_start
            and prev["unit_family"] == "count"
            and family == "percent"
            and s.startswith(metric.SHARE_WORD, clause_start)
        )
        if whole_counted:
            subject_start = clause_start  # 占全国31个省份的83.9%: the count names the whole
        if subject_start == prev_end and (post := metric.POST_QUALIFIER.match(s, prev_end, lead)):
            subject_start = post.end()  # 从30%左右提升到58.2%: 左右 is the previous figure's
        spans = metric.metric_spans(
            s,
            subject_start,
            lead,
            q.end,
            family == "count" and bool(unit),
            role.role in ("from", "to"),
            holes,
            share=family == "percent" and role.role == "level",
            measure=family in MEASURE_FAMILIES,
            duration=family == "duration",
            # (not after another figure of its clause: 迈上4万亿、5万亿两个台阶)
            headcount=not unit and not q.bare and prev_end <= clause_start and numbers.has_magnitude(s, q),
        )
        met = metric.join(text, spans) or None
        subject_of: tuple[str, str] | None = None  # the measure a plan's figure (为预算…的) is of
        met_key = metric.metric_key(metric.join(s, spans)) or None
        # a figure whose own words name no measure, only a change verb (提高) or nothing at all
        if met_key and LINK_WORDS_ONLY.fullmatch(met_key):
            met = met_key = None  # 为上年的1.8倍: the words left once the year is out measure nothing
            spans = []
        verb_only = met is None or changes.VERB_ONLY.fullmatch(met_key or "") is not None or ends_change
        if (
            verb_only
            and prev is None
            and told is not None
            and told["metric"]
            and role.role in ("to", "delta")
            and told["unit_family"] == family
        ):
            # a sentence after a semicolon that names no measure of its own: 2023年增至9.73亿
            met, met_key = metric.carry(told["metric"], told["metric_key"], text, s, spans)
        if met_key and metric.ANAPHOR.fullmatch(met_key) and (src := prev or recent) and src["metric"]:
            # 2019年该比例为68.8%: the measure the text just gave, whatever its period
            met, met_key = metric.without_trailing_verb(src["metric"], src["metric_key"] or src["metric"])
        elif earlier is not None and earlier["metric"]:
            met, met_key = earlier["metric"], earlier["metric_key"]  # the same measure, an earlier period
        elif reached and prev is not None and prev["metric"]:
            met, met_key = metric.without_trailing_verb(prev["metric"], prev["metric_key"] or prev["metric"])
        elif prev is not None and prev["metric"]:
            if verb_only or AVERAGE_ONLY.fullmatch(met_key or ""):
                # 粮食总产量1480.4亿斤，连续9年稳定在1400亿斤以上: the amount is of the measure, not the years
                src = measure if measure is not None and _lasted(prev) else prev
                if (
                    family == "percent"
                    and role.role == "delta"
                    and src["role"] == "level"
                    and SHARE_KEY.search(src["metric_key"] or "")
                    and (own := _last_unshared(local_recs)) is not None
                ):
                    # 名目民间消费…，占GDP比重46.3%，实质成长2.82%: the consumption grew (a share's own
                    # change is in points: 占比为68.5%，比上年提高1.2个百分点)
                    src = own
                if (
                    "_subject" in src
                    and src is prev
                    and family == "percent"
                    and s[prev_end:lead] in ("", "的")
                ):
                    # 为调整预算8487.3亿元的96.8%: the share of the budget the spending reached
                    met, met_key = prev["metric"], (prev["metric_key"] or "") + "完成率"
                    subject_of = src["_subject"]
                elif "_subject" in src:  # 为调整预算8487.3亿元的96.8%，增长4.6%: the spending grew
                    met, met_key = src["_subject"]
                    met, met_key = met + metric.join(text, spans), met_key + metric.join(s, spans)
                else:
                    met, met_key = metric.carry(src["metric"], src["metric_key"], text, s, spans)
                if local is None and prev_local is not None:
                    # 印度尼西亚的16.23万份，约增15%: the change is of the place's figure too
                    ent_key, ent_text = prev_local
            elif (
                spans
                and (
                    metric.COMPARE_ONLY.fullmatch(met_key or "")
                    or metric.SHARE_CLAUSE.fullmatch(met_key or "")
                )
                and prev["unit_family"] != "duration"  # 连续4年占全国九成: the share is not of the years
            ):
                src = prev
                if whole_counted and len(local_recs) > 1:
                    src = local_recs[-2]  # 26个省份…，占全国31个省份的83.9%: the 26, not the 31 of the whole
                elif (
                    metric.SHARE_CLAUSE.fullmatch(met_key or "") and prev["unit_family"] == "percentage_point"
                ):
                    # 规模达54.2万亿元，增长6.7%，高于…2.5个百分点，占GDP比重43.0%: a share of the amount
                    src = _last_amount(local_recs) or prev
                met, met_key = metric.carry_comparison(
                    src["metric"], src["metric_key"], text, s, spans, q.start
                )
            elif met and met_key and AGAINST_PLAN.fullmatch(met_key, skip := int(met[0] in "为為")):
                # 支出8215.7亿元，为调整预算8487.3亿元的96.8% / 收入3782.4亿元，完成调整预算的103.2%: the
                # budget and its completion are the spending's
                subject = prev.get("_subject") or metric.without_trailing_verb(
                    prev["metric"], prev["metric_key"] or prev["metric"]
                )
                met, met_key = subject[0] + met[skip:], subject[1] + met_key[skip:]
                subject_of = subject
            elif (
                family in MEASURE_FAMILIES and prev["metric_key"] and prev["unit_family"] in MEASURE_FAMILIES
            ):
                listed = metric.next_object(
                    prev["metric"], prev["metric_key"], text, s, prev_end, q.start, q.end
                )
                if listed is not None:
                    met, met_key = listed
        if (
            met is None
            and prev_end <= clause_start
            and s[clause_start : q.start].strip()
            and LINK_ONLY.fullmatch(s, clause_start, q.start)
            and (subject := metric.previous_subject(s, clause_start, holes))
        ):
            # 设施栽培信息化率最高，为45.6%: a clause of only a link (为, 由…年的) measures the one before
            met, met_key = (
                metric.join(text, subject) or None,
                metric.metric_key(metric.join(s, subject)) or None,
            )
        if (
            met is None
            and prev is None
            and told is not None
            and told["metric"]
            and told["unit_family"] == family
            and told["role"] in ("level", "to")
            and TOLD_LINK.fullmatch(s, 0, q.start)
        ):
            # 失业率平均为16.5%；2025年上半年为15.3%: the next period of the measure just told
            met, met_key = metric.without_trailing_verb(told["metric"], told["metric_key"] or told["metric"])
        if (
            (met is None or AVERAGE_WORDS.fullmatch(met_key or "") is not None)
            and local is not None
            and local.start >= subject_start
            and not s[subject_start : local.start].strip()
            and (LINK_ONLY.fullmatch(s, local.end, lead) or AVERAGE_LINK.fullmatch(s, local.end, lead))
            and (src := prev or recent) is not None
            and src["metric"]
            and src["unit_family"] == family
        ):
            # 知晓率为71.6%。分区域看，东部地区为68.9%: a clause of a place and a link gives that place's
            # value of the measure just told
            met, met_key = src["metric"], src["metric_key"]
        if met is None and (counted := next((m for m in subunits if m.start() == q.start), None)) is not None:
            # 8个县（区）: the count of the parts, named by them
            met, met_key = (
                text[counted.start("unit") : counted.end("unit")],
                s[counted.start("unit") : counted.end("unit")],
            )
        if role.role == "to" and met and met_key and TO_MARK.search(s, max(0, q.start - 8), q.start):
            met, met_key = metric.without_trailing_verb(met, met_key)  # 由52天缩短为34天: the days
            met, met_key = met or None, met_key or None
        if q.chinese:
            conf -= 0.1
        if q.vague:
            conf -= 0.15
        if not unit_text:
            conf -= 0.1
        conf = round(max(0.05, min(1.0, conf)), 2)
        if met_key and family != "currency" and basis is not None and basis.end() <= q.start:
            # 以美元计价，名目GDP…增加1.45%: a change of the amount in dollars is another measure
            reckoned = f"({basis.group('currency')}计)"
            if reckoned not in met_key:
                met_key += reckoned
        rec: dict[str, Any] = {
            "clean_start": sent.start + q.start,
            "clean_end": sent.start + q.end,
            "value": float(value),
            "value_text": _decimal_text(value),
            "value_high": float(high) if high is not None else None,
            "precision": q.precision,
            "unit": unit_text,
            "unit_family": family,
            "qualifier": qual,
            # the year the sentence states; a section's (一、2025年工作回顾) only in context_year
            "year": year if ymention is not None else None,
            "context_year": year,
            "base_year": base_year,
            "entity": ent_text,
            "entity_key": ent_key,
            "metric": met,
            "metric_key": met_key,
            "role": final_role,
            "direction": role.direction,
            "link_id": None,
            "sentence_id": sent.sentence_id,
            "confidence": conf,
            "needs_review": review or conf < 0.6,
        }
        if q.part is not None:
            if (
                q.part[0] == 0
                and not STRUCTURE_VERB.sub("", rec["metric_key"] or "")
                and (name_at := _structure_name(s, q.start))
            ):
                rec["metric"], rec["metric_key"] = text[name_at[0] : name_at[1]], s[name_at[0] : name_at[1]]
            structure = _structure_part(local_recs, rec, q.part, q.start - prev_end, structure)
        elif (
            prev is not None
            and prev["role"] == "from"
            and role.role in ("to", "from")
            and prev["link_id"] is None
        ):
            rec["role"] = "to" if final_role != "target" else final_role
            rec["link_id"] = len(local_recs) - 1
            prev["link_id"] = len(local_recs)
        rec["_bare"] = q.bare
        # a bare number kept: the base year's value (比上年（3.77）下降5.8%), or the change of an index the
        # sentence just gave (综合指数为3.55 … 提高0.14)
        rec["_base"] = base_value or (
            q.bare
            and final_role == "delta"
            and prev is not None
            and not prev["unit"]
            and (not prev["_bare"] or prev["_base"])
        )
        if subject_of is not None:
            rec["_subject"] = subject_of
        if q.is_range and q.low_end > q.start and high is not None:
            rec["_range"] = (sent.start + q.low_end, sent.start + q.high_start, high, q.high_precision)
        local_recs.append(rec)
        figures.append((clause_start, q.start, q.end))
        prev = rec
        prev_local = (ent_key, ent_text) if local is not None and ent_key is not None else None
        if rec["metric"] and not _lasted(rec):
            measure = rec
        prev_end = q.end
    if len(local_recs) > 1 and metric.RESPECTIVELY in s:
        spread = metric.respectively(
            s,
            text,
            figures,
            [(r["metric"], r["metric_key"]) for r in local_recs],
            [(y.start, y.end) for y in years],
            [(p.start, p.end) for p in places],
        )
        for n_rec, rec in enumerate(local_recs):
            rec["metric"], rec["metric_key"] = spread.metrics[n_rec]
            at = spread.places[n_rec]
            if at is not None:
                rec["entity_key"], rec["entity"] = _place_entity(doc, places[at], s, text)
    # bare numbers survive only as the linked ends of a change; link ids become document indexes.
    kept = [i for i, r in enumerate(local_recs) if not r["_bare"] or r["link_id"] is not None or r["_base"]]
    index: dict[int, int] = {}
    at = len(out)
    for i in kept:
        index[i] = at
        at += 2 if "_range" in local_recs[i] else 1
    for i in kept:
        rec = local_recs[i]
        del rec["_bare"]
        del rec["_base"]
        rec.pop("_measure", None)
        rec.pop("_subject", None)
        rec.pop("_part", None)
        rec["link_id"] = index.get(rec["link_id"]) if rec["link_id"] is not None else None
        out.append(rec)
        if "_range" in rec:
            out.append(_range_high(rec, *rec.pop("_range")))
    if kept:
        return entity_key
    return carried


def _range_high(rec: dict[str, Any], low_end: int, high_start: int, high: Decimal, precision: int) -> dict:
    """Split a range (10%—15%, 3至5年, 200~300亿元) into its two written numbers, as an annotator marks
    them: the low one a lower bound (>=), the high one an upper bound (<=), each with the shared unit."""
    hi = dict(rec)
    rec["clean_end"], rec["value_high"] = low_end, None
    hi["clean_start"], hi["value"], hi["value_text"] = high_start, float(high), _decimal_text(high)
    hi["value_high"], hi["precision"], hi["link_id"] = None, precision, None
    if rec["qualifier"] == "=":
        rec["qualifier"], hi["qualifier"] = ">=", "<="
    return hi


def _entity_text(doc: _Doc, key: str, mention: scope.PlaceMention | None, s: str, text: str) -> str:
    """The entity as the document writes it: the mention itself when it names the key (上海 for 上海市),
    else the key in the document's script (全省 -> 浙江省 in a Traditional report: 浙江省)."""
    if (
        mention is not None
        and mention.kind not in ("nation", "doc")
        and key.startswith(s[mention.start : mention.end])
    ):
        return text[mention.start : mention.end]
    if key == scope.NATION:
        return doc.to_doc_script(doc.nation_name)
    return doc.to_doc_script(key)


def _place_entity(doc: _Doc, p: scope.PlaceMention, s: str, text: str) -> tuple[str, str]:
    """(entity key, entity as written in the document's script) of a place mention."""
    key = _entity_key(doc, p, s)
    return key, _entity_text(doc, key, p, s, text)


def _named_before(
    places: list[scope.PlaceMention], referenced: list[bool], i: int
) -> scope.PlaceMention | None:
    """The named province or city right before places[i] (a 全省/本市 that refers back to it)."""
    for j in range(i - 1, -1, -1):
        p = places[j]
        if p.kind in ("province", "city") and not referenced[j] and places[j + 1].start - p.end <= 1:
            return p
        if p.kind != "doc":
            return None
    return None


def _subject_org(
    s: str, delims: list[int], before: int, figures: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The organisation or system that heads the nearest clause before `before` (after time words); never a
    phrase holding or followed by a figure (超六成企业, 建成十余个平台, 培育创新型中小企业300家 are what
    is counted, not who)."""
    if not any(w in s for w in ORG_WORDS):
        return None
    for start in reversed([0, *(d + 1 for d in delims if d < before)]):  # the nearest clause's own first
        pos = metric.skip_lead(s, start, len(s))
        m = SUBJECT_ORG.match(s, pos)
        if m and not any(a <= m.end() and m.start() < b for a, b in figures):
            return m.start(), m.end()
    return None


def _national_figure(s: str, p: scope.PlaceMention, delims: list[int]) -> bool:
    """Does 全国/我国 head a clause that gives the nation's measure (2023年全国数字经济规模53.9万亿元), not a
    name (全国文明城市, 全国重点实验室) or a comparison?"""
    if s[p.start : p.end] not in ("全国", "我国") or not _is_subject(s, p.start, delims):
        return False
    k = bisect.bisect_left(delims, p.end)
    stop = delims[k] if k < len(delims) else len(s)
    return NATIONAL_MEASURE.match(s, p.end, stop) is not None


def _is_subject(s: str, pos: int, delims: list[int]) -> bool:
    """A place at the head of its clause (after time words and connectives) is the clause's subject."""
    k = bisect.bisect_left(delims, pos)
    start = delims[k - 1] + 1 if k else 0
    if pos - start > SUBJECT_LEAD_MAX:
        return False
    return metric.only_lead(s, start, pos)


def _decimal_text(value: Decimal) -> str:
    """Exact decimal string without exponent (5.02E+13 -> 50200000000000) or trailing zeros (50.0 -> 50)."""
    text = str(value)
    if "E" not in text and "." not in text:
        return text  # a plain integer as written (most figures): already canonical
    return format(value.normalize(), "f")


# The currency a sentence reckons in (以美元计价, 按美元计算): its changes are of amounts in that currency.
CURRENCY_BASIS: Final = re.compile(
    r"(?:以|按)(?P<currency>美元|人民币|新台币|港元|港币|欧元|日元|英镑)(?:计价|计算|计)"
)
# What joins the places of a list (广东、江苏、山东): a figure after them, without 分别, is their total.
PLACE_LIST_JOINS: Final = frozenset(("、", "和", "及", "与"))
# The characters before a place that make it part of what is measured (占全国, 对美国出口, 向东盟出口).
PLACE_IN_MEASURE_BEFORE: Final = frozenset((metric.SHARE_WORD, "对", "向"))
# A market named before a firm's share of it (公司全球市占率29.8%, 国内市场份额9.1%): the market, not the
# scope.
MARKET_SHARE_AFTER: Final = re.compile(r"(?:市场)?(?:市占率|市场占有率|市场份额|份额)")
# …and the words that send trade to a place (出口至中国大陆及香港占52.6%: the destination, not the scope).
DESTINATION_BEFORE: Final = frozenset(("出口至", "出口到", "销往", "输往", "出口往", "进口自", "来自"))
# What may stand between two places of one list (中国大陆及香港: 大陆 is no place of the gazetteer's).
LIST_JOIN: Final = re.compile(r"[\u4e00-\u9fff]{0,2}?(?:及|和|、|与|以及)")
# The country of a document dated in the ROC calendar.
TAIWAN: Final = "台湾"
# A metric of nothing but linking words.
LINK_WORDS_ONLY: Final = re.compile(r"[为的是之达约/]+")  # (/: 68.5GW/178.2GWh)
# Marks a sentence has and a title has not.
TITLE_PROSE: Final = re.compile(r"[。；;！？!?，,]")


def find_year_mentions(clean: CleanText, structure: Structure) -> list[dict]:
    doc_year = time.document_year(structure)
    out: list[dict] = []
    # The sentences declaring the window and the publication date date nothing the report tells of, nor
    # does the title (智慧城市发展白皮书（民国114年版）, 2025年…统计公报: the document's edition or subject).
    # (a title line that reads as a sentence, as a text that opens straight with its body does, tells)
    declaring = {structure.window_sentence_id, structure.pub_date_sentence_id} - {None}
    title_id = structure.title_sentence_id
    if title_id is not None and not TITLE_PROSE.search(structure.sentences[title_id].simp):
        declaring.add(title_id)
    for sent in structure.sentences:
        window = sent.sentence_id in declaring
        for y in time.year_mentions(sent.simp, doc_year, window, structure.roc_years):
            out.append(
                {
                    "clean_start": sent.start + y.start,
                    "clean_end": sent.start + y.end,
                    "year": y.year,
                    "kind": "date" if y.kind == "title" else y.kind,
                    "sentence_id": sent.sentence_id,
                }
            )
    return out
