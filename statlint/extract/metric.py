"""The metric a figure quantifies: the noun phrase it belongs to, as written, and a key to group on.

Built from the figure's clause: the subject before the figure (数字经济规模达50.2万亿元), the noun after a
count (200类高频证照) or after 的 (覆盖90%的三甲医院), with time words, places, quotes, adverbs and
comparison words removed. The result is a list of spans of the sentence so it can be quoted in either script.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Final

from statlint.extract.changes import DATED, DOWN, JOIN_CHARS, UP
from statlint.extract.numbers import THRESHOLD_AFTER
from statlint.extract.qualifiers import COMPARISON_SIGNS, CURRENCY_BEFORE
from statlint.extract.trie import word_starts

# Words that end the subject: linking verbs, comparison words and the verb of a change's end (提升至). A
# 比 followed by a verb ends a ratio's name (城乡居民收入比降至2.2), not a comparison (比上年增长).
TRAIL_SOURCE: Final = (
    r"(?:(?:提升|提高|增长|增加|上升|扩大|下降|降低|减少|缩短|压缩|缩小|回升|攀升|跃升|下滑|回调|反弹|降|增|升|减|延长|回落|整合|合并)(?:为|了)?(?:至|到)"
    rf"|\+|＋|[{COMPARISON_SIGNS}]|{'|'.join(CURRENCY_BEFORE)}|"
    r"不少于|不低于|不超过|不高于|不多于|不小于|不大于|至少|最多|至多|从|由|翻了|翻|达到|达|为|是|约为|约|将近|接近|近|首次|超过|超出|超|(?<![经通度不难越])过|突破|逾|不足|不到|低于|高于|仅为|仅有|仅|只有|高达|多达|"
    r"平均|了|已经|已|分别|共计|共有|共|合计|总计|有|占|仍有|仍|(?<![日年月人户周季])均|都|也|将|要|保持在|保持|稳定在|控制在|"
    r"实现|完成|在|于|以|中|(?<!比)较[^,]{0,6}|是[^,是]{0,8}的|(?<![同环占])比(?![重例率值降缩收回升提扩保稳维为是达较约]|上升)[^,]{1,6})$"
)
# The lookahead repeats the words' first characters as one class, so a search skips the positions where no
# word starts instead of trying every alternative there (3 x faster; every word starts with a CJK character).
# (+ is not a CJK word: 同比+12.3% leaves it after the subject)
TRAIL_FIRST: Final = re.escape("".join(sorted(word_starts(TRAIL_SOURCE) | set("+＋" + COMPARISON_SIGNS))))
TRAIL: Final = re.compile(f"(?=[{TRAIL_FIRST}]){TRAIL_SOURCE}")
TRAIL_WINDOW: Final = 12
# Words that start a clause without being part of the metric: list and quote marks (1. , - , > ), discourse
# markers, time phrases, sources.
LEAD: Final = re.compile(
    r"(?:[^,，。]{0,20}?(?:会议|大会|规划|计划|方案|纲要)(?:确定|提出|明确|设定|审议通过|下达)的|"
    r"[^,，。]{0,10}?(?:确定|提出|设定|下达)了?(?:全年|年度|今年)?(?=[\u4e00-\u9fff])|"
    r"\d{1,2}[.．]\s+|\d{1,2}[、)）]\s*|[-*+•·]\s+|>\s*|例如|比如|(?:若|如)按照?|其中|同时|此外|另外|目前|当前|截至目前|截至[^,]{0,10}?(?:底|末|月)|近年来|近期|全年|"
    r"年内|期间|据[^,]{0,24}?(?:显示|统计|数据|测算)|(?:从|就)[^,]{1,10}?(?:来看|看)(?=[,，])|典型案例是|典型案例为|案例显示|如|(?:(?:19|20)\d{2}|民国\s*\d{2,3}|1[0-4]\d)\s*年(?:底|末|上半年|下半年|前三季度|前[一二两三四五六七八九十\d]{1,2}个?(?:季度|月))?(?:前|以前|之前|以来)?|"
    r"(?:今年|去年|上年)(?:上半年|下半年|前[一二两三四五六七八九十\d]{1,2}个?(?:季度|月))|"
    r"今年|去年|上年|明年|过去一年|一年来|过去五年|五年来|[“\"「]?十[一二三四五六]五[”\"」]?(?:时期|期间)?|"
    r"在此基础上|与此同时|并且|并|且|而|但|其|总体上|整体上|已经|已|仍有|仍|共有|共(?![享同建治商担性识赢富])|累计共|还有|还|也|均|都|"
    r"(?:以上|以下|左右|以内)(?=[、,，])|[“\"「『]|实现了?|推动|帮助|助力|使|让|通过|依托|导致|造成|使得|致使|因此|因而|所以|(?:较|比|相比|与|相较于?)[^,]{0,8}?年(?:\d{1,2}月)?(?:末|底|初|前|以前)?(?:相比|同期)?|扣除价格因素(?:影响)?|按(?:可比|不变|现行)价格计算|预计|力争|争取|计划|确定|明确|提出|在?[^,]{1,8}(?:方面|层面|领域)(?=[,，:：])|在[^,]{1,8}(?:方面|层面|领域)(?:中|里|上|内)?|和|及|与|、)"
)
# Words after a place that opens a clause and are not what is measured (全国共有…, 全省已建成…); not 都,
# which starts words (武汉都市圈).
AFTER_PLACE: Final = re.compile(
    r"(?:共有|共计|累计共有|累计|共(?![享同建治商担性识赢富])|已经|已有|已|还有|仍有|实现了?|全年)+"
)
# Adverbs that may sit inside the subject and are not what is measured.
ADVERB: Final = re.compile(
    r"已经|已|正在|持续|逐步|进一步|仍然|仍|同比|环比|按年|按季|按月|大约|大概|YoY|yoy|MoM|QoQ"
)
# Characters dropped from the metric: quotes, book-title marks, brackets, spaces.
DROP: Final = set("“”‘’\"'「」『』《》〈〉()（） \t")
DROP_RE: Final = re.compile("[" + re.escape("".join(sorted(DROP))) + "]+")
# Both in one pass: their characters never overlap, so the matches are those of each pattern alone.
# (behind a lookahead of the characters a match starts with, for the same reason as TRAIL)
ADVERB_OR_DROP_FIRST: Final = "".join(sorted({w[0] for w in ADVERB.pattern.split("|")} | DROP))
ADVERB_OR_DROP: Final = re.compile(
    f"(?=[{re.escape(ADVERB_OR_DROP_FIRST)}])(?:{ADVERB.pattern}|{DROP_RE.pattern})"
)
# The disposal marker before the object of a change (将/把 X 由A压缩至B); the last one wins.
DISPOSAL: Final = re.compile(r"(?<![即必终])[将把](?![近要会在于来握关])(?!.*[将把])")
# Where the subject of a change stops: 从/由 start the change itself.
FROM_MARK: Final = re.compile(r"从|由")
# What follows the start of a change (从80户增加到810户): the verb of its end, not a noun the count counts.
CHANGE_END_AHEAD: Final = re.compile(rf"(?:{UP}|{DOWN})(?:为|了)?(?:至|到)")
# The dated end of a change's subject window (增长到2025年的4.93万亿元): the year is left out of the metric
# anyway, and with it cut the change verb before it is stripped like any trailing verb.
DATED_END: Final = re.compile(rf"{DATED}(?:约|近|超过|不足|不到)?$")
# After a figure: 以上/左右 then 的 then the noun it describes (覆盖90%以上的政务服务事项); a percentage may
# also run straight into what it is a share of (70%老人放弃就餐, 仅28%设立专职数据管理机构).
OF_NOUN: Final = re.compile(r"(?:以上|以下|以内|左右|多|余)?的")
# A target named after its figure (增长9%以上的预期目标, 控制在30以内的约束性指标): no noun the figure counts.
TARGET_NOUN_AFTER: Final = re.compile(r"(?:年度|全年|主要|发展)?(?:预期性?|约束性)?(?:目标|任务|指标)")
SHARE_OF: Final = re.compile(
    r"(?:以上|以下|以内|左右|多|余)?(?=[\u4e00-\u9fff])(?!以上|以下|左右|以内|之间|之内|区间|和|及|与|或|、|[低高]于|超过|[多少大小]于|不足|不到|比|较)"
)
# The phrase after 的 or a share runs to the next punctuation.
PHRASE_STOP: Final = set(',，。；;:：()（）"')
PHRASE_MAX: Final = 18
# The noun after a count ends at punctuation, a function word or a verb-like character.
NOUN_STOP: Final = set(",，。；;:：、()（）的全均都已将被把在等和及或并使让获覆为是达")
NOUN_MAX: Final = 12
# Qualifier words between a count and its noun (30户以上智能工厂).
POST_QUALIFIER: Final = re.compile(r"以上|以下|以内|左右|多|余")
# What follows 的 when a figure is the base something builds on (…213.6万标箱的基础上): no noun it counts.
BASIS_AFTER: Final = re.compile(r"(?:基础|水平|规模)(?:上|之上)")
# The characters OF_NOUN and POST_QUALIFIER matches start with: the patterns are tried only after one.
OF_NOUN_FIRST: Final = "以左多余的"
SUBJECT_MAX: Final = 24
# 按保有量2014万辆计算: the figure is the basis of a reckoning; what follows is the verb, not what it counts.
RECKONED: Final = ("计算", "测算", "估算", "核算", "折算", "统计")
PARENTHETICAL: Final = re.compile(r"（[^（）]{1,20}）|\([^()]{1,20}\)")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) of text: leading clause words, trailing predicate words, repeatedly."""
    while start < end:
        m = LEAD.match(text, start, end)
        if not m or m.end() == start:
            break
        start = m.end()
    while start < end:
        m = TRAIL.search(text, max(start, end - TRAIL_WINDOW), end)
        if not m or m.start() == m.end() or (m.start() == start and text.startswith(ACTION_VERB, start)):
            break  # 完成46.1万亩高标准农田建设: an action alone stays; its object follows the figure
        end = m.start()
    return start, end


def _noun_after(s: str, pos: int, pat: re.Pattern[str]) -> tuple[int, int] | None:
    start = pos + len(NATION_HEAD) if s.startswith(NATION_HEAD, pos) else pos  # 2家全国重点实验室
    m = pat.match(s, start)
    if m is None:
        return None
    end = m.end()
    while s.startswith("发达", end - 1):  # 39个欠发达县域: 达 ends a noun as a verb (达到), not in 发达
        more = pat.match(s, end + 1)
        end = more.end() if more else end + 1
    if end - start == 1 and s[start] in ONE_CHARACTER_NOUNS:
        return pos, end  # 9个县（区）获评, 16个区均被评为
    return (pos, end) if end - start >= 2 else None


# Where the people a headcount counts are named (困难群众, 监测对象, 新就业形态人员): the noun ends there.
PEOPLE_END: Final = re.compile(
    r"人口|人员|群众|群体|对象|家庭|农民工|农民|学生|儿童|老年人|老人|妇女|职工|居民|残疾人|患者|游客|人次|人"
)
# Nouns of one character that a count may count: administrative divisions.
ONE_CHARACTER_NOUNS: Final = frozenset("县市区省村镇乡州盟旗")
# 全国 opens a counted noun (2家全国重点实验室), though 全 stops a noun elsewhere (5个全覆盖).
NATION_HEAD: Final = "全国"


def _run_of(stop: set[str], limit: int) -> re.Pattern[str]:
    """A run of up to `limit` characters that are neither stop characters nor digits."""
    return re.compile("[^" + re.escape("".join(sorted(stop))) + "\\d]{1," + str(limit) + "}")


NOUN_RE: Final = _run_of(NOUN_STOP, NOUN_MAX)
PHRASE_RE: Final = _run_of(PHRASE_STOP, PHRASE_MAX)
LASTED_RE: Final = _run_of(PHRASE_STOP | {"、"}, PHRASE_MAX)


def metric_spans(
    s: str,
    clause_start: int,
    q_start: int,
    q_end: int,
    count: bool,
    cut_from: bool,
    holes: list[tuple[int, int]],
    share: bool = False,
    measure: bool = False,
    duration: bool = False,
    headcount: bool = False,
) -> list[tuple[int, int]]:
    """Spans of sentence s that make up the metric of the figure s[q_start:q_end].

    `holes` are spans to leave out (places, years). `cut_from` cuts the subject at 从/由 (both ends of a
    change share the subject). `measure`: the figure is a physical quantity (an area, a mass, a power),
    which may be followed by what it measures; `duration`: a length of time (连续24个月保持…); `headcount`:
    a number with a magnitude but no unit, which counts the noun after it when nothing before names a
    measure (为138万残疾人发放生活补贴).
    """
    start, end = clause_start, q_start
    if cut_from:
        m = FROM_MARK.search(s, start, end)
        if m:
            end = m.start()
        m = DATED_END.search(s, start, end)
        if m:
            end = m.start()
        # 通过数据共享将企业开办时间由15个工作日压缩至1个: what changes is the object of 将/把
        m = DISPOSAL.search(s, start, end)
        if m and end - m.end() >= 2:
            start = m.end()
    start, end = _strip(s, start, end)
    for a, b in holes:
        if a == start and b < end and (m := AFTER_PLACE.match(s, b, end)):
            start = m.end()  # 全国共有各类学校: the words that follow a leading place go too
    if end - start > SUBJECT_MAX:
        # (a parenthetical note inside the subject does not count: 比重（即市场渗透率）)
        noted = sum(m.end() - m.start() for m in PARENTHETICAL.finditer(s, start, end))
        start = max(start, end - SUBJECT_MAX - noted)
    nxt = s[q_end : q_end + 1]
    after = OF_NOUN.match(s, q_end) if nxt and nxt in OF_NOUN_FIRST else None
    if after is None and share:
        after = SHARE_OF.match(s, q_end)
    noun = None
    if after and TARGET_NOUN_AFTER.match(s, after.end()):
        after = None  # 增长9%以上的预期目标: the figure is a target of the measure before it
    if after and BASIS_AFTER.match(s, after.end()):
        # 在海铁联运量213.6万标箱的基础上: the figure is a starting point, its measure the words before
        after = None
        if s.startswith("在", start):
            start += 1
    if after:
        noun = _noun_after(s, after.end(), PHRASE_RE)
    elif count:
        post = POST_QUALIFIER.match(s, q_end) if nxt and nxt in OF_NOUN_FIRST else None
        at = post.end() if post else q_end
        if not (cut_from and CHANGE_END_AHEAD.match(s, at)) and not s.startswith(RECKONED, at):
            noun = _noun_after(s, at, NOUN_RE)
        if noun:
            return _cut(s, [noun], holes)
    if (
        headcount
        and only_lead(s, start, end)
        and not THRESHOLD_AFTER.match(s, q_end)  # 20万以上人口县: a threshold, not a headcount
        and (noun := _noun_after(s, q_end, NOUN_RE))
    ):
        people = PEOPLE_END.search(s, noun[0], noun[1])
        if people is not None:  # 138万残疾人发放生活补贴: the people counted, not what was done for them
            noun = (noun[0], people.end())
        return _cut(s, [noun], holes)
    spans = _cut(s, [(start, end)], holes) if end > start else []
    if spans and s[spans[0][0]] == "的":  # 较2020年的9323.1亿元: what was left of a base year
        a, b = spans[0]
        spans = ([(a + 1, b)] if b > a + 1 else []) + spans[1:]
    if noun:
        spans += _cut(s, [noun], [])  # places after 的 are what is counted (覆盖60%的城市社区)
    elif duration and spans and s.endswith(CONTINUED, spans[-1][0], spans[-1][1]):
        # 连续24个月保持两位数增长: what lasted follows the figure, up to the clause's end
        noun = _noun_after(s, q_end, LASTED_RE)
        if noun:
            spans += _cut(s, [noun], holes)
    elif measure and end > start and ACTION_ONLY.fullmatch(s, start, end):
        # 完成46.1万亩高标准农田建设: the subject is only the action; what was done follows the figure
        noun = object_after(s, q_end)
        if noun:
            spans += _cut(s, [noun], holes)
    return spans


# What a clause says of its subject after naming it (设施栽培信息化率最高, 市场规模逐年攀升): not the measure.
VERDICT_END: Final = re.compile(
    r"(?:最高|最低|最大|最小|最多|最少|最快|最慢|领先|居首|居前|"
    r"(?:逐年|持续|稳步|不断|快速|明显|显著|大幅|进一步)?(?:攀升|增长|提升|提高|扩大|上升|增加|下降|回落|减少|改善|加快))$"
)


def previous_subject(s: str, clause_start: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The subject of the clause before clause_start (its own figure-free words, without what it says of
    them): the measure of a figure whose clause names none (设施栽培信息化率最高，为45.6%; 市场规模逐年攀升，
    由2020年的623.4亿元增至…)."""
    end = clause_start - 1
    if end <= 0:
        return []
    start = max(s.rfind(c, 0, end) for c in ",，;；:：。") + 1
    if any(ch.isdigit() for ch in s[start:end]):
        return []  # the clause before holds figures of its own: no bare subject
    start, end = _strip(s, start, end)
    m = VERDICT_END.search(s, start, end)
    if m is not None and m.start() > start:
        end = m.start()
    start, end = _strip(s, start, end)
    return _cut(s, [(start, end)], holes) if end - start >= 2 else []


def object_after(s: str, q_end: int) -> tuple[int, int] | None:
    """The noun right after a figure (46.1万亩高标准农田建设 -> 高标准农田建设), unless a clause of its own
    starts there (2.29亿元实施…工程)."""
    post = POST_QUALIFIER.match(s, q_end) if s[q_end : q_end + 1] in OF_NOUN_FIRST else None
    noun = _noun_after(s, post.end() if post else q_end, NOUN_RE)
    return noun if noun and not NOT_AN_OBJECT.match(s, noun[0]) else None


def next_object(
    prev_metric: str, prev_key: str, text: str, s: str, prev_end: int, q_start: int, q_end: int
) -> tuple[str, str] | None:
    """完成2100万千瓦火电机组、2812万吨钢铁产能超低排放改造: the second figure is another object of the first
    one's action (完成钢铁产能), not a figure of the first one's object. None unless the words between the
    two figures are the first one's object and a list mark, and an object follows this figure."""
    if q_start - prev_end < 3 or s[q_start - 1] not in "、和及与":
        return None
    gap_key = metric_key(s[prev_end : q_start - 1])
    if not gap_key or not prev_key.endswith(gap_key) or len(prev_key) == len(gap_key):
        return None
    noun = object_after(s, q_end)
    if noun is None:
        return None
    gap_text = text[prev_end : q_start - 1].strip()
    action_text = prev_metric[: len(prev_metric) - len(gap_text)] if prev_metric.endswith(gap_text) else ""
    action_key = prev_key[: len(prev_key) - len(gap_key)]
    return action_text + text[noun[0] : noun[1]], action_key + metric_key(s[noun[0] : noun[1]])


CONTINUED: Final = "连续"
# The action verb that is also a trailing verb (固定资产投资完成1.2万亿元).
ACTION_VERB: Final = "完成"
# A subject that names only an action (完成, 新建, 惠及): the figure's measure needs the object after it.
ACTION_ONLY: Final = re.compile(
    r"(?:累计|新|全年|共)?(?:完成|建成|新建|新改建|改建|改造|建设|开工|实施|推广|治理|营造|修复|种植|"
    r"整治|恢复|退出|压减|淘汰|关停|化解|腾退|盘活|新增|惠及|覆盖|带动)"
)
# ...unless what follows is another clause (筹措2.29亿元实施…工程, 新增500亿元用于…).
NOT_AN_OBJECT: Final = re.compile(
    r"用于|用来|实施|支持|帮助|带动|推动|比|较|同比|增长|下降|提高|减少|以上|以下"
)


def _cut(s: str, spans: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Remove holes, dropped characters and adverbs from spans, keeping the pieces in order."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        gone = [(max(a, h0), min(b, h1)) for h0, h1 in holes if h0 < b and h1 > a]
        gone += [m.span() for m in ADVERB_OR_DROP.finditer(s, a, b)]
        gone.sort()
        pos = a
        for g0, g1 in gone:
            if g0 > pos:
                out.append((pos, g0))
            pos = max(pos, g1)
        if pos < b:
            out.append((pos, b))
    return out


def join(text: str, spans: list[tuple[int, int]]) -> str:
    return "".join(text[a:b] for a, b in spans).strip(" ,，、:：")


# Characters a grouping key leaves out: spaces and punctuation.
# (A regex substitution: str.translate with a deletion table costs twice as much on these short strings.)
KEY_DROP: Final = re.compile("[ \t\n,，、:：;；.。]+")


def metric_key(simp_metric: str) -> str:
    """Grouping key: Simplified, without spaces and punctuation, and without the words that count a stock
    rather than name it (已建成互联网医院 and 互联网医院数量 are one measure)."""
    key = KEY_DROP.sub("", simp_metric)
    if len(key) > MIN_STOCK_KEY and (key.startswith(STOCK_LEAD) or key.endswith(STOCK_TAIL)):
        m = STOCK_WORDS.fullmatch(key)
        if m is not None and len(m.group("name")) >= MIN_STOCK_KEY:
            return m.group("name")
    return key


# A stock counted (已建成…, …数量): the thing counted is the key. Only for names at least this long.
MIN_STOCK_KEY: Final = 3
STOCK_LEAD: Final = ("已建成", "累计建成", "建成", "拥有", "现有", "已有", "共有")
STOCK_TAIL: Final = ("数量", "个数", "总数")
# (建成区 is a word of its own: the built-up area)
STOCK_LEAD_RE: Final = "(?:已建成|累计建成|建成)(?!区)|拥有|现有|已有|共有"
STOCK_TAIL_RE: Final = "|".join(STOCK_TAIL)
STOCK_WORDS: Final = re.compile(rf"(?:{STOCK_LEAD_RE})?(?P<name>.+?)(?:{STOCK_TAIL_RE})?")


def skip_lead(s: str, start: int, end: int) -> int:
    """Position after the clause-opening words (time, connectives, 例如) at s[start:end]."""
    while start < end:
        m = LEAD.match(s, start, end)
        if not m or m.end() == start:
            break
        start = m.end()
    return start


def only_lead(s: str, start: int, end: int) -> bool:
    """Is s[start:end] nothing but clause-opening words?"""
    return skip_lead(s, start, end) >= end


TRAILING_VERB: Final = re.compile(
    r"(?:年均|平均|同比|环比|按年)?(?:名义|实际)?(?:提升|提高|增长|成长|增加|上升|上涨|攀升|扩大|下降|降低|下跌|下滑|回落|减少|缩短|压缩|缩小|节约|节省|节水|增收|增产|减产|降|增|减)$"
)


# A measure named only by pointing back (该比例, 这一指标, 上述比重): the measure the text just gave.
ANAPHOR: Final = re.compile(
    r"(?:该|此|这一?|上述|前述|同一)(?:项|个)?(?:比例|比重|占比|比率|指标|数字|数值|数据|规模|水平|数量|总量|人数)"
)


def carry(
    prev_metric: str, prev_key: str | None, text: str, s: str, spans: list[tuple[int, int]]
) -> tuple[str, str]:
    """Metric of a figure whose own clause names only a verb (较2020年提高25个百分点, 、增收15%): the previous
    figure's subject plus this verb."""
    subject, key = without_trailing_verb(prev_metric, prev_key or prev_metric)
    return subject + join(text, spans), key + join(s, spans)


def without_trailing_verb(metric_text: str, key: str) -> tuple[str, str]:
    """A metric and its key without the change verb they end with (地区生产总值增长 -> 地区生产总值). The
    key may be shorter than the text (PM2.5 -> PM25, list marks dropped): each is cut by the verb's length."""
    m = TRAILING_VERB.search(key)
    if m is None:
        return metric_text, key
    cut = len(metric_text) - (len(key) - m.start())
    return metric_text[: max(0, cut)], key[: m.start()]


# A metric that is nothing but a comparison with a place (增长5.4%、高于全国0.4个百分点 -> 高于): the gap is
# the previous figure's measure compared with that place.
# ...or a contribution to another measure (政府消费…实质成长3.15%，对经济成长贡献0.41个百分点): whose is
# the previous figure's subject.
COMPARE_ONLY: Final = re.compile(
    r"(?:高于|低于|快于|慢于|超过|超出|领先|落后于?|占|对[\u4e00-\u9fff]{1,8}?(?:贡献率|贡献度|贡献|拉动))"
)
SHARE_WORD: Final = "占"
# A clause that is only a share of something named (占总人口的15.4%, 占网民整体的29.8%): the share is of the
# measure the sentence just gave (65岁及以上老年人口2.17亿人 -> 65岁及以上老年人口占总人口的).
SHARE_CLAUSE: Final = re.compile(r"占[^,，;；。占]{1,16}")


def carry_comparison(
    prev_metric: str, prev_key: str | None, text: str, s: str, spans: list[tuple[int, int]], q_start: int
) -> tuple[str, str]:
    """高于全国0.4个百分点 after 地区生产总值增长5.4%: 地区生产总值增长高于全国 (the place kept). A share
    (占全国23.6% after 棉花总产616.5万吨, or after 产量增长39%) is of the measure, not of its change:
    棉花总产占全国, 产量占全国."""
    a = spans[0][0]
    _, q_start = _strip(s, a, q_start)  # 占全国比重升至6.5%, 占全国近三成: the predicate words go
    if s[q_start - 1 : q_start] == "的" and q_start - 1 > a:
        q_start -= 1  # 占总人口的15.4%: 占总人口
    key = prev_key or prev_metric
    own = metric_key(join(s, [(a, q_start)]))
    if key.endswith(own):
        return prev_metric, key  # 东部地区数字经济规模占比58.2%，中部地区占比21.3%: the same share again
    if s.startswith(SHARE_WORD, a):
        prev_metric, key = without_trailing_verb(prev_metric, key)
    return prev_metric + join(text, [(a, q_start)]), key + own


# 分别 ("respectively") hands a list of subjects to a list of figures, in order: 原煤、天然气产量分别增长
# 5%、8% -> 原煤产量增长 5%, 天然气产量增长 8%; 上海市、浙江省网办率分别达到92%、88% -> 上海市 92%,
# 浙江省 88% (when places are listed, the scope is what is listed).
RESPECTIVELY: Final = "分别"
LIST_SEPARATOR: Final = r"[、和及与]|以及"
LIST_SEPARATOR_RE: Final = re.compile(LIST_SEPARATOR)
PREVIOUS_CLAUSE_MARKS: Final = "，,；;：:。"
# Between two figures of the list only a separator may stand (6.8%、12.3%和7.8%), after the first one's
# qualifier (5%左右、6%以上).
FIGURE_JOIN: Final = re.compile(rf"(?:左右|以上|以下|以内)?\s*(?:[{JOIN_CHARS}]|以及)\s*")
# The listed items share the last item's tail (食品、药品抽检合格率 -> 食品抽检合格率; 城镇和农村居民
# 人均可支配收入 -> 城镇居民人均可支配收入) when that tail starts with a word that heads a measure. Without
# a word list the split point is a guess (原煤、原油、天然气产量 must give 原煤产量, not 原煤气产量).
# Measure heads (增加值, 产量, 合格率) are shared by items of any length; nouns that also stand alone (投资,
# 贷款, 出口) only by short items (对非洲、拉美市场出口), not by a phrase (城镇新增就业、新增发放创业担保
# 贷款).
STRONG_TAIL_WORDS: Final = (
    "居民|人均|常住|抽检|建成区|面积|产量|产值|增加值|营业收入|余额|人数|数量|总额|规模|占比|比重|"
    "覆盖率|普及率|达标率|合格率|满意率|增速"
)
WEAK_TAIL_WORDS: Final = "人口|家庭|职工|收入|市场|出口|进口|投资|贷款|排放|消费|销售|用电量|装机"
SHARED_TAIL_START: Final = re.compile(f"{STRONG_TAIL_WORDS}|{WEAK_TAIL_WORDS}")
WEAK_TAIL: Final = frozenset(WEAK_TAIL_WORDS.split("|"))
# An item ending in one of these is a measure already (事故起数、死亡人数): nothing to share.
MEASURE_END: Final = "数率额量值费比重积入耗度"
# A longer item is a phrase of its own: it takes only a tail that starts with a measure head.
SHORT_ITEM: Final = 4
# The verb after 分别 that the metric keeps (增长, 下降, 提高): linking verbs (达到, 为) are dropped.
KEEP_VERB: Final = re.compile(
    r"(?P<verb>提升|提高|增长|增加|上升|扩大|下降|降低|减少|缩短|压缩|缩小|回落|增|降)了?(?:到|至)?$"
)


@dataclass(slots=True)
class Spread:
    """What a 分别 list gives each figure: its metric (as written, key) and, when places are listed, the
    index of its place in the sentence's place list (None: keep the figure's own)."""

    metrics: list[tuple[str | None, str | None]]
    places: list[int | None]


def respectively(
    s: str,
    text: str,
    figures: list[tuple[int, int, int]],
    metrics: list[tuple[str | None, str | None]],
    years: list[tuple[int, int]],
    places: list[tuple[int, int]],
) -> Spread:
    """Distribute 分别 lists over a sentence's figures. `figures` holds each figure's (clause start, start,
    end), `metrics` what was read for it alone (returned unchanged where no list applies), `years` and
    `places` the spans of those words. Two shapes are read: subjects listed before 分别 in the same clause,
    or, when that clause names one subject, the figures just before it (接待游客17.5亿人次、旅游花费1.3万亿元,
    分别增长32.9%、41.6%: each growth takes its figure's metric)."""
    out = Spread(list(metrics), [None] * len(figures))
    i = 0
    n = len(figures)
    while i < n:
        clause_start, q_start, _ = figures[i]
        at = s.rfind(RESPECTIVELY, clause_start, q_start)
        if at < 0:
            i += 1
            continue
        j = i + 1
        while j < n and FIGURE_JOIN.fullmatch(s, figures[j - 1][2], figures[j][1]):
            j += 1
        k = j - i
        if k >= 2:
            verb_m = KEEP_VERB.search(s, at + len(RESPECTIVELY), q_start)
            verb = (verb_m.start("verb"), verb_m.end("verb")) if verb_m else None
            items = _subject_items(s, skip_lead(s, clause_start, at), at)
            items = [(a, b) for a, b in items if not ADVERB.fullmatch(s, a, b)]  # 同比分别增长: no subject
            listed = _places_listed_before(s, clause_start, places) if len(items) <= 1 else []
            if len(items) == k:
                _spread_items(s, text, items, out, i, years, places, verb)
            elif len(listed) == k:
                # 广东、浙江、上海位居前三，得分分别为89.1分、88.7分和87.9分: the places of the clause before
                out.places[i : i + k] = listed
            elif len(items) == 1 and _spread_contraction(s, text, items[0], out, i, k, years, verb):
                pass
            elif not items and i >= k and all(out.metrics[x][0] for x in range(i - k, i)):
                # the k figures just before, each with its own subject, are what the list refers to
                v_text = text[verb[0] : verb[1]] if verb else ""
                v_key = s[verb[0] : verb[1]] if verb else ""
                for n_item in range(k):
                    m_text, m_key = out.metrics[i - k + n_item]
                    out.metrics[i + n_item] = ((m_text or "") + v_text, (m_key or "") + v_key)
        i = j
    return out


def _places_listed_before(s: str, clause_start: int, places: list[tuple[int, int]]) -> list[int | None]:
    """Indexes of the places the clause before `clause_start` opens with as a list (广东、浙江、上海…), else
    []."""
    end = clause_start - 1
    start = max(s.rfind(c, 0, end) for c in PREVIOUS_CLAUSE_MARKS) + 1
    idx = [x for x, (a, b) in enumerate(places) if start <= a and b <= end]
    if len(idx) < 2 or skip_lead(s, start, places[idx[0]][0]) < places[idx[0]][0]:
        return []
    for x, y in pairwise(idx):
        if not LIST_SEPARATOR_RE.fullmatch(s, places[x][1], places[y][0]):
            return []
    return list(idx)


def _spread_items(
    s: str,
    text: str,
    items: list[tuple[int, int]],
    out: Spread,
    first: int,
    years: list[tuple[int, int]],
    places: list[tuple[int, int]],
    verb: tuple[int, int] | None,
) -> None:
    # the place (index into `places`) each item starts with, if any
    heads = [next((x for x, (p0, _) in enumerate(places) if p0 == a), None) for a, _ in items]
    if all(h is not None for h in heads):
        # places listed: each figure is its place's; the measure is the last item after its place
        last_place_end = places[heads[-1]][1]  # type: ignore[index]
        shared = _compose(s, text, [(last_place_end, items[-1][1])], years, verb)
        for n_item, head in enumerate(heads):
            out.places[first + n_item] = head
            if shared[0]:
                out.metrics[first + n_item] = shared
        return
    for n_item, (a, b) in enumerate(items):
        out.metrics[first + n_item] = _compose(s, text, [(a, b)], years, verb)
    if any(s[b - 1] in MEASURE_END for _, b in items[:-1]):
        return
    last_a, last_b = items[-1]
    m = SHARED_TAIL_START.search(s, last_a + 1, last_b)
    if m is None:
        return
    for n_item, (a, b) in enumerate(items[:-1]):
        word: re.Match[str] | None = m
        if s.endswith(m.group(), a, b):
            # 工业技改投资、制造业技改投资增速: the first item has 投资 already and takes 增速
            word = SHARED_TAIL_START.match(s, m.end(), last_b)
        if word is None or (b - a > SHORT_ITEM and word.group() in WEAK_TAIL):
            continue
        start = word.start()
        out.metrics[first + n_item] = _compose(s, text, [(a, b), (start, last_b)], years, verb)


# One subject that names two (城乡 = 城镇 and 农村): 城乡居民人均可支配收入分别增长5.3%、7% is urban income
# up 5.3%, rural income up 7%. (Simplified word, what it stands for in Simplified and in Traditional.)
CONTRACTIONS: Final = (
    ("城乡", ("城镇", "农村"), ("城鎮", "農村")),
    ("存贷款", ("存款", "贷款"), ("存款", "貸款")),
    ("进出口", ("进口", "出口"), ("進口", "出口")),
    ("收支", ("收入", "支出"), ("收入", "支出")),
    ("产销量", ("产量", "销量"), ("產量", "銷量")),  # before 产销, which it holds
    ("产销", ("产量", "销量"), ("產量", "銷量")),
)


def _spread_contraction(
    s: str,
    text: str,
    item: tuple[int, int],
    out: Spread,
    first: int,
    k: int,
    years: list[tuple[int, int]],
    verb: tuple[int, int] | None,
) -> bool:
    """A 分别 list of k figures after one subject holding a contraction of k words: each figure takes the
    subject with its word. False when the subject holds none."""
    a, b = item
    for word, simplified, traditional in CONTRACTIONS:
        at = s.find(word, a, b)
        if at < 0 or len(simplified) != k:
            continue
        end = at + len(word)
        written_words = simplified if text[at:end] == word else traditional
        before, after = _cut(s, [(a, at)], years), _cut(s, [(end, b)], years)
        tail = [verb] if verb else []
        for n_item in range(k):
            written = join(text, before) + written_words[n_item] + join(text, after + tail)
            key = metric_key(join(s, before) + simplified[n_item] + join(s, after + tail))
            out.metrics[first + n_item] = (written or None, key or None)
        return True
    return False


# (及以上, 及以下 bound a class, 二级及以上公立医院: no break between items)
_ITEM_BREAK: Final = re.compile(r"[“”「」\"]|(?:" + LIST_SEPARATOR + r")(?!以[上下])")


def _subject_items(s: str, start: int, end: int) -> list[tuple[int, int]]:
    """The listed subjects in s[start:end], split at 、/和/及/与 outside quotes."""
    items: list[tuple[int, int]] = []
    pos = start
    depth = 0
    for m in _ITEM_BREAK.finditer(s, start, end):
        ch = m.group()
        if ch in "“「":
            depth += 1
        elif ch in "”」":
            depth = max(0, depth - 1)
        elif ch != '"' and depth == 0:
            items.append((pos, m.start()))
            pos = m.end()
    items.append((pos, end))
    return [(a, b) for a, b in items if b > a]


def _compose(
    s: str,
    text: str,
    spans: list[tuple[int, int]],
    holes: list[tuple[int, int]],
    verb: tuple[int, int] | None,
) -> tuple[str | None, str | None]:
    pieces = _cut(s, spans, holes) + ([verb] if verb else [])
    written = join(text, pieces)
    return (written or None), (metric_key(join(s, pieces)) or None)
