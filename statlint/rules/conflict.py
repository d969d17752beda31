"""Category `conflict`: the same measure, scope and year given values that cannot both be true."""

from __future__ import annotations

from collections.abc import Iterator

from statlint.rules.base import Finding, RuleContext, Span, rule
from statlint.rules.facts import (
    LEVEL_ROLES,
    ensure_facts,
    grouping_filter,
    measure_filter,
    measure_label,
    same_thing,
    scope_label,
    stat_details,
)


@rule(
    "SL201",
    "same-measure-different-values",
    "conflict",
    "warning",
    bad="2024年東部省份政務服務網辦率達92%。…2024年東部省份政務服務網辦率為65%。",
    good="2024年東部省份政務服務網辦率達92%。…2024年東部省份政務服務網辦率超過90%。",
)
def same_measure_different_values(ctx: RuleContext) -> Iterator[Finding]:
    """One measure of one scope in one year has one value. When a report gives the same measure (normalized
    metric key), the same scope (normalized entity key, 上海/上海市 alike) and the same year in the same
    unit twice with values whose readings cannot meet, at least one of them is wrong. Qualifiers and written
    precision are respected: 超過8億 and 8.2億 agree, 41.5% and 41.50% agree, 約2000 allows ±10%, but 達92%
    and
    65% do not. Candidates are found by grouping on those keys in SQL; a group conflicts when the largest
    lower
    bound exceeds the smallest upper bound, and the two figures that bound it are quoted. Different values of
    one measure inside one sentence are a breakdown (分別提高到58794元和23184元), not a contradiction, so
    figures are first intersected per sentence and sentences that list several values are set aside. A
    change (同比增長18%) is compared only with changes of the same measure from the same base year (同比,
    or no base, is the year before; 較2020年) and the same basis (按季, 環比: over the period before),
    never with a level; figures of different parts of one year
    (一季度, 上半年, 1-5月) are different figures. Undated figures are compared when told as the whole
    year's (全年…) or as of one part of it (截至9月末…, in a release about that year)."""
    ensure_facts(ctx)
    rows = ctx.con.execute(
        f"""
        WITH per_sentence AS (
            SELECT doc_id, metric_k, entity_k, year, period_k, unit_k, role_k IN {LEVEL_ROLES} AS is_level,
                   CASE WHEN role_k IN {LEVEL_ROLES} THEN -1 ELSE COALESCE(base_year, year - 1) END AS base,
                   CASE WHEN role_k IN {LEVEL_ROLES} THEN '' ELSE basis_k END AS basis, sentence_id,
                   max(lo) AS lo, min(hi) AS hi,
                   arg_max(stat_id, lo) AS lo_id, arg_min(stat_id, hi) AS hi_id, count(*) AS n
            FROM rule_stats
            WHERE ({grouping_filter()} AND year IS NOT NULL
                   OR (full_year OR year IS NULL AND period_k <> '') AND {measure_filter()})
              AND role_k IN {(*LEVEL_ROLES, "delta")}
            GROUP BY ALL
            HAVING max(lo) IS NULL OR min(hi) IS NULL OR max(lo) <= min(hi)
        )
        SELECT doc_id, metric_k, entity_k, year, unit_k, period_k, is_level, base, basis,
               arg_max(lo_id, lo) AS high_id, arg_min(hi_id, hi) AS low_id, sum(n) AS n
        FROM per_sentence
        GROUP BY ALL
        HAVING count(*) > 1 AND max(lo) > min(hi)
        ORDER BY doc_id, metric_k, entity_k, year
        """
    ).fetchall()
    details = stat_details(ctx, [(r[0], r[9]) for r in rows] + [(r[0], r[10]) for r in rows])
    for doc_id, metric_k, entity_k, year, unit_k, period, _, _, _, high_id, low_id, n in rows:
        a, b = details[(doc_id, low_id)], details[(doc_id, high_id)]
        if not same_thing(a, b):
            continue  # the key groups them, but their own words describe different things
        first, second = sorted((a, b), key=lambda d: d["start"])
        measure, scope = measure_label(first), scope_label(first)
        when = f"{year}年" if year is not None else (period or "全年")  # 截至9月末… in an undated release
        yield Finding(
            rule="SL201",
            doc_id=doc_id,
            message=ctx.say(
                f"{scope}{when}的“{measure}”前后数值不一致：“{first['number_text']}”与"
                f"“{second['number_text']}”不可能同时成立（该指标共出现{n}次）。",
                doc_id,
            ),
            message_en=f"{year or period or 'The full year'} '{measure}' for {scope} is given as "
            f"{first['number_text']} and as "
            f"{second['number_text']}; both cannot hold ({n} mentions).",
            suggestion=ctx.say("核对数据来源，统一为同一数值；若口径不同，应在文中写明口径或范围。", doc_id),
            evidence=[
                Span(doc_id, d["start"], d["end"], d["number_text"], d["section_path"])
                for d in (first, second)
            ],
            key=f"{metric_k}|{entity_k}|{year}|{unit_k}|"
            + "/".join(sorted((a["value_text"], b["value_text"]))),
        )


# A figure with fewer significant digits than this (5%, 92%, 3600, 100万) is round enough to recur honestly
# from one year to the next; 41.5%, 1409万 or 50.2万亿 is not.
MIN_SIGNIFICANT_DIGITS = 3


@rule(
    "SL202",
    "same-figure-different-years",
    "conflict",
    "warning",
    bad="2022年我國數字經濟規模達50.2萬億元。…2023年我國數字經濟規模達50.2萬億元。",
    good="2022年我國數字經濟規模達50.2萬億元。…2023年我國數字經濟規模達53.9萬億元。",
)
def same_figure_different_years(ctx: RuleContext) -> Iterator[Finding]:
    """A distinctive figure belongs to one year. When a report gives exactly the same value of the same
    measure and scope (the keys SL201 groups on) for two different stated years, one of the dates is
    probably wrong: a figure carried forward into the next year's paragraph, or a stale year left on a new
    figure. Only distinctive values count (at least three significant digits, such as 41.5% or 1409万; a round
    5% or 3600 may recur honestly), only levels (a target may repeat), and only across sentences: one sentence
    that says both years held the value (2023年和2024年均为41.5%) states it on purpose."""
    ensure_facts(ctx)
    rows = ctx.con.execute(
        f"""
        WITH f AS (
            SELECT doc_id, metric_k, entity_k, unit_k, value_text, year, sentence_id, stat_id, start
            FROM rule_stats
            WHERE {grouping_filter()} AND year IS NOT NULL AND role_k IN {LEVEL_ROLES}
              AND qualifier_k = '='
              AND length(rtrim(ltrim(replace(value_text, '.', ''), '0'), '0')) >= {MIN_SIGNIFICANT_DIGITS}
        )
        SELECT doc_id, metric_k, entity_k, unit_k, value_text,
               arg_min(stat_id, year * 1000000 + start) AS first_id,
               arg_max(stat_id, year * 1000000 - start) AS last_id,
               min(year) AS y0, max(year) AS y1
        FROM f
        GROUP BY ALL
        HAVING count(DISTINCT year) > 1 AND count(DISTINCT sentence_id) > 1
        ORDER BY doc_id, metric_k, entity_k, value_text
        """
    ).fetchall()
    details = stat_details(ctx, [(r[0], r[5]) for r in rows] + [(r[0], r[6]) for r in rows])
    for doc_id, metric_k, entity_k, unit_k, value_text, first_id, last_id, y0, y1 in rows:
        a, b = details[(doc_id, first_id)], details[(doc_id, last_id)]
        if a["sentence_id"] == b["sentence_id"] or not same_thing(a, b):
            continue
        first, second = sorted((a, b), key=lambda d: d["start"])
        measure, scope = measure_label(first), scope_label(first)
        yield Finding(
            rule="SL202",
            doc_id=doc_id,
            message=ctx.say(
                f"{scope}的“{measure}”在{first['year']}年和{second['year']}年给出完全相同的数值"
                f"“{first['number_text']}”与“{second['number_text']}”，其中一个年份可能有误。",
                doc_id,
            ),
            message_en=f"'{measure}' for {scope} is given the same value for {first['year']} "
            f"({first['number_text']}) and {second['year']} ({second['number_text']}); one of the years is "
            "probably wrong.",
            suggestion=ctx.say("核对该数据所属年份；若两年数值确实相同，应在同一处写明。", doc_id),
            evidence=[
                Span(doc_id, d["start"], d["end"], d["number_text"], d["section_path"])
                for d in (first, second)
            ],
            key=f"{metric_k}|{entity_k}|{unit_k}|{value_text}|{y0}-{y1}",
        )
