"""Headings, sentences, title, declared research window and publication date, read from the clean text.

All positions here are clean-text offsets; callers map them to raw offsets through CleanText. Patterns run on
the Simplified shadow, so one vocabulary serves both scripts.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from statlint.normalize import CleanText

CN_DIGITS = "一二三四五六七八九十"
# Chinese numerals as dates write them: 二〇二六年一月二十七日.
_CN_NUM = "〇零一二三四五六七八九十"

# Heading markers by level, matched on a line's start.
#   1: 一、 / 第一章   2: （一）/(一) / 第一节   3: 1. / 1、 / 1．(not 1.2)   4: （1）/(1)
HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^\s*(?:第[{CN_DIGITS}百]+(?:章|部分)\s*|[{CN_DIGITS}]+、)")),
    (2, re.compile(rf"^\s*(?:[(（][{CN_DIGITS}]+[)）]|第[{CN_DIGITS}百]+节\s*)")),
    (3, re.compile(r"^\s*\d{1,2}(?:[、]|\.(?!\d))")),
    (4, re.compile(r"^\s*[(（]\d{1,2}[)）]")),
)
# A numbered line longer than this is a numbered paragraph: it opens a section but is not a heading line.
HEADING_MAX_LEN = 60
# Markdown heading marks before the numbering: "## 一、总论".
MD_HEADING = re.compile(r"^\s*#{1,6}\s*")
# What every HEADING_PATTERNS match starts with (after any Markdown marks): a line that does not, most of a
# report's, is no heading, known from one match instead of five.
HEADING_CUE = re.compile(rf"^\s*(?:#{{1,6}}\s*)?[第{CN_DIGITS}(（\d]")
# Sentence ends inside a line: runs of Chinese and ASCII full stops of sentence level (a line's end closes
# its last sentence too).
SENTENCE_STOP = re.compile(r"[。；;！!？?]+")
# A full stop before a numbered line's last character makes it a numbered paragraph, not a heading line.
HEADING_STOP = re.compile(r"[。；;]")
# Where a heading's title ends inside a numbered paragraph.
TITLE_END = re.compile(r"[。；;：:]")

# Cues that a sentence declares the research window: "时间范围：本报告研究数据主要来源于2018年至2023年",
# "样本期为…", "研究时段…", "数据覆盖…年份".
WINDOW_CUE = re.compile(
    r"时间范围|时间跨度|时间窗口|研究(?:时段|期间|区间|周期|时限|年份|数据|范围|时间)|"
    r"数据(?:来源|时段|期间|范围|年份|覆盖|截至)|样本(?:期|区间|时段|年份)|(?:统计|考察|观察|评估)(?:期|时段|区间)"
)
# A span of years: 2018年至2023年, 2018—2023年, 2018-2023, or of months (2019年1月至2023年12月).
YEAR_RANGE = re.compile(
    r"((?:19|20)\d{2})\s*年?(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:至|到|—+|–|-|~|～|－)\s*"
    r"((?:19|20)\d{2})(?!\d)\s*年?"
)
# The Republic of China calendar (Taiwan): 民国113年 is 2024, and so is a bare 113年 in a document that
# uses it. A document uses it when it names the era or the currency, or dates several figures 1xx年度/年底/
# 年N月; then every three-digit 1xx年 is a year (year + 1911), not a duration.
ROC_OFFSET = 1911
ROC_CUE = re.compile(r"民国\s*\d{2,3}\s*年|新台币")
# (the not-inside-a-number check follows the first digit, so the engine can scan for 1s fast)
ROC_DATED = re.compile(r"1(?<![\d.]1)[0-4]\d\s*年(?:度|底|末|\s*\d{1,2}\s*月|上半年|下半年)")
ROC_DATED_MIN = 3
ROC_RANGE = re.compile(
    r"(?:民国)?\s*(1[0-4]\d)\s*年?(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?)?\s*(?:至|到|—+|–|-|~|～|－)\s*"
    r"(?:民国)?\s*(1[0-4]\d)(?!\d)\s*年"
)


def uses_roc_years(simp: str) -> bool:
    """Whether the (Simplified) text dates things in the ROC calendar."""
    if ROC_CUE.search(simp):
        return True
    return any(n >= ROC_DATED_MIN for n, _ in enumerate(ROC_DATED.finditer(simp), start=1))


# A date: 2026年1月25日, 2026-02-02, 2026/2/2, 2026.02.02, 二〇二六年一月二十七日.
_DATE = (
    rf"(?:((?:19|20)\d{{2}})\s*[-./年]\s*(\d{{1,2}})\s*[-./月]\s*(\d{{1,2}})\s*日?"
    rf"|([{_CN_NUM}]{{4}})年([{_CN_NUM}]{{1,3}})月([{_CN_NUM}]{{1,3}})日)"
)
# Date cues in order of preference, each with the kind of date it gives:
#   an explicit release label ("发布日期：", "印发日期：", "成文日期："),
#   the delivery line under a speech's title ("——2026年1月25日在…会议上"),
#   a date line closing an official document (after the issuing body's name),
#   page metadata ("时间：2026-02-02", "发表时间：" with the timestamp on its own line).
RELEASE_DATE = re.compile(rf"(?:发布|印发|成文|公布|发文)(?:日期|时间)[:：]?\s*{_DATE}")
# A month without its day (发布日期：2024年6月, a closing 二〇二四年三月): read only where no full date is.
_MONTH = (
    rf"(?:((?:19|20)\d{{2}})\s*年\s*(\d{{1,2}})\s*月(?!\s*\d)"
    rf"|([{_CN_NUM}]{{4}})年([{_CN_NUM}]{{1,3}})月(?![{_CN_NUM}]))"
)
RELEASE_MONTH = re.compile(rf"(?:发布|印发|成文|公布|发文)(?:日期|时间)[:：]?\s*{_MONTH}")
# The same label dated in the ROC calendar (发布日期：中华民国113年5月; 113年5月20日 where years are ROC).
RELEASE_ROC = re.compile(
    r"(?:发布|印发|成文|公布|发文)(?:日期|时间)[:：]?\s*(?:中华)?(民国)?\s*(1[0-4]\d)\s*年\s*(\d{1,2})\s*月"
    r"(?:\s*(\d{1,2})\s*日)?"
)
MONTH_LINE = re.compile(rf"^\s*[（(]?\s*{_MONTH}\s*[)）]?\s*$")
DELIVERED_DATE = re.compile(
    rf"^\s*(?:(?:——|--|――|—)\s*{_DATE}\s*在|{_DATE}\s*在.*(?:会议|大会|会上|论坛|典礼))"
)
DATE_LINE = re.compile(rf"^\s*{_DATE}\s*(?:\d{{1,2}}[:时]\d{{2}}(?:[:分]\d{{2}}秒?)?分?)?\s*$")
PAGE_DATE = re.compile(rf"(?:发表|发稿|更新|时间|日期)(?:时间|日期)?[:：]\s*{_DATE}")
# Page metadata lines, never the title.
METADATA_LINE = re.compile(
    r"^\s*(?:来源|时间|日期|发表时间|发布时间|发布日期|成文日期|作者|编辑|责任编辑|字号|浏览|浏览次数|阅读|索引号|"
    r"主题分类|发布机构|发文机关|发文字号|文号|信息来源|点击|点击数|访问量)\s*[:：]"
)
# A site's name or breadcrumb above a scraped page's title (某市人民政府门户网站, 首页 > 统计数据): no title.
SITE_LINE = re.compile(
    r"(?:门户网站|网站|官网|官方网站|政府网|政务网)$|^首页\s*[>＞›»]|\s[>＞›»]\s"
    r"|【[^】]{0,8}(?:字体|字号|打印|关闭|收藏|分享|纠错)"  # 【字体：大 中 小】【打印本页】
)
# An appendix or glossary heading line: 附件1, 附录二, 名词解释.
APPENDIX = re.compile(
    r"^\s*(?:附件\s*[\d一二三四五六七八九十]*|附录\s*[\d一二三四五六七八九十A-Z]*|名词解释|注释)\s*[:：]?\s*$"
)
# The unnumbered heading of a summary set before the numbered body.
FRONT_MATTER = re.compile(
    r"\s*#{0,6}\s*(?:内容|执行)?(?:摘\s*要|提\s*要|概\s*要|综\s*述|概\s*述|报告要点|投资要点|核心观点|主要发现)\s*"
)
# ...or a paragraph opening with its label (**摘要：**青年就业是…, 【摘要】…).
ABSTRACT_LEAD = re.compile(r"\s*(?:\*\*)?[【\[]?(?:内容)?(?:摘\s*要|提\s*要)[】\]]?(?:\*\*)?\s*[:：】\]]")
# A bare heading (no numbering, as when a page dropped the 一、 markers): a short line without punctuation.
BARE_HEADING = re.compile(r"^[^，,。；;！!？?：:、]{4,30}$")
# A bare heading that dates a part of a report (“十四五”时期发展成就和2025年工作回顾, 2026年重点工作):
# believed even where other lines are numbered, since reports put their numbered sections under such parts.
DATED_PART = re.compile(r"(?:(?:19|20)\d{2}年|十[一二三四五六]五).{0,20}(?:回顾|工作|目标|安排|任务)")
# Where a speech or report body starts; bare headings are only believed after it.
BODY_CUE = re.compile(r"^\s*(?:各位代表|同志们|尊敬的)")
BODY_LINE_MIN = 60
# How far from the start (sentences) a delivery line or page date is looked for, and from the end a date line.
HEAD_SENTENCES = 60
TAIL_SENTENCES = 12
# A month line under the title (a cover's 2024年6月) is read in the first few lines only.
COVER_SENTENCES = 8


# Sections, sentences and the structure are slotted: a report makes hundreds of them, and without a
# __dict__ each is made faster and leaves the garbage collector less to walk.
@dataclass(slots=True)
class Section:
    section_id: int
    level: int
    marker: str
    title: str
    path: str
    start: int
    end: int
    parent_id: int | None


@dataclass(slots=True)
class Sentence:
    sentence_id: int
    start: int
    end: int
    text: str
    simp: str
    section_path: str
    paragraph: int
    is_heading: bool = False
    # Page metadata before the body (来源/时间 lines, a timestamp): kept for provenance, not report content.
    is_metadata: bool = False


@dataclass(slots=True)
class Structure:
    title: str | None
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    window: tuple[int, int] | None = None
    window_sentence_id: int | None = None
    pub_date: str | None = None
    pub_date_sentence_id: int | None = None
    # Which cue gave pub_date: "release", "delivered", "signed" (closing date line), "page" (web metadata)
    # or "cover" (a month line under the title).
    pub_date_kind: str | None = None
    title_sentence_id: int | None = None
    roc_years: bool = False  # years are written in the ROC calendar (113年 is 2024), see uses_roc_years


def _marker_label(marker: str) -> str:
    marker = OUTLINE_PARENTS.sub("", marker)  # 6.1 under 6: its own part, 1
    return re.sub(r"[\s、.．()（）第章部分节#]", "", marker) or marker.strip()


OUTLINE_PARENTS = re.compile(r"^\s*(?:#{1,6}\s*)?(?:\d{1,2}\.)+(?=\d)")


def heading_of(line_simp: str) -> tuple[int, str] | None:
    """(level, prefix) when the line opens a section (a heading, or a numbered paragraph); the prefix is the
    line's start up to the end of the numbering, Markdown marks included."""
    if not HEADING_CUE.match(line_simp):
        return None
    md = MD_HEADING.match(line_simp)
    skip = md.end() if md else 0
    rest = line_simp[skip:]
    for level, pat in HEADING_PATTERNS:
        m = pat.match(rest)
        if m and rest[m.end() :].strip():
            return level, line_simp[: skip + m.end()]
    return None


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _headings(simp: str, lines: list[tuple[int, int]]) -> dict[int, tuple[int, str]]:
    """Line index -> (level, marker).

    Numbered headings; appendix headings, under which numbered headings sit one level lower (an appendix's
    一、 does not pose as the report's); bare headings as level 1 when no line is numbered 一、.
    """
    heads: dict[int, tuple[int, str]] = {}
    shift = 0
    numbered = [heading_of(simp[a:b]) for a, b in lines]
    if not any(h and h[0] == 1 for h in numbered):
        _decimal_outline(simp, lines, numbered)
    body = next(
        (i for i, (a, b) in enumerate(lines) if BODY_CUE.match(simp[a:b]) or b - a >= BODY_LINE_MIN), 0
    )
    parts = _dated_parts(simp, lines, numbered, body)
    first = next((i for i, h in enumerate(numbered) if h and h[0] == 1), len(lines))
    for i, (a, b) in enumerate(lines):
        if APPENDIX.match(simp[a:b]):
            heads[i], shift = (1, simp[a:b]), 1
        elif i in parts:
            heads[i], shift = (1, ""), 1
        elif i < first and (FRONT_MATTER.fullmatch(simp, a, b) or ABSTRACT_LEAD.match(simp, a, b)):
            heads[i] = (1, "")  # 摘要 before 一、: a section of its own, beside the numbered ones
        elif h := numbered[i]:
            heads[i] = (min(6, h[0] + shift), h[1])
    if any(h[0] == 1 for h in numbered if h):
        return heads
    for i in range(body + 1, len(lines) - 1):
        a, b = lines[i]
        line, nxt = simp[a:b].strip(), simp[lines[i + 1][0] : lines[i + 1][1]].strip()
        if i not in heads and BARE_HEADING.match(line) and len(nxt) > len(line) and not BODY_CUE.match(line):
            heads[i] = (1, "")
    return heads


def _decimal_outline(simp: str, lines: list[tuple[int, int]], numbered: list[tuple[int, str] | None]) -> None:
    """Headings numbered as an outline (1 引言, 2.3 配储比例…, 6.1 宁德时代（300750.SZ）：…), as research and
    broker reports number them: believed when at least DECIMAL_MIN lines carry a two-part number, each a
    short line without a full stop that does not end in a figure (a table row 1 海博思创 9.1% is none).
    The number's parts give the level."""
    found = []
    for i, (a, b) in enumerate(lines):
        if numbered[i] or not ("0" <= simp[a : a + 1] <= "9" or simp[a : a + 1] in " #"):
            continue
        m = DECIMAL_HEADING.match(simp, a, b)
        if m is None:
            continue
        title = simp[m.end() : b].strip()
        if (
            not title
            or len(title) > DECIMAL_TITLE_MAX
            or HEADING_STOP.search(title)
            or title[-1] in "0123456789%"
        ):
            continue
        found.append((i, m))
    if sum(1 for _, m in found if "." in m.group(1)) < DECIMAL_MIN:
        return
    for i, m in found:
        numbered[i] = (min(6, m.group(1).count(".") + 1), simp[lines[i][0] : m.end()])


# An outline number opening a line: 6, 6.1, 6.1.2, then a space or the title (the shadow text may have
# lost the space: 6.3亿纬锂能; a line of prose opening with a figure, 2.3万亿元…，, ends in a full stop or a
# figure, or is too long).
DECIMAL_HEADING = re.compile(
    r"\s*(?:#{1,6}\s*)?(\d{1,2}(?:\.\d{1,2}){0,3})"
    r"(?:\s+(?=\S)|(?=[\u4e00-\u9fff])(?![倍年月日]))"
)
DECIMAL_TITLE_MAX = 40
DECIMAL_MIN = 3


def _dated_parts(
    simp: str, lines: list[tuple[int, int]], numbered: list[tuple[int, str] | None], body: int
) -> set[int]:
    """Bare dated part headings before the first numbered top-level heading (a report whose 一、二、 sit
    under “十五五”时期主要目标和2026年重点工作): at least two, or none (one such line is likelier prose)."""
    first = next((i for i, h in enumerate(numbered) if h and h[0] == 1), len(lines))
    found = set()
    for i in range(body + 1, min(first, len(lines) - 1)):
        a, b = lines[i]
        line = simp[a:b].strip()
        if not numbered[i] and BARE_HEADING.match(line) and DATED_PART.search(line):
            found.add(i)
    return found if len(found) >= 2 else set()


def _metadata_lines(simp: str, lines: list[tuple[int, int]], heads: dict[int, tuple[int, str]]) -> set[int]:
    """Lines of page metadata before the body: "来源：…", "时间：…", a bare timestamp, and the value line
    under a label left empty ("发表时间：" then "2026-02-09 09:45:30")."""
    out: set[int] = set()
    label_open = False
    for i, (a, b) in enumerate(lines):
        line = simp[a:b].strip()
        if i in heads or BODY_CUE.match(line) or len(line) >= BODY_LINE_MIN:
            break
        if METADATA_LINE.match(line) or DATE_LINE.match(line) or label_open:
            out.add(i)
            label_open = bool(METADATA_LINE.match(line)) and line.endswith((":", "："))
    return out


# A line that only names an issuing body (a ministry's site header), and a line that names a document: the
# second is the title when it follows the first within the page's first lines.
ISSUER_ONLY = re.compile(
    r"\s*[\u4e00-\u9fff]{2,20}?(?:部|委|局|院|署|办公厅|政府|协会|学会|中心|委员会|研究院|研究所|统计局)\s*"
)
DOCUMENT_TITLE = re.compile(
    r"公报|报告|规划|通知|意见|方案|白皮书|年鉴|纲要|决定|办法|实录|发布会|情况|分析|研究|计划|总结"
)
TITLE_AFTER_ISSUER_LINES = 8
# A title copied with its file name (…研究报告（2019—2023年）.pdf): the extension is no part of it.
FILE_EXTENSION = re.compile(r"\.(?:pdf|PDF|docx?|DOCX?|txt|pptx?|wps|caj)$")


def _is_title_candidate(line_simp: str) -> bool:
    s = line_simp.strip()
    return (
        0 < len(s) <= 80
        and not METADATA_LINE.match(s)
        and not SITE_LINE.search(s)
        and not DATE_LINE.match(s)
        and not DELIVERED_DATE.match(s)
        and not s.endswith(("：", ":"))
    )


def analyse(clean: CleanText) -> Structure:
    text, simp = clean.text, clean.simp
    lines = _lines(text)
    heads = _headings(simp, lines)
    metadata = _metadata_lines(simp, lines, heads)
    sections: list[Section] = []
    sentences: list[Sentence] = []
    stack: list[Section] = []
    title: str | None = None
    title_line_start: int | None = None
    bare = 0
    for paragraph, (lstart, lend) in enumerate(lines, start=1):
        line = text[lstart:lend]
        is_heading = False
        if paragraph - 1 in heads:
            level, marker = heads[paragraph - 1]
            while stack and stack[-1].level >= level:
                stack[-1].end = lstart
                stack.pop()
            if marker:
                label = _marker_label(marker)
            else:
                bare += 1
                label = f"[{bare}]"
            path = "/".join([*(s.path.rsplit("/", 1)[-1] for s in stack), label])
            body = line[len(marker) :].strip() if marker else line.strip()
            htitle = TITLE_END.split(body, maxsplit=1)[0][:HEADING_MAX_LEN].strip() or line.strip()
            parent = stack[-1].section_id if stack else None
            shown = MD_HEADING.sub("", marker).strip()  # the numbering as written
            sec = Section(len(sections), level, shown, htitle, path, lstart, len(text), parent)
            sections.append(sec)
            stack.append(sec)
            stripped = line.strip()
            is_heading = len(stripped) <= HEADING_MAX_LEN and not HEADING_STOP.search(stripped[:-1])
        elif title is None and not sections and _is_title_candidate(simp[lstart:lend]):
            title, title_line_start = FILE_EXTENSION.sub("", MD_HEADING.sub("", line).strip()), lstart
        elif (
            title is not None
            and not sections
            and paragraph <= TITLE_AFTER_ISSUER_LINES
            and ISSUER_ONLY.fullmatch(clean.simp, title_line_start or 0, (title_line_start or 0) + len(title))
            and DOCUMENT_TITLE.search(simp, lstart, lend)
            and _is_title_candidate(simp[lstart:lend])
        ):
            # 中华人民共和国教育部 above 2025年全国教育事业发展统计公报: the site's issuer, then the document
            title, title_line_start = FILE_EXTENSION.sub("", MD_HEADING.sub("", line).strip()), lstart
        cur_path = stack[-1].path if stack else ""
        is_metadata = paragraph - 1 in metadata
        # Sentences end after each run of full stops and at the line's end, and are stripped of spaces; only
        # the line's first sentence can be its heading.
        ends = [m.end() for m in SENTENCE_STOP.finditer(text, lstart, lend)]
        if not ends or ends[-1] != lend:
            ends.append(lend)
        spos = lstart
        for s_end in ends:
            chunk = text[spos:s_end]
            content = chunk.strip()
            if content:
                a = spos + len(chunk) - len(chunk.lstrip())
                b = a + len(content)
                sentences.append(
                    Sentence(
                        len(sentences), a, b, content, simp[a:b], cur_path, paragraph, is_heading, is_metadata
                    )
                )
                is_heading = False
            spos = s_end
    for s in stack:
        s.end = len(text)
    st = Structure(title=title, sections=sections, sentences=sentences)
    if title_line_start is not None:
        st.title_sentence_id = next((s.sentence_id for s in sentences if s.start >= title_line_start), None)
    st.roc_years = uses_roc_years(simp)
    _find_window(st)
    _find_pub_date(st)
    return st


def _find_window(st: Structure) -> None:
    for s in st.sentences:
        if WINDOW_CUE.search(s.simp):
            m = YEAR_RANGE.search(s.simp)
            offset = 0
            if m is None and st.roc_years:
                m, offset = ROC_RANGE.search(s.simp), ROC_OFFSET
            if m:
                a, b = int(m.group(1)) + offset, int(m.group(2)) + offset
                if a <= b:
                    st.window = (a, b)
                    st.window_sentence_id = s.sentence_id
                    return


def cn_number(s: str) -> int:
    """二〇二六 -> 2026 (digit by digit; 〇, ○ or 零 for zero), 二十七 -> 27, 十二 -> 12."""
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
    if "十" not in s:
        return int("".join(str(digits[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)


def parse_date(m: re.Match[str]) -> str | None:
    """ISO date from a _DATE match, or None when it is no calendar date."""
    groups = m.groups()  # six per _DATE in the pattern; the alternative that matched has values
    g = next((groups[i : i + 6] for i in range(0, len(groups), 6) if any(groups[i : i + 6])), (None,) * 6)
    try:
        y, mo, d = (int(x) for x in g[:3]) if g[0] else (cn_number(x) for x in g[3:])
    except (KeyError, ValueError):
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31 and 1900 <= y <= 2100):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def parse_month(m: re.Match[str]) -> str | None:
    """ISO year and month (2024-06) from a _MONTH match, or None when it is no calendar month."""
    g = m.groups()[-4:]
    try:
        y, mo = (int(x) for x in g[:2]) if g[0] else (cn_number(x) for x in g[2:])
    except (KeyError, ValueError):
        return None
    if not (1 <= mo <= 12 and 1900 <= y <= 2100):
        return None
    return f"{y:04d}-{mo:02d}"


def _first_date(
    sentences: list[Sentence], pattern: re.Pattern[str], read: Callable[[re.Match[str]], str | None]
) -> tuple[str, int] | None:
    for s in sentences:
        m = pattern.search(s.simp)
        if m and (iso := read(m)):
            return iso, s.sentence_id
    return None


def parse_roc(m: re.Match[str], roc_years: bool) -> str | None:
    """ISO date or month from a RELEASE_ROC match: dated explicitly (民国113年) or in a document that uses the
    ROC calendar; None otherwise."""
    if not (m.group(1) or roc_years) or not 1 <= int(m.group(3)) <= 12:
        return None
    y, mo, d = int(m.group(2)) + ROC_OFFSET, int(m.group(3)), m.group(4)
    if d is not None and 1 <= int(d) <= 31:
        return f"{y:04d}-{mo:02d}-{int(d):02d}"
    return f"{y:04d}-{mo:02d}"


def _find_pub_date(st: Structure) -> None:
    head = st.sentences[:HEAD_SENTENCES]
    # A closing date line stands after the body: in the last sentences and in the second half of the text.
    closing = max(3, len(st.sentences) // 2)
    tail = [s for s in st.sentences[-TAIL_SENTENCES:] if s.sentence_id >= closing]
    found = None
    for kind, sentences, pattern, read in (
        ("release", st.sentences, RELEASE_DATE, parse_date),
        ("release", st.sentences, RELEASE_MONTH, parse_month),
        ("release", st.sentences, RELEASE_ROC, lambda m: parse_roc(m, st.roc_years)),
        ("delivered", head, DELIVERED_DATE, parse_date),
        ("signed", tail[::-1], DATE_LINE, parse_date),
        ("signed", tail[::-1], MONTH_LINE, parse_month),
        ("page", head, PAGE_DATE, parse_date),
        ("page", head, DATE_LINE, parse_date),
        ("cover", head[:COVER_SENTENCES], MONTH_LINE, parse_month),
    ):
        found = _first_date(sentences, pattern, read)
        if found:
            st.pub_date, st.pub_date_sentence_id = found
            st.pub_date_kind = kind
            return
