"""Years in a sentence: which are dates, targets, range ends, base years or resolved relative years.

A figure takes the nearest year stated before it in its clause (the gold rule: never applied backwards, never
from another clause); base years (较2020年) never become the figure's year. Relative years (今年, 上年,
过去五年, 十四五时期) are resolved against the document's date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from statlint.extract.trie import word_ends, word_starts
from statlint.normalize.script import to_simplified
from statlint.structure import ROC_OFFSET, Structure, cn_number

# An Arabic year: 2024年, 2024 年, 2025年底; not part of a longer number.
# (The not-inside-a-number check follows the first two digits so the engine can scan for 1/2 fast.)
# (inside a number: after a digit, or after a decimal point unless the point ends an item number opening
# a line: 2.2024年，… is item 2, then a year)
NOT_IN_NUMBER: Final = r"(?<!\d[12]\d)(?<![^\n\s\d]\d\.[12]\d)(?<![^\n\s]\d\d\.[12]\d)(?<![^\d]\.[12]\d)"
YEAR: Final = re.compile(r"((?:19|20)" + NOT_IN_NUMBER + r"\d{2})\s*年(?!代|级|龄)")
# A fiscal or tax year across two calendar years (2026-27年度, 2025/26课税年度, 2026-27财政年度).
FISCAL_YEAR: Final = re.compile(
    r"((?:19|20)" + NOT_IN_NUMBER + r"\d{2})\s*[-/／—–]\s*\d{2}(?!\d)\s*(?:财政|课税|会计|预算)?年度"
)
# A year in an analyst's table or text: 2026E (estimate), 2026F (forecast), 2025A (actual).
ESTIMATE_YEAR: Final = re.compile(r"(?<![\d.A-Za-z])((?:19|20)\d{2})[EFA](?![A-Za-z\d])")
ESTIMATE_MARKS: Final = ("E", "F")
# A year of the ROC calendar, in a document that uses it (structure.uses_roc_years): 民国99年, 113年, 113年度.
ROC_YEAR: Final = re.compile(r"(?:民国\s*(\d{2,3})|(?<![\d.])(1[0-4]\d))\s*年(?!代|级|龄)")
ROC_YEAR_RANGE: Final = re.compile(r"(1[0-4]\d)\s*年?\s*(?:至|到|—|–|-|~|～)\s*(?:民国)?\s*(1[0-4]\d)\s*年")
# A year written digit by digit in Chinese numerals: 二〇二三年 (〇, ○ or 零 for zero).
CN_YEAR: Final = re.compile(r"(?<![一二三四五六七八九〇○零十百千万亿])([一二][〇○零一二三四五六七八九]{3})年")
# Year ranges 2018年至2023年, 2018-2023年: both ends are range years.
YEAR_RANGE: Final = re.compile(
    r"((?:19|20)" + NOT_IN_NUMBER + r"\d{2})\s*年?\s*(?:至|到|—|–|-|~|～)\s*((?:19|20)\d{2})\s*年"
)
# Target phrasing around a year: 到2025年 / 至2025年 before it, 2025年前 / 2025年底前 after it (but
# 2024年前三季度 is a period of that year).
# Not after 截 (截至: as of), after a change verb (提升至2024年的91.7%: the end of a change, dated) or
# after a month or day (2025年11月至2026年1月: a span of dates).
TARGET_BEFORE: Final = re.compile(
    r"(?:(?<![截升高长加降少短缩减大低增涨扩小落滑月日复])(?:到|至)|力争到?|预计到|争取到?|计划到)$"
)
TARGET_AFTER: Final = re.compile(
    r"^(?:底|末)?(?:前|以前|之前)(?![一二三四五六七八九十两\d]+个?(?:季度|月|周|天)|半年)"
)
# A year whose goals the clause lists: 2026年全省经济社会发展的主要预期目标是…
GOALS_AFTER: Final = re.compile(r"[^，,。；;]{0,12}?(?:主要)?预期目标")
# ...unless what follows tells a result: 至2023年底实际布建727处, 到2023年已建成.
RESULT_AFTER: Final = re.compile(r"^(?:度|底|末)?[，,]?(?:实际|已经|已)")
# A base year: 较2020年, 比2020年, 与2020年相比, 相较2020年.
BASE_BEFORE: Final = re.compile(r"(?:较|比|相比|相较于?|对比|同比|与|和)$")
# 是2019年的2.3倍: the year a multiple is of is its base.
MULTIPLE_OF_AFTER: Final = re.compile(r"(?:底|末)?的[\d.一二三四五六七八九十两]+倍")
# Relative years and plan periods. The value is the offset from the document's year, or a plan number.
# The lookahead repeats the words' first characters as one class so the engine can skip to them (an
# alternation opening with a group otherwise tries every position): about 2 × faster, same matches.
RELATIVE_FIRST: Final = "今本去上前明下后过一五十未"
RELATIVE: Final = re.compile(
    rf"(?=[{RELATIVE_FIRST}])"
    r"(?:(?P<rel>今年|本年|去年|上年|上一年|前一年|明年|下一年|前年|后年|过去一年|一年来|过去五年|五年来|过去的一年|今后五年|未来五年)"
    r"|十(?P<plan>[一二三四五六])五[”\"」]?(?:时期|期间|以来|末|规划期))"
    r"(?![报鉴刊])"  # 本年报, 年鉴: a publication, not a year
)
OPENING_QUOTES: Final = '“"「『'
RELATIVE_OFFSET: Final = {
    "今年": 0,
    "本年": 0,
    "去年": -1,
    "上年": -1,
    "上一年": -1,
    "前一年": -1,
    "明年": 1,
    "下一年": 1,
    "前年": -2,
    "后年": 2,
    "过去一年": -1,
    "一年来": -1,
    "过去五年": -1,
    "五年来": -1,
    "过去的一年": -1,
    "今后五年": 4,  # the plan period that starts this year: its last year
    "未来五年": 4,
}
PLAN_NUMBER: Final = {"一": 11, "二": 12, "三": 13, "四": 14, "五": 15, "六": 16}
# Years inside a book title (《2035年远景目标纲要》) name the document, not the figure.
# What those words end or start with: the patterns are tried only next to such a character.
BASE_ENDS: Final = word_ends(BASE_BEFORE.pattern)
TARGET_ENDS: Final = word_ends(TARGET_BEFORE.pattern)
TARGET_AFTER_STARTS: Final = word_starts(TARGET_AFTER.pattern)
BOOK_TITLE: Final = re.compile(r"《[^《》]{0,60}》")
# A year at the top of the document (title or first lines) dates it when no publication date is declared.
HEAD_LINES: Final = 6


@dataclass(slots=True, init=False)
class YearMention:
    start: int  # local to the sentence
    end: int
    year: int
    kind: str  # date, target, range, base, declaration, relative
    starts_change: bool  # 由2020年的58.2%…: the date of the figure right after it only (START_BEFORE)

    def __init__(  # compiled (see changes.Role)
        self, start: int, end: int, year: int, kind: str, starts_change: bool = False
    ) -> None:
        self.start, self.end, self.year, self.kind = start, end, year, kind
        self.starts_change = starts_change


# A title of a review of one year (2025年国民经济和社会发展统计公报, 2024年年报): published the year after.
REVIEW_TITLE: Final = re.compile(r"公报|年报|年鉴|运行情况|年度报告|工作总结|年终总结")


def document_year(structure: Structure) -> int | None:
    """The document's own year, against which 今年/本年/上年 are read: its publication date (or, for a review
    of one year named in its title, that year), else the latest year cited in the title or first lines."""
    if structure.pub_date:
        published = int(structure.pub_date[:4])
        if structure.title:
            # 2025年…统计公报 (or any report titled by the year before its publication: 2025年中国快递发展
            # 报告, published in 2026): its 本年 is the year it reviews, its 上年 the one before
            reviewed = [int(m.group(1)) for m in YEAR.finditer(structure.title)]
            if len(reviewed) == 1 and (
                reviewed[0] == published - 1
                or (reviewed[0] < published and REVIEW_TITLE.search(structure.title))
            ):
                return reviewed[0]
        return published
    years = [int(m.group(1)) for s in structure.sentences[:HEAD_LINES] for m in YEAR.finditer(s.simp)]
    if structure.title:
        years += [int(m.group(1)) for m in YEAR.finditer(structure.title)]
    if structure.roc_years:
        heads = [s.simp for s in structure.sentences[:HEAD_LINES]] + [structure.title or ""]
        years += [y for h in heads for y in _roc_years(h)]
    return max(years) if years else None


def _roc_years(s: str) -> list[int]:
    return [int(m.group(1) or m.group(2)) + ROC_OFFSET for m in ROC_YEAR.finditer(s)]


def _arabic_years(s: str, roc: bool) -> list[tuple[int, int, int, int]]:
    """(start, end, year, where the digits start) of each Arabic year, in order; years written digit by
    digit in Chinese numerals (二〇二三年) too."""
    out = [(m.start(), m.end(), int(m.group(1)), m.start(1)) for m in YEAR.finditer(s)]
    n = len(out)
    if "年度" in s:
        for m in FISCAL_YEAR.finditer(s):  # 2026-27年度: the year it starts in
            out.append((m.start(), m.end(), int(m.group(1)), m.start(1)))
    if "E" in s or "A" in s or "F" in s:
        for m in ESTIMATE_YEAR.finditer(s):  # 2026E, 2025A: an analyst's forecast or actual year
            out.append((m.start(), m.end(), int(m.group(1)), m.start(1)))
    if "〇" in s or "○" in s or "零" in s:
        for m in CN_YEAR.finditer(s):
            year = cn_number(m.group(1))
            if 1900 <= year <= 2100:
                out.append((m.start(), m.end(), year, m.start(1)))
    if roc:
        taken = {a for a, *_ in out}
        for m in ROC_YEAR.finditer(s):
            if m.start() not in taken:
                g = 1 if m.group(1) else 2
                out.append((m.start(), m.end(), int(m.group(g)) + ROC_OFFSET, m.start(g)))
    if len(out) > n:  # the Arabic years alone are in order already
        out.sort()
    return out


def plan_end_year(plan: int) -> int:
    """十四五 (plan 14) runs 2021-2025: plan n ends in 1955 + 5n."""
    return 1955 + 5 * plan


def year_mentions(
    s: str, doc_year: int | None, declaration: bool = False, roc: bool = False
) -> list[YearMention]:
    """Every year cited in a Simplified sentence, in order, with its kind (`roc`: the document writes ROC
    years, 113年 for 2024)."""
    out: list[YearMention] = []
    if "年" not in s and "十" not in s and "E" not in s and "A" not in s and "F" not in s:
        return out  # every YEAR and RELATIVE match holds 年, or 十 (十四五时期); ESTIMATE_YEAR E, A or F
    arabic = _arabic_years(s, roc)
    books: list[tuple[int, int]] = []
    ranges: dict[int, bool] = {}
    if arabic:  # book titles and ranges only classify Arabic years: most sentences have none to classify
        books = [(m.start(), m.end()) for m in BOOK_TITLE.finditer(s)] if "《" in s else []
        for pattern in (YEAR_RANGE, ROC_YEAR_RANGE) if roc else (YEAR_RANGE,):
            for m in pattern.finditer(s):
                if int(m.group(1)) <= int(m.group(2)):
                    ranges[m.start(1)] = ranges[m.start(2)] = True
    for m_start, m_end, year, digits_at in arabic:
        before = s[max(0, m_start - 5) : m_start]
        after = s[m_end : m_end + 8]  # 2024年前10个月 needs the months to tell a period from a deadline
        if declaration:
            kind = "declaration"
        elif digits_at in ranges:
            kind = "range"
        elif (before[-1:] in BASE_ENDS and BASE_BEFORE.search(before)) or (
            before[-1:] == "是" and MULTIPLE_OF_AFTER.match(after)
        ):
            kind = "base"
        elif (
            (before[-1:] in TARGET_ENDS and TARGET_BEFORE.search(before) and not RESULT_AFTER.match(after))
            or (after[:1] in TARGET_AFTER_STARTS and TARGET_AFTER.match(after))
            or ("预期目标" in s and GOALS_AFTER.match(s, m_end))
        ):
            kind = "target"
        else:
            kind = "date"
        if s[m_end - 1 : m_end] in ESTIMATE_MARKS:
            kind = "target"  # 2026E: a forecast
        if any(a <= m_start < b for a, b in books):
            kind = "title"
        starts = kind == "date" and _starts_change(s, m_start, m_end)
        out.append(YearMention(m_start, m_end, year, kind, starts))
    if doc_year is not None:
        n_years = len(out)
        for m in RELATIVE.finditer(s):
            if m.group("plan"):
                year = plan_end_year(PLAN_NUMBER[m.group("plan")])
            else:
                year = doc_year + RELATIVE_OFFSET[m.group("rel")]
            kind = "base" if comparison_start(s, m.start()) is not None else "relative"
            # 由上年的612.4亿元增至672.8亿元: 上年 dates the start only
            starts = _starts_change(s, m.start(), m.end())
            out.append(YearMention(m.start(), m.end(), year, kind, starts))
        if len(out) > n_years:  # the Arabic years alone are in order already
            out.sort(key=lambda y: y.start)
    return out


def comparison_start(s: str, pos: int) -> int | None:
    """Where the comparison word before s[pos:] starts (比2020年, 较“十三五”末: a plan is often quoted), or
    None when no 比/较/相比… comes right before it."""
    start = pos
    while start > 0 and s[start - 1] in OPENING_QUOTES:
        start -= 1
    if s[start - 1 : start] not in BASE_ENDS:
        return None
    m = BASE_BEFORE.search(s, max(0, start - 4), start)
    return m.start() if m else None


# The date of a change's start (由2020年的58.2%提升至91.7%, 由上年的612.4亿元增至…): the year of that one
# figure, right after it, not of the change's end or size.
START_BEFORE: Final = "由从"
START_AFTER: Final = re.compile(r"(?:底|末)?[的之]")
START_REACH: Final = 3  # 的 + a qualifier (由上年的约…)


def _starts_change(s: str, start: int, end: int) -> bool:
    """Does the year at s[start:end] date a change's start (由2020年的…, 从上年末的…)?"""
    return start > 0 and s[start - 1] in START_BEFORE and START_AFTER.match(s, end) is not None


def year_for(mentions: list[YearMention], pos: int, starts: bool = False) -> YearMention | None:
    """The year a figure at `pos` refers to: the nearest stated year before it that is not a base or title
    (nor the date of a change's start, unless the figure is that start: `starts`)."""
    best = None
    for y in mentions:
        if y.start >= pos:
            break
        if y.kind not in ("base", "title") and (not y.starts_change or starts or pos - y.end <= START_REACH):
            best = y
    return best


# A section heading that dates what it reports: 一、2025年工作回顾, 过去五年工作回顾, 2026年工作安排.
HEADING_RELATIVE: Final = re.compile(
    r"过去一年|去年|上年|今年|明年|过去五年|五年来|[“\"]?十([一二三四五六])五[”\"]?"
)


def simplified_titles(structure: Structure) -> dict[str, str]:
    """Section path -> its heading in Simplified (shared by the year and place readers of a section), from
    one OpenCC call for the whole document instead of one per heading (a report has a hundred)."""
    titles = [sec.title.replace("\n", " ") for sec in structure.sections]
    simp = to_simplified("\n".join(titles)).split("\n") if titles else []
    return {sec.path: t for sec, t in zip(structure.sections, simp, strict=True)}


# Only a short heading about the period's work dates its section (not a numbered paragraph that cites a year).
HEADING_CUE: Final = re.compile(r"回顾|工作|安排|任务|目标|总结|成就|进展|情况")
HEADING_MAX: Final = 30


# An appendix heading that names nothing but itself, and what a title line has none of.
APPENDIX_HEADING: Final = re.compile(r"\s*(?:附件|附录)\s*[\d一二三四五六七八九十]*\s*[:：]?\s*$")
TITLE_BREAK: Final = re.compile(r"[，,。；;：:]")

# A top-level heading about a plan's first year (全力推动“十五五”开好局、起好步): the year it starts.
PLAN_START_HEADING: Final = re.compile(r"十([一二三四五六])五[”\"」]?(?:规划)?(?:开好局|起好步|开局|起步)")

# A top-level heading that reports what was achieved (一、一年接着一年干，新福建建设持续取得新进展新成效).
REVIEW_HEADING: Final = re.compile(r"回顾|成就|进展|成效|总结")


def section_years(
    structure: Structure,
    doc_year: int | None,
    titles: dict[str, str] | None = None,
    review_year: int | None = None,
) -> dict[str, int]:
    """Section path -> the year its heading names (inherited by subsections). Official reports date most
    figures this way: a review section reports the year before the document's date. `review_year` (the year
    before, for a document published early in a year) dates a top-level review heading that names no year."""
    out: dict[str, int] = {}
    first_line: dict[str, str] | None = None  # a section's first sentence, for an appendix's title line
    for sec in sorted(structure.sections, key=lambda x: x.path.count("/")):
        parent = sec.path.rsplit("/", 1)[0] if "/" in sec.path else None
        year = out.get(parent) if parent else None
        title = titles[sec.path] if titles is not None else to_simplified(sec.title)
        if APPENDIX_HEADING.match(title):
            if first_line is None:
                first_line = {}
                for sent in structure.sentences:
                    if not sent.is_heading:
                        first_line.setdefault(sent.section_path, sent.simp)
            line = first_line.get(sec.path, "").strip()
            dated = YEAR.match(line)
            if dated and len(line) <= HEADING_MAX and not TITLE_BREAK.search(line):
                out[sec.path] = int(
                    dated.group(1)
                )  # 附件1 / 2026年省十件民生实事: the line under it dates it
                continue
        m = YEAR.search(title) if HEADING_CUE.search(title) and len(title) <= HEADING_MAX else None
        if m:
            year = int(m.group(1))
        elif doc_year is not None and HEADING_CUE.search(title) and len(title) <= HEADING_MAX:
            r = HEADING_RELATIVE.search(title)
            if r:
                if r.group(1):
                    year = plan_end_year(PLAN_NUMBER[r.group(1)])
                else:
                    year = doc_year + RELATIVE_OFFSET.get(r.group(), 0)
        if (
            year is None
            and parent is None
            and review_year is not None
            and len(title) <= HEADING_MAX
            and REVIEW_HEADING.search(title)
            and not HEADING_RELATIVE.search(title)
        ):
            year = review_year
        if year is None and parent is None and len(title) <= HEADING_MAX:
            start = PLAN_START_HEADING.search(title)
            if start:
                year = plan_end_year(PLAN_NUMBER[start.group(1)]) - 4
        if year is not None:
            out[sec.path] = year
    return out
