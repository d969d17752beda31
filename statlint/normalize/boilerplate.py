"""Document-site and web-page debris around a report's body: cut from analysis, kept as repairs.

Two zones can hold debris:

* the header zone, from the top to where the body starts (a level-1 heading, the 各位代表 salutation or the
  first long paragraph). Inside it, site furniture lines (copyright notices, "文档简介", the 下载/打印/字号
  toolbar, 当前位置 breadcrumbs, 阅读量, 分享) and photo captions are cut, each contiguous group as one
  repair.
  Page metadata (来源, 时间, a timestamp line) is kept: it names the source and publication date.
* the footer, from the first footer marker line ("温馨提示", "最新文档", "相关报道：", "评论", "扫一扫…",
  "（来源：…）", "编辑：…") in the last part of the file to its end, plus furniture lines trailing the
  body.

Lines are compared in Simplified so one list serves both scripts. Everything cut is recorded, so a year or
figure in it never reaches analysis but stays visible in the repairs table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from statlint.normalize.offsets import Edit, line_span
from statlint.normalize.script import to_simplified

# Whole lines that are site furniture: toolbars, font-size pickers, breadcrumbs, counters, share widgets.
FURNITURE_LINE = re.compile(
    r"^\s*(?:版权说明[:：].*|文档简介|下载|打印|全屏|收藏|关闭|分享(?:到)?(?:微信|微博)?[:：]?|"
    r"【?\s*(?:字号|字体)[:：]?\s*[大中小\s]*】?|加大|还原|减小|默认|[【】|×>›»]|[大中小]|"
    r"返回顶部|返回|(?:当前|您的)位置[:：].*|首页(?:\s*[>›»].*)?|(?:阅读|浏览)(?:量|次数)?[:：]?\s*\d*\s*次?|"
    r"扫一扫.*|【?\s*(?:打印本页|关闭窗口|打印|关闭)\s*】?|.*点击.*专题.*|》》.*《《|"
    r"(?:上一篇|下一篇)[:：].*|[\da-f]{32}[:：]?)\s*$"
)
# The line that opens a breadcrumb trail; the trail's items and ">" separators follow on their own lines.
BREADCRUMB_START = re.compile(r"^\s*(?:当前位置|您的位置|所在位置)[:：]?\s*$")
BREADCRUMB_SEP = re.compile(r"^\s*[>›»/]\s*$")
# A breadcrumb item: a short column name.
BREADCRUMB_ITEM_MAX = 12
# Photo captions above a news report: "...作政府工作报告。本报记者 戴冰摄", "张工作政府工作报告。".
CAPTION_LINE = re.compile(
    r"(?:记者|摄影|通讯员)\s*\S{1,4}(?:\s\S{1,4})?\s*摄\s*$|^.{0,40}作政府工作报告。?\s*$|供图\s*$"
)
# Where the body starts: a level-1 heading, the salutation, or a long paragraph.
BODY_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[章部分]|各位代表|同志们)"
)
BODY_LINE_MIN = 60
# Header debris is only looked for in the first lines of a document.
HEADER_MAX_LINES = 60
# The first line of a footer block.
FOOTER_START = re.compile(
    r"^\s*(?:温馨提示|最新文档|相关(?:报道|文档|阅读|新闻|附件|链接)\s*[:：>》]*|评论|猜你喜欢|相关推荐|下载文档|"
    r"扫一扫.*|》》.*|.*点击.*专题.*|(?:责任)?编辑[:：].{0,20}|[(（]来源[:：].{0,30}[)）]|打印本页|关闭窗口|"
    r"分享到[:：]?)\s*$"
)
# Document-sharing sites repeat their own lines between a report's pages (upload notices, download prices,
# reading counters, the site's name): cut wherever they stand. Searched in the raw text, so both scripts are
# listed; a line longer than SITE_LINE_MAX is prose that mentions such words, and stays.
SITE_WORDS = (
    r"本文[档檔]由|下[载載](?:需|所需|券|积分|積分)|(?<=\d)人(?:已)?下[载載]|VIP免[费費]|文件大小[:：]|"
    r"上[传傳](?:时间|時間|者|人)[:：]|全文共[\d,]+字|[阅閱][读讀](?:约需|約需|时长|時長)|更多精品文[档檔]|"
    r"原[创創]力文[档檔]|豆丁[网網]|道客巴巴|百度文[库庫]|docin\.com|book118\.com|doc88\.com|wenku\.baidu|"
    r"[预預][览覽](?:与|與)源文[档檔]一致|[预預][览覽]已[结結]束|下[载載]高清无水印|下[載载]高清無水印|"
    r"剩[余餘]\s*\d+\s*[页頁]可下[载載]|下[载載]本文[档檔]|"
    r"[›»][^\n›»]{1,20}[›»]"  # a breadcrumb: 文档分享网 › 研究报告 › 汽车/交通
)
SITE_LINE_MAX = 100
# (behind a lookahead of the words' first characters, so the engine skips to them: 5 x faster)
SITE_WORD = re.compile(rf"(?=[本下人V文上全阅閱更原豆道百dbw预預剩›»])(?:{SITE_WORDS})")
# A footer marker is only believed in the last part of a document, so a report that discusses 评论 survives.
FOOTER_MIN_FRACTION = 0.5


def _lines(raw: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in raw.splitlines(keepends=True):
        out.append((pos, pos + len(line), line))
        pos += len(line)
    return out


def _header_debris(lines: list[tuple[int, int, str]], simp: Sequence[str]) -> list[int]:
    """Indexes of header-zone lines that are furniture, breadcrumbs or captions."""
    cut: list[int] = []
    crumbs: list[str] = []
    in_trail = False
    for i in range(min(HEADER_MAX_LINES, len(lines))):
        s = simp[i]
        body = s.strip()
        if not body:
            continue
        if CAPTION_LINE.search(s) and not BODY_START.match(s):
            cut.append(i)
            continue
        if BODY_START.match(s) or (len(body) >= BODY_LINE_MIN and not FURNITURE_LINE.match(s)):
            break
        if BREADCRUMB_START.match(s):
            in_trail, crumbs = True, []
            cut.append(i)
            continue
        if in_trail:
            after_sep = bool(cut) and cut[-1] == i - 1 and BREADCRUMB_SEP.match(simp[i - 1])
            is_item = len(body) <= BREADCRUMB_ITEM_MAX and (after_sep or body == "首页")
            if BREADCRUMB_SEP.match(s) or is_item:
                crumbs.append(body)
                cut.append(i)
                continue
            in_trail = False
            if body in crumbs:  # the column name repeated as the page's section title
                cut.append(i)
                continue
        if FURNITURE_LINE.match(s):
            cut.append(i)
    return cut


def _footer_start(lines: list[tuple[int, int, str]], simp: Sequence[str], raw_len: int) -> int | None:
    """Index of the line where the footer begins, if any."""
    min_pos = int(raw_len * FOOTER_MIN_FRACTION)
    for i, (start, _end, _line) in enumerate(lines):
        if start >= min_pos and FOOTER_START.match(simp[i]):
            return i
    # No marker: furniture lines trailing the body still go.
    i = len(lines)
    while i > 0 and (not simp[i - 1].strip() or FURNITURE_LINE.match(simp[i - 1])):
        i -= 1
    if i < len(lines) and any(simp[j].strip() for j in range(i, len(lines))) and lines[i][0] >= min_pos:
        return i
    return None


def _group(indexes: list[int]) -> list[tuple[int, int]]:
    """Consecutive line indexes as (first, last) runs."""
    runs: list[tuple[int, int]] = []
    for i in indexes:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _simplified_lines(raw: str, lines: list[tuple[int, int, str]]) -> list[str]:
    """Each line in Simplified: one OpenCC call for the whole text, cut at the line bounds (no OpenCC phrase
    spans a line break, so each piece is that line's own conversion); line by line when the conversion
    changes the text's length."""
    whole = to_simplified(raw)
    if len(whole) == len(raw):
        return [whole[a:b] for a, b, _line in lines]
    return [to_simplified(line) for _s, _e, line in lines]


class _SimplifiedLines:
    """`_simplified_lines`, converted only where the search reads: it reads the header zone from the top until
    the body starts and the footer zone from FOOTER_MIN_FRACTION of the text on, until a footer marker, so a
    line asked for is converted with the lines after it, in one OpenCC call for blocks that double in size.
    Typically 40% of the text is converted instead of all of it. Equal to `_simplified_lines` line for line
    because t2s conversion never reaches across a line break and keeps a span's length (no dictionary key
    holds a line separator; every entry maps to a value of its own length), as the boilerplate tests check."""

    FIRST_BLOCK = 8

    def __init__(self, raw: str, lines: list[tuple[int, int, str]]) -> None:
        self.raw, self.lines = raw, lines
        self.simp: list[str | None] = [None] * len(lines)
        self.block = self.FIRST_BLOCK

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, i: int) -> str:
        s = self.simp[i]
        if s is None:
            self._convert(i % len(self.lines))
            s = self.simp[i]
            assert s is not None
        return s

    def _convert(self, first: int) -> None:
        """Line `first` and the unconverted lines after it (up to a block) from one conversion, cut at the
        line bounds."""
        lines, simp = self.lines, self.simp
        last = first + 1
        while last < min(len(lines), first + self.block) and simp[last] is None:
            last += 1
        self.block *= 2
        base = lines[first][0]
        converted = to_simplified(self.raw[base : lines[last - 1][1]])
        for i in range(first, last):
            a, b, _line = lines[i]
            simp[i] = converted[a - base : b - base]


def find_boilerplate(raw: str) -> list[Edit]:
    lines = _lines(raw)
    simp = _SimplifiedLines(raw, lines)
    edits: list[Edit] = []
    for first, last in _group(_header_debris(lines, simp)):
        edits.append(Edit(lines[first][0], lines[last][1], "", "boilerplate", "header"))
    footer = _footer_start(lines, simp, len(raw))
    end = len(raw)
    if footer is not None:
        end = lines[footer][0]
        edits.append(Edit(end, len(raw), "", "boilerplate", "footer"))
    taken = [(e.raw_start, e.raw_end) for e in edits]
    for m in SITE_WORD.finditer(raw, 0, end):
        if taken and taken[-1][0] <= m.start() < taken[-1][1]:
            continue  # the same line again
        a, b = line_span(raw, m.start(), m.end())
        if b - a <= SITE_LINE_MAX and not any(x <= a < y for x, y in taken):
            edits.append(Edit(a, b, "", "boilerplate", "site"))
            taken.append((a, b))
    edits.sort()
    return edits
