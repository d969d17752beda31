"""Find the numbers in a sentence that quantify something, and read their exact value, unit and precision.

Works on the Simplified shadow. Everything is decided by a few precompiled patterns plus small readers, so
one pass over a report is fast and no input can make a pattern backtrack without bound. Chinese numerals are
read by cn2an only when the run is a pure Chinese numeral; magnitudes (万/亿), vague amounts (十几万, 500多亿,
数百万, 上万), percent words (百分之, 成, 分之) and ranges are read here.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Final

from statlint.extract.joined import join, owner
from statlint.extract.units import LATIN_UNIT_MIN, family_of, is_latin, unit_families, unit_pattern

CN_DIGITS: Final = "零〇一二两三四五六七八九"
CN_VALUES: Final = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8, "兆": 10**12}
# Longer than this many integer digits is an identifier or noise, never a statistic.
MAX_INT_DIGITS: Final = 15
PERCENT: Final = "%"

_UNITS: Final = unit_pattern()
# The same behind a lookahead of the units' first characters: where a Chinese numeral is followed by no unit
# (most of them: 一网通办, 进一步), the engine rejects the unit at once instead of trying each branch of it.
_UNITS_AHEAD: Final = f"(?=[{re.escape(''.join(sorted({u[0] for u in unit_families()})))}]){_UNITS}"
# An Arabic number: thousands-separated (1,100) or plain, with decimals. The separated form must be followed
# by a non-digit so 1,2345 is not read as 1,234 + 5.
ARABIC: Final = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
# Signs that make a figure negative when written right before its digits.
MINUS: Final = "-−－"
# Magnitude words after a number: 万亿/亿/万 with an optional 十/百/千 (3千万 = 3e7), or a bare 千/百 that
# is not the start of a unit (千米, 千克, 千瓦) or of 百分之/百分点. 兆 is 10^12 (Taiwan: 新台币23兆5,000亿元)
# only before an amount's continuation: elsewhere it is the mega of a unit (100兆宽带, 兆瓦).
MAG: Final = r"[十百千]?(?:万亿|亿|万)|兆(?=\d|元|亿|美元|新台币)|千(?![米克瓦帕伏兆])|百(?![分万亿])"
# The first digit of a number that is not inside a longer number, code, date or clock time (COVID-19, 09:45);
# after a minus sign only when the sign follows no letter or digit (增长-3.2%, but 3-5天, A-1).
# The check sits after the digit so the regex engine can scan for digits fast instead of trying every
# position.
# (after a slash only when a power unit ends before it: 68.5GW/178.2GWh, one plant's power and energy)
ARABIC_START: Final = r"\d(?<![\d.A-Za-z_:∶]\d)(?<![^Ww]/\d)(?<!^/\d)(?<![\dA-Za-z_.)）\-]-\d)"
# An Arabic number starting at such a digit (the same forms as ARABIC).
# Years (2024年) are left to time.py: the lookahead after the first digit keeps them out cheaply.
NOT_A_YEAR: Final = r"(?!(?<=1)9\d{2}\s*年|(?<=2)0\d{2}\s*年)"
ARABIC_HEAD: Final = rf"{ARABIC_START}{NOT_A_YEAR}(?:\d{{0,2}}(?:,\d{{3}})+(?:\.\d+)?(?!\d)|\d*(?:\.\d+)?)"


def arabic_body(number: str) -> str:
    """Body of an Arabic quantity: number, vague infix (500多亿, 2000余项, 20来个), magnitude, a compound tail
    (3万4000, 1亿2000万), a trailing vague word, then 成 or an optional unit."""
    return (
        rf"(?P<num>{number})(?P<inf1>多|余|来)?(?P<mag>{MAG})?"
        rf"(?:(?<=[万亿兆])(?P<comp>\d{{1,4}}|\d,\d{{3}})(?P<compmag>亿|万)?(?![\d.,%]|周?岁))?(?P<inf2>多|余)?"
        rf"(?P<mag2>(?<=万多|万余)亿)?"
        rf"[ \t]?(?:(?P<acheng>成(?![为立功果本效绩交熟员都长型品就规片群不]))|(?P<unit>{_UNITS}))?"
    )


ARABIC_BODY: Final = arabic_body(ARABIC)
# A Chinese numeral run (十二, 两千, 三万四千, 四十一点五), a vague one (十几, 几十, 数百, 上万) or 半.
# Not inside a longer numeral, after 第 (an ordinal) or after an Arabic number (whose magnitude it is);
# checked after the first character, as for digits.
CN_RUN: Final = (
    rf"(?:上(?=[百千万亿])|[{CN_DIGITS}十百千万亿几数])(?<![\d.{CN_DIGITS}十百千万亿几数第].)"
    rf"[{CN_DIGITS}十百千万亿几数]*(?:点[{CN_DIGITS}]+)?"
    rf"|半(?<![上下前后大多{CN_DIGITS}十百千万亿几数第]半)"
)
# 成 as a tenth (八成 = 80%), but not 成为/成立/成果/... which follow numerals in set phrases (一成不变 too).
CHENG: Final = "成(?![为立功果本效绩交熟员都长型品就规片群不])"
# A Chinese quantity ends in a unit, 成, 倍 or a fraction (三分之一); without one only a vague amount with a
# magnitude counts (十几万, 数百万): other bare Chinese numerals are words (一网通办, 十四五, 千万).
CN_BODY: Final = (
    rf"(?P<cn>{CN_RUN})(?P<cinf>多|余)?(?P<cmag>万亿|亿|万)?"
    rf"(?:(?P<frac>分之)(?P<fnum>[{CN_DIGITS}十百]+)|(?P<cheng>{CHENG})|(?P<cunit>{_UNITS_AHEAD})|(?<=[万亿]))"
)
# 百分之 + a number in words or digits (百分之四十一点五, 百分之50).
PCT_WORDS: Final = rf"百分之(?P<pnum>[{CN_DIGITS}十百千点]+|{ARABIC})"
# 一半 and 半数 (half) as 50%, only counted after a cue word (近一半, 超过半数, 过半数): 另一半 is not
# a figure.
HALF: Final = r"(?P<half>一半|半数)"
# A ratio written N:1 (城乡居民收入比2.21∶1); the 1 must end the number so clock times (09:45) stay out.
RATIO_TO_ONE: Final = rf"(?P<ratio>{ARABIC_HEAD})[:∶](?P<one>1)(?![\d:∶.])"
# A structure of three or more parts (三次产业结构为5.1∶42.3∶52.6): each part is a figure (a share of one
# whole, written without its %), read only after a cue word (STRUCTURE_CUE) or right after another structure
# (由8.7∶41.2∶50.1调整为7.6∶43.6∶49.8); elsewhere the pattern gives way to the others.
STRUCTURE_RATIO: Final = (
    rf"(?P<parts>{ARABIC_START}\d*(?:\.\d+)?(?:[ \t]?[:∶：][ \t]?\d+(?:\.\d+)?){{2,}})(?![\d.:∶：])"
)
STRUCTURE_PART: Final = re.compile(r"\d+(?:\.\d+)?")
STRUCTURE_CUE: Final = re.compile(r"结构|构成|比重|比例|之比|占比|份额")
STRUCTURE_CUE_BEFORE: Final = 12
STRUCTURE_LOOK_BACK: Final = 48
PARENTHETICAL_NOTE: Final = re.compile(r"（[^（）]*）|\([^()]*\)")
STRUCTURE_NEXT: Final = 6
# A small Arabic fraction (约占全国1/10), not a date (2024/1/3) or a path.
ARABIC_FRACTION: Final = rf"(?P<fa>{ARABIC_START}\d?)/(?P<fb>\d{{1,3}})(?![\d/])"
# Everything that can start a quantity, one pattern per form in priority order (at the same position the
# earlier wins). They are searched apart because a single alternation of them would lose the regex
# engine's fast first-character scan (7 MB/s instead of 100+).
PCT_RE: Final = re.compile(PCT_WORDS)
HALF_RE: Final = re.compile(HALF)
RATIO_RE: Final = re.compile(RATIO_TO_ONE)
FRACTION_RE: Final = re.compile(ARABIC_FRACTION)
STRUCTURE_RE: Final = re.compile(STRUCTURE_RATIO)
ARABIC_RE: Final = re.compile(arabic_body(ARABIC_HEAD))
# The lookahead repeats the run's first characters as one class so the engine can skip to them (CN_RUN
# opens with an alternation, which otherwise tries every position): about 1.4 × faster, same matches.
CN_RE: Final = re.compile(rf"(?=[上半{CN_DIGITS}十百千万亿几数]){CN_BODY}")
TOKENS: Final = (PCT_RE, HALF_RE, RATIO_RE, FRACTION_RE, STRUCTURE_RE, ARABIC_RE, CN_RE)
# Strings a sentence must hold (any one of them) for a pattern to be worth searching: most sentences hold
# neither 百分之, 一半, a ratio's ":1" nor a slash. Patterns with none are searched everywhere.
TOKEN_NEEDS: Final[tuple[tuple[str, ...], ...]] = (
    ("百分之",),
    ("一半", "半数"),
    (":1", "∶1"),
    ("/",),
    (":", "∶", "："),
    (),
    (),
)
# The second half of a range: separator then a number (3-5天, 3至5天, 30%~40%).
RANGE_SEPARATORS: Final = "-~～—–至到"
RANGE_TAIL: Final = re.compile(rf"[ \t]?(?:{'|'.join(RANGE_SEPARATORS)})[ \t]?(?:{ARABIC_BODY})")
# Words after a number that make it a label or a name, not an amount: 5A级, 千亿级, 15分钟生活圈, 3号线.
LABEL_WORDS: Final = "级号线代型版+"
LABEL_AFTER: Final = re.compile(rf"(?:(?!线路)[{re.escape(LABEL_WORDS)}]|[\u4e00-\u9fff]{{0,8}}圈)")
# A rate or duration that names a survey or a visa policy rather than measuring anything: 1%人口抽样调查,
# 240小时过境免签 (but 10%调查对象 is a share of the respondents).
NAME_AFTER: Final = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:(?:调查|普查|抽查)(?!对象|样本|显示|结果|发现|数据|问卷)|免签)"
    r"|(?:滑动)?平均(?:值|浓度|第)"  # 日最大8小时平均浓度: the window a pollutant is averaged over
)
NAME_FAMILIES: Final = ("percent", "duration")
# A session of a congress or a plenum is named by its number (省委十一届十次、十一次全会, 十四届人大四次会议):
# after 届 or before 全会, 次 numbers a meeting, it does not count meetings (召开会议12次 does).
SESSION_BEFORE: Final = re.compile(r"届(?:全国|省|市)?(?:人大|政协)?(?:常委会)?$")
SESSION_AFTER: Final = re.compile(r"(?:[、和及][一二三四五六七八九十\d]{1,3}次)*(?:全会|全体会议)")
# 500强 (a ranking list's name) when the number has no unit.
RANK_LIST_AFTER: Final = "强"
# An ordinal or rank: 第3, 前10名.
# ...or a figure or table of the report itself: 如图3所示, 见表2 (but 发表3篇, 代表5人, 地图3幅 count).
ORDINAL_BEFORE: Final = re.compile(
    r"(?:第|前|排名|排名第|位列第|居第|(?<![代发列外仪报])表|(?<![地蓝企试意宏版构])图|图表|附表|附图)$"
)
ORDINAL_LAST: Final = "第前名表图"  # the characters those words end with
# The first months of a year (2024年前10个月, 今年前两个月) name a period, they measure nothing.
PERIOD_OF_YEAR_BEFORE: Final = re.compile(r"(?:\d|[今去明上本当])年(?:的)?[前首]$|(?:^|[，,；;：:\s])首$")
# N年 is a duration only outside time-window phrases (近3年, 3年来, 3年行动计划, 5年内).
YEAR_DURATION_BAD_AFTER: Final = re.compile(r"(?:来|以来|间|内|前|后|期|计划|行动|规划|攻坚|时间|里|中)")
YEAR_DURATION_BAD_BEFORE: Final = re.compile(r"(?:近|过去|未来|今后|最近|这|每|前|后|头|首)$")
# Words just before a small Chinese count that make it a reported quantity (共分为七个章节) rather than a
# rhetorical one (三个维度, 两张网, 四个中心).
CN_COUNT_CUE: Final = re.compile(
    r"(?:共|共有|共计|合计|总计|累计|分为|分成|共分|达|达到|新增|增加|减少|缩短|压缩|延长|延迟|推迟|提前|历时|用时|耗时|"
    r"仅|仅需|只需|只有|超|超过|逾|近|约|将近|不到|不足|多达|高达|实施|连续|需|需要|为期|长达|提高|提升|增长|翻)"
    r"(?:了|至|到)?$"
)
# Ages are statistics only as life expectancy or age figures, not thresholds (60岁以上老年人): the cue is
# looked for in the figure's clause (人均预期寿命较2020年提高1.16岁、达到79.72岁).
AGE_CUE: Final = re.compile(r"寿命|年龄|岁数")
# An age that is measured (平均年龄, 寿命), not a bracket that picks a group.
AGE_MEASURED: Final = re.compile(r"寿命|平均|中位")
# A bound after a number makes it a threshold that picks a group (60岁以上老年人, 20万以上人口县).
THRESHOLD_AFTER: Final = re.compile(r"及?(?:以上|以下|以内)")
# An amount or a measure bounding a group it names (月收入在5000元以下的受访者, 建筑面积500平方米以上的
# 项目): a threshold, not a figure. (A count bounds what it counts: 5000个以上的基站 is a figure.)
GROUP_THRESHOLD: Final = re.compile(
    r"及?(?:以上|以下)的?(?:受访者|调查对象|人群|群体|居民|家庭|住户|人口|用户|老人|老年人|学生|员工|职工|"
    r"农户|个人|纳税人|样本|企业|单位|项目|地区|城市|县|乡镇|村)"
)
THRESHOLD_FAMILIES: Final = ("currency", "area", "mass", "length", "volume", "energy", "power", "duration")
# ...or a change of the life expectancy the sentence just gave (提高到79.0岁，比2020年提高1.1岁).
AGE_CHANGE: Final = re.compile(r"(?:提高|增加|延长|提升|增长|上升|下降|降低|缩短)了?$")
CLAUSE_ENDS: Final = "，,；;。！？!?：:\n"
# A minute of a clock time (8时30分, 9点30分, 8:30分) is no score.
CLOCK_BEFORE: Final = ("时", "点", ":", "：")
# An item number glued to the year that opens the item (20.2026年…), read as one decimal.
NUMBERED_YEAR: Final = re.compile(r"\d{1,3}[.．](?:19|20)\d{2}\s*年")
# A bare number (no unit) is kept only as an end of a change: 倍差从2.42缩小至2.12.
# ...or the base year's value (比上年（3.77）下降5.8%), or a change of an index the sentence gave (综合指数为
# 5.68，比上年提高0.14): the extractor keeps these only next to an unitless figure.
BARE_CHANGE_BEFORE: Final = re.compile(
    r"(?:从|由|至|到)(?:(?:(?:19|20)\d{2}|上|去)年(?:底|末)?的)?$"
    r"|(?:比|较)(?:(?:19|20)\d{2}|上|去)年(?:底|末)?[的（(]$"
    r"|(?:提高|提升|上升|增加|下降|降低|减少|回升|回落)了?$"
)
# A number without a unit is a figure of its own after a word naming an index or a ratio of two figures
# (城乡居民收入比降至2.2, 基尼系数为0.46, 采购经理指数（PMI）为50.2, 出生人口性别比为105): elsewhere it
# is kept only as an end of a change.
INDEX_BEFORE: Final = re.compile(
    r"(?:收入比|比值|倍差|性别比|系数|指数|权重|PMI|PPI|CPI|AQI|PUE值?|利用效率|能效比|均值|平均值|平均分|标准差|"
    r"中位数|KMO值|样本量|样本数|(?<![A-Za-z])[Nn](?=\s*[=＝])|(?<![A-Za-z])R²|"
    # a test statistic (β=0.214, p<0.05, F=412.6, Cronbach's α=0.87)
    r"(?<![A-Za-z])(?:[PpFtz]|VIF|KMO|SE)(?=\s*[=＝<>＜＞≤≥])|[αβγρχσμ]²?(?=\s*[=＝<>＜＞≤≥]))"
    r"(?:[（(][A-Za-z]{2,6}[）)])?"
    r"(?:为|是|达|达到|(?:降|下降|缩小|缩|收窄|回落|升|上升|提高|提升|回升|扩大)[至到]|缩小为|(?:保持|稳定|维持|控制)在|"
    r"低于|高于|不高于|不低于|不超过|小于|大于|"
    r"\s*[=＝<>＜＞≤≥]\s*)?$"
)
# The population a rate is per, after a slash: 15.1/10万, 3.2/万, 12/千.
PER_POPULATION: Final = re.compile(r"(?:10|100)?万(?:人)?|十万|百万|千(?:人)?|100000|10000|1000(?!\d)")
# The denominator of a rate written with a slash (元/人, 元/吨, 千克/亩), longest first.
PER_UNIT: Final = re.compile(
    r"平方米|立方米|千瓦时|平方公里|公顷|公斤|千克|小时|kWh|KWh|MWh|Wh|GB|TB|人|户|吨|亩|度|年|月|天|日|次|辆|台|件|股|"
    r"瓦|W|千瓦|kW|片|张|个|套"
)
# Cue that lets 一半 count.
HALF_CUE: Final = re.compile(r"(?:近|超过?|(?<![经通度])过|逾|约|不到|不足|占|达|将近|接近)$")


@dataclass(slots=True, init=False)
class Quantity:
    """One number read from a sentence, with offsets local to that sentence."""

    start: int
    end: int
    value: Decimal
    high: Decimal | None
    precision: int
    unit: str  # Simplified unit key ('%' for percent words)
    unit_span: tuple[int, int] | None  # where the unit is written, None when it is implied (百分之, 成)
    family: str
    hint: str | None  # qualifier implied by the number itself: 余/多 -> ~, 上万 -> >=
    chinese: bool
    vague: bool
    is_range: bool
    bare: bool  # no unit or magnitude: only kept as an end of a from/to change
    list_head: bool  # bare, but the first of a list that ends in a unit (15、22个百分点): may take that unit
    part: tuple[int, int] | None  # (index, count) of a structure's part (三次产业结构为5.1:42.3:52.6)
    # a range's two written numbers (10%—15%): where the low one ends and the high one starts, -1 if none
    low_end: int
    high_start: int
    high_precision: int

    def __init__(  # compiled (see changes.Role)
        self,
        start: int,
        end: int,
        value: Decimal,
        high: Decimal | None,
        precision: int,
        unit: str,
        unit_span: tuple[int, int] | None,
        family: str,
        hint: str | None,
        chinese: bool = False,
        vague: bool = False,
        is_range: bool = False,
        bare: bool = False,
    ) -> None:
        self.start, self.end, self.value, self.high, self.precision = start, end, value, high, precision
        self.unit, self.unit_span, self.family, self.hint = unit, unit_span, family, hint
        self.chinese, self.vague, self.is_range, self.bare = chinese, vague, is_range, bare
        self.list_head = False
        self.part = None
        self.low_end = self.high_start = self.high_precision = -1


_ONE: Final = Decimal(1)


@lru_cache(maxsize=256)
def _mult(mag: str | None) -> Decimal:
    m = Decimal(1)
    for ch in mag or "":
        m *= CN_VALUES.get(ch, 1)
    return m


def _decimals(num: str) -> int:
    return len(num.split(".", 1)[1]) if "." in num else 0


def _place(num: str) -> Decimal:
    """Size of the last written digit (500 -> 100, 2.5 -> 0.1): the step a vague 多/余 adds at most."""
    digits = num.replace(",", "")
    if "." in digits:
        return Decimal(1).scaleb(-_decimals(digits))
    stripped = digits.rstrip("0")
    return Decimal(10) ** (len(digits) - len(stripped)) if stripped else Decimal(1)


_ARABIC_GROUPS: Final = ("num", "mag", "comp", "compmag", "inf1", "inf2", "unit", "acheng", "mag2")


def share_as_percent(start: int, end: int, part: Decimal, whole: Decimal, chinese: bool = False) -> Quantity:
    """A fraction (三分之一, 1/3) read as the percentage it states, to four decimals."""
    pct = (part * 100 / whole).quantize(Decimal("0.0001")).normalize()
    exponent = pct.as_tuple().exponent
    return Quantity(
        start,
        end,
        pct,
        None,
        max(0, -exponent) if isinstance(exponent, int) else 0,
        PERCENT,
        None,
        "percent",
        None,
        chinese=chinese,
    )


def _read_arabic(m: re.Match[str], s: str, base: int = 0) -> Quantity | None:
    num, mag, comp, compmag, inf1, inf2, unit, acheng, mag2 = m.group(*_ARABIC_GROUPS)
    if mag2:
        mag = mag + mag2  # 5万多亿元: more than 5万亿
    digits = num.replace(",", "") if "," in num else num
    dot = digits.find(".")
    if (dot if dot >= 0 else len(digits)) > MAX_INT_DIGITS:
        return None
    try:
        value = Decimal(digits)
    except InvalidOperation:
        return None
    mult = _mult(mag) if mag else _ONE
    if mag:
        value *= mult
    if comp:
        value += Decimal(comp.replace(",", "")) * _mult(compmag)
    vague_word = inf1 or inf2
    high = value + _place(num) * mult if vague_word else None
    if (
        unit
        and is_latin(unit)
        and (
            (value < LATIN_UNIT_MIN and len(unit) <= LATIN_SHORT_UNIT)
            or (mag and family_of(unit) == "data" and len(unit) == 1)
        )
    ):
        return None
    end = m.end()
    if not unit:
        unit = ""
        if s[m.end("num") - base : end - base].endswith((" ", "\t")):
            end -= 1
    decimals = len(digits) - dot - 1 if dot >= 0 else 0
    start = m.start() - base
    if (
        start
        and s[start - 1] in MINUS
        and (start == 1 or not (s[start - 2].isascii() and s[start - 2].isalnum()))
    ):
        start -= 1  # 增长-3.2%: a negative figure, its sign part of what is written
        value, high = -value, (-high if high is not None else None)
    if acheng:
        return Quantity(
            start,
            end - base,
            value * 10,
            high * 10 if high else None,
            decimals,
            PERCENT,
            None,
            "percent",
            "~" if vague_word else None,
            vague=bool(vague_word),
        )
    return Quantity(
        start,
        end - base,
        value,
        high,
        decimals,
        unit,
        (m.start("unit") - base, m.end("unit") - base) if unit else None,
        family_of(unit),
        "~" if vague_word else None,
        vague=bool(vague_word),
    )


@lru_cache(maxsize=4096)
def cn_number(run: str) -> tuple[Decimal, Decimal | None, str | None] | None:
    """(low, high, hint) of a Chinese numeral run; vague runs give a range. None when it is not a number."""
    if run == "半":
        return Decimal("0.5"), None, None
    if run.startswith("上"):
        scale = _mult(run[1:])
        return (scale, None, ">=") if run[1:] and all(c in CN_VALUES for c in run[1:]) else None
    if run[0] in "几数":
        rest = run[1:]
        if rest and all(c in CN_VALUES for c in rest):
            scale = _mult(rest)
            return 2 * scale, 9 * scale, "~"
        return None
    if "几" in run:
        head, _, tail = run.partition("几")
        if not head.endswith("十") or any(c not in CN_VALUES for c in tail):
            return None
        tens = cn_number(head)
        if tens is None:
            return None
        scale = _mult(tail)
        return (tens[0] + 1) * scale, (tens[0] + 9) * scale, "~"
    if "数" in run:
        return None
    if len(run) >= 2 and all(c in CN_DIGIT_VALUES for c in run) and not any(c in "〇零" for c in run):
        # digit by digit without a zero is no count: 三五个, 七八家 are a few (a range); 唯一一次, 统一一个
        # end a word in 一
        first, second = (CN_DIGIT_VALUES[c] for c in run[:2])
        if len(run) == 2 and 0 < first < second:
            return Decimal(first), Decimal(second), "~"
        return None
    value = chinese_numeral(run)
    return (value, None, None) if value is not None else None


CN_DIGIT_VALUES: Final = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}


def chinese_numeral(run: str) -> Decimal | None:
    """Value of a pure Chinese numeral (十二, 两千, 三万四千, 一千亿, 四十一点五, 二〇二五). Agrees with cn2an
    (a test checks it) but needs no import at start-up and accepts a leading magnitude (千亿 = 1e11)."""
    whole, _, frac = run.partition("点")
    if frac and any(c not in CN_DIGIT_VALUES for c in frac):
        return None
    if not whole or any(c not in CN_DIGIT_VALUES and c not in CN_VALUES for c in whole):
        return None
    if all(c in CN_DIGIT_VALUES for c in whole):
        if len(whole) > 1 and frac:
            return None
        value = Decimal("".join(str(CN_DIGIT_VALUES[c]) for c in whole))  # 二〇二五 -> 2025
    else:
        total, section, number = 0, 0, None
        for c in whole:
            if c in CN_DIGIT_VALUES:
                if number is not None and CN_DIGIT_VALUES[c] != 0:
                    return None  # two digits in a row (三四十) is not a standard numeral
                number = CN_DIGIT_VALUES[c] if CN_DIGIT_VALUES[c] else None
            elif c in "十百千":
                section += (1 if number is None else number) * CN_VALUES[c]
                number = None
            else:  # 万 or 亿 closes a section
                section += number or 0
                if section == 0 and total == 0:
                    section = 1  # 万亿 after nothing: 一万亿
                if c == "亿":
                    total = (total + section) * CN_VALUES[c]
                else:
                    total += section * CN_VALUES[c]
                section, number = 0, None
        value = Decimal(total + section + (number or 0))
    if frac:
        value += Decimal("0." + "".join(str(CN_DIGIT_VALUES[c]) for c in frac))
    return value


def _read_chinese(m: re.Match[str], s: str, base: int = 0) -> Quantity | None:
    run = m.group("cn")
    read = cn_number(run)
    if read is None:
        return None
    low, high, hint = read
    mult = _mult(m.group("cmag"))
    low *= mult
    high = high * mult if high is not None else None
    if m.group("cinf"):
        step = Decimal(10) ** max(0, len(str(int(low))) - 1) if low >= 10 else Decimal(1)
        high, hint = low + step, "~"
    precision = len(run.split("点", 1)[1]) if "点" in run else 0
    vague = high is not None or hint is not None
    if m.group("frac"):
        num = cn_number(m.group("fnum"))
        if num is None or low == 0 or num[1] is not None:
            return None
        return share_as_percent(m.start() - base, m.end() - base, num[0], low, chinese=True)
    if m.group("cheng"):
        return Quantity(
            m.start() - base,
            m.end() - base,
            low * 10,
            high * 10 if high else None,
            precision,
            PERCENT,
            None,
            "percent",
            hint,
            chinese=True,
            vague=vague,
        )
    unit = m.group("cunit")
    if unit is None:
        if not (vague and any(c in "万亿" for c in run + (m.group("cmag") or ""))):
            return None
        return Quantity(
            m.start() - base,
            m.end() - base,
            low,
            high,
            precision,
            "",
            None,
            "none",
            hint or "~",
            chinese=True,
            vague=True,
        )
    return Quantity(
        m.start() - base,
        m.end() - base,
        low,
        high,
        precision,
        unit,
        (m.start("cunit") - base, m.end("cunit") - base),
        family_of(unit),
        hint,
        chinese=True,
        vague=vague,
    )


def _read_percent_words(m: re.Match[str], base: int = 0) -> Quantity | None:
    pnum = m.group("pnum")
    if pnum[0].isdigit():
        value, precision = Decimal(pnum.replace(",", "")), _decimals(pnum)
    else:
        read = cn_number(pnum)
        if read is None or read[1] is not None:
            return None
        value = read[0]
        precision = len(pnum.split("点", 1)[1]) if "点" in pnum else 0
    return Quantity(
        m.start() - base, m.end() - base, value, None, precision, PERCENT, None, "percent", None, chinese=True
    )


def _clause_start(s: str, at: int) -> int:
    """Offset just after the last clause mark before `at` (0 when there is none)."""
    return max(s.rfind(c, 0, at) for c in CLAUSE_ENDS) + 1


# 三元 (ternary) before a battery or material word names a chemistry.
TERNARY_AFTER: Final = re.compile(r"(?:锂|材料|电池|正极|前驱体|催化|聚合物|体系|电芯)")


def _accept(q: Quantity, s: str) -> bool:
    """Is this number a statistic? Rejects years, ordinals, labels and rhetorical Chinese counts."""
    before, after = s[max(0, q.start - 4) : q.start], s[q.end : q.end + 10]
    if before.endswith("每"):
        return False  # 每10万人口拥有…: the denominator of a rate, not a figure
    if q.chinese and q.unit == "元" and TERNARY_AFTER.match(after):
        return False  # 三元锂电池, 三元材料: ternary chemistry, not three yuan
    # Each pattern is tried only when a character every match needs is there (most figures have none).
    if (
        before[-1:] in ORDINAL_LAST
        and before
        and ORDINAL_BEFORE.search(before)
        and (q.family == "count" or not q.unit)
    ):
        return False
    if ((after[:1] in LABEL_WORDS and after) or "圈" in after) and LABEL_AFTER.match(after):
        return False
    if not q.unit and after.startswith(RANK_LIST_AFTER):
        return False
    if q.family in NAME_FAMILIES and NAME_AFTER.match(after):
        return False
    if q.unit == "次" and (
        SESSION_AFTER.match(after) or SESSION_BEFORE.search(s, max(0, q.start - 12), q.start)
    ):
        return False
    if q.unit == "岁":
        clause = s[_clause_start(s, q.start) : q.start]
        cue = AGE_CUE.search(clause) or (AGE_CHANGE.search(clause) and "寿命" in s[: q.start])
        if not cue or (THRESHOLD_AFTER.match(after) and "寿命" not in clause):
            return False  # 年龄在60岁以上的群体: a threshold that picks a group, not a figure
        if q.high is not None and not AGE_MEASURED.search(clause):
            return False  # 年龄在16—35岁的青年, | 年龄 | 16—24岁 |: a bracket that names a group
    if q.unit == "度" and not s[q.start : q.unit_span[0] if q.unit_span else q.end].endswith(("万", "亿")):
        return False  # 300亿度 of electricity; a bare 3度 is an angle or a temperature too vague to read
    if q.unit == "日" and (
        before.rstrip().endswith(("月", "年")) or q.chinese or DATE_RANGE_BEFORE.search(before)
    ):
        return False  # 9月15日, 6日至10日 are dates; 初一日 a word: 日 measures a stay (平均逗留1.2日)
    if q.unit == "级" and (
        q.chinese or ("." not in s[q.start : q.end] and not GRADE_CUE_BEFORE.search(before))
    ):
        return False  # 三级医院, 5级台风 name classes; 平均级别达到4.02级 is a grade
    if q.unit == "个月" and PERIOD_OF_YEAR_BEFORE.search(before):
        return False  # 2024年前10个月: a period of the year, not a duration
    if q.family in THRESHOLD_FAMILIES and after[:1] in "及以" and GROUP_THRESHOLD.match(after):
        return False
    if q.unit == "番" and not before.endswith(("翻", "翻了")):
        return False  # 翻一番 (doubled), 翻两番; 三番五次 is a word
    if q.unit == "届" and (before.endswith("近") or (q.chinese and not CN_COUNT_CUE.search(before))):
        return False  # 近十届最好成绩 is a time window; 二十届 alone names a congress
    if q.unit == "分" and (q.chinese or s[max(0, q.start - 1) : q.start] in CLOCK_BEFORE):
        return False  # 三分 is a word; 8时30分 a time of day
    if q.unit == "年":
        if q.value == q.value.to_integral_value() and 1900 <= q.value <= 2100 and not q.vague:
            return False  # a year, handled by time.py
        if (q.start == 0 or s[q.start - 1] in " \t\n") and NUMBERED_YEAR.match(s, q.start):
            return False  # 20.2026年10件民生实事: item 20 of a list, then a year
        if YEAR_DURATION_BAD_AFTER.match(after) or YEAR_DURATION_BAD_BEFORE.search(before):
            return False
        if q.chinese and not CN_COUNT_CUE.search(before):
            return False
    head = s[q.start : q.unit_span[0]] if q.unit_span else s[q.start : q.end]
    if q.chinese and head and all(c in "百千万亿" for c in head) and not CN_COUNT_CUE.search(before):
        return False  # 万人计划, 千家万户: a bare magnitude word is a quantity only after a cue (超千亿元)
    if q.chinese and q.unit not in ("", PERCENT) and q.high is None and q.hint is None:
        small = q.value < 10 or q.value == 1
        if (
            (q.family == "count" or q.value == 1 or q.unit == "年")
            and small
            and not CN_COUNT_CUE.search(before)
        ):
            return False
        if q.value == 1 and q.family == "count":
            return False
    # a bare small number with a magnitude word only (3千) is too weak to be a figure
    return bool(q.unit) or q.value != q.value.to_integral_value() or q.value >= 10000 or q.vague


# Latin units this short are also names after a small number (5G, 4K, 3D); longer ones (8EFLOPS) are not.
LATIN_SHORT_UNIT: Final = 2
# Words before a whole number of 级 that make it a grade reached (达到5级), not a class's name.
GRADE_CUE_BEFORE: Final = re.compile(r"(?:达到|达|为|是|提高|提升|升至|低|高|平均)$")
# The end of a range of days before a number (11月6日至10日, 19—20日): a date too.
DATE_RANGE_BEFORE: Final = re.compile(r"日\s*(?:至|到|—|–|-|～|~)\s*$")

Patterns = tuple[tuple[int, re.Pattern[str], tuple[str, ...]], ...]


def active_patterns(text: str) -> Patterns:
    """The number patterns worth trying on a document: the rare forms only when their cue occurs in it."""
    out = []
    for rank, (pat, needs) in enumerate(zip(TOKENS, TOKEN_NEEDS, strict=True)):
        if not needs or any(need in text for need in needs):
            out.append((rank, pat, needs))
    return tuple(out)


ALL_PATTERNS: Final[Patterns] = tuple(
    (rank, pat, needs) for rank, (pat, needs) in enumerate(zip(TOKENS, TOKEN_NEEDS, strict=True))
)


def _holding(joined: str, starts: list[int], needs: tuple[str, ...]) -> list[int]:
    """Indexes of the joined texts that hold any of `needs` (none holds the separator), in order."""
    found: set[int] = set()
    end = len(joined)
    for need in needs:
        at = joined.find(need)
        while at >= 0:
            i = bisect.bisect_right(starts, at) - 1
            found.add(i)
            at = joined.find(need, starts[i + 1] if i + 1 < len(starts) else end)
    return sorted(found)


# A candidate number: (start local to its sentence, pattern rank, pattern, its match). The match is kept so
# find_quantities reads it instead of matching again; it may be on the joined document, offset from the
# sentence by (match start - local start).
Candidate = tuple[int, int, re.Pattern[str], re.Match[str]]


def candidate_matches(sentences: list[str], patterns: Patterns = ALL_PATTERNS) -> list[list[Candidate]]:
    """Per sentence, every candidate number, leftmost first, the earlier pattern winning at equal positions;
    each pattern's matches do not overlap one another, and find_quantities skips those inside a figure
    already read. One finditer per pattern over the joined document (statlint/extract/joined.py: a report
    has thousands of sentences, and the per-call cost of scanning them one by one was as large as the
    scanning itself); a pattern with a cue is run only on the few sentences holding it (a ratio's ":1" is
    rare, a colon is not: scanning every digit for it cost about 3 % of extraction)."""
    joined, starts = join(sentences)
    merged: list[tuple[int, int, re.Pattern[str], re.Match[str]]] = []
    for rank, pat, needs in patterns:
        if needs:
            for i in _holding(joined, starts, needs):
                base = starts[i]
                for m in pat.finditer(sentences[i]):
                    merged.append((base + m.start(), rank, pat, m))
            continue
        for m in pat.finditer(joined):
            merged.append((m.start(), rank, pat, m))
    merged.sort(key=_position)
    out: list[list[Candidate]] = [[] for _ in sentences]
    i = 0
    for start, rank, pat, m in merged:
        i = owner(starts, start, i)
        out[i].append((start - starts[i], rank, pat, m))
    return out


def _position(c: Candidate) -> tuple[int, int]:
    """Sort key of a candidate: (start, rank) is unique, so neither patterns nor matches are compared."""
    return c[0], c[1]


def candidates(
    sentences: list[str], patterns: Patterns = ALL_PATTERNS
) -> list[list[tuple[int, int, re.Pattern[str]]]]:
    """candidate_matches without the matches: (local start, pattern rank, pattern)."""
    return [
        [(start, rank, pat) for start, rank, pat, _ in row] for row in candidate_matches(sentences, patterns)
    ]


def find_quantities(
    s: str,
    patterns: Patterns = ALL_PATTERNS,
    found: list[tuple[int, int, re.Pattern[str]]] | None = None,
    matched: list[Candidate] | None = None,
) -> list[Quantity]:
    """All statistics-like quantities in a Simplified sentence, in order, non-overlapping. `patterns`
    (from active_patterns) skips the forms a document never uses; `found` is the sentence's share of
    `candidates` when the caller scanned the whole document at once, `matched` its share of
    candidate_matches (the matches themselves, not matched again)."""
    out: list[Quantity] = []
    q: Quantity | None
    if matched is None:
        if found is None:
            matched = candidate_matches([s], patterns)[0]
        else:
            matched = []
            for start, rank, kind in found:
                again = kind.match(s, start)
                if again is not None:  # always: the pattern matched here in the joined document
                    matched.append((start, rank, kind, again))
    pos = 0
    structure_end = -STRUCTURE_NEXT - 1  # where the last structure read ended
    for start, _, kind, m in matched:
        if start < pos:
            continue
        base = m.start() - start  # where s starts in the string the match was made on
        if kind is STRUCTURE_RE:
            if start - structure_end > STRUCTURE_NEXT and not structure_cued(s, start):
                continue  # not a structure: the other patterns read what is there
            pos = structure_end = m.end() - base
            out.extend(_structure_parts(m, base))
            continue
        pos = m.end() - base
        if kind is HALF_RE:
            if cue := HALF_CUE.search(s[max(0, start - 3) : start]):
                hint = ">" if cue.group() == "过" else None  # 过半数: more than half
                out.append(
                    Quantity(start, pos, Decimal(50), None, 0, PERCENT, None, "percent", hint, chinese=True)
                )
            continue
        if kind is RATIO_RE:
            num = m.group("ratio")
            q = Quantity(
                start,
                pos,
                Decimal(num.replace(",", "")),
                None,
                _decimals(num),
                ":1",
                (start + len(num), pos),
                "ratio",
                None,
            )
        elif kind is FRACTION_RE:
            a, b = int(m.group("fa")), int(m.group("fb"))
            if not 0 < a < b:
                continue
            q = share_as_percent(start, pos, Decimal(a), Decimal(b))
        elif kind is PCT_RE:
            q = _read_percent_words(m, base)
        elif kind is ARABIC_RE:
            q = _read_arabic(m, s, base)
            if q is not None:
                q = _maybe_range(q, m, s)
                if q.is_range:
                    pos = q.end
        else:
            q = _read_chinese(m, s, base)
        if q is None:
            continue
        if not q.unit and s.startswith("/", q.end) and (per := PER_POPULATION.match(s, q.end + 1)):
            # 15.1/10万 (deaths per 100,000 people): the denominator is the unit, a rate of its own
            q.unit, q.unit_span, q.end, q.family = f"/{per.group()}", (q.end, per.end()), per.end(), "ratio"
        if not q.unit and not q.is_range and not has_magnitude(s, q):
            listed = LIST_CONTINUES.match(s, q.end) is not None
            if 1900 <= q.value <= 2100 and q.precision == 0:
                continue  # a year
            if not listed and INDEX_BEFORE.search(s, max(0, q.start - 16), q.start):
                if not _in_short_quote(s, q):
                    out.append(q)
                continue
            if not listed and not BARE_CHANGE_BEFORE.search(s, 0, q.start):
                continue
            q.bare, q.list_head = True, listed
            out.append(q)
            continue
        if q.unit_span is not None and s.startswith("/", q.end) and (per := PER_UNIT.match(s, q.end + 1)):
            # 173898元/人, 1.22部/人: a rate per something is a unit of its own (not 元), of the same family
            if q.unit == "分":
                q.family = "currency"  # 5分/千瓦时 is a price in fen, not a score
            q.unit, q.unit_span, q.end = f"{q.unit}/{per.group()}", (q.unit_span[0], per.end()), per.end()
        if _accept(q, s) and not _in_short_quote(s, q):
            out.append(q)
    _share_units(out, s)
    return out


def structure_cued(s: str, start: int) -> bool:
    """A cue word (结构, 比重...) a few characters before s[start:], a parenthetical between not counted
    (销售结构（综合电商平台：直播电商：其他）为52.4:31.7:17.5)."""
    before = s[max(0, start - STRUCTURE_LOOK_BACK) : start]
    if "）" in before or ")" in before:
        before = PARENTHETICAL_NOTE.sub("", before)
    return STRUCTURE_CUE.search(before, max(0, len(before) - STRUCTURE_CUE_BEFORE)) is not None


def _structure_parts(m: re.Match[str], base: int) -> list[Quantity]:
    """Each part of a structure as a unitless figure that knows its place in it."""
    parts = list(STRUCTURE_PART.finditer(m.group("parts")))
    offset = m.start("parts") - base
    out = []
    for i, p in enumerate(parts):
        q = Quantity(
            offset + p.start(),
            offset + p.end(),
            Decimal(p.group()),
            None,
            _decimals(p.group()),
            "",
            None,
            "none",
            None,
        )
        q.part = (i, len(parts))
        out.append(q)
    return out


# A short quoted phrase holding a number is a name or slogan (“3个95%”, “1+5”, “双11”), not a figure.
SHORT_QUOTE_MAX: Final = 8


def _in_short_quote(s: str, q: Quantity) -> bool:
    if "“" not in s:
        return False
    open_at = s.rfind("“", 0, q.start)
    if open_at < 0 or q.start - open_at > SHORT_QUOTE_MAX:
        return False
    close_at = s.find("”", q.end)
    if close_at < 0 or s.rfind("”", open_at, q.start) >= 0 or close_at - open_at - 1 > SHORT_QUOTE_MAX:
        return False
    return (open_at + 1, close_at) != (q.start, q.end)  # a figure quoted alone is still a figure


# Figures listed with one unit at the end (分别达1409万、1305万人次): the earlier ones take that unit.
SHARED_UNIT_JOIN: Final = ("、", "和", "与", "及", ",")


# A bare number followed by 、 and another number starts a list that may end in the unit they share.
LIST_CONTINUES: Final = re.compile(r"、\s*\d")


def _share_units(qs: list[Quantity], s: str) -> None:
    for i in range(len(qs) - 2, -1, -1):
        q, nxt = qs[i], qs[i + 1]
        if q.list_head and not nxt.bare and nxt.unit and nxt.family != "ratio" and nxt.unit_span is not None:
            # 分别提高15、22个百分点 / 3、5、8天: each number of the list takes the unit written once
            if s[q.end : nxt.start].strip() == "、":
                q.unit, q.unit_span, q.family = nxt.unit, nxt.unit_span, nxt.family
                q.bare = not _accept(q, s)
            continue
        if (
            q.unit
            and nxt.unit != q.unit
            and nxt.unit.startswith(q.unit)
            and nxt.unit_span is not None
            and s[q.end : nxt.start].strip() == "、"
        ):
            # 高于全国12.7个、12个百分点: the first 个 is the start of the unit written in full at the end
            q.unit, q.unit_span, q.family = nxt.unit, nxt.unit_span, nxt.family
            continue
        if q.unit or q.bare or not nxt.unit or nxt.family in ("percent", "ratio"):
            continue
        if s[q.end : nxt.start] in SHARED_UNIT_JOIN and nxt.unit_span is not None:
            q.unit, q.unit_span, q.family = nxt.unit, nxt.unit_span, nxt.family


def has_magnitude(s: str, q: Quantity) -> bool:
    return any(ch in "万亿千百" for ch in s[q.start : q.end]) or q.vague


def _maybe_range(q: Quantity, m: re.Match[str], s: str) -> Quantity:
    """Join 3-5天 / 30%~40% / 3至5万 into one quantity: value = low end, high = high end."""
    sep = s[q.end : q.end + 2]
    if not sep or (
        sep[0] not in RANGE_SEPARATORS and (sep[0] not in " \t" or sep[1:2] not in RANGE_SEPARATORS)
    ):
        return q  # no separator follows: not a range (the common case, decided without the pattern)
    t = RANGE_TAIL.match(s, q.end)
    if t is None:
        return q
    hi = _read_arabic(t, s)
    if hi is None or not (hi.unit or t.group("mag")):
        return q
    if q.unit and q.unit != hi.unit:
        return q
    low = q.value
    if not m.group("mag") and t.group("mag") and not q.unit:
        low *= _mult(t.group("mag"))
    if hi.unit == "年" and (1900 <= low <= 2100 or 1900 <= hi.value <= 2100):
        return q
    if low >= hi.value:
        return q
    out = Quantity(
        q.start,
        hi.end,
        low,
        hi.value,
        _decimals(m.group("num")),
        hi.unit,
        hi.unit_span,
        hi.family,
        q.hint,
        is_range=True,
    )
    out.low_end, out.high_start, out.high_precision = q.end, t.start("num"), hi.precision
    return out
