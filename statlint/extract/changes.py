"""What part a figure plays in a change: a level, the start (from) or end (to) of a change, its size (delta),
a ratio (倍) or a target; plus the change's direction and base year.

Read from the few words between the figure and what precedes it in its clause, so
数字技术对经济增长的贡献率超过70% stays a level (增长 is not the figure's verb) while 收入增长4.8% is a delta.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

UP: Final = (
    "提升|提高|增长|成长|增加|上升|扩大|攀升|跃升|增产|加快|增|升|延长|延迟|推迟|新增|增收|上涨|涨|翻|"
    "上修|上调"
)
DOWN: Final = (
    "下降|降低|减少|缩短|压缩|缩小|压减|削减|缩减|回落|下滑|减产|放缓|收窄|精简|压降|减|降|"
    "节约|节省|节水|节能|节肥|节药|节电|节煤|节地|减轻|下跌|跌|衰退|减缓|下修|下调"
)
# A change may date its ends: 由2020年的58.2%提升至2024年的91.7%, 从2021年底的46503元.
# (1xx年: the ROC calendar; 年初/年末 alone: the start and end of the year the sentence tells)
# (and a part of that year: 2024年第4季的67.1%, 2025年上半年的)
DATED: Final = (
    r"(?:(?:(?:19|20)\d{2}|1[0-4]\d|上|去)?年"
    r"(?:同期|底|末|初|第?[一二三四1-4]季度?|[上下]半年|\d{1,2}月(?:底|末)?)?[的之]?)?"
)
# Merging into fewer (省属国有企业重组整合至11家): the end of a change downwards.
MERGE: Final = "整合|合并"
# The verb that makes a following figure the end of a change: 降至, 提升至, 缩短到, 增至, 缩小至.
TO_VERB: Final = re.compile(
    rf"(?P<verb>{UP}|{DOWN}|{MERGE})(?:为|了)?(?:至|到)(?:了)?{DATED}(?:平均|约|近|超过?|不足|不到)?$"
)
# A change verb right before the figure (allowing 了, 分别, 平均, qualifiers): 增长5.4%, 下降了60%, 增长超20%.
DELTA_VERB: Final = re.compile(
    rf"(?P<verb>{UP}|{DOWN})(?:了)?(?:分别|平均|约|近|超过?|逾|达|不足|不到|将近|高达)?(?:了)?$"
)
# Size-of-change nouns: 增幅5%, 增速达8%, 降幅为3%.
DELTA_NOUNS: Final = (
    "增幅|增速|涨幅|降幅|跌幅|减幅|增长率|成长率|增长幅度|下降幅度|降低幅度|缩短幅度|减少幅度"
)
DOWN_NOUNS: Final = frozenset(("降幅", "跌幅", "减幅", "下降幅度", "降低幅度", "缩短幅度", "减少幅度"))
DELTA_NOUN: Final = re.compile(
    rf"(?<!自然)(?P<verb>{DELTA_NOUNS})(?:大约|约|近)?(?:为|达|达到|是|分别为|保持在|稳定在|维持在)?(?:约|近|超过?|逾)?$"
)
# A difference from a base written with 多/少 (比上年多融资32.5亿元, 同比多增1200亿元, 较上年少3天).
MORE_LESS: Final = re.compile(
    r"(?:(?:比|较)(?:上年|去年|上年同期|去年同期|同期|上月|(?:19|20)\d{2}年)|同比|环比)(?P<verb>多|少)"
    r"[\u4e00-\u9fff]{0,3}$"
)
# A comparison before the figure (增速高于全国增速1.5个百分点): the figure is the gap between two values.
GAP: Final = re.compile(r"(?:高于|低于|快于|慢于|高出|低出)[^，,；;。]{0,16}$")
GAP_WINDOW: Final = 20 + 2
# A transitive change with its object between verb and figure: 累计减少重复信息录入1.2亿次, 新增入驻企业132家
# (not 增加值, value added: 数字经济增加值预计达3.4万亿元 is a level).
DELTA_OBJECT_VERBS: Final = "减少|新增|增加(?!值)|节约|节省|压减|削减|降低|减免|新开工|新登记|新认定"
DELTA_OBJECT: Final = re.compile(rf"(?P<verb>{DELTA_OBJECT_VERBS})[^,，的是为]{{1,24}}$")
# A flow measured over the period and named with 新增 (新增装机, 城镇新增就业, 新增债务限额): its figure is
# the measure's level for the period, not a change of a stock (新增养老床位380张 is one).
NEW_FLOW: Final = re.compile(
    r"新增[\u4e00-\u9fff]{0,4}?(?:装机(?:容量|规模)?|投运(?:规模|装机)?|就业(?:人数|人员)?|(?:政府)?(?:一般|专项)?"
    r"债务限额|(?:专项)?债券(?:额度)?|贷款|存款|社会融资规模|首贷户)(?:约|近|超过|突破|达到|达|为|分别为|逾)?$"
)
NEW_FLOW_WINDOW: Final = 17 + 2
# The start of a change: 从25% / 由2.3次, followed by a TO verb and the end figure.
FROM_WORDS: Final = "从|由"
FROM_BEFORE: Final = re.compile(
    rf"(?:{FROM_WORDS}){DATED}(?:原来的?|原先的?|过去的?)?(?:约|近|超过|不足|不到|每)?$"
)
# (the start may carry its own qualifier: 从30%左右提升到58.2%)
FROM_AFTER: Final = re.compile(
    rf"^(?:左右|以上|以下|以内|多|余)?(?:一路|持续|稳步|逐步|逐年|大幅|快速|进一步)?"
    rf"(?:(?:{UP}|{DOWN})?(?:为|了)?(?:至|到)|(?:{UP}|{DOWN})为)"
)
# After a start (由52天), a verb with 为 ends the change too: 由52天缩短为34天, 由80%提高为90%.
TO_AFTER_FROM: Final = re.compile(rf"(?P<verb>{UP}|{DOWN})为{DATED}(?:平均|约|近|超过?|不足|不到)?$")
# The value of the base year itself, right before the change from it: 较2019年的4.7%提高, 比2020年底的58%提升.
BASE_VALUE_BEFORE: Final = re.compile(
    r"(?:较|比|相比|相较于?)(?:(?:(?:19|20)\d{2}|1[0-4]\d)年|上年|去年)(?:底|末)?[的之](?:约|近)?$"
)
# ...or with the measure named between (较112年经济成长率1.42%增加2.40个百分点): read only when a change
# verb follows the figure.
BASE_MEASURE_VALUE_BEFORE: Final = re.compile(
    r"(?:较|比|相比|相较于?)(?:(?:19|20)\d{2}|1[0-4]\d)年(?:底|末)?[的之]?[\u4e00-\u9fff]{1,10}?"
    r"(?:为|是)?(?:约|近)?$"
)
# A base for the change: 较2020年, 比上年, 同比 (year before the figure's year).
BASE_YEAR: Final = re.compile(r"(?:较|比|相比|相较于?|与)((?:19|20)\d{2})\s*年")
SAME_PERIOD: Final = re.compile(r"同比|比上年|较上年|比去年|较去年")  # each holds 比 or 较
# Nothing but a conjunction between two figures: 分别增长3%和5%
# (节水30%、增收15% is not this: 增收 is a verb of its own).
JOIN_CHARS: Final = "、,，和及与或"
JOIN_ONLY: Final = re.compile(rf"^[{JOIN_CHARS}]\s*$")
# 增长了一倍 / 提高一倍: a doubling, read as a +100% change.
DOUBLING: Final = re.compile(rf"(?:{UP})(?:了)?$")


# A metric that is nothing but a change verb (较2020年提高 -> 提高): it borrows the previous figure's subject.
# A change written with a sign instead of a verb, as market and company reports do: 同比+12.3%, YoY+19.8%,
# 环比-2.1% (the minus is the number's own).
SIGNED_SOURCE: Final = r"(?:同比|环比|YoY|yoy|MoM|mom|QoQ|qoq)(?:增速|增幅|变动|变化)?\s*[:：]?\s*[+＋]?"
SIGNED: Final = re.compile(rf"(?:{SIGNED_SOURCE})$")
SIGNED_WINDOW: Final = 10
VERB_ONLY: Final = re.compile(
    r"(?:前[一二三四五六七八九十]{1,2}个?(?:季度|月)|第?[一二三四]季度|[上下]半年|全年|今年以来)?"
    rf"(?:年均|同比|环比|按年|按季|按月|同口径|可比|平均|累计)?(?:名义|实际|实质|净)?(?:{UP}|{DOWN})+(?:了)?"
    rf"|{SIGNED_SOURCE}"
)


# How much of the clause before a figure the verb patterns need (DELTA_OBJECT's verb plus 24 characters).
VERB_WINDOW: Final = 32


@dataclass(slots=True, init=False)
class Role:
    role: str  # level, from, to, delta, ratio (target is decided by the caller from the sentence)
    direction: str | None
    base_year: int | None

    # A written __init__ (init=False): mypyc compiles it, whereas the generated one runs as plain Python and
    # is called once per figure.
    def __init__(self, role: str, direction: str | None = None, base_year: int | None = None) -> None:
        self.role, self.direction, self.base_year = role, direction, base_year


_DOWN_RE: Final = re.compile(DOWN)


@lru_cache(maxsize=256)
def direction_of(verb: str) -> str:
    return "down" if _DOWN_RE.fullmatch(verb) or verb in MERGE.split("|") else "up"


UP_OR_DOWN: Final = re.compile(rf"{UP}|{DOWN}")
VERB_AT_END: Final = re.compile(rf"(?:{UP}|{DOWN})(?:了)?$")
# Longest match of each end-anchored pattern plus 2 (a trailing newline before $): how far back to search.
# tests/extract/test_changes_windows.py checks these against the patterns.
FROM_BEFORE_WINDOW: Final = 16 + 2
BASE_VALUE_WINDOW: Final = 11 + 2
BASE_MEASURE_VALUE_WINDOW: Final = 23 + 2
TO_VERB_WINDOW: Final = 17 + 2
DOUBLING_WINDOW: Final = 3 + 2
DELTA_PATTERNS: Final = (
    (DELTA_VERB, 6 + 2),
    (DELTA_NOUN, 11 + 2),
    (DELTA_OBJECT, VERB_WINDOW),
    (MORE_LESS, 13 + 2),
)


def _first_chars(*alternations: str) -> re.Pattern[str]:
    """A class of the characters the words of these alternations (a|b|c) start with."""
    return re.compile("[" + "".join(sorted({w[0] for alt in alternations for w in alt.split("|")})) + "]")


# Every cue read_role tries (from, to, doubling, delta verb, noun or object) starts with one of these
# characters: a prefix holding none of them is answered without trying the patterns one by one.
CUE_START: Final = _first_chars(UP, DOWN, MERGE, FROM_WORDS, DELTA_NOUNS, DELTA_OBJECT_VERBS, "多|少")


def read_role(prefix: str, after: str, unit: str, chinese_value_one: bool = False) -> Role:
    """Role of a figure from its clause prefix (text since the previous figure or clause start) and what
    follows it."""
    base = None
    b = BASE_YEAR.search(prefix) if "年" in prefix else None
    if b:
        base = int(b.group(1))
    prefix = prefix[-VERB_WINDOW:]  # the verb patterns below all end at the figure
    if unit == "番":
        return Role("ratio", "up", base)  # 翻一番: the figure is how many doublings (numbers.py asks for 翻)
    if unit != "倍" and (signed := SIGNED.search(prefix, max(0, len(prefix) - SIGNED_WINDOW))):
        return Role("delta", "up" if signed.group().rstrip().endswith(("+", "＋")) else None, base)
    n = len(prefix)
    if (
        ("较" in prefix or "比" in prefix)
        and (
            BASE_VALUE_BEFORE.search(prefix, max(0, n - BASE_VALUE_WINDOW))
            or BASE_MEASURE_VALUE_BEFORE.search(prefix, max(0, n - BASE_MEASURE_VALUE_WINDOW))
        )
        and (v := UP_OR_DOWN.match(after))
    ):
        return Role("from", direction_of(v.group()), base)  # 较2019年的4.7%提高26.9个百分点: the base value
    if CUE_START.search(prefix) is None:
        return Role("ratio" if unit == "倍" else "level", None, base)
    # Each pattern is anchored at the end and its matches are at most (window - 2) characters long, so it is
    # searched from (n - window) only: the same leftmost match, without trying every earlier start.
    # (and only when the window holds the word every match needs: 从/由, 至/到)
    if ("从" in prefix or "由" in prefix) and FROM_BEFORE.search(prefix, max(0, n - FROM_BEFORE_WINDOW)):
        v = FROM_AFTER.match(after)
        if v:
            verb_m = UP_OR_DOWN.match(after[: v.end()])
            return Role("from", direction_of(verb_m.group()) if verb_m else None, base)
    m = TO_VERB.search(prefix, max(0, n - TO_VERB_WINDOW)) if "至" in prefix or "到" in prefix else None
    if m:
        return Role("to", direction_of(m.group("verb")), base)
    if unit == "倍":
        d = DOUBLING.search(prefix, max(0, n - DOUBLING_WINDOW))
        if chinese_value_one and d:
            return Role("delta", "up", base)
        at_end = VERB_AT_END.search(prefix, max(0, n - DOUBLING_WINDOW))
        return Role("ratio", direction_of(at_end.group().rstrip("了")) if at_end else None, base)
    if GAP.search(prefix, max(0, n - GAP_WINDOW)):
        return Role("level", None, base)  # 增速高于全国网上零售额增速1.5个百分点: a gap, not a change
    if "新增" in prefix and NEW_FLOW.search(prefix, max(0, n - NEW_FLOW_WINDOW)):
        return Role("level", None, base)  # 新增装机68.5GW, 城镇新增就业48万人: the period's flow
    for pat, window in DELTA_PATTERNS:
        m = pat.search(prefix, max(0, n - window))
        if m:
            verb = m.group("verb")
            if pat is MORE_LESS:
                direction = "up" if verb == "多" else "down"
            else:
                direction = (
                    "down" if verb in DOWN_NOUNS else ("up" if pat is DELTA_NOUN else direction_of(verb))
                )
            if verb == "翻":
                continue
            return Role("delta", direction, base)
    return Role("level", None, base)
