"""Statistics in tables: a cell's number read with its row label, its column header and the table's caption.

Prose puts the unit and the year next to a number; a table puts them in the headers: 网办率（%） in the row
label, 2024年 in the column header, 92.4 in the cell. Readers turn HTML and Word tables into one line per row
with cells separated by tabs, and Markdown tables are already one line per row with cells between bars, so
tables are found line by line in the text: at least two consecutive rows with the same number of cells.

Each data cell (not the first column, not the header row) that holds a number becomes a statistic:
- unit: the parenthetical of the row label or column header (（%）, (万人), （亿元）: the magnitude is
  applied, 万人 is value × 1e4 in 人), else a % written in the cell;
- year: a year in the column header, else in the row label, else in the caption (the line before the
  table);
- entity: a place filling the row label or column header, else the caller's default;
- metric: the row label and the column header without their year, unit and place;
- role: target when a header says 目标/预期/计划, or in a plan's indicator row (属性 预期性/约束性) for every
  year column after the first; otherwise level.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Final

from statlint.extract import numbers, qualifiers, scope, units

# A Markdown separator row: |---|:---:|
MD_SEPARATOR: Final = re.compile(r"^\s*:?-{2,}:?\s*$")
# A cell that is only a number, with an optional qualifier before it and % after it: 92.4, 1,050, 约85%.
NUMBER_CELL: Final = re.compile(
    r"^\s*(?P<q>约|近|超过|超|逾|不足|不到|>=|<=|>|<|≥|≤|~)?\s*(?:累计)?\s*(?P<sum>[\[［【])?\s*"
    r"(?P<num>[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<pct>%)?\s*(?(sum)[\]］】])\s*$"
)
# A plan's bracketed cell ([8], 累计[500]): the sum over the plan's years (注：[ ]内为五年累计数), a change in
# the row's unit, in percentage points for a row of percentages.
# A column of growth rates (年均增速, 年均增长/累计): its plain cells are percentages whatever the row's unit.
RATE_CHANGE_HEADER: Final = re.compile(
    r"增速|增长率|增幅|涨幅|降幅|年均增长|同比增长|比上年增长|名义增长|实际增长"
)
# A first column that only groups the rows (类别: 数字产业化) when the second names them (指标名称).
CATEGORY_HEADER: Final = re.compile(r"\s*(?:类别|分类|领域|类型|方面|维度|一级指标)\s*")
NAME_HEADER: Final = re.compile(r"\s*(?:指标|指标名称|具体指标|二级指标|项目|名称)\s*")
# Comparison symbols in a cell; qualifier words (约, 超过, 不足) are read as in prose (qualifiers.py).
SYMBOLS: Final = {"~": "~", ">": ">", "<": "<", ">=": ">=", "≥": ">=", "<=": "<=", "≤": "<="}
# A unit in parentheses at the end of a header: 网办率（%）, 实名用户(万人).
HEADER_UNIT: Final = re.compile(r"[（(]\s*(?P<unit>[^（）()]{1,8}?)\s*[）)]\s*$")
# ...or a % written right after the header's words (比上年增长%).
HEADER_PERCENT: Final = re.compile(r"(?<=[^\s%％])(?P<unit>[%％])\s*$")
# A magnitude before the unit in a header: 万人, 亿元, 万亿元.
MAGNITUDE: Final = re.compile(r"^(?P<mag>万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千|百)?(?P<unit>.*)$")
HEADER_YEAR: Final = re.compile(r"((?:19|20)\d{2})\s*年?")
TARGET_HEADER: Final = re.compile(r"目标|预期|计划|规划|预测|预估|预计|概估|展望")
# A caption over forecasts (2025年各季主要指标预测): all its cells are (a plan's 发展目标 table also holds
# its base year's values, read as the plan's attribute column says).
CAPTION_FORECAST: Final = re.compile(r"预测|预估|预计|概估|展望")
# A header over changes (增速（%）, 比上年增长（%）): its percentages are deltas, as 增长5% is in prose.
CHANGE_HEADER: Final = re.compile(
    r"增速|增长|增幅|涨幅|降幅|升幅|跌幅|同比|环比|比上年|按年|按季|变动|增减|增率|成长率|年增"
)
# A caption that says every cell is a change (…实质变动率, 各市GDP增速): its columns name only measures.
CAPTION_CHANGE: Final = re.compile(r"(?:增速|增长率?|增幅|涨幅|变动率?|变动百分比|增减)$")
# A column whose own words make its cells levels whatever the caption says (占比, 失业率, 物价指数).
LEVEL_HEADER: Final = re.compile(r"比重|占比|率|指数|水平")
# The attribute column of a plan's indicator table (“十四五”主要指标: 2020年, 2025年, 属性).
PLAN_ATTRIBUTE: Final = re.compile(r"预期性|约束性")
# Header cells that only say "the value" add nothing to the metric.
# A column of units (单位: 万吨, 亿千瓦时 row by row): each row's numbers are in its row's unit.
UNIT_COLUMN: Final = re.compile(r"^(?:计量)?单位$")
PLAIN_VALUE_HEADER: Final = re.compile(
    r"^(?:数值|数据|值|指标值|实际值|完成值|数量|合计|总计|绝对数|绝对值|总量)?$"
)
# The base a change header compares with (比上年增长, 较上年同期增长): not part of what is measured.
HEADER_BASE: Final = re.compile(r"(?:(?:比|较)(?:上年同期|上年|去年同期|去年|年初|同期|上月|上季)|同比|环比)")
MIN_ROWS: Final = 2
# A space-separated table needs more rows to be believed: two spaced lines can be anything.
MIN_SPACE_ROWS: Final = 2
# A table holds statistics only when at least this many data cells are numbers.
MIN_NUMBER_CELLS: Final = 2


@dataclass(slots=True)
class Row:
    start: int  # offset of the line in the text
    cells: list[tuple[int, int]]  # (start, end) of each cell's content, in text offsets


@dataclass(slots=True)
class Table:
    caption: tuple[int, int] | None  # the line before the table (before its unit line, if any)
    header: Row
    rows: list[Row]
    end: int
    # the units of a line of its own between caption and table (单位：元，% -> 元, %)
    line_units: list[tuple[Decimal, str, tuple[int, int]]] = field(default_factory=list)


def _row(simp: str, start: int, end: int) -> tuple[str, list[tuple[int, int]]] | None:
    """('md', 'tab' or 'space', cell spans) of a table row line, else None."""
    line = simp[start:end]
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        kind, sep = "md", "|"
        first = start + line.index("|") + 1
        last = start + line.rindex("|")
    elif "|" in stripped and stripped.count("|") >= 2 and SENTENCE_MARKS.isdisjoint(stripped):
        kind, sep, first, last = "md", "|", start, end  # 东部地区|3.6|7850|93.2: pipes between cells only
    elif "\t" in line and len([c for c in line.split("\t") if c.strip()]) >= 2:
        kind, sep, first, last = "tab", "\t", start, end
    elif " " in stripped or "\u3000" in stripped:
        return _space_row(simp, start, end)
    else:
        return None
    cells: list[tuple[int, int]] = []
    pos = first
    while True:
        nxt = simp.find(sep, pos, last)
        cell_end = last if nxt < 0 else nxt
        a, b = pos, cell_end
        while a < b and simp[a] in " \u3000":
            a += 1
        while b > a and simp[b - 1] in " \u3000":
            b -= 1
        cells.append((a, b))
        if nxt < 0:
            break
        pos = nxt + 1
    return kind, cells


# A table whose columns are separated by spaces, as text copied from a PDF or a web page leaves it
# (年份 规模（万亿元） 增速（%）, then 2020 39.2 9.7): short cells, no sentence punctuation, a number in
# every row after the header.
SPACE_CELL: Final = re.compile(r"[^ \u3000]+")
SPACE_ROW_MAX = 120
SPACE_CELLS = (3, 12)
SPACE_CELL_MAX = 24
SENTENCE_MARKS: Final = frozenset("。，；;：:！？!?、")
# Marks a row label may hold inside it (粮油、食品类, 其中：新能源汽车), not at its ends.
LABEL_MARKS: Final = "、：:"
LABEL_MARKS_GONE: Final = str.maketrans("", "", LABEL_MARKS)
CJK: Final = re.compile(r"[\u4e00-\u9fff]")
# A caption's own number (表3, 图表2:, Table 1) and the unit it states for the whole table (（单位：亿元）).
CAPTION_NUMBER: Final = re.compile(
    r"\s*(?:表|图表|图|附表|Table)\s*[\d一二三四五六七八九十]+(?:[-.．]\d+)?\s*[:：.．]?\s*"
)
CAPTION_UNIT: Final = re.compile(
    r"[（(]?\s*单位\s*[:：]\s*(?P<unit>[^\s（）()，,。；;]{1,8}?)\s*(?:[；;，,、]\s*(?P<rate>%|％))?\s*[）)]?\s*$"
)
# A currency's name before the magnitude of its 元 in a unit (新台币亿元, 人民币万元).
CURRENCY_NAME: Final = re.compile(r"新台币|人民币|港币|澳门币")


def _space_row(simp: str, start: int, end: int) -> tuple[str, list[tuple[int, int]]] | None:
    if end - start > SPACE_ROW_MAX:
        return None
    cells = [(m.start(), m.end()) for m in SPACE_CELL.finditer(simp, start, end)]
    if not cells:
        return None
    # a row label may list (粮油、食品类) or introduce (其中：新能源汽车) inside it; no cell holds other marks
    label = simp[cells[0][0] : cells[0][1]]
    if (
        not SENTENCE_MARKS.isdisjoint(simp[cells[0][1] : end])
        or not SENTENCE_MARKS.isdisjoint(label.translate(LABEL_MARKS_GONE))
        or label[0] in LABEL_MARKS
        or label[-1] in LABEL_MARKS
    ):
        return None
    if not SPACE_CELLS[0] <= len(cells) <= SPACE_CELLS[1] or any(b - a > SPACE_CELL_MAX for a, b in cells):
        return None
    return "space", cells


def _numbers_in(simp: str, cells: list[tuple[int, int]]) -> int:
    return sum(1 for a, b in cells[1:] if NUMBER_CELL.match(simp[a:b]))


def find_tables(simp: str) -> list[Table]:
    """Tables in the Simplified text: runs of at least two row lines of one kind and width."""
    if "|" not in simp and "\t" not in simp and " " not in simp and "\u3000" not in simp:
        return []
    lines: list[tuple[int, int]] = []
    pos = 0
    for line in simp.split("\n"):
        lines.append((pos, pos + len(line)))
        pos += len(line) + 1
    out: list[Table] = []
    i = 0
    while i < len(lines):
        first = _row(simp, *lines[i])
        if first is None:
            i += 1
            continue
        kind, header_cells = first
        if kind == "space" and not CJK.search(simp, lines[i][0], lines[i][1]):
            i += 1
            continue  # a spaced table's header names its columns in Chinese (Latin prose has spaces too)
        rows: list[Row] = []
        j = i + 1
        while j < len(lines):
            r = _row(simp, *lines[j])
            if r is None or r[0] != kind or len(r[1]) != len(header_cells):
                break
            if kind == "space" and 2 * _numbers_in(simp, r[1]) < len(r[1]) - 1:
                break  # mostly words: a list of names or a line of Latin prose, not a row of data
            if not all(MD_SEPARATOR.match(simp, a, b) or a == b for a, b in r[1]) or kind != "md":
                rows.append(Row(lines[j][0], r[1]))
            j += 1
        if len(rows) + 1 >= MIN_ROWS and rows and (kind != "space" or len(rows) >= MIN_SPACE_ROWS):
            caption = None
            k = _line_before(lines, i)
            line_units = _line_units(simp, lines[k]) if k >= 0 else []
            if line_units:
                k = _line_before(lines, k)
            if k >= 0:
                caption = lines[k]
            out.append(Table(caption, Row(lines[i][0], header_cells), rows, lines[j - 1][1], line_units))
        i = max(j, i + 1)
    return out


def _line_before(lines: list[tuple[int, int]], i: int) -> int:
    k = i - 1
    while k >= 0 and lines[k][0] == lines[k][1]:
        k -= 1
    return k


# A line that only states the table's units (单位：元，%; （单位：亿元、%）), set between caption and table.
UNIT_LINE: Final = re.compile(
    r"\s*(?:[（(]?\s*单位\s*[:：]\s*(?P<units>[^\s（）()。；;]{1,20}?)\s*[）)]?"
    r"|[（(]\s*(?P<bare>[^\s（）()。；;:：]{1,12}?)\s*[）)])\s*"  # or a unit alone in parentheses: （亿元）
)
UNIT_LINE_ITEM: Final = re.compile(r"(?P<unit>[^，,、/\s]{1,8})")
# A column (or row) of rates, when a unit line gives both an amount's unit and %: 增长, 增速, 比重, …率.
RATE_HEADER: Final = re.compile(r"增长|增速|增幅|涨幅|比重|占比|率|%")


def _line_units(simp: str, line: tuple[int, int]) -> list[tuple[Decimal, str, tuple[int, int]]]:
    """The units a unit line states, in order (单位：万元，% -> 万元 (1e4, 元), %)."""
    m = UNIT_LINE.fullmatch(simp, *line)
    if m is None:
        return []
    out = []
    group = "units" if m.group("units") is not None else "bare"
    for u in UNIT_LINE_ITEM.finditer(simp, m.start(group), m.end(group)):
        read = _unit_of(u)
        if read is None:
            return []  # a note, not a list of units
        out.append(read)
    return out


@dataclass(slots=True)
class Cell:
    """One statistic read from a table cell (offsets into the text)."""

    start: int
    end: int
    value: Decimal
    precision: int
    unit: str  # Simplified
    unit_span: tuple[int, int] | None  # where the unit is written (a header or the cell)
    family: str
    qualifier: str
    year: int | None
    place: scope.PlaceMention | None  # a row or column header that is a place
    metric_spans: list[tuple[int, int]]
    target: bool
    change: bool  # a header says the numbers are changes (增速, 同比增长, 比上年增长)


@dataclass(slots=True)
class Header:
    """What one header cell says about the numbers under or beside it."""

    unit: tuple[Decimal, str, tuple[int, int], int] | None  # see _header_unit
    place: scope.PlaceMention | None
    year: int | None
    words: list[tuple[int, int]]  # for the metric: without unit and year (empty for a place)
    target: bool
    change: bool


def _header_unit(simp: str, a: int, b: int) -> tuple[Decimal, str, tuple[int, int], int] | None:
    """(multiplier, unit, unit span, where the label ends) of a header ending in a parenthesised unit."""
    m = HEADER_UNIT.search(simp, a, b) or HEADER_PERCENT.search(simp, a, b)
    if m is None:
        return None
    unit = _unit_of(m)
    return None if unit is None else (*unit, m.start())


def _unit_of(m: re.Match[str]) -> tuple[Decimal, str, tuple[int, int]] | None:
    """(multiplier, unit, unit span) of the match's group 'unit' (亿元: 1e8, 元), None if it is no unit we
    know (a note in parentheses)."""
    written = m.group("unit")
    if written.strip() == "百分点":  # 同比变化（百分点）: not 百 of 分点
        return Decimal(1), "个百分点", (m.start("unit"), m.end("unit"))
    lead = CURRENCY_NAME.match(written)  # 新台币亿元: the currency named, then the magnitude of its 元
    skip = lead.end() if lead is not None and written.endswith("元") else 0
    mm = MAGNITUDE.match(written[skip:])
    if mm is None:
        return None
    unit = "%" if mm.group("unit") in ("%", "％", "百分比") else mm.group("unit")
    if unit and units.family_of(unit) == "other":
        return None
    unit_start = m.start("unit") + skip + (len(mm.group("mag")) if mm.group("mag") else 0)
    return numbers._mult(mm.group("mag")), unit, (unit_start, m.end("unit"))


ROW_UNIT: Final = re.compile(r"\s*(?P<unit>\S{1,8}?)\s*$")


def _row_unit(simp: str, a: int, b: int) -> tuple[Decimal, str, tuple[int, int]] | None:
    """(multiplier, unit, unit span) of a cell of a unit column (万吨: 1e4, 吨)."""
    m = ROW_UNIT.match(simp, a, b)
    return None if m is None else _unit_of(m)


def _place(simp: str, a: int, b: int, unlisted: bool = False) -> scope.PlaceMention | None:
    """The place a header cell consists of (上海市, 全国), if it is nothing else. `unlisted`: the cell is in
    a column of places (县（区）), so a county the gazetteer lacks (岚城区, 白石县) is one too."""
    text = simp[a:b]
    if " " in text or "\u3000" in text:
        text = text.replace(" ", "").replace("\u3000", "")  # 北　京, 全　国: names spaced to one width
    found = scope.find_places(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text):
        p = found[0]
        return scope.PlaceMention(a, b, p.key, p.kind)
    if (
        unlisted
        and not found
        and UNLISTED_LABEL.fullmatch(text.strip())
        and not NOT_A_DIVISION.fullmatch(text.strip())
    ):
        return scope.PlaceMention(a, b, text.strip(), "city")
    return None


# A label column that lists places (县（区）, 各市, 地区, 省份): its cells name places, known or not.
PLACE_COLUMN: Final = re.compile(
    r"\s*(?:各|分)?(?:县[（(]市?、?区[）)]|区[（(]县[）)]|县[（(]市[）)]|市[（(]州[）)]|省[（(]区、市[）)]|区县|县区|"
    r"县市区|市县|市州|地市|地区|城市|市|县|区|省份|省区市|行政区划?)(?:名称)?\s*"
)
# A place the gazetteer lacks, in such a column: a name of one to five characters ending in what it is,
# not a part of a city that is no division of it (城区, 郊区, 园区, 景区, 社区).
UNLISTED_LABEL: Final = re.compile(r"(?![全各本])[\u4e00-\u9fff]{1,5}(?:区|县|市|旗|州|盟|镇|乡|街道)")
NOT_A_DIVISION: Final = re.compile(
    r"(?:中心|主|老|新)?城区|市区|郊区|园区|景区|社区|小区|山区|矿区|辖区|片区|其他地区|农村地区|城镇地区"
)


# A heading's number before a caption (六、2025年各季主要指标预测).
CAPTION_HEADING_NUMBER: Final = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、.．])"
)


def _is_caption(simp: str, a: int, b: int) -> bool:
    """A title line (表1 2024年各地…（单位：亿元）), not a note with sentence punctuation (数据来源于…，…)."""
    if m := CAPTION_HEADING_NUMBER.match(simp, a, b):
        a = m.end()
    # A parenthetical may list (各省（区、市）, （单位：亿元、%）).
    return SENTENCE_MARKS.isdisjoint(CAPTION_ASIDE.sub("", simp[a:b]).replace("：", "").replace(":", ""))


CAPTION_ASIDE: Final = re.compile(r"[（(][^（）()。]{0,16}[）)]")


@dataclass(slots=True)
class Caption:
    """What the line before a table says of all its cells (表3 2024年全国各市地区生产总值（单位：亿元））."""

    year: int | None
    place: scope.PlaceMention | None  # the one place it names: the scope of cells that name none
    unit: tuple[Decimal, str, tuple[int, int]] | None  # its （单位：…）
    words: list[tuple[int, int]]  # what it measures, without its number, years and unit
    target: bool = False  # 2025年各季主要指标预测: every cell is a forecast or a target
    change: bool = False  # 本地生产总值及主要组成部分实质变动率: every cell is a change
    rate: bool = False  # （单位：新台币亿元；%）: its rate columns are in %


NO_CAPTION: Final = Caption(None, None, None, [])
# The words a caption opens with to say which places its rows are (部分省份, 全国各市, 主要城市): not the
# measure.
CAPTION_SCOPE_LEAD: Final = re.compile(
    r"[\s\-–—~～至到、]*(?:全国|全省|全市|我国)?"
    r"(?:(?:部分|主要|重点|各|分)(?:省份|省区市|省市|省|城市|地市|市州|市|地区|区县|县区|县)"
    r"(?:[（(][区市县自治、]{1,6}[）)])?的?)?"  # 各省（区、市）
)


def _caption(simp: str, a: int, b: int) -> Caption:
    """A caption's year, and, when it is a title rather than a note with sentence punctuation (数据来源于中国
    信通院，…), its place, unit and words."""
    m = HEADER_YEAR.search(simp, a, b)
    year = int(m.group(1)) if m else None
    if not _is_caption(simp, a, b):
        return Caption(year, None, None, [])
    target = CAPTION_FORECAST.search(simp, a, b) is not None
    found = [p for p in scope.find_places(simp[a:b]) if p.kind in ("nation", "province", "city")]
    place = (
        scope.PlaceMention(a + found[0].start, a + found[0].end, found[0].key, found[0].kind)
        if len(found) == 1
        else None
    )
    unit = None
    end = b
    u = CAPTION_UNIT.search(simp, a, b)
    rate = False
    if u is not None:
        end = u.start()
        read = _unit_of(u)
        unit = read if read is not None and read[1] else None
        rate = u.group("rate") is not None
    start = a
    if n := CAPTION_NUMBER.match(simp, a, end) or CAPTION_HEADING_NUMBER.match(simp, a, end):
        start = n.end()
    words = [(x, y) for x, y in _label_spans(simp, start, end) if not HEADER_UNIT.fullmatch(simp[x:y])]
    # 部分省份智慧农业市场规模, 2020-2022年全国数字经济规模: the cells' scope is their rows, or the place
    while words and (lead := CAPTION_SCOPE_LEAD.match(simp, *words[0])) and lead.end() > words[0][0]:
        if lead.end() < words[0][1]:
            words[0] = (lead.end(), words[0][1])
            break
        words.pop(0)
    change = bool(words) and CAPTION_CHANGE.search(simp, words[-1][0], words[-1][1]) is not None
    return Caption(year, place, unit, words, target, change, rate)


def _text(simp: str, spans: list[tuple[int, int]]) -> str:
    return "".join(simp[x:y] for x, y in spans).strip()


def _cell_words(simp: str, own: list[tuple[int, int]], caption: Caption) -> list[tuple[int, int]]:
    """A cell's measure: its headers' words, or the caption's when the headers name only its last words
    (市场规模 under 智慧农业市场规模) or nothing."""
    if not own:
        return caption.words
    if caption.words:
        mine, told = _text(simp, own), _text(simp, caption.words)
        if len(told) > len(mine) and told.endswith(mine):
            return caption.words
        if GROWTH_HEADER.fullmatch(mine) and not GROWTH_HEADER.search(told):
            return caption.words + own  # 名义增速（%） under 各省居民人均可支配收入: the income's growth
    return own


MULTI_YEAR_HEADER: Final = re.compile(r"年均|累计|平均")
# A first column that only numbers the rows (排名, 序号): the rows are named by the column after it.
RANK_HEADER: Final = re.compile(r"\s*(?:排名|排序|序号|位次|名次|编号|No\.?|NO\.?)\s*")
# A year that is a comparison's base in a header (比2025年, 较上年).
BASE_YEAR_BEFORE: Final = re.compile(r"(?:比|较|相比|对比)$")
# A column that names only a growth (增速, 名义增长（%）, 同比): a growth of what the caption names.
GROWTH_HEADER: Final = re.compile(r"(?:名义|实际|同比|比上年|年均)?(?:增速|增长率?|增幅|涨幅|同比)")


def _label_spans(simp: str, a: int, b: int) -> list[tuple[int, int]]:
    """The words of s[a:b] without its years."""
    out: list[tuple[int, int]] = []
    pos = a
    for m in HEADER_YEAR.finditer(simp, a, b):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < b:
        out.append((pos, b))
    return [(x, y) for x, y in out if simp[x:y].strip()]


def _header(simp: str, a: int, b: int, plain_ok: bool, places: bool = False) -> Header:
    """Read a row label or column header once. `plain_ok`: a column header that only says "the value"
    (数值, 合计) adds no words to the metric; `places`: a row label in a column of places."""
    unit = _header_unit(simp, a, b)
    place = _place(simp, a, b, places)
    year_m = HEADER_YEAR.search(simp, a, b)
    words: list[tuple[int, int]] = []
    label_end = unit[3] if unit else b
    if place is None and not (plain_ok and PLAIN_VALUE_HEADER.match(simp[a:label_end].strip())):
        base = HEADER_BASE.match(simp, a, b) if plain_ok else None
        words = _label_spans(simp, base.end() if base and base.end() < label_end else a, label_end)
    if year_m is not None and BASE_YEAR_BEFORE.search(simp, max(a, year_m.start() - 2), year_m.start()):
        year_m = None  # 比2025年执行数增长（%）: the base's year, not the column's
    return Header(
        unit,
        place,
        int(year_m.group(1)) if year_m else None,
        words,
        bool(TARGET_HEADER.search(simp, a, b)),
        bool(CHANGE_HEADER.search(simp, a, b)),
    )


def read_table(simp: str, table: Table) -> list[Cell]:
    """The statistics of one table."""
    caption = NO_CAPTION if table.caption is None else _caption(simp, *table.caption)
    line_units = table.line_units
    table_unit = caption.unit
    rate_unit: tuple[Decimal, str, tuple[int, int] | None] | None = None
    amount_unit: tuple[Decimal, str, tuple[int, int] | None] | None = None
    if caption.rate and table_unit is not None:
        rate_unit, amount_unit, table_unit = (Decimal(1), "%", None), table_unit, None  # （单位：亿元；%）
    elif table_unit is None and len(line_units) == 1:
        table_unit = line_units[0]
    elif table_unit is None and len(line_units) == 2 and sum(u[1] == "%" for u in line_units) == 1:
        rate_unit, amount_unit = sorted(line_units, key=lambda u: u[1] != "%")  # 单位：元，%
    columns = [_header(simp, a, b, plain_ok=True) for a, b in table.header.cells]
    # A change column of no year of its own (比上年增长（%）, 比2025年执行数增长) is of the period of the year
    # column before it: | 2025年执行数 | 比上年增长 | 2026年预算数 | 比2025年执行数增长 |
    # (not an average or a sum over the plan's years: 年均增速/累计)
    for c in range(2, len(columns)):
        if (
            columns[c].year is None
            and columns[c].change
            and columns[c - 1].year is not None
            and not MULTI_YEAR_HEADER.search(simp, *table.header.cells[c])
        ):
            columns[c].year = columns[c - 1].year
    years = sorted(col.year for col in columns if col.year is not None)
    unit_column = next(
        (c for c, (a, b) in enumerate(table.header.cells) if UNIT_COLUMN.match(simp[a:b])), None
    )
    out: list[Cell] = []
    named_by = 0
    places_column = PLACE_COLUMN.fullmatch(simp, *table.header.cells[0]) is not None
    if (
        len(table.header.cells) > 2
        and CATEGORY_HEADER.fullmatch(simp, *table.header.cells[0])
        and NAME_HEADER.fullmatch(simp, *table.header.cells[1])
    ):
        named_by = 1  # | 类别 | 指标名称 | …: the indicator names the row
    elif len(table.header.cells) > 2 and RANK_HEADER.fullmatch(simp, *table.header.cells[0]):
        named_by = 1  # | 排名 | 城市 | 总得分 | …: the rank column numbers the rows, the next one names them
    for row in table.rows:
        label = _header(simp, *row.cells[named_by], plain_ok=False, places=places_column)
        # a plan's indicator (属性 预期性/约束性): every year column after the first is its target
        planned = any(PLAN_ATTRIBUTE.fullmatch(simp[a:b].strip()) for a, b in row.cells[1:])
        row_unit = None if unit_column is None else _row_unit(simp, *row.cells[unit_column])
        for c in range(named_by + 1, len(row.cells)):
            a, b = row.cells[c]
            cell = NUMBER_CELL.match(simp[a:b])
            if cell is None:
                continue
            col = columns[c]
            num = cell.group("num")
            try:
                value = Decimal(num.replace(",", ""))
            except InvalidOperation:
                continue
            unit, unit_span, mult = "", None, Decimal(1)
            if cell.group("pct"):
                unit, unit_span = "%", (a + cell.start("pct"), a + cell.end("pct"))
            elif label.unit is not None:
                mult, unit, unit_span, _ = label.unit
            elif col.unit is not None:
                mult, unit, unit_span, _ = col.unit
            elif row_unit is not None:
                mult, unit, unit_span = row_unit  # 水泥 万吨 1265.3: the row's unit column
            elif table_unit is not None:
                mult, unit, unit_span = table_unit  # 表3 各市地区生产总值（单位：亿元）
            elif rate_unit is not None and amount_unit is not None:
                header = simp[slice(*table.header.cells[c])] + simp[slice(*row.cells[0])]
                mult, unit, unit_span = rate_unit if RATE_HEADER.search(header) else amount_unit
            summed = cell.group("sum") is not None
            if summed and unit == "%":
                unit, unit_span = "个百分点", None  # [3.0] in a row of percentages: points over the plan
            elif (
                not summed
                and unit != "%"
                and col.unit is None
                and RATE_CHANGE_HEADER.search(simp, *table.header.cells[c])
            ):
                mult, unit, unit_span = Decimal(1), "%", None  # 年均增速 beside a row in 亿元
            year = (
                col.year if col.year is not None else (label.year if label.year is not None else caption.year)
            )
            out.append(
                Cell(
                    a + cell.start("num"),
                    a + cell.end("num"),
                    value * mult,
                    numbers._decimals(num),
                    unit,
                    unit_span,
                    units.family_of(unit),
                    _qualifier(cell),
                    year,
                    label.place or col.place or caption.place,
                    _cell_words(simp, label.words + col.words, caption),
                    label.target
                    or col.target
                    or caption.target
                    or (planned and col.year is not None and col.year > years[0])
                    or (planned and col.year is None and (summed or col.change)),
                    (
                        (
                            label.change
                            or col.change
                            or summed
                            or (
                                caption.change
                                and not LEVEL_HEADER.search(_text(simp, label.words + col.words))
                            )
                        )
                        and unit in ("%", "", "个百分点")
                    )
                    or summed,
                )
            )
    # A page-layout table with one number in it (阅读\t1234) is not a statistics table.
    return out if len(out) >= MIN_NUMBER_CELLS else []


def _qualifier(cell: re.Match[str]) -> str:
    """A symbol before the number (>, ≥, ~) or the words prose uses (约, 超过, 不足: qualifiers.py)."""
    mark = cell.group("q") or ""
    if mark in SYMBOLS:
        return SYMBOLS[mark]
    written = mark + cell.group("num")  # the word right before the number, as prose would have it
    return qualifiers.qualifier(written, len(mark), len(written))
