"""Category `cross_document`: several documents give the same measure, scope and year different values."""

from __future__ import annotations

from collections.abc import Iterator

from statlint.rules.base import Finding, RuleContext, Span, rule
from statlint.rules.facts import (
    LEVEL_ROLES,
    ensure_facts,
    grouping_filter,
    measure_label,
    same_thing,
    scope_label,
    stat_details,
)


@rule(
    "SL901",
    "documents-disagree",
    "cross_document",
    "warning",
    bad="報告甲：2024年全國5G基站數量達337萬個。報告乙：2024年全國5G基站數量達425萬個。",
    good="報告甲：2024年全國5G基站數量達337萬個。報告乙：2024年全國5G基站數量超過330萬個。",
)
def documents_disagree(ctx: RuleContext) -> Iterator[Finding]:
    """Reports loaded together should agree on shared facts. When two documents give the same measure for the
    same scope and year (a figure without a named place takes its document's own scope, so one province's
    report never contradicts another's) with values whose readings cannot meet, at least one is wrong.
    Each document's own mentions are first intersected; documents that contradict themselves are left to the
    `conflict` rule. Grouping is done in SQL on normalized metric and scope keys; a quarterly and a half-year
    bulletin of one year (一季度 / 上半年) give different figures, not contradictory ones."""
    ensure_facts(ctx)
    rows = ctx.con.execute(
        f"""
        WITH per_doc AS (
            SELECT metric_k, entity_k, year, period_k, unit_k, doc_id, max(lo) AS lo, min(hi) AS hi,
                   arg_max(stat_id, struct_pack(v := lo, s := -stat_id)) AS lo_id,
                   arg_min(stat_id, struct_pack(v := hi, s := stat_id)) AS hi_id
            FROM rule_stats
            WHERE {grouping_filter()} AND year IS NOT NULL AND role_k IN {LEVEL_ROLES}
            GROUP BY ALL
            HAVING max(lo) IS NULL OR min(hi) IS NULL OR max(lo) <= min(hi)
        )
        SELECT metric_k, entity_k, year, unit_k, period_k,
               arg_max(struct_pack(d := doc_id, i := lo_id), struct_pack(v := lo, d := doc_id)) AS high,
               arg_min(struct_pack(d := doc_id, i := hi_id), struct_pack(v := hi, d := doc_id)) AS low
        FROM per_doc
        GROUP BY ALL
        HAVING count(DISTINCT doc_id) > 1 AND max(lo) > min(hi)
        ORDER BY 1, 2, 3
        """
    ).fetchall()
    # A bounding figure is always taken together with its own document, and ties (several documents or figures
    # at the same value) are broken by document id and figure order: the finding is the same on every run.
    rows = [(m, e, y, u, hi["d"], hi["i"], lo["d"], lo["i"]) for m, e, y, u, _, hi, lo in rows]
    details = stat_details(ctx, [(r[4], r[5]) for r in rows] + [(r[6], r[7]) for r in rows])
    for metric_k, entity_k, year, unit_k, da, ia, db, ib in rows:
        a, b = details[(da, ia)], details[(db, ib)]
        if not same_thing(a, b):
            continue  # the key groups them, but their own words describe different things
        measure, scope = measure_label(a), scope_label(a)
        yield Finding(
            rule="SL901",
            doc_id=None,
            message=ctx.say(
                f"不同文件对{scope}{year}年“{measure}”的数值不一致：{da}为“{a['number_text']}”，"
                f"{db}为“{b['number_text']}”。",
                da,
            ),
            message_en=f"Documents disagree on {year} '{measure}' for {scope}: "
            f"{da} gives {a['number_text']}, "
            f"{db} gives {b['number_text']}.",
            suggestion=ctx.say("核对两份文件的数据来源与口径，统一数值或注明口径差异。", da),
            evidence=[
                Span(d["doc_id"], d["start"], d["end"], d["number_text"], d["section_path"]) for d in (a, b)
            ],
            key=f"{metric_k}|{entity_k}|{year}|{unit_k}|{'/'.join(sorted((da, db)))}",
        )
