"""Category `arithmetic`: figures that cannot all hold, checked with exact decimals at their written
precision.

Every comparison uses the interval a written figure allows (statlint.rules.facts): "41.5%" is [41.45, 41.55],
so 41.5% and 41.50%, or sums that differ only by rounding, never create a finding, and no float drift does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal

from statlint.rules.base import Finding, RuleContext, Span, rule
from statlint.rules.facts import (
    SENTENCE_MARK,
    TABLE_ROW,
    dict_rows,
    ensure_facts,
    grouping_filter,
    is_table_text,
    measure_filter,
    stat_details,
)
from statlint.rules.text import simplify

HUNDRED = Decimal(100)
# Durations in hours, so "从1天压缩至2小时" compares 24 with 2. A working day counts as a day here: only the
# direction and size of a change are checked, never a conversion the text states.
HOURS = {
    "秒": Decimal(1) / 3600,
    "秒钟": Decimal(1) / 3600,
    "分钟": Decimal(1) / 60,
    "小时": Decimal(1),
    "个小时": Decimal(1),
    "天": Decimal(24),
    "日": Decimal(24),
    "个工作日": Decimal(24),
    "工作日": Decimal(24),
    "周": Decimal(168),
    "个月": Decimal(720),
    "月": Decimal(720),
    "年": Decimal(8760),
}
# Verbs saying a value went up or down between its from and to values (从45%提升至78%).
UP_WORDS = re.compile(r"提升|提高|增长|成长|增加|上升|扩大|增至|升至|突破|延长|加长")
DOWN_WORDS = re.compile(r"下降|降低|降至|减少|缩短|压缩|减至|回落|下滑|缩小")
# Ranks: a rank "rises" as its number falls, so the direction of a change in rank is not checked.
RANK_UNITS = {"位", "名"}
# Finite sets whose size is known: a share of them must be a whole number of members. Mainland China has 31
# province-level divisions (省、自治区、直辖市).
FINITE_SETS = {"省份": 31, "省区市": 31, "省级行政区": 31}
SET_AFTER = re.compile(r"^的?(省份|省区市|省级行政区)")
SET_AFTER_SQL = "^的?(省份|省區市|省区市|省級行政區|省级行政区)"
# "全国31个省份中" / "12个部门中" / "共有16个区，其中": an explicit whole named in the sentence.
# (counted with any measure word for things, places or people: 15家受访用人单位中, 12所高校中)
SET_COUNTER = "个|家|所|名|位|户|座|项|条"
SET_COUNTER_SQL = "个|個|家|所|名|位|户|戶|座|项|項|条|條"
EXPLICIT_SET = re.compile(
    rf"(\d+)(?:{SET_COUNTER})([\u4e00-\u9fff]{{1,10}}?(?:[（(][\u4e00-\u9fff、]{{1,8}}[）)])?)(?:中|里|当中|(?=[，,]其中))"
)
EXPLICIT_SET_SQL = f"[0-9]+({SET_COUNTER_SQL})[^，,。；;0-9]{{1,16}}?(中|裡|里|當中|当中|[，,]其中)"
# Sets larger than this have a whole count for every percentage at the usual precision: not worth checking.
MAX_EXPLICIT_SET = 200
# A share right after its set, naming no noun of its own: 14个地级市中，有64.5%…
SET_BEFORE = re.compile(
    rf"(\d+)(?:{SET_COUNTER})([\u4e00-\u9fff]{{1,6}}?(?:[（(][\u4e00-\u9fff、]{{1,10}}[）)])?)(?:中|里|当中)[，,]?"
    r"(?:其中)?(?:有|约有|占比(?:为|达到?)?|占(?:为|达到?)?)?$"
)
SET_SHARE_CLAUSE_SQL = (
    f"^(其中)?(有)?$|({SET_COUNTER_SQL})[^，,0-9]{{1,10}}(中|里|裡|当中|當中)(有|约有|約有)?$"
)
# A share of a named whole: "占全部投资比重", "占GDP的比重", or a list "分别占全市的30%、45%" (the clause of
# each item of the list still holds "分别占全市的"). Group 1 or 2 is the whole; group 3 a list of parts
# whose shares of their (unnamed) whole follow: 工资性收入、经营净收入…占比分别为42.9%、34.6%…
WHOLE = re.compile(
    r"(?<!分别)占([\u4e00-\u9fffA-Za-z]{1,12}?)(?:的?(?:比重|比例|份额)|的$)"
    r"|分别占([\u4e00-\u9fffA-Za-z]{1,12}?)的?(?:比重|比例|份额)?(?:为|是|达)?(?=\d|$)"
    r"|[、和及与][^、，]{1,12}?的?(占比|比重|份额)分别(?:为|是|达)?(?=\d|$)"
)
# A figure earlier in a share's clause (…分别为42.9%、): the share is an item of a list. Years do not count.
EARLIER_FIGURE = re.compile(r"\d(?![\d.]*\s*年)")
# The whole of a list of parts' shares (group 3 of WHOLE), which the sentence leaves unnamed.
LISTED_WHOLE = "各组成部分"
# The clauses a share may stand in: one naming its whole (占), or one naming a share alone (第二产业增加值
# 比重为38.3%), which is of the whole the sentence's previous share named.
SHARE_CLAUSE_SQL = "(占|佔)|(比重|佔比|占比)(為|为|是|達到|达到|達|达)?$"
SAME_WHOLE_SHARE = re.compile(r"^[^占]{2,16}(?:比重|占比)(?:为|是|达到|达)?$")
# A share that names only its part and 占 (东部地区占全国的比重为52.4%，中部地区占28.3%; 智能农机装备占市场
# 规模的41.2%，农业物联网平台及软件占28.6%): of the same whole, unless the part is another measure
# (就业人数占28.3%) that the extractor did not read as the same one.
PART_ONLY_SHARE = re.compile(r"^[^占]{1,16}?(?:分别)?占$")
# The last item of a list of shares in one clause (…占52.6%、东协占), and a year opening it.
LIST_ITEM = re.compile(r"(?<=[%％])[、，,]")
LEAD_YEAR = re.compile(r"^(?:(?:19|20)\d{2}|1[0-4]\d)年")
# A sample's profile (女性占52.3%，60岁及以上受访者占38.7%): shares of respondents by different traits
# overlap.
SURVEY_PROFILE = re.compile(r"受访者|被调查|被访|调查对象|样本|问卷")
# ...unless they answer one single-choice question (一题（单选）): then their shares split the respondents.
SINGLE_CHOICE = re.compile(r"单选|單選|单项选择|單項選擇")
# A question that allows several answers: its shares add up past 100% by design.
MULTIPLE_CHOICE = re.compile(r"多选|多選|可多选|多项选择|多項選擇|最多选|最多選|限选")
# Parts that name no whole at all are summed only when the sentence lists at least this many (a breakdown).
UNNAMED_WHOLE_PARTS = 3
# Shares of an unnamed whole that add up past this are of overlapping categories (every household has most
# of the facilities listed), not a partition with a wrong part.
UNNAMED_WHOLE_MAX = Decimal(150)
MEASURE_PART = re.compile(
    r"(?P<head>数|率|额|量|值|规模|收入|支出|投资|产值|人口|面积|产量|消费|利润|成本|费用)(?:分别)?占$"
)
# Regions that split the country between them; a national figure lies between its parts.
PARTITIONS = (
    {
        "东部",
        "东部地区",
        "东部省份",
        "东部沿海地区",
        "西部",
        "西部地区",
        "西部省份",
        "中部",
        "中部地区",
        "中部省份",
        "东北地区",
        "中西部",
        "中西部地区",
        "中西部省份",
    },
    {"城市地区", "农村地区", "城镇地区", "乡村地区", "城市", "农村"},
)
NATIONAL = "全国"
# A national figure may be reported for the year after its regional parts (a report's latest national figure
# against last year's regional breakdown); further apart they are not comparable.
MAX_YEAR_GAP = 1
# Parts that state no year are the national figure's own when at most this many sentences after it.
UNDATED_PARTS_AFTER = 6
# Two measure names describe the same measure when they end in the same head (网办率) and share this share
# of their characters.
MIN_MEASURE_OVERLAP = 0.6
MEASURE_HEAD = re.compile(r"(?:率|量|额|数|比重|占比|比例|规模|指数|时间|周期|成本|人次|用户)$")


def _dec(x: object) -> Decimal | None:
    return None if x is None else Decimal(str(x))


def _half(d: dict) -> Decimal:
    """Half a unit of the last written digit, with the figure's magnitude (8.2亿 -> 0.05亿)."""
    lo, hi = _dec(d.get("lo")), _dec(d.get("hi"))
    if lo is not None and hi is not None:
        return (hi - lo) / 2
    return Decimal(0)


@rule(
    "SL601",
    "change-does-not-match-endpoints",
    "arithmetic",
    "error",
    bad="跨部門數據共享率從45%提升至78%，提高了23個百分點。",
    good="跨部門數據共享率從45%提升至78%，提高了33個百分點。",
)
def change_does_not_match_endpoints(ctx: RuleContext) -> Iterator[Finding]:
    """A change stated with its endpoints can be recomputed. "從45%提升至78%，提高23個百分點" cannot be right
    (78 − 45 = 33), nor can "從30天延長至7天" (the value fell), nor "從40%提升至50%，增長10%" (a 10-point
    rise is a
    25% relative rise; percentage points and per cent are different units). The recomputation is exact at the
    written precision, so rounding never triggers it."""
    ensure_facts(ctx)
    rows = dict_rows(
        ctx.con.execute(
            """
            SELECT doc_id, sentence_id, stat_id, start, role_k, unit_family, value_text, lo, hi, clause,
                   after, unit_k, number_text, year, sentence_text, sentence_start
            FROM rule_stats
            WHERE (doc_id, sentence_id) IN (
                SELECT DISTINCT doc_id, sentence_id FROM rule_stats WHERE role_k = 'from'
            )
            ORDER BY doc_id, sentence_id, start
            """
        )
    )
    by_sentence: dict[tuple[str, int], list[dict]] = {}
    for d in rows:
        d["clause"], d["after"] = simplify(d["clause"] or ""), simplify(d["after"] or "")
        by_sentence.setdefault((d["doc_id"], d["sentence_id"]), []).append(d)
    problems: list[tuple[str, list[int], str, str, str]] = []
    for (doc_id, _), figs in by_sentence.items():
        for i, f in enumerate(figs[:-1]):
            t = figs[i + 1]
            if (
                f["role_k"] == "from"
                and t["role_k"] == "delta"
                and i > 0
                and figs[i - 1]["role_k"] in ("level", "to")
            ):
                # 比重为53.5%，较2022年的50.9%提升了2.6%: the level, then its base value, then the change
                level = _level_before_parts(figs, i - 1)
                if level is None:
                    continue
                a, b = _comparable(f, level)
                gap = _between(t["clause"], simplify(f["number_text"]))
                if a is not None and b is not None and CHANGE_ONLY.match(gap):
                    verdict = _check_delta(f, level, t, a, b)
                    if verdict:
                        problems.append((doc_id, [f["stat_id"], level["stat_id"], t["stat_id"]], *verdict))
                continue
            if (
                f["role_k"] != "from"
                or t["role_k"] not in ("to", "from")
                or t["unit_family"] != f["unit_family"]
            ):
                continue
            a, b = _comparable(f, t)
            if a is None or b is None:
                continue
            verb = _between(t["clause"], simplify(f["number_text"]))
            if t["unit_k"] in RANK_UNITS:
                verb = ""  # a rank rises as its number falls (由369位上升到235位)
            if (UP_WORDS.search(verb) and b < a) or (DOWN_WORDS.search(verb) and b > a):
                problems.append(
                    (
                        doc_id,
                        [f["stat_id"], t["stat_id"]],
                        "direction",
                        "变化方向与起止数值相反",
                        "the stated direction contradicts the endpoints",
                    )
                )
                continue
            delta = figs[i + 2] if i + 2 < len(figs) and figs[i + 2]["role_k"] == "delta" else None
            if delta is not None and ANNUAL_ONLY.match(delta["clause"] or ""):
                verdict = _check_annual(f, t, delta, a, b)
            elif delta is None or not _states_change_of(delta):
                continue
            else:
                verdict = _check_delta(f, t, delta, a, b)
            if verdict:
                problems.append((doc_id, [f["stat_id"], t["stat_id"], delta["stat_id"]], *verdict))
    yield from _emit(
        ctx, "SL601", problems, "核对起止数值与变化幅度，改正其中有误的数字；百分比的差应写作“个百分点”。"
    )


# What may stand between a to-value and its change ("，提高了33个百分点"): change verbs and fillers only. Any
# other word names a different measure ("，城市建成区面积分别提高8.3%").
CHANGE_ONLY = re.compile(
    r"^[，,、；\s]*(?:[一二两三四五六七八九十\d]+年(?:间|来|内)|期间|其间|同期)?(?:共|累计|合计|总共)?"
    r"(?:提升|提高|增长|成长|增加|上升|扩大|下降|降低|减少|缩短|压缩|"
    r"回落|下滑|缩小)(?:了|达|约|近|超过)?$"
    r"|^[，,、；\s]*(?:降幅|增幅|涨幅|跌幅|减幅|下降幅度|增长幅度|缩短幅度|减少幅度)(?:大约|约|近)?(?:为|达到?|是)?"
    r"(?:约|近|超过|逾|不足|不到)?$"
)


# An average yearly change after the two endpoints (从2020年的32.5亿元增加到2025年的48.7亿元，年均增长10.6%).
ANNUAL_ONLY = re.compile(
    r"^[，,、；\s]*(?:年均|年平均|平均每年)(?:名义)?(?:增长|增速为?|提升|提高|增加|下降|降低|减少)(?:了|达|约|为)?$"
)
# Reports round the years' growth loosely (a base revised, an average of yearly rates): a gap this small in
# points is left alone.
ANNUAL_SLACK = Decimal("0.5")


def _check_annual(f: dict, t: dict, d: dict, a: Decimal, b: Decimal) -> tuple[str, str, str] | None:
    """An average yearly change between two dated endpoints: compound growth for a percentage (年均增长), the
    points a year for a rate (年均提高1.2个百分点)."""
    years = (t["year"] or 0) - (f["year"] or 0)
    if years <= 0 or f["unit_k"] != t["unit_k"] or a <= 0 or b <= 0:
        return None
    c = Decimal(d["value_text"])
    if d["unit_family"] == "percentage_point" and f["unit_family"] == "percent":
        per_year = (b - a) / years
        if abs(abs(per_year) - c) <= (_half(f) + _half(t)) / years + _half(d) + ANNUAL_SLACK:
            return None
        return (
            "annual",
            f"按起止数值，年均变化应为{_fmt(abs(per_year), 2)}个百分点，与所述{_fmt(c)}个百分点不符",
            f"the endpoints give {_fmt(abs(per_year), 2)} points a year, not the stated {_fmt(c)}",
        )
    if d["unit_family"] != "percent":
        return None
    lo_ratio = (b - _half(t)) / (a + _half(f))
    hi_ratio = (b + _half(t)) / max(a - _half(f), Decimal("1e-9"))
    if lo_ratio <= 0:
        return None
    low = (float(lo_ratio) ** (1 / years) - 1) * 100
    high = (float(hi_ratio) ** (1 / years) - 1) * 100
    low, high = sorted((abs(low), abs(high)))
    slack = float(_half(d) + ANNUAL_SLACK)
    if low - slack <= float(c) <= high + slack:
        return None
    rate = Decimal(str((float(b / a) ** (1 / years) - 1) * 100))
    return (
        "annual",
        f"按{f['year']}年至{t['year']}年的起止数值，年均变化应为{_fmt(abs(rate), 1)}%，与所述{_fmt(c)}%不符",
        f"the endpoints of {f['year']}-{t['year']} give {_fmt(abs(rate), 1)}% a year, "
        f"not the stated {_fmt(c)}%",
    )


def _states_change_of(delta: dict) -> bool:
    """The delta's clause is only a change verb, so it is the change between the from and to values; an
    annual average (年均增长6.5%) is not the total change and is not checked."""
    return bool(CHANGE_ONLY.match(delta["clause"] or ""))


def _between(clause: str, from_text: str) -> str:
    """The words between the from value and the to value (从31.1%降至): the verb of the change, without the
    measure's name before it (增加值占比 names a measure, it does not say the value rose)."""
    from_text = from_text.replace(",", "")  # (the clause has no thousands commas: facts._clause_text)
    at = clause.rfind(from_text)
    return clause[at + len(from_text) :] if at >= 0 else clause


def _comparable(f: dict, t: dict) -> tuple[Decimal | None, Decimal | None]:
    """The two endpoint values in one unit (durations converted to hours); None when they cannot be
    compared."""
    a, b = Decimal(f["value_text"]), Decimal(t["value_text"])
    if f["unit_k"] == t["unit_k"]:
        return a, b
    if f["unit_family"] == "duration" and f["unit_k"] in HOURS and t["unit_k"] in HOURS:
        return a * HOURS[f["unit_k"]], b * HOURS[t["unit_k"]]
    return None, None


def _check_delta(f: dict, t: dict, d: dict, a: Decimal, b: Decimal) -> tuple[str, str, str] | None:
    """None when the stated change fits the endpoints; else (kind, message_zh, message_en)."""
    c = Decimal(d["value_text"])
    tol = _half(f) + _half(t) + _half(d)
    diff = abs(b - a)
    if f["unit_k"] != t["unit_k"]:
        return None  # converted endpoints: only the direction is checked
    if d["unit_family"] == "percentage_point" or (
        d["unit_k"] == f["unit_k"] and d["unit_family"] != "percent"
    ):
        if abs(diff - c) <= tol:
            return None
        return (
            "difference",
            f"起止数值之差为{_fmt(diff)}，与所述变化{_fmt(c)}不符",
            f"the endpoints differ by {_fmt(diff)}, not the stated {_fmt(c)}",
        )
    if d["unit_family"] == "percent" and a != 0:
        rel_lo = (abs(b - a) - _half(f) - _half(t)) / (a + _half(f)) * HUNDRED
        rel_hi = (abs(b - a) + _half(f) + _half(t)) / max(a - _half(f), Decimal("1e-9")) * HUNDRED
        if rel_lo - _half(d) <= c <= rel_hi + _half(d):
            return None
        if f["unit_family"] == "percent" and abs(diff - c) <= tol:
            return (
                "points",
                f"起止百分比之差为{_fmt(diff)}个百分点，却写作“{_fmt(c)}%”（相对变化应为"
                f"{_fmt(diff / a * HUNDRED, 1)}%）",
                f"the rates differ by {_fmt(diff)} percentage points, written as {_fmt(c)}% "
                f"(the relative change is {_fmt(diff / a * HUNDRED, 1)}%)",
            )
        return (
            "relative",
            f"按起止数值，相对变化应为{_fmt(diff / a * HUNDRED, 1)}%，与所述{_fmt(c)}%不符",
            f"the endpoints give a relative change of {_fmt(diff / a * HUNDRED, 1)}%, not {_fmt(c)}%",
        )
    return None


def _fmt(x: Decimal, places: int | None = None) -> str:
    if places is not None:
        x = x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    s = format(x.normalize(), "f")
    return s


def _emit(ctx: RuleContext, rule_id: str, problems: list, suggestion: str) -> Iterator[Finding]:
    details = stat_details(ctx, [(p[0], i) for p in problems for i in p[1]])
    for doc_id, ids, kind, zh, en in problems:
        figs = [details[(doc_id, i)] for i in ids]
        quoted = "、".join(f"“{d['number_text']}”" for d in figs)
        yield Finding(
            rule=rule_id,
            doc_id=doc_id,
            message=ctx.say(f"{quoted}：{zh}。", doc_id),
            message_en=f"{', '.join(d['number_text'] for d in figs)}: {en}.",
            suggestion=ctx.say(suggestion, doc_id),
            evidence=[Span(doc_id, d["start"], d["end"], d["number_text"], d["section_path"]) for d in figs],
            key="|".join(
                [
                    kind,
                    str(figs[0]["metric_k"]),
                    str(figs[0]["entity_k"]),
                    "/".join(d["value_text"] for d in figs),
                ]
            ),
        )


@rule(
    "SL602",
    "base-plus-points-mismatch",
    "arithmetic",
    "error",
    bad="2020年政務雲資源利用率為60%。…2024年政務雲資源利用率提升至80%，較2020年提高25個百分點。",
    good="2020年政務雲資源利用率為55%。…2024年政務雲資源利用率提升至80%，較2020年提高25個百分點。",
)
def base_plus_points_mismatch(ctx: RuleContext) -> Iterator[Finding]:
    """A level stated with its change since a base year (2024年提升至80%，較2020年提高25個百分點) implies the
    base-year value (55%). When the report states that base-year value elsewhere for the same measure and
    scope
    and it differs, one of the three figures is wrong. Checked exactly at the written precision."""
    ensure_facts(ctx)
    rows = ctx.con.execute(
        f"""
        WITH d AS (
            SELECT *, COALESCE(base_year, TRY_CAST(regexp_extract(clause, '(较|較)(\\d{{4}})年', 2) AS
                INT)) AS by_
            FROM rule_stats WHERE role_k = 'delta' AND unit_family = 'percentage_point'
        ), l AS (
            SELECT d.doc_id, d.stat_id AS d_id, d.by_, arg_max(l.stat_id, l.start) AS l_id
            FROM d JOIN rule_stats l ON l.doc_id = d.doc_id AND l.sentence_id = d.sentence_id
                 AND l.start < d.start AND l.role_k IN ('level', 'to') AND l.unit_family = 'percent'
            WHERE d.by_ IS NOT NULL
            GROUP BY ALL
        )
        SELECT l.doc_id, l.d_id, l.l_id, b.stat_id
        FROM l JOIN rule_stats lv ON lv.doc_id = l.doc_id AND lv.stat_id = l.l_id
        JOIN rule_stats b ON b.doc_id = l.doc_id AND b.metric_k = lv.metric_k AND b.entity_k = lv.entity_k
             AND b.year = l.by_ AND b.unit_family = 'percent' AND b.role_k IN ('level', 'to', 'from')
             -- (a half-year's rate is based on the half-year before, not on the whole year's)
             AND b.period_k = lv.period_k
             -- (a start value in the change's own sentence, 从48.6%提升至58.9%，提高8.3个百分点: SL601's)
             AND NOT (b.sentence_id = lv.sentence_id AND b.role_k = 'from')
        WHERE {grouping_filter("b")} AND b.stat_id <> lv.stat_id AND lv.year IS DISTINCT FROM l.by_
        ORDER BY 1, 2, 3, 4
        """
    ).fetchall()
    details = stat_details(ctx, [(r[0], i) for r in rows for i in r[1:]])
    problems = []
    for doc_id, d_id, l_id, b_id in rows:
        d, lv, b = details[(doc_id, d_id)], details[(doc_id, l_id)], details[(doc_id, b_id)]
        sign = -1 if DOWN_WORDS.search(simplify(d.get("clause") or "")) else 1
        implied = Decimal(lv["value_text"]) - sign * Decimal(d["value_text"])
        stated = Decimal(b["value_text"])
        if abs(implied - stated) <= _half(d) + _half(lv) + _half(b):
            continue
        problems.append(
            (
                doc_id,
                [b_id, l_id, d_id],
                "base",
                f"按变化幅度推算基期值应为{_fmt(implied)}%，但文中基期值为{_fmt(stated)}%",
                f"the change implies a base-year value of {_fmt(implied)}%, but the report states "
                f"{_fmt(stated)}%",
            )
        )
    yield from _emit(ctx, "SL602", problems, "核对基期值、现值与变化幅度（个百分点），改正其中有误的数字。")


@rule(
    "SL603",
    "national-outside-regional-range",
    "arithmetic",
    "warning",
    bad="2025年全國政務服務網辦率達92%。…2024年東部省份政務服務網辦率達92%，而西部省份僅為65%。",
    good="2025年全國政務服務網辦率達81%。…2024年東部省份政務服務網辦率達92%，而西部省份僅為65%。",
)
def national_outside_regional_range(ctx: RuleContext) -> Iterator[Finding]:
    """A national rate is an average of its regions' rates, so it lies strictly between the lowest and the
    highest of them. A national figure equal to or beyond the best region (全國92% while 東部92% and 西部65%)
    or the worst cannot be right unless the regions are all equal. Regions are parts of one partition of the
    country (東部/中部/西部/東北, or 城市/農村); the national figure may be a year later than its parts, and
    parts that state no year count when they follow the national figure closely in its section (分區域看，
    東部地區為27.9%…)."""
    ensure_facts(ctx)
    # Only parts that belong to a partition are fetched (the others were skipped in Python: most of the rows).
    rows = ctx.con.execute(
        f"""
        SELECT n.doc_id, n.stat_id, p.stat_id, n.metric_k, p.metric_k, p.entity_k, n.year, p.year
        FROM rule_stats n
        JOIN rule_stats p ON p.doc_id = n.doc_id AND p.unit_family = 'percent' AND p.entity_k <> n.entity_k
             AND list_contains($parts, p.entity_k)
             AND (p.year BETWEEN n.year - {MAX_YEAR_GAP} AND n.year AND p.year_stated
                  OR p.year IS NULL AND p.section_path IS NOT DISTINCT FROM n.section_path
                     AND p.sentence_id BETWEEN n.sentence_id AND n.sentence_id + {UNDATED_PARTS_AFTER})
             AND p.role_k IN ('level', 'to')
             AND right(replace(p.metric_k, '|', ''), 1) = right(replace(n.metric_k, '|', ''), 1)
        WHERE n.entity_k = '{NATIONAL}' AND n.unit_family = 'percent' AND n.role_k IN ('level', 'to')
          AND n.qualifier_k = '=' AND p.qualifier_k IN ('=', '>=', '<=')
          -- (an undated national figure is compared only with the undated parts told right after it)
          AND (n.year_stated OR n.year IS NULL) AND {measure_filter("n")} AND p.metric_k IS NOT NULL
        ORDER BY 1, 2, 3
        """,
        {"parts": sorted(set().union(*PARTITIONS))},
    ).fetchall()
    groups: dict[tuple[str, int, int, int], list[int]] = {}
    for doc_id, n_id, p_id, n_m, p_m, p_e, _, p_y in rows:
        part = next((i for i, ps in enumerate(PARTITIONS) if p_e in ps), None)
        if part is None or not _same_measure(n_m, p_m):
            continue
        groups.setdefault((doc_id, n_id, part, p_y), []).append(p_id)
    details = stat_details(
        ctx, [(k[0], k[1]) for k in groups] + [(k[0], i) for k, v in groups.items() for i in v]
    )
    problems = []
    for (doc_id, n_id, _, _), part_ids in groups.items():
        parts = [details[(doc_id, i)] for i in part_ids]
        if len({p["entity_k"] for p in parts}) < 2:
            continue
        n = details[(doc_id, n_id)]
        top = max(parts, key=lambda p: Decimal(p["value_text"]))
        low = min(parts, key=lambda p: Decimal(p["value_text"]))
        nv, tv, lv = Decimal(n["value_text"]), Decimal(top["value_text"]), Decimal(low["value_text"])
        if tv - lv <= _half(top) + _half(low):
            continue  # the parts are equal: the national figure may equal them
        if low["entity_k"] == top["entity_k"]:
            continue
        if lv < nv < tv:
            continue
        side, side_en = ("不低于", "at or above") if nv >= tv else ("不高于", "at or below")
        edge = top if nv >= tv else low
        other = low if edge is top else top
        problems.append(
            (
                doc_id,
                [n_id, top["stat_id"], low["stat_id"]],
                "range",
                f"全国数值{n['number_text']}{side}{edge['entity_k']}的{edge['number_text']}，而"
                f"{other['entity_k']}为{other['number_text']}，"
                f"全国值应介于各地区之间",
                f"the national figure {n['number_text']} is {side_en} {edge['entity_k']}'s "
                f"{edge['number_text']} while another part is "
                f"{other['number_text']}; a national figure lies between its parts",
            )
        )
    problems.extend(_national_outside_provinces(ctx))
    problems.extend(_whole_outside_its_parts(ctx))
    yield from _emit(ctx, "SL603", problems, "核对全国数据与分地区数据的口径和年份，改正有误的数字。")


def _mainland_provinces() -> list[str]:
    from statlint.extract.scope import gazetteer

    keys = {p.key for p in gazetteer().values() if p.kind == "province"}
    return sorted(keys - NOT_MAINLAND_PROVINCES)


# The province-level keys that are not among mainland China's 31 (a table of all provinces lists none).
NOT_MAINLAND_PROVINCES = frozenset(("台湾省", "香港特别行政区", "澳门特别行政区", "新疆生产建设兵团"))
MAINLAND_PROVINCE_COUNT = 31
# Words that make a growth rate of a measure (数字经济增速, 数字经济规模名义增长): its topic is what is left.
GROWTH_WORDS = re.compile(r"名义|同比|比上年|年均|增长率|增长|增速|成长率|成长|规模|总量|总额")
# A measure averaged over places, not summed: a national figure of it lies between its provinces'.
AVERAGED_MEASURE = re.compile(r"人均|户均|平均|每")


def _national_outside_provinces(ctx: RuleContext) -> list:
    """The national figure against a table (or list) of all 31 provinces' figures of the same measure and
    year: a rate, a per-capita amount or a growth rate of the country is an average of its provinces', so it
    lies between the lowest and the highest (a 全国 6.7% under 吉林's 7.1%, the lowest of 31, is wrong).
    Totals are not checked (the country's is their sum)."""
    rows = ctx.con.execute(
        f"""
        WITH p AS (
            SELECT doc_id, metric_k, year, role_k IN ('level', 'to') AS is_level, unit_family,
                   arg_min(stat_id, value) AS low_id, arg_max(stat_id, value) AS top_id,
                   min(value) AS low, max(value) AS top
            FROM rule_stats
            WHERE list_contains($provinces, entity_k) AND role_k IN ('level', 'to', 'delta')
              AND qualifier_k = '=' AND metric_k IS NOT NULL AND year IS NOT NULL
              AND (unit_family = 'percent' OR regexp_matches(metric_k, $averaged))
              AND {grouping_filter("rule_stats")}
            GROUP BY ALL
            HAVING count(DISTINCT entity_k) = {MAINLAND_PROVINCE_COUNT} AND max(value) > min(value)
        )
        SELECT p.doc_id, n.stat_id, p.low_id, p.top_id, n.metric_k, p.metric_k, n.v
        FROM p JOIN rule_stats n ON n.doc_id = p.doc_id AND n.entity_k = '{NATIONAL}'
             AND n.unit_family = p.unit_family AND n.qualifier_k = '='
             AND (n.role_k IN ('level', 'to')) = p.is_level AND n.role_k IN ('level', 'to', 'delta')
             AND n.year = p.year AND n.metric_k IS NOT NULL
        WHERE {grouping_filter("n")} AND (n.value <= p.low OR n.value >= p.top)
        ORDER BY 1, 2, 3, 4
        """,
        {"provinces": _mainland_provinces(), "averaged": AVERAGED_MEASURE.pattern},
    ).fetchall()
    seen: set[tuple] = set()
    kept = []
    for r in rows:  # one finding per table and national value (the text's 5.0% and the table's 全国 5.0)
        if (_same_measure(r[4], r[5]) or _same_topic(r[4], r[5])) and (r[0], r[2], r[3], r[6]) not in seen:
            seen.add((r[0], r[2], r[3], r[6]))
            kept.append(r)
    rows = kept
    details = stat_details(ctx, [(r[0], i) for r in rows for i in r[1:4]])
    problems = []
    for doc_id, n_id, low_id, top_id, *_ in rows:
        n, low, top = details[(doc_id, n_id)], details[(doc_id, low_id)], details[(doc_id, top_id)]
        nv, tv, lv = Decimal(n["value_text"]), Decimal(top["value_text"]), Decimal(low["value_text"])
        if lv + _half(low) < nv < tv - _half(top) or tv - lv <= _half(top) + _half(low):
            continue
        edge = top if nv >= tv else low
        side, side_en = ("不低于", "at or above") if edge is top else ("不高于", "at or below")
        problems.append(
            (
                doc_id,
                [n_id, top["stat_id"], low["stat_id"]],
                "range",
                f"全国数值{n['number_text']}{side}全部31个省份中{edge['entity_k']}的{edge['number_text']}"
                f"（最{'高' if edge is top else '低'}），全国值应介于各省份之间",
                f"the national figure {n['number_text']} is {side_en} {edge['entity_k']}'s "
                f"{edge['number_text']}, the {'highest' if edge is top else 'lowest'} of all 31 provinces; "
                "a national figure lies between its provinces'",
            )
        )
    return problems


def _whole_outside_its_parts(ctx: RuleContext) -> list:
    """A table of a place's parts with a row for the whole (| 全市 | … under | 岚城区 | … rows), or the
    parts' range told in words (8个县（区）…优良天数比例在89.3%～95.6%之间) beside the whole's figure: a rate,
    an average or a growth rate of the whole lies between its parts' (the city's 88.2% under eight districts
    of 89.3-95.6% is wrong). A table whose caption says it lists only some places (部分, 主要, 重点) is no
    partition; shares of the whole (占全市比重) and changes in points are not checked (a ratio's change can
    fall outside its parts')."""
    where, params = ctx.doc_filter("doc_id")
    rows = ctx.con.execute(
        f"""SELECT doc_id, stat_id, sentence_id, sentence_text, section_path, metric_k, entity_k, year,
                   unit_k, role_k IN ('level', 'to') AS is_level, qualifier_k, value_text, precision
            FROM rule_stats
            WHERE {where} AND metric_k IS NOT NULL AND entity_k IS NOT NULL
              AND role_k IN ('level', 'to', 'delta') AND unit_family <> 'percentage_point'
              AND (unit_family = 'percent'
                   OR role_k IN ('level', 'to') AND (contains(unit_k, '/') OR regexp_matches(metric_k, ?)))
              AND NOT regexp_matches(metric_k, ?)
            ORDER BY doc_id, sentence_id, start""",
        [*params, AVERAGED_MEASURE.pattern, PART_SHARE.pattern],
    ).fetchall()
    by_doc: dict[str, list[tuple]] = {}
    for r in rows:
        by_doc.setdefault(r[0], []).append(r)
    problems = []
    for doc_id, stats in by_doc.items():
        for whole, parts in [*_table_partitions(ctx, doc_id, stats), *_stated_ranges(stats)]:
            values = [Decimal(p[11]) for p in parts]
            low, top = parts[values.index(min(values))], parts[values.index(max(values))]
            lv, tv, wv = min(values), max(values), Decimal(whole[11])
            lh, th, wh = (Decimal("0.5").scaleb(-(x[12] or 0)) for x in (low, top, whole))
            if tv - lv <= lh + th or lv - lh - wh < wv < tv + th + wh:
                continue
            edge = top if wv > tv else low
            side, side_en = ("高于", "above") if edge is top else ("低于", "below")
            most = "highest" if edge is top else "lowest"
            problems.append(
                (
                    doc_id,
                    [whole[1], top[1], low[1]],
                    "range",
                    f"整体数值{_fmt(wv)}{side}其各组成部分的{'最高' if edge is top else '最低'}值"
                    f"（{edge[6]}{_fmt(Decimal(edge[11]))}），整体的比率或平均值应介于各部分之间",
                    f"the whole's {_fmt(wv)} is {side_en} every part's (the {most}"
                    f" is {edge[6]}'s {_fmt(Decimal(edge[11]))}); a whole's rate or average lies between its "
                    "parts'",
                )
            )
    return problems


def _table_partitions(
    ctx: RuleContext, doc_id: str, stats: list[tuple]
) -> Iterator[tuple[tuple, list[tuple]]]:
    """(whole, parts) of each column of each table whose rows are places and one row is their whole."""
    tables: list[list[tuple]] = []
    for r in stats:
        if not is_table_text(r[3]):
            continue
        if tables and r[2] - tables[-1][-1][2] <= 1 and r[4] == tables[-1][-1][4]:
            tables[-1].append(r)
        else:
            tables.append([r])
    if not tables:
        return
    # the lines above each table, where its caption stands: read for all the document's tables at once
    above = [i for t in tables for i in range(t[0][2] - PARTITION_CAPTION_LINES, t[0][2])]
    lines = dict(
        ctx.con.execute(
            "SELECT sentence_id, text_simp FROM sentences WHERE doc_id = ? AND list_contains(?, sentence_id)",
            [doc_id, above],
        ).fetchall()
    )
    for table in tables:
        first = table[0][2]
        caption = " ".join(lines.get(i, "") for i in range(first - PARTITION_CAPTION_LINES, first))
        if PARTIAL_CAPTION.search(caption):
            continue
        columns: dict[tuple, list[tuple]] = {}
        for r in table:
            columns.setdefault((r[5], r[7], r[8], r[9]), []).append(r)
        for cells in columns.values():
            wholes = [c for c in cells if WHOLE_ROW.match(simplify(c[3]))]
            parts = [c for c in cells if c not in wholes and c[10] == "="]
            if len(wholes) == 1 and wholes[0][10] == "=" and len({p[6] for p in parts}) >= MIN_PARTS:
                yield wholes[0], parts


def _stated_ranges(stats: list[tuple]) -> Iterator[tuple[tuple, list[tuple]]]:
    """The parts' range told in words (各县（区）…在89.3%～95.6%之间: two figures, >= and <=), with the
    whole's figure of the same measure and year told elsewhere."""
    ranges: dict[tuple, list[tuple]] = {}
    for r in stats:
        if r[6].startswith("各") and r[10] in (">=", "<="):
            ranges.setdefault((r[2], r[5], r[7], r[8], r[9]), []).append(r)
    for (_, metric_k, year, unit_k, is_level), ends in ranges.items():
        if len(ends) != 2 or {e[10] for e in ends} != {">=", "<="}:
            continue
        for r in stats:
            if (
                r[7] == year
                and year is not None
                and r[8] == unit_k
                and r[9] == is_level
                and r[10] == "="
                and not r[6].startswith("各")
                and not is_table_text(r[3])
                and _same_measure(r[5], metric_k)
            ):
                yield r, ends


# A column of shares of the whole (占全市比重): the whole's row is 100, above every part.
PART_SHARE = re.compile(r"占|比重|份额|贡献|排名|位次")
# The row of the whole in a table of places (| 全市 | 31 | …, 合计  …).
WHOLE_ROW = re.compile(r"^[\s|]*(?:全市|全省|全县|全区|全州|全盟|全国|合计|总计|全部)[\s|\t\u3000]")
# A caption over only some of the places: no partition.
PARTIAL_CAPTION = re.compile(r"部分|主要|重点|前\d|前[一二三四五六七八九十]+|典型|选取|样本|示范")
PARTITION_CAPTION_LINES = 3
MIN_PARTS = 3


def _level_before_parts(figs: list[dict], k: int) -> dict | None:
    """The level a base value after figs[k] compares with: figs[k] itself, or, when figs[k] is an item of a
    breakdown (产生量为86.4吨，其中…6.7吨，较2024年的92.7吨减少6.8%), the whole the breakdown splits."""
    level = figs[k]
    text, at = level["sentence_text"] or "", level["sentence_start"]
    split = text.rfind("其中", 0, level["start"] - at)
    if split < 0:
        return level
    whole = [g for g in figs[:k] if g["start"] - at < split and g["role_k"] in ("level", "to")]
    if not whole or whole[-1]["unit_k"] != level["unit_k"]:
        return None
    return whole[-1]


def _same_topic(a: str, b: str) -> bool:
    """Two growth rates of one thing (数字经济增速, 数字经济规模名义增长): the same words once the growth
    words are gone, and something left."""
    ta, tb = GROWTH_WORDS.sub("", a.replace("|", "")), GROWTH_WORDS.sub("", b.replace("|", ""))
    return len(ta) >= 2 and ta == tb and bool(GROWTH_WORDS.search(a)) and bool(GROWTH_WORDS.search(b))


# A number inside a measure's name (72小时准时率, 30分钟内到达率): read as a figure of its own in one mention
# and kept in the name in another, so left out when names are compared.
MEASURE_NUMBER = re.compile(r"\d+(?:\.\d+)?(?:个工作日|小时|分钟|天|日|年|%)?")


def _same_measure(a: str, b: str) -> bool:
    """Same head (网办率 / 一网通办率) and most characters shared: the same measure worded a little
    differently."""
    a, b = MEASURE_NUMBER.sub("", a.replace("|", "")), MEASURE_NUMBER.sub("", b.replace("|", ""))
    if a == b:
        return True
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    if n < 2 or not MEASURE_HEAD.search(a[len(a) - n :]):
        return False
    head_a, head_b = a[: len(a) - n], b[: len(b) - n]
    if head_a and head_b and head_a not in head_b and head_b not in head_a:
        # 高等教育毛入学率 / 高中阶段教育毛入学率: each names what the other does not
        sa, sb = set(head_a), set(head_b)
        if len(sa & sb) / len(sa | sb) < MIN_MEASURE_OVERLAP:
            return False
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) >= MIN_MEASURE_OVERLAP


@rule(
    "SL604",
    "share-of-finite-set-impossible",
    "arithmetic",
    "error",
    bad="2024年全國僅有15%的省份出臺公共數據授權運營管理辦法。",
    good="2024年全國僅有5個省份（16%）出臺公共數據授權運營管理辦法。",
)
def share_of_finite_set_impossible(ctx: RuleContext) -> Iterator[Finding]:
    """A percentage of a known finite set must correspond to a whole number of its members. 15% of China's
    31 provinces is 4.65 provinces; no whole count gives 15% (4/31 = 12.9%, 5/31 = 16.1%), so the figure or
    the set is wrong. The set is a known one (省份: 31) or counted in the same sentence
    (全市16個區中，25%的區…).
    Approximate figures (約, 超過, 不足) are not checked."""
    ensure_facts(ctx)
    rows = ctx.con.execute(
        f"""SELECT r.doc_id, r.stat_id, r.value_text, r.precision, r.after, s.text, r.number_text,
                   r.start - s.start AS at, r.clause
            FROM rule_stats r JOIN sentences s USING (doc_id, sentence_id)
            WHERE r.unit_family = 'percent' AND r.qualifier_k = '=' AND r.role_k IN ('level', 'to')
              AND (regexp_matches(r.after, '{SET_AFTER_SQL}')
                   OR ((regexp_matches(r.after, '^的') OR regexp_matches(r.clause, '{SET_SHARE_CLAUSE_SQL}')
                        OR regexp_matches(r.clause, '(佔|占)(比)?(為|为|達|达)?$'))
                       AND (regexp_matches(s.text, '{EXPLICIT_SET_SQL}')
                            OR regexp_matches(s.text, '[0-9]+(个|個)[^，,。；;]{{1,16}}[，,]其中'))))"""
    ).fetchall()
    problems = []
    for doc_id, stat_id, value_text, precision, after, sentence, number_text, at, clause in rows:
        before = simplify(sentence[:at])  # a set counted after the share is another's (…而54个城市中)
        found = (
            _finite_set(simplify(after), before)
            or _set_before(before)
            or _set_named_before(simplify(clause or ""), before)
        )
        if not found:
            continue
        noun, size = found
        p = Decimal(value_text)
        step = Decimal(1).scaleb(-precision)
        if any(
            (Decimal(k) / size * HUNDRED).quantize(step, rounding=ROUND_HALF_UP) == p for k in range(size + 1)
        ):
            continue
        k = p * size / HUNDRED
        problems.append(
            (
                doc_id,
                [stat_id],
                f"set{size}",
                f"{size}个{noun}的{number_text}为{_fmt(k, 2)}个，不是整数，任何整数个都得不到该比例",
                f"{number_text} of {size} is {_fmt(k, 2)}, not a whole number; no whole count gives it",
            )
        )
    yield from _emit(
        ctx, "SL604", problems, "核对原始数据，写出实际个数（如“5个省份”）或按个数重新计算比例。"
    )


def _set_named_before(clause: str, sentence: str) -> tuple[str, int] | None:
    """(noun, size) of a set counted earlier in the sentence whose members the share's clause names before
    占 (12个样本城市中，…已出台…的城市仅占45%)."""
    named = MEMBERS_BEFORE_SHARE.search(clause)
    if named is None:
        return None
    for x in COUNTED_SET.finditer(sentence):
        # 12个样本城市中 … 的城市仅占45%; 15个副省级城市平均得分为72.4分，其中…的城市占42.5%
        if int(x.group(1)) <= MAX_EXPLICIT_SET and named.group("tail") in x.group(2):
            noun = x.group(2)[: x.group(2).index(named.group("tail")) + 2]
            return noun, int(x.group(1))
    return None


# The members a share's clause names right before 占 (…的城市仅占), and a count of a set (15个副省级城市).
MEMBERS_BEFORE_SHARE = re.compile(r"(?P<tail>[\u4e00-\u9fff]{2})(?:仅|约|只|共|则)?占(?:比)?(?:为|达)?$")
COUNTED_SET = re.compile(r"(\d+)个([\u4e00-\u9fff]{2,12})")


def _set_before(before: str) -> tuple[str, int] | None:
    """(noun, size) of a set counted right before a share that names no noun (在调研的14个地级市中，有64.5%
    已出台…)."""
    m = SET_BEFORE.search(before)
    if m is None or int(m.group(1)) > MAX_EXPLICIT_SET:
        return None
    return m.group(2), int(m.group(1))


def _finite_set(after: str, sentence: str) -> tuple[str, int] | None:
    """(noun, size) of the set a percentage is a share of: counted in the sentence (16个区中 … 25%的区), else
    a known set (省份: 31)."""
    share_of = after.lstrip("的")
    for x in EXPLICIT_SET.finditer(sentence):
        noun = x.group(2)
        # 15个智慧健康养老示范城市中，有38%的城市: the share names the set by its last words
        if int(x.group(1)) <= MAX_EXPLICIT_SET and any(
            share_of.startswith(noun[-k:]) for k in range(len(noun), 0, -1)
        ):
            return noun, int(x.group(1))
    m = SET_AFTER.match(after)
    return (m.group(1), FINITE_SETS[m.group(1)]) if m else None


# The sum of the shares just listed (两者合计占75.8%, 四者合计占100.0%): no part of its own.
SUM_OF_PARTS = re.compile(r"合计|共计|总计|合共|[两二三四五六七八九十]者|以上[各几]项|上述")


@rule(
    "SL605",
    "shares-exceed-whole",
    "arithmetic",
    "error",
    bad="2024年三次產業分別佔全市就業人員的30%、45%、35%。",
    good="2024年三次產業分別佔全市就業人員的20%、45%、35%。",
)
def shares_exceed_whole(ctx: RuleContext) -> Iterator[Finding]:
    """Shares of one whole (佔比, 比重, 份額) cannot add up to more than 100%. When the shares one sentence
    gives for parts of the same named whole (佔全部投資比重, or one list after 分別佔) sum past 100% beyond
    rounding, at least one share is wrong, or the parts overlap and the text should say so. A share that
    names no whole after one that did (第一產業增加值佔國內生產總值比重為7.1%，第二產業增加值比重為38.3%)
    is of the same whole. Shares of different wholes (佔全部投資 / 佔民間投資) are never added, nor shares
    nested under 其中, nor the sum a sentence gives of its parts (兩者合計佔75.8%), nor two categories each
    told in a clause of its own (高新技術產業…佔68.7%，戰略性新興產業…佔42.6%: such categories overlap)."""
    ensure_facts(ctx)
    rows = ctx.con.execute(
        """SELECT doc_id, sentence_id, stat_id, value_text, lo, clause, qualifier_k, metric_k, entity_k,
                  sentence_text, start - sentence_start AS at
           FROM rule_stats WHERE unit_family = 'percent' AND role_k IN ('level', 'to')
             AND regexp_matches(clause, $shares)
           ORDER BY doc_id, sentence_id, start""",
        {"shares": SHARE_CLAUSE_SQL},
    ).fetchall()
    wholes: dict[tuple[str, int, str], list[tuple]] = {}
    heads: dict[tuple[str, int], set[str]] = {}  # the measures named by shares of an unnamed whole
    shared_before: dict[tuple[str, int], int] = {}  # where each sentence's first share stands
    for r in rows:
        shared_before.setdefault((r[0], r[1]), r[10])
    named: tuple[str, int, str, str | None] | None = None  # the last whole a share in this sentence named
    for doc_id, sid, stat_id, value_text, lo, clause, qualifier, metric_k, entity_k, sentence, at in rows:
        clause = simplify(clause)
        if MULTIPLE_CHOICE.search(sentence):
            continue  # （多选，最多选三项）: each share is of the respondents, and they add up past 100%
        split = sentence.find("其中")
        if 0 <= split < at and (doc_id, sid) in shared_before and shared_before[(doc_id, sid)] < split:
            continue  # 非博彩产业占60.8%，其中金融业占13.5%，不动产业占9.6%: parts of a part
        if named is not None and named[:2] != (doc_id, sid):
            named = None
        m = WHOLE.search(clause)
        whole = (m.group(1) or m.group(2)) if m else None
        if m is not None and m.group(3):
            # 城镇和农村的占比分别为…: each place's own share, of its own whole; parts of one place's whole
            whole = f"{LISTED_WHOLE}#{entity_k}"
        if whole:
            named = (doc_id, sid, whole, metric_k)
        elif named is not None and SAME_WHOLE_SHARE.search(clause):
            whole = named[2]  # 第一产业增加值占国内生产总值比重为7.1%，第二产业增加值比重为38.3%
        elif (
            named is not None
            and PART_ONLY_SHARE.search(clause)
            and (metric_k == named[3] or not MEASURE_PART.search(clause))
        ):
            whole = named[2]  # 东部地区占全国的比重为52.4%，中部地区占28.3%
        elif (
            named is None
            and PART_ONLY_SHARE.search(item := LEAD_YEAR.sub("", LIST_ITEM.split(clause)[-1]))
            and (not SURVEY_PROFILE.search(clause) or SINGLE_CHOICE.search(sentence))
        ):
            # 公路建设完成投资占68.5%，水运建设占9.7%…, 出口至中国大陆及香港占52.6%、东协占23.9%…: a whole the
            # sentence leaves unnamed
            whole = ""
            head = MEASURE_PART.search(item)
            heads.setdefault((doc_id, sid), set()).add(head.group("head") if head else "")
        if whole is None or "其中" in clause or qualifier not in ("=", ">", ">="):
            continue
        if SUM_OF_PARTS.search(clause):
            continue
        # a share told on its own (高新技术产业增加值占规上工业增加值比重达到68.7%), not as an item of a list
        alone = m is not None and bool(m.group(1)) and not EARLIER_FIGURE.search(clause)
        wholes.setdefault((doc_id, sid, whole), []).append((stat_id, value_text, lo, alone))
    problems = []
    for (doc_id, sid, whole), shares in wholes.items():
        if len(shares) < (2 if whole else UNNAMED_WHOLE_PARTS):
            continue
        if not whole and len(heads.get((doc_id, sid), set()) - {""}) > 1:
            continue  # 投资占45%，就业人数占60%: shares of different measures
        if len(shares) == 2 and all(s[3] for s in shares):
            continue  # two categories told apart (高新技术产业…68.7%，战略性新兴产业…42.6%) often overlap
        if sum(Decimal(str(s[2])) for s in shares) <= HUNDRED:
            continue
        if not whole and sum(Decimal(s[1]) for s in shares) > UNNAMED_WHOLE_MAX:
            continue  # 有自来水的占97.35%，有独立厨房的占94.12%…: attributes that overlap, no partition
        total = sum((Decimal(s[1]) for s in shares), Decimal(0))
        if whole.startswith(LISTED_WHOLE):
            whole = ""
        problems.append(
            (
                doc_id,
                [s[0] for s in shares],
                f"sum|{whole}",
                f"占{whole or '同一整体'}的各部分比重合计{_fmt(total)}%，超过100%",
                f"shares of '{whole or 'one whole'}' add up to {_fmt(total)}%, more than 100%",
            )
        )
    problems.extend(_table_region_shares(ctx))
    problems.extend(_listed_shares(ctx))
    yield from _emit(ctx, "SL605", problems, "核对各部分占比；若各部分有重叠，应在文中说明。")


def _listed_shares(ctx: RuleContext) -> list:
    """Shares of one market listed with their holders in parentheses (市场份额依次为宁德时代（29.8%）、
    海辰储能（12.6%）…，其他企业合计占比20.7%): the holders split one whole, so their shares (and the
    rest's) add up to at most 100%."""
    where, params = ctx.doc_filter("doc_id")
    rows = ctx.con.execute(
        f"""SELECT doc_id, start, text_simp FROM sentences
            WHERE {where} AND regexp_matches(text_simp, '(份额|占比|市占率|占有率|比重)')
              AND regexp_matches(text_simp, '[（(][0-9.]+%[）)][、，,和及与][^（(]{{1,12}}[（(][0-9.]+%[）)]')
            ORDER BY doc_id, start""",
        params,
    ).fetchall()
    lists = []  # (document, where each share stands in the raw text, the shares as written)
    for doc_id, start, text in rows:
        for m in HOLDER_SHARE_LIST.finditer(text):
            at = [m.start("list") + i.start(1) for i in HOLDER_SHARE.finditer(m.group("list"))]
            rest = OTHERS_SHARE.match(text, m.end())
            if rest is not None:
                at.append(rest.start(1))
            if len(at) >= HOLDER_SHARES_MIN:
                lists.append(
                    (doc_id, [start + a for a in at], [STRUCTURE_PART.match(text, a).group() for a in at])
                )
    if not lists:
        return []
    ids = {
        (d, a): i
        for d, a, i in ctx.con.execute(
            "SELECT doc_id, start, stat_id FROM rule_stats"
            " WHERE unit_family = 'percent' AND list_contains(?, doc_id)",
            [sorted({d for d, _, _ in lists})],
        ).fetchall()
    }
    problems = []
    for doc_id, starts, written in lists:
        found = [ids[(doc_id, a)] for a in starts if (doc_id, a) in ids]
        if len(found) != len(starts):
            continue
        values = [Decimal(w) for w in written]
        total = sum(values, Decimal(0))
        slack = sum((Decimal("0.5").scaleb(-max(0, -v.as_tuple().exponent)) for v in values), Decimal(0))
        if total - slack <= HUNDRED:
            continue
        problems.append(
            (
                doc_id,
                found,
                "sum|listed",
                f"所列各家的份额合计{_fmt(total)}%，超过100%",
                f"the listed holders' shares add up to {_fmt(total)}%, more than 100%",
            )
        )
    return problems


# A market's holders with their shares in parentheses, after the word for the shares: 份额依次为A（29.8%）、B
# （12.6%）… (three at least), and what the others hold after them (其他企业合计占比20.7%).
HOLDER_SHARE_LIST = re.compile(
    r"(?:份额|占比|市占率|占有率|比重)[^。；;]{0,30}?(?:依次为|分别为|依次是|分别是|为|是|：|:)"
    r"(?P<list>(?:[^（(、，,。；;]{1,12}[（(]\s*\d+(?:\.\d+)?\s*%\s*[）)](?:[、，,和及与]|$)?){3,})"
)
HOLDER_SHARE = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*%\s*[）)]")
OTHERS_SHARE = re.compile(r"[，,]?\s*其他[^，,。；;%\d]{0,12}?(?:合计)?(?:占比|占|为|约)*(\d+(?:\.\d+)?)\s*%")
HOLDER_SHARES_MIN = 3


# The four regions that split China between them, as the facts key them: a table's share column over them
# adds up to the whole.
FOUR_REGIONS = ("东部地区", "中部地区", "西部地区", "东北地区")


def _table_region_shares(ctx: RuleContext) -> list:
    """A table's share column (占比（%）) over regions that split the country (东部/中部/西部/东北): the
    shares of one measure and year add up to at most 100%."""
    rows = ctx.con.execute(
        r"""
        SELECT doc_id, list(stat_id ORDER BY start), sum(lo), sum(CAST(value_text AS DECIMAL(38, 10)))
        FROM rule_stats
        WHERE unit_family = 'percent' AND role_k IN ('level', 'to') AND qualifier_k = '='
          AND list_contains($regions, entity_k) AND regexp_matches(metric_k, '(占比|比重|份额)$')
          AND regexp_matches(sentence_text, $table_row) AND NOT regexp_matches(sentence_text, $sentence_mark)
        GROUP BY doc_id, metric_k, year, section_path
        HAVING count(*) >= 3 AND count(DISTINCT entity_k) = count(*) AND sum(lo) > 100
        ORDER BY 1, 2
        """,
        {
            "regions": list(FOUR_REGIONS),
            # the facts' own test of a table row, as RE2 reads it (no \u escapes there)
            "table_row": TABLE_ROW.pattern.replace("\\u3000", "\u3000"),
            "sentence_mark": SENTENCE_MARK.pattern,
        },
    ).fetchall()
    return [
        (
            doc_id,
            ids,
            "sum|regions",
            f"表中各地区占比合计{_fmt(Decimal(total))}%，超过100%",
            f"the regions' shares in the table add up to {_fmt(Decimal(total))}%, more than 100%",
        )
        for doc_id, ids, _, total in rows
    ]


@rule(
    "SL606",
    "change-does-not-match-level",
    "arithmetic",
    "error",
    bad="2023年全年糧食產量69541萬噸，比上年增加888萬噸，增產3.3%。",
    good="2023年全年糧食產量69541萬噸，比上年增加888萬噸，增產1.3%。",
)
def change_does_not_match_level(ctx: RuleContext) -> Iterator[Finding]:
    """A level given with both its absolute and its relative change can be recomputed: 69541萬噸 after an
    increase of 888萬噸 puts the year before at 68653萬噸, so the rise is 1.3%, not 3.3%. The three figures
    must follow one another in one sentence (level, then the change in the level's unit, then the change in
    per cent), each change in a clause that holds only a change verb and a comparison with the year before;
    a relative change measured another way (按可比价格, 扣除价格因素, 实际, 同口径) is not recomputed. The
    recomputation allows for the rounding of all three figures, so a figure rounded as written never
    triggers it."""
    ensure_facts(ctx)
    # DuckDB finds the candidates (three figures in a row of one sentence, with the roles and units of a level
    # and its two changes); only their rows come to Python.
    rows = dict_rows(
        ctx.con.execute(
            """
            WITH runs AS (
                SELECT doc_id, stat_id, role_k, unit_family, unit_k,
                       lead(stat_id, 1) OVER w AS next1, lead(role_k, 1) OVER w AS role1,
                       lead(unit_k, 1) OVER w AS unit1, lead(stat_id, 2) OVER w AS next2,
                       lead(role_k, 2) OVER w AS role2, lead(unit_family, 2) OVER w AS family2
                FROM rule_stats
                WINDOW w AS (PARTITION BY doc_id, sentence_id ORDER BY start)
            ), triples AS (
                SELECT doc_id, stat_id AS first, next1, next2 FROM runs
                WHERE role_k IN ('level', 'to') AND NOT list_contains($skipped, unit_family)
                  AND role1 = 'delta' AND unit1 = unit_k AND role2 = 'delta' AND family2 = 'percent'
            )
            SELECT t.first, r.doc_id, r.sentence_id, r.stat_id, r.start, r."end", r.sentence_start,
                   r.sentence_text, r.role_k, r.unit_family, r.unit_k, r.value_text, r.lo, r.hi,
                   r.number_text, r.clause, r.year
            FROM triples t JOIN rule_stats r
              ON r.doc_id = t.doc_id AND r.stat_id IN (t.first, t.next1, t.next2)
            ORDER BY r.doc_id, t.first, r.start
            """,
            {"skipped": list(LEVEL_FAMILIES_SKIPPED)},
        )
    )
    triples: dict[tuple[str, int], list[dict]] = {}
    for d in rows:
        triples.setdefault((d["doc_id"], d["first"]), []).append(d)
    problems: list[tuple[str, list[int], str, str, str]] = []
    for (doc_id, _), figs in triples.items():
        if len(figs) != 3:
            continue
        verdict = _level_change_verdict(*figs)
        if verdict:
            problems.append((doc_id, [f["stat_id"] for f in figs], *verdict))
    yield from _emit(ctx, "SL606", problems, "核对本期数值、增减量与增减幅度，改正其中有误的数字。")


# What may stand between the level and its changes: a change verb and a comparison with the year before
# (，比上年增加 / 、较上年末减少 / ，同比增长 / ，增产).
LEVEL_CHANGE_CLAUSE = re.compile(
    r"^[，,、；;\s]*(?:(?:比|较|同比)(?:上年|去年|上年末|去年末|上年同期|去年同期|年初|(?:19|20)\d{2}年(?:底|末)?)?)?"
    r"(?:共|累计)?"
    r"(?P<verb>增长|成长|增加|提高|提升|上升|扩大|增产|多|下降|减少|降低|回落|下滑|减产|少)(?:了)?$"
)
LEVEL_CHANGE_UP = ("增长", "成长", "增加", "提高", "提升", "上升", "扩大", "增产", "多")
# A level written as the base of a comparison (较2020年的…, 比上年的…), not the current value.
BASE_BEFORE = re.compile(r"(?:较|比|相比|从|由)[^,，]*的?$")
# A relative change measured otherwise than the level and its absolute change (real terms, a comparable base).
OTHER_MEASURE = re.compile(r"可比|扣除|实际|同口径|剔除|按.{0,6}计算")
# A stock told at the year's end (2025年末, 年底, 12月末): its change since 年初 is its change on a year.
YEAR_END = re.compile(r"(?:(?:19|20)\d{2}年|年)(?:末|底)|12月(?:末|底)")
# The longest text between the absolute and the relative change (，增产 / ，比上年增长).
MAX_CHANGE_GAP = 12
LEVEL_FAMILIES_SKIPPED = ("percent", "percentage_point", "permille", "ratio", "none")


def _level_change_verdict(level: dict, change: dict, rate: dict) -> tuple[str, str, str] | None:
    """None unless the three figures are a level, its absolute and its relative change that disagree."""
    if (
        level["sentence_id"] != change["sentence_id"]
        or level["role_k"] not in ("level", "to")
        or level["unit_family"] in LEVEL_FAMILIES_SKIPPED
        or change["role_k"] != "delta"
        or change["unit_k"] != level["unit_k"]
        or rate["role_k"] != "delta"
        or rate["unit_family"] != "percent"
    ):
        return None
    if len({f["year"] for f in (level, change, rate) if f["year"] is not None}) > 1:
        return None  # 较“十三五”末的9323.1亿元增加4374.4亿元: the level is the base of another year
    if BASE_BEFORE.search(simplify(level["clause"] or "")):
        return None
    text, at = level["sentence_text"] or "", level["sentence_start"]
    gap_change = simplify(text[level["end"] - at : change["start"] - at])
    gap_rate = simplify(text[change["end"] - at : rate["start"] - at])
    if len(gap_rate) > MAX_CHANGE_GAP or OTHER_MEASURE.search(gap_change + gap_rate):
        return None
    m_change, m_rate = LEVEL_CHANGE_CLAUSE.match(gap_change), LEVEL_CHANGE_CLAUSE.match(gap_rate)
    if m_change is None or m_rate is None:
        return None
    if ("年初" in gap_change) != ("年初" in gap_rate) and not YEAR_END.search(
        simplify(text[: level["start"] - at])
    ):
        return None  # 9月末…比年初增加…，同比增长: two bases; at the year's end 年初 is the year before's end
    up = m_change.group("verb") in LEVEL_CHANGE_UP
    if up != (m_rate.group("verb") in LEVEL_CHANGE_UP):
        return None  # 增加…、下降…: not one change told twice
    v, d, c = Decimal(level["value_text"]), Decimal(change["value_text"]), Decimal(rate["value_text"])
    if v <= 0 or d <= 0 or c < 0:
        return None
    hv, hd, hc = _half(level), _half(change), _half(rate)
    sign = -1 if up else 1  # the year before: v - d after a rise, v + d after a fall
    base = v + sign * d
    low_base, high_base = (v + hv) + sign * (d - hd), (v - hv) + sign * (d + hd)
    if base <= 0 or low_base <= 0 or high_base <= 0:
        return None
    rel_lo = (d - hd) / low_base * HUNDRED  # the smallest change over the largest base
    rel_hi = (d + hd) / high_base * HUNDRED
    if rel_lo - hc <= c <= rel_hi + hc:
        return None
    rel = d / base * HUNDRED
    before = _as_written(base, level)
    return (
        "level-change",
        f"按本期数值与增减量，上期为{before}，相对变化应为{_fmt(rel, 1)}%，与所述{_fmt(c)}%不符",
        f"the level and its change put the previous value at {before}, a relative change of "
        f"{_fmt(rel, 1)}%, not the stated {_fmt(c)}%",
    )


WRITTEN_MAGNITUDE = re.compile(r"([\d.,]+)(万亿|亿|万|千)")


def _as_written(x: Decimal, like: dict) -> str:
    """x with the magnitude word and unit of the figure `like` (68653万吨, not 686530000); the magnitude's
    size is the figure's own: its value over the number written."""
    m = WRITTEN_MAGNITUDE.match(simplify(like["number_text"] or ""))
    if m is None:
        return f"{_fmt(x)}{like['unit_k'] or ''}"
    value = x * Decimal(m.group(1).replace(",", "")) / Decimal(like["value_text"])
    if value != value.to_integral_value():
        value = value.quantize(Decimal("0.01"))
    return f"{_fmt(value)}{m.group(2)}{like['unit_k'] or ''}"


@rule(
    "SL607",
    "share-does-not-match-parts",
    "arithmetic",
    "error",
    bad="全國共有普通高校3074所，其中本科院校1242所，佔50.4%。",
    good="全國共有普通高校3074所，其中本科院校1242所，佔40.4%。",
)
def share_does_not_match_parts(ctx: RuleContext) -> Iterator[Finding]:
    """A share given with its part and its whole can be recomputed: 1242 of 3074 universities are 40.4%, not
    50.4%. The share must open its clause with 佔 (佔比, 佔全國人口比重為, 佔40.4%) right after its part (a
    level, with only the part's own changes between them); the whole is the nearest earlier level in the same
    unit that the share names (佔全國人口比重 after 年末全國人口140967萬人, up to two sentences back), or,
    when the share names no whole (佔比), the level that a 其中 in the same sentence splits. A whole named
    with a place (佔全國) must be that place's figure, so a province's part is never divided by its own
    total when the share is of the country's. Every figure's rounding is allowed for."""
    ensure_facts(ctx)
    rows = dict_rows(
        ctx.con.execute(
            """
            WITH shares AS (
                SELECT DISTINCT doc_id, sentence_id FROM rule_stats
                WHERE unit_family = 'percent' AND role_k IN ('level', 'to') AND qualifier_k = '='
                  AND (regexp_matches(clause, '^\\s*(占|佔)')
                       OR regexp_matches(clause, '率(为|為|是|达到|達到|达|達)?$'))
            )
            SELECT r.doc_id, r.sentence_id, r.stat_id, r.start, r."end", r.sentence_start, r.sentence_text,
                   r.role_k, r.unit_family, r.unit_k, r.value_text, r.lo, r.hi, r.qualifier_k, r.clause,
                   r.metric_k, r.entity_k, r.year, r.number_text, r.period_k
            FROM rule_stats r JOIN shares s
              ON r.doc_id = s.doc_id AND r.sentence_id BETWEEN s.sentence_id - $back AND s.sentence_id
            ORDER BY r.doc_id, r.sentence_id, r.start
            """,
            {"back": SHARE_WHOLE_SENTENCES_BACK},
        )
    )
    by_doc: dict[str, dict[int, dict]] = {}
    for d in rows:  # a figure near two shares comes once per share: keep it once
        by_doc.setdefault(d["doc_id"], {})[d["stat_id"]] = d
    problems: list[tuple[str, list[int], str, str, str]] = []
    for doc_id, by_id in by_doc.items():
        figs = sorted(by_id.values(), key=lambda f: (f["sentence_id"], f["start"]))
        for i, share in enumerate(figs):
            found = _share_parts(figs, i)
            if found is None:
                continue
            part, whole = found
            verdict = _share_verdict(part, whole, share)
            if verdict:
                problems.append((doc_id, [whole["stat_id"], part["stat_id"], share["stat_id"]], *verdict))
    yield from _emit(ctx, "SL607", problems, "核对部分、总量与占比，改正其中有误的数字。")


SET_OF = ("中", "当中", "當中", "里", "裡")
# How far back the whole of a share may be given: its own sentence and the two before it.
SHARE_WHOLE_SENTENCES_BACK = 2
# The clause of a share: 占 (after 其中/约), the whole it names, then 的/比重/比例/份额/比 and a linking verb.
SHARE_OPENS = re.compile(r"\s*(?:其中)?占")
SHARE_OF_WHOLE = re.compile(r"^\s*(?:其中)?占(?P<whole>.*?)[的之]?(?:比重|比例|份额|比)?(?:为|是|达到|达)?$")
# A rate named after what its part did (其中已接入平台的有2987家，接入率为94.8%; 其中达标的120个，达标率
# 80%): the part over the whole 其中 splits, when the part's clause holds the rate's stem (接入, 达标).
RATE_OF_PART = re.compile(r"^\s*[\u4e00-\u9fff]{0,4}?(?P<stem>[\u4e00-\u9fff]{2})率(?:为|是|达到|达)?$")
PARENTHETICAL = re.compile(r"（[^（）]*）|\([^()]*\)")
# A place that opens the whole's name: 全国 wholes are the nation's figures, 全省/全市... the document's own.
WHOLE_NATION = re.compile(r"^(?:全国|我国|中国)")
WHOLE_OWN = re.compile(r"^(?:全省|全市|全区|全县|全州|本省|本市|本区|全自治区)")
WHOLE_TIME = re.compile(r"^(?:年末|年底|全年)")


def _share_parts(figs: list[dict], i: int) -> tuple[dict, dict] | None:
    """(part, whole) of the share figs[i], or None when it is not a share with both given."""
    share = figs[i]
    if share["unit_family"] != "percent" or share["role_k"] not in ("level", "to"):
        return None
    if share["qualifier_k"] != "=":
        return None
    clause = PARENTHETICAL.sub("", simplify(share["clause"] or ""))
    whole_text = simplify(figs[i - 1]["number_text"] or "").replace(",", "") if i >= 2 else ""
    if whole_text and clause.endswith((whole_text + "的", whole_text + "之")):
        return _whole_inside(figs[i - 2], figs[i - 1], share)  # 占全省主体总数12.4万家的35.2%
    m = SHARE_OF_WHOLE.match(clause)
    rate = RATE_OF_PART.match(clause) if m is None else None
    if m is None and rate is None:
        return None
    for j in range(i - 1, -1, -1):  # the part: the first figure before, past its own changes
        p = figs[j]
        if p["sentence_id"] != share["sentence_id"]:
            return None
        if p["role_k"] != "delta":  # 其中基础研究经费2212亿元，比上年增长9.3%，占…: the part's own change
            break
    else:
        return None
    if p["unit_family"] in LEVEL_FAMILIES_SKIPPED or p["role_k"] not in ("level", "to"):
        return None  # no amount, or not a level: no part
    if p["qualifier_k"] != "=":
        return None
    if rate is not None and rate.group("stem") not in simplify(p["clause"] or ""):
        return None  # 其中三级医院50家，床位使用率为85%: a rate of something else
    named = m.group("whole") if m is not None else ""
    measure = WHOLE_TIME.sub("", WHOLE_OWN.sub("", WHOLE_NATION.sub("", named)))
    nation, own = WHOLE_NATION.match(named) is not None, WHOLE_OWN.match(named) is not None
    for k in range(j - 1, -1, -1):
        w = figs[k]
        if w["sentence_id"] < share["sentence_id"] - SHARE_WHOLE_SENTENCES_BACK:
            break  # (the figures of another share's window, further back)
        if w["role_k"] not in ("level", "to") or w["unit_k"] != p["unit_k"] or w["qualifier_k"] != "=":
            continue
        if Decimal(w["value_text"]) <= Decimal(p["value_text"]) or w["metric_k"] == p["metric_k"]:
            continue
        if nation and w["entity_k"] != NATIONAL:
            continue
        if own and w["entity_k"] == NATIONAL:
            continue
        if not nation and w["entity_k"] != p["entity_k"]:
            continue  # 江苏数字产业化1.2万亿元，占全省数字经济规模的21.4%: not 广东's 6.3万亿元
        if measure:
            key = simplify(w["metric_k"] or "").replace("|", "")
            if len(measure) < 2 or not (key.endswith(measure) or (len(key) >= 2 and measure.endswith(key))):
                continue
            text, at = simplify(w["sentence_text"] or ""), w["sentence_start"]
            tail = text[w["end"] - at : w["end"] - at + len(named) + 3].lstrip("，,")
            if tail.startswith("占" + named):
                continue  # 60岁及以上人口32338万人，占全国人口的23.0%: a part of that whole itself
        else:
            text, at = w["sentence_text"] or "", w["sentence_start"]
            between = text[w["end"] - at : p["start"] - at]
            # (其中 splits the whole, and so does a whole named as a set: 已就业的2487人中，…有1693人)
            if w["sentence_id"] != p["sentence_id"] or not ("其中" in between or between.startswith(SET_OF)):
                return None
        if w["year"] is not None and p["year"] is not None and w["year"] != p["year"]:
            return None
        if w["period_k"] != p["period_k"]:
            continue  # 第4季名目GDP is not the whole of the year's 国外净需求
        return p, w
    return None


def _whole_inside(p: dict, w: dict, share: dict) -> tuple[dict, dict] | None:
    """(part, whole) of a share whose clause holds its whole (3.6万家，占全省主体总数12.4万家的35.2%)."""
    if not (p["sentence_id"] == w["sentence_id"] == share["sentence_id"]):
        return None
    if not SHARE_OPENS.match(simplify(w["clause"] or "")):
        return None
    for f in (p, w):
        if (
            f["role_k"] not in ("level", "to")
            or f["qualifier_k"] != "="
            or f["unit_family"] in LEVEL_FAMILIES_SKIPPED
        ):
            return None
    if p["unit_k"] != w["unit_k"] or Decimal(w["value_text"]) <= Decimal(p["value_text"]):
        return None
    return p, w


def _share_verdict(part: dict, whole: dict, share: dict) -> tuple[str, str, str] | None:
    """None unless the share lies outside what the part over the whole allows at their written precision."""
    bounds = [_dec(f[end]) for f in (part, whole, share) for end in ("lo", "hi")]
    if any(b is None for b in bounds):
        return None
    p_lo, p_hi, w_lo, w_hi, s_lo, s_hi = (b for b in bounds if b is not None)
    if w_lo <= 0 or p_lo < 0:
        return None
    low, high = p_lo / w_hi * HUNDRED, p_hi / w_lo * HUNDRED  # the smallest and largest share they allow
    if s_hi >= low and s_lo <= high:
        return None
    exact = Decimal(part["value_text"]) / Decimal(whole["value_text"]) * HUNDRED
    exponent = Decimal(share["value_text"]).as_tuple().exponent
    places = max(1, -exponent) if isinstance(exponent, int) else 1
    want, said = _fmt(exact, places), _fmt(Decimal(share["value_text"]))
    return (
        "share-parts",
        f"按部分与总量计算，占比应为{want}%，与所述{said}%不符",
        f"the part over the whole is {want}%, not the stated {said}%",
    )


@rule(
    "SL608",
    "share-above-whole",
    "arithmetic",
    "error",
    bad="2024年全省行政村5G網絡覆蓋率達到120%。",
    good="2024年全省行政村5G網絡覆蓋率達到100%。",
)
def share_above_whole(ctx: RuleContext) -> Iterator[Finding]:
    """A part cannot be more than its whole: a share (佔比, 比重, 35%的企業) or a rate of a population that
    has or does something (覆蓋率, 普及率, 城鎮化率, 失業率, 滿意度) lies between 0 and 100%. A figure above
    100% is a typo, a change read as a level (提高120%), or a ratio of two different measures written as a
    share. Ratios that may pass 100% are not shares and are never checked: growth, completion of a plan
    (完成率), debt or trade over GDP (負債率, 外貿依存度), contribution to growth (貢獻率)."""
    ensure_facts(ctx)
    rows = dict_rows(
        ctx.con.execute(
            """SELECT doc_id, stat_id, metric, metric_k, after, clause, value_text
               FROM rule_stats
               WHERE unit_family = 'percent' AND role_k IN ('level', 'to', 'target') AND lo > 100
                 AND qualifier_k IN ('=', '>', '>=', '~')"""
        )
    )
    problems = []
    for d in rows:
        metric_k = simplify(d["metric_k"] or "")
        after = simplify(d["after"] or "")
        if SHARE_OF_GROUP.match(after) is None:  # 135%的受访企业 is a share whatever they did
            if UNBOUNDED_RATE.search(metric_k) or GROWTH_AFTER.match(after):
                continue
            if not BOUNDED_RATE.search(metric_k) and not (
                MEMBERS_SHARE.search(metric_k) and not TWO_MEASURES.search(metric_k)
            ):
                continue
        said = _fmt(Decimal(d["value_text"]))
        what = simplify(d["metric"] or "") or "占比"
        problems.append(
            (
                d["doc_id"],
                [d["stat_id"]],
                "share-above-100",
                f"“{what}”是部分占整体的比例，不能超过100%，所述为{said}%",
                f"“{what}” is a part of a whole and cannot exceed 100%; this one is {said}%",
            )
        )
    yield from _emit(
        ctx, "SL608", problems, "核对该比例：是否应为变化幅度（提高N%）、笔误，或两个不同量之比。"
    )


# Rates of a population or of a set that has or does something, and shares of a whole: never above 100%.
BOUNDED_RATE = re.compile(
    r"(?:占比|比重|份额|覆盖率|覆盖面|普及率|渗透率|参保率|入学率|达标率|合格率|通过率|可办率|网办率|办结率|"
    r"城镇化率|失业率|知晓率|接种率|满意度|满意率|使用率|占有率|出勤率|巩固率|识字率|就业率|升学率|联网率|"
    r"接入率|开通率|实名率|上线率|好评率|投诉率|发生率|死亡率|治愈率|检出率|"
    r"者[的之]?(?:比率|比例)|人口(?:比率|比例))$"  # 实际使用服务者之比率: a share of people
)
# The share of members that have or do something (建设或预留安装条件的比例), not a ratio of two measures
# (投资与消费的比例).
MEMBERS_SHARE = re.compile(r"[的之](?:比例|比率)$")
TWO_MEASURES = re.compile(r"与|和|及|同|对|之间")
# ...and ratios that may pass 100% although they end like a share: growth, plans, debt and trade over GDP.
UNBOUNDED_RATE = re.compile(
    r"增长|增加(?!值)|增幅|增速|提高|提升|上升|完成|执行|债|杠杆|贸易|出口|进口|依存度|贡献|倍|相当于|的$"
    # a gross enrolment rate counts pupils of any age: above 100% at times
    r"|毛入学率|毛入园率|毛入学|毛[^率]{0,4}率"
    # a bank's or insurer's cover of a risk (provisions over bad loans): 186.4% is ordinary
    r"|拨备覆盖|流动性覆盖|偿付能力|充足率|净稳定资金"
)
# 实现150%的增长: what follows names a change.
GROWTH_AFTER = re.compile(r"^(?:以上|左右)?的(?:增长|增速|增幅|涨幅|提升|提高|溢价|回报|收益)")
# 35%的企业: a share of a group of people or things the percentage counts.
SHARE_OF_GROUP = re.compile(
    r"^(?:以上|左右)?的(?:受访|调查|被调查|样本|人口|居民|群众|用户|网民|企业|单位|机构|学校|医院|家庭|农户|"
    r"村|社区|县|乡镇|城市|地区|省份|项目|事项|人员|干部|职工|员工|学生|老人|患者)"
)


@rule(
    "SL609",
    "structure-does-not-sum-to-100",
    "arithmetic",
    "error",
    bad="2024年全市三次產業結構為3.7:37.0:60.3。",
    good="2024年全市三次產業結構為3.7:37.0:59.3。",
)
def structure_does_not_sum_to_100(ctx: RuleContext) -> Iterator[Finding]:
    """A structure written as a ratio of percentages (三次產業結構為3.7:37.0:59.3, 構成比例為…) splits one
    whole, so its parts add up to 100. A structure of three or more parts whose sum is near 100 (90-110: it
    is meant as percentages) but further from it than the rounding of its parts allows has a wrong part.
    Ratios that are not percentages (投資比例為1:2:3) are never checked."""
    where, params = ctx.doc_filter("doc_id")
    rows = ctx.con.execute(
        f"""SELECT doc_id, start, text, section_path FROM sentences
            WHERE {where} AND regexp_matches(text, '[0-9][:∶：][0-9.]+[:∶：][0-9]')
            ORDER BY doc_id, start""",
        params,
    ).fetchall()
    for doc_id, start, text, path in rows:
        last_end: int | None = None  # where the last structure of the sentence ended
        for m in STRUCTURE.finditer(text):
            # 由7.1∶38.3∶54.6调整为6.8∶36.4∶58.6: a structure right after another is one too
            follows = last_end is not None and m.start() - last_end <= STRUCTURE_NEXT
            before = PARENTHETICAL.sub("", text[max(0, m.start() - STRUCTURE_LOOK_BACK) : m.start()])
            if not follows and not STRUCTURE_CUE.search(before, max(0, len(before) - STRUCTURE_CUE_BEFORE)):
                continue  # (a note in parentheses between cue and ratio does not count: 结构（A：B：C）为…)
            last_end = m.end()
            parts = [Decimal(p) for p in STRUCTURE_PART.findall(m.group("ratio"))]
            total = sum(parts, Decimal(0))
            places = max(-p.as_tuple().exponent for p in parts if isinstance(p.as_tuple().exponent, int))
            slack = Decimal(len(parts)) * Decimal("0.5").scaleb(-max(places, 0))
            if not (STRUCTURE_NEAR[0] <= total <= STRUCTURE_NEAR[1]) or abs(total - HUNDRED) <= slack:
                continue
            ratio = m.group("ratio")
            a = start + m.start("ratio")
            said = _fmt(total)
            yield Finding(
                rule="SL609",
                doc_id=doc_id,
                message=ctx.say(f"结构“{ratio}”各部分之和为{said}，不是100，至少有一个部分有误。", doc_id),
                message_en=f"The parts of the structure {ratio} add up to {said}, not 100.",
                suggestion=ctx.say("核对结构中各部分的比重，使其合计为100。", doc_id),
                evidence=[Span(doc_id, a, a + len(ratio), ratio, path)],
                key=f"structure|{ratio}",
            )


# 三次产业结构为3.7:37.0:59.3 / 構成比例調整為…: three or more parts, after a cue word a few characters
# before, or right after another structure (由…调整为…).
STRUCTURE = re.compile(r"(?<![\d.])(?P<ratio>\d+(?:\.\d+)?(?:\s*[:∶：]\s*\d+(?:\.\d+)?){2,})(?![\d.:∶：])")
STRUCTURE_CUE = re.compile(r"结构|結構|构成|構成|比重|比例")
STRUCTURE_CUE_BEFORE = 10
STRUCTURE_LOOK_BACK = 48
STRUCTURE_NEXT = 6
STRUCTURE_PART = re.compile(r"\d+(?:\.\d+)?")
# A sum this near 100 shows the parts are percentages; a ratio of other numbers (1:2:3) is not checked.
STRUCTURE_NEAR = (Decimal(90), Decimal(110))


@rule(
    "SL611",
    "weights-do-not-sum-to-one",
    "arithmetic",
    "error",
    bad="各一级指标及其权重如下：数字基础设施（权重0.30）；数字经济（权重0.25）；数字治理（权重0.25）；"
    "数字生活（权重0.25）。",
    good="各一级指标及其权重如下：数字基础设施（权重0.30）；数字经济（权重0.25）；数字治理（权重0.25）；"
    "数字生活（权重0.20）。",
)
def weights_do_not_sum_to_one(ctx: RuleContext) -> Iterator[Finding]:
    """The weights of an index's components split the index between them, so they add up to 1 (or 100%).
    A list of three or more weights, introduced as the weights of one set (权重如下, 权重分别为, N个一级指标
    …) and written either in one sentence or one item per sentence with nothing else between, whose sum is
    near 1 (0.9-1.1: it is meant to be whole) but further from it than the rounding of its parts allows, has
    a wrong weight. A list whose introduction counts a different number of parts is partial and left
    alone."""
    where, params = ctx.doc_filter("doc_id")
    rows = ctx.con.execute(
        f"""SELECT doc_id, sentence_id, start, text, section_path, is_heading FROM sentences
            WHERE {where} ORDER BY doc_id, sentence_id""",
        params,
    ).fetchall()
    for group in _weight_lists(rows):
        doc_id = group[0][0]
        values = [Decimal(w) for _, _, w, _ in group]
        percent = group[0][3]
        whole = HUNDRED if percent else Decimal(1)
        total = sum(values, Decimal(0))
        places = max(-v.as_tuple().exponent for v in values if isinstance(v.as_tuple().exponent, int))
        slack = Decimal(len(values)) * Decimal("0.5").scaleb(-max(places, 0))
        if not (whole * WEIGHTS_NEAR[0] <= total <= whole * WEIGHTS_NEAR[1]) or abs(total - whole) <= slack:
            continue
        said, one = _fmt(total), ("100%" if percent else "1")
        listed = "、".join(w + ("%" if percent else "") for _, _, w, _ in group)
        yield Finding(
            rule="SL611",
            doc_id=doc_id,
            message=ctx.say(
                f"所列{len(values)}项权重（{listed}）之和为{said}，不是{one}，至少有一项权重有误。", doc_id
            ),
            message_en=f"The {len(values)} weights listed ({listed}) add up to {said}, not {one}.",
            suggestion=ctx.say(f"核对各项权重，使其合计为{one}。", doc_id),
            evidence=[span for _, span, _, _ in group],
            key="weights|" + "|".join(w for _, _, w, _ in group),
        )


def _weight_lists(rows: list) -> Iterator[list[_Weight]]:
    """Lists of weights introduced as one set: those of one sentence (权重分别为0.3、0.3、0.4, or three
    weights named in it), then runs of sentences holding one weight each."""
    run: list[_Weight] = []
    run_intro = ""
    last_id = -WEIGHTS_GAP
    previous = ""  # the sentence before the run
    last_path: str | None = None

    def close() -> Iterator[list[_Weight]]:
        if len(run) >= WEIGHTS_MIN and _introduces(run_intro, len(run)) and len({r[3] for r in run}) == 1:
            yield list(run)

    for doc_id, sid, start, text, path, heading in rows:
        found = [] if heading else list(WEIGHT.finditer(text))
        if len(found) == 1 and (found[0].group("pct") is None) == (Decimal(found[0].group("w")) <= 1):
            m = found[0]
            if run and run[-1][0] == doc_id and path == last_path and sid - last_id <= WEIGHTS_GAP:
                run.append(_weight(doc_id, start, path, m))
            else:
                yield from close()
                run, run_intro = [_weight(doc_id, start, path, m)], previous + text[: m.start()]
            last_id, last_path = sid, path
        else:
            ended = heading or found or (run and (run[-1][0] != doc_id or sid - last_id >= WEIGHTS_GAP))
            if run and (ended or path != last_path):
                yield from close()
                run = []
            if not heading and (len(found) >= 2 or WEIGHT_LIST.search(text)):
                yield from _sentence_weights(doc_id, start, text, path, found)
        previous = text
    yield from close()


# A weight: its document, where it is written, the number as written, and whether it is a percentage.
_Weight = tuple[str, Span, str, bool]


def _weight(doc_id: str, start: int, path: str | None, m: re.Match[str], offset: int = 0) -> _Weight:
    at = start + offset
    return (
        doc_id,
        Span(doc_id, at + m.start("w"), at + m.end("w"), m.group("w"), path),
        m.group("w"),
        m.group("pct") is not None,
    )


def _sentence_weights(
    doc_id: str, start: int, text: str, path: str | None, found: list[re.Match[str]]
) -> Iterator[list[_Weight]]:
    """One sentence's weights: a list after 权重分别为, or three or more 权重X naming a set before them."""
    listed = WEIGHT_LIST.search(text)
    if listed:
        at = listed.start("list")
        items = [_weight(doc_id, start, path, n, at) for n in WEIGHT_LIST_ITEM.finditer(listed.group("list"))]
    else:
        items = [_weight(doc_id, start, path, m) for m in found]
        if not _introduces(text[: found[0].start()], len(items)):
            return
    if len(items) >= WEIGHTS_MIN and len({i[3] for i in items}) == 1:
        yield items


def _introduces(intro: str, n: int) -> bool:
    """The words before a list of weights say they are one set's, and do not count another number of parts."""
    plain = simplify(intro)
    counts = {int(c) if c.isdigit() else CHINESE_COUNT.index(c) + 1 for c in WEIGHTS_COUNT.findall(plain)}
    if counts:
        return n in counts
    return bool(WEIGHTS_CUE.search(plain))


# 权重0.30 / 權重為25% / 权重系数：0.2
WEIGHT = re.compile(
    r"(?:权重|權重)(?:系数|係數)?(?:为|為|是|：|:)?\s*(?P<w>\d+(?:\.\d+)?)\s*(?P<pct>%|％)?(?![\d.])"
)
# 权重分别为0.3、0.3和0.4 / 權重依次為30%、30%、40%
WEIGHT_LIST = re.compile(
    r"(?:权重|權重)(?:系数|係數)?(?:分别|分別|依次)(?:为|為|是|：|:)?\s*"
    r"(?P<list>\d+(?:\.\d+)?\s*[%％]?(?:\s*(?:、|，|,|和|及|与|與)\s*\d+(?:\.\d+)?\s*[%％]?)+)"
)
WEIGHT_LIST_ITEM = re.compile(r"(?P<w>\d+(?:\.\d+)?)\s*(?P<pct>[%％])?")
# What introduces one set's weights: 权重如下, 各指标权重, 构成, or a count of parts (由4个一级指标构成).
WEIGHTS_CUE = re.compile(r"权重|如下|分别|依次|构成|组成|包括|包含")
CHINESE_COUNT = "一二三四五六七八九十"
WEIGHTS_COUNT = re.compile(
    r"(\d+|[一二三四五六七八九十])个[一二三四五六七八九]?级?(?:指标|维度|方面|领域|部分|板块|模块)"
)
WEIGHTS_MIN = 3
WEIGHTS_GAP = 3  # sentences from one weight's item to the next (an item may run over two sentences)
WEIGHTS_NEAR = (Decimal("0.9"), Decimal("1.1"))


@rule(
    "SL610",
    "growth-does-not-match-levels",
    "arithmetic",
    "warning",
    bad="2022年全國互聯網診療服務人次為1.8億人次。…2023年全國互聯網診療服務人次達到2.6億人次，比上年增長35%。",
    good="2022年全國互聯網診療服務人次為1.8億人次。…2023年全國互聯網診療服務人次達到2.6億人次，比上年增長44%。",
)
def growth_does_not_match_levels(ctx: RuleContext) -> Iterator[Finding]:
    """A level given with its growth (2.6億人次，比上年增長35%) and the same measure's level for the base
    year stated elsewhere in the report (1.8億人次 in 2022) can be recomputed: 1.8 to 2.6 is a rise of
    44%, not 35%. The growth must follow its level in one sentence with only a change verb and a comparison
    with the year before between them (比上年增長, 同比下降); its base year is the one it names (較2020年) or
    the level's year before. Growth measured another way than the levels is never recomputed: at comparable
    prices (地區生產總值, 增加值, 按可比價格, 實際), cumulative (累計) or average (年均). Every figure's
    rounding is allowed for, and a gap under one percentage point is left alone (a base year's figure is
    often revised after the first release)."""
    ensure_facts(ctx)
    keys = ctx.con.execute(
        f"""
        WITH runs AS (
            SELECT doc_id, stat_id, role_k, unit_family, unit_k, year, metric_k, entity_k, qualifier_k,
                   year_stated, period_k, lead(stat_id) OVER w AS rate_id, lead(role_k) OVER w AS rate_role,
                   lead(unit_family) OVER w AS rate_family, lead(base_year) OVER w AS rate_base,
                   lead(direction) OVER w AS rate_direction
            FROM rule_stats
            WINDOW w AS (PARTITION BY doc_id, sentence_id ORDER BY start)
        ), pairs AS (
            SELECT doc_id, stat_id AS level_id, rate_id, metric_k, entity_k, unit_k, period_k,
                   COALESCE(rate_base, year - 1) AS base_year
            FROM runs
            -- (a forecast too: 预计2025年全年入境旅客达3,960万人次，较上年增长9.8%)
            WHERE (role_k IN ('level', 'to') AND rate_role = 'delta'
                   OR role_k = 'target' AND rate_role = 'target' AND rate_direction IS NOT NULL)
              AND NOT list_contains($skipped, unit_family) AND qualifier_k = '='
              AND rate_family = 'percent' AND {grouping_filter()}
        )
        SELECT p.doc_id, p.level_id, p.rate_id, arg_min(b.stat_id, b.start) AS base_id
        FROM pairs p JOIN rule_stats b
          ON b.doc_id = p.doc_id AND b.metric_k = p.metric_k AND b.entity_k = p.entity_k
         AND b.unit_k = p.unit_k AND b.year = p.base_year AND b.role_k IN ('level', 'to', 'from')
         AND b.stat_id <> p.level_id AND b.qualifier_k = '=' AND b.year_stated
         -- a quarter's level grows from the same quarter a year before, not from the whole year
         AND b.period_k = p.period_k
        GROUP BY ALL
        ORDER BY 1, 2
        """,
        {"skipped": list(LEVEL_FAMILIES_SKIPPED)},
    ).fetchall()
    details = stat_details(ctx, [(k[0], i) for k in keys for i in k[1:]])
    problems: list[tuple[str, list[int], str, str, str]] = []
    for doc_id, level_id, rate_id, base_id in keys:
        level, rate, base = (details[(doc_id, i)] for i in (level_id, rate_id, base_id))
        verdict = _growth_verdict(level, rate, base)
        if verdict:
            problems.append((doc_id, [base_id, level_id, rate_id], *verdict))
    yield from _emit(ctx, "SL610", problems, "核对本期数值、基期数值与增长幅度，改正其中有误的数字。")


# Growth that the ratio of two stated levels does not give even when both are right: at comparable prices
# (GDP and value added by convention), cumulative or average over several years.
GROWTH_OTHER_BASIS = re.compile(
    r"生产总值|增加值|GDP|可比|不变价|扣除|实际|同口径|剔除|按.{0,6}计算|累计|年均|平均"
)
# A table column of growth over the year before (同比增速, 比上年增长, 增长率; 市场规模同比增速 when the
# header took the caption's measure).
GROWTH_COLUMN = re.compile(r"(?:同比|比上年|较上年|名义|实际)?(?:增速|增长率|增幅|增长)$")
# A gap under this many percentage points is left to the revisions of base-year figures.
GROWTH_SLACK = Decimal(1)


def _growth_verdict(level: dict, rate: dict, base: dict) -> tuple[str, str, str] | None:
    """None unless the growth lies outside what the two levels give at their written precision."""
    text, at = level["sentence"] or "", level["sentence_start"]
    gap = simplify(text[level["end"] - at : rate["start"] - at])
    m = LEVEL_CHANGE_CLAUSE.match(gap)
    if m is not None:
        up = m.group("verb") in LEVEL_CHANGE_UP
    elif not gap.strip() and GROWTH_COLUMN.search(simplify(rate["metric_k"] or "")):
        up = True  # a table row: 广东  152.3  18.6 under 市场规模（亿元） 同比增速（%）
    else:
        return None
    said = simplify(text) + (base["sentence"] or "") + (level["metric_k"] or "") + (rate["metric_k"] or "")
    if GROWTH_OTHER_BASIS.search(said):  # (a table row names its measure in its header: metric_k)
        return None
    if (base["year"] or 0) >= (level["year"] or 0):
        return None
    v, b, c = Decimal(level["value_text"]), Decimal(base["value_text"]), Decimal(rate["value_text"])
    hv, hb, hc = _half(level), _half(base), _half(rate)
    if b - hb <= 0 or v <= 0:
        return None
    sign = 1 if up else -1
    low = ((v - hv) / (b + hb) - 1) * HUNDRED * sign  # the growth the levels allow, as the text states it
    high = ((v + hv) / (b - hb) - 1) * HUNDRED * sign
    low, high = min(low, high), max(low, high)
    if low - hc - GROWTH_SLACK <= c <= high + hc + GROWTH_SLACK:
        return None
    rel = (v / b - 1) * HUNDRED * sign
    word = "增长" if sign > 0 else "下降"
    # a table cell (152.3 under 亿元) is written with the base's magnitude
    like = level if WRITTEN_MAGNITUDE.match(simplify(level["number_text"] or "")) else base
    return (
        "growth-levels",
        f"按{base['year']}年的{_as_written(b, base)}与本期{_as_written(v, like)}计算，"
        f"应{word}{_fmt(rel, 1)}%，与所述{_fmt(c)}%不符",
        f"from {_as_written(b, base)} in {base['year']} to {_as_written(v, like)} is a change of "
        f"{_fmt(rel * sign, 1)}%, not the stated {_fmt(c)}%",
    )
