"""Category `target_vs_actual`: a year both reached and still a target; a target a reported result
contradicts."""

from __future__ import annotations

import re
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
from statlint.rules.text import simplify
from statlint.rules.window import ACHIEVED, FUTURE, PLAN_TITLE, _named

# Evidence quoted per side: enough to show the pattern without copying the whole report.
MAX_QUOTES = 3
# Words that say a target was missed (低于预期目标, 未完成年度目标): the report tells it.
MISS_TOLD = re.compile(
    r"低于[^，。；]{0,12}目标|未(?:能)?(?:完成|实现|达到|达成)|没有(?:完成|实现|达到)|差距"
)
# A target reached by going down (缩短至3天, 控制在5%以内): a result above it misses it.
DOWN_TARGET = (
    "(降至|降低至|缩短至|縮短至|压缩至|壓縮至|控制在|减少至|減少至|下降至|不超过|不超過|以内|以內|以下)"
)


# A part of the year right after its year (2025年一季度, 2025年上半年, 2025年1—6月).
PART_OF_YEAR = re.compile(
    r"(?:第?[一二三四1-4]季度?|[上下]半年|前[一二两三四五六七八九十0-9]{1,2}[个]?(?:季度|月)"
    r"|[0-9]{1,2}\s*[-—–~至到]\s*[0-9]{1,2}月|[0-9一二三四五六七八九十]{1,3}月)"
)


@rule(
    "SL501",
    "year-both-reached-and-target",
    "target_vs_actual",
    "warning",
    bad="明確到2025年實現政務服務事項90%以上網上辦。…2025年全國統一的電子證照庫已實現200類證照互認。",
    good="明確到2025年實現政務服務事項90%以上網上辦。…截至2023年，全國統一的電子證照庫已實現200類證照互認。",
)
def year_both_reached_and_target(ctx: RuleContext) -> Iterator[Finding]:
    """A report is written at one moment: a year is either behind it (results reached in it) or ahead of it
    (targets to reach by it). A report that says both "到2025年實現…" and "2025年…已實現…" has mixed a plan
    with results, so readers cannot tell which figures are facts. Reported once per document and year,
    quoting the first targets and results. When the publication date is known only its own year is checked:
    targets for earlier years are retrospective, and results claimed for later years are reported by SL102.
    Plans and policies (titles ending in 計劃, 規劃, 方案, 意見, 通知) look ahead throughout and are not
    checked."""
    where, params = ctx.doc_filter("d.doc_id")
    rows = ctx.con.execute(
        f"""
        SELECT y.doc_id, y.year, y.kind, y.start, y."end", y.text, s.text, s.text_simp, s.section_path,
            s.start, COALESCE(st.only_targets, FALSE)
        FROM year_mentions y
        JOIN documents d USING (doc_id)
        JOIN sentences s ON s.doc_id = y.doc_id AND s.sentence_id = y.sentence_id
        LEFT JOIN (
            SELECT doc_id, sentence_id, bool_and(role = 'target') AS only_targets
            FROM statistics GROUP BY ALL
        ) st ON st.doc_id = y.doc_id AND st.sentence_id = y.sentence_id
        WHERE {where} AND d.status = 'ok' AND y.kind IN ('date', 'target')
          AND NOT regexp_matches(COALESCE(d.title, ''), '{PLAN_TITLE}')
          AND (d.pub_date IS NULL OR y.year = CAST(substr(d.pub_date, 1, 4) AS INT))
          AND y.year IN (SELECT year FROM year_mentions t WHERE t.doc_id = y.doc_id AND t.kind = 'target')
        ORDER BY y.doc_id, y.year, y.start
        """,
        params,
    ).fetchall()
    groups: dict[tuple[str, int], dict[str, list[tuple]]] = {}
    for doc_id, year, kind, a, b, text, sentence, simp, path, s_start, planned in rows:
        if _named(sentence, s_start, a, b):
            continue
        if kind == "date" and PART_OF_YEAR.match(simp, b - s_start):
            continue  # 2025年一季度…达到: a result of part of the year, which may still be a target's
        # (a sentence whose figures the extractor read as targets is a plan's: 其中2024年…分别完成900亿元)
        reached = bool(ACHIEVED.search(simp)) and not FUTURE.search(simp) and not planned
        side = "target" if kind == "target" else ("reached" if reached else None)
        if side:
            groups.setdefault((doc_id, year), {"target": [], "reached": []})[side].append((a, b, text, path))
    for (doc_id, year), sides in groups.items():
        targets, reached = sides["target"], sides["reached"]
        if not targets or not reached:
            continue
        quoted = targets[:MAX_QUOTES] + reached[:MAX_QUOTES]
        yield Finding(
            rule="SL501",
            doc_id=doc_id,
            message=ctx.say(
                f"{year}年既被写作目标年份（{len(targets)}处，如“到{year}年”），又被写作已实现结果的"
                f"年份（{len(reached)}处）：报告的时间基准不清。",
                doc_id,
            ),
            message_en=f"{year} is written both as a target year ({len(targets)} mentions) and as a year of "
            f"results already reached ({len(reached)} mentions): the report's point in time is unclear.",
            suggestion=ctx.say(
                f"确定报告的时间基准：若{year}年已过，目标应改写为完成情况；若未到，结果应改为预期。", doc_id
            ),
            evidence=[Span(doc_id, a, b, t, p) for a, b, t, p in sorted(quoted)],
            key=f"{year}",
        )


def _balance_key(d: dict) -> str:
    """The metric key without 余额: a stock and its balance (贷款 / 贷款余额) are one measure."""
    return (d.get("metric_k") or "").replace("|", "").replace(BALANCE, "")


def _balance_sql(alias: str) -> str:
    """_balance_key in SQL, of the rule_stats row `alias`."""
    return f"replace(replace({alias}.metric_k, '|', ''), '{BALANCE}', '')"


BALANCE = "余额"


@rule(
    "SL502",
    "target-contradicted-by-result",
    "target_vs_actual",
    "warning",
    bad="2025年前實現政務服務AI客服全覆蓋，問題解決率達90%。…2025年政務服務AI客服問題解決率提升至85%。",
    good="2025年前實現政務服務AI客服全覆蓋，問題解決率達90%。…2025年政務服務AI客服問題解決率提升至91%。",
)
def target_contradicted_by_result(ctx: RuleContext) -> Iterator[Finding]:
    """A target and a result for the same measure, scope and year should agree, or the report should say the
    target was missed. When a report sets a target (2025年前…問題解決率達90%) and reports a result for the
    same measure and year that falls short of it (2025年…問題解決率提升至85%) without saying so, either the
    target or the result is wrong. Targets reached by going down (縮短至, 控制在…以內) are missed by results
    above them; a growth target (增長3%左右) is met or missed by the growth reported (增長0.4%). Pairs come
    from an SQL join on scope, year, part of the year and unit where one metric key contains the other (社區
    數字學習站 / 建成社區數字學習站), confirmed by the words of both clauses: a first quarter's result is not
    measured against the year's target. A result whose sentence says the target was missed (低於預期目標,
    未完成) is not reported."""
    ensure_facts(ctx)
    rows = ctx.con.execute(
        f"""
        SELECT t.doc_id, t.stat_id, a.stat_id
        FROM rule_stats t
        JOIN rule_stats a ON a.doc_id = t.doc_id AND a.entity_k = t.entity_k AND a.year = t.year
             AND a.period_k = t.period_k AND a.unit_k IS NOT DISTINCT FROM t.unit_k
             -- (a stock and its balance are one measure: 贷款 / 贷款余额)
             AND (contains({_balance_sql("a")}, {_balance_sql("t")})
                  OR contains({_balance_sql("t")}, {_balance_sql("a")}))
        WHERE {grouping_filter("t")} AND t.role_k = 'target'
          AND (a.role_k IN {LEVEL_ROLES}
               OR a.role_k = 'delta' AND right(a.metric_k, 2) = right(t.metric_k, 2))
          AND CASE WHEN t.qualifier_k IN ('<', '<=') OR regexp_matches(COALESCE(t.clause, '') ||
              COALESCE(t.after, ''),
                                                                     '{DOWN_TARGET}')
                   THEN a.lo > t.hi ELSE a.hi < t.lo END
          AND {grouping_filter("a")}
        ORDER BY 1, 2, a.start
        """
    ).fetchall()
    details = stat_details(ctx, [(d, t) for d, t, _ in rows] + [(d, a) for d, _, a in rows])
    reported: set[tuple[str, int]] = set()
    for doc_id, t_id, a_id in rows:
        t, a = details[(doc_id, t_id)], details[(doc_id, a_id)]
        if (doc_id, t_id) in reported or not (same_thing(t, a) or _balance_key(t) == _balance_key(a)):
            continue
        if MISS_TOLD.search(simplify(a["sentence"] or "")):
            continue  # 增长3.7%，低于年初确定的5%以上的预期目标: the report says the target was missed
        reported.add((doc_id, t_id))  # one finding per target, against the first result that misses it
        measure, scope = measure_label(t), scope_label(t)
        yield Finding(
            rule="SL502",
            doc_id=doc_id,
            message=ctx.say(
                f"{scope}“{measure}”的{t['year']}年目标为“{t['number_text']}”，但报告的{a['year']}年"
                f"结果为“{a['number_text']}”，未达目标却未作说明。",
                doc_id,
            ),
            message_en=f"The {t['year']} target for '{measure}' ({scope}) is {t['number_text']}, "
            "but the reported "
            f"{a['year']} result is {a['number_text']}, short of it, without comment.",
            suggestion=ctx.say(
                "核实目标与实际数据；若目标未完成，应明确说明，或改正其中有误的数字。", doc_id
            ),
            evidence=[
                Span(doc_id, d["start"], d["end"], d["number_text"], d["section_path"])
                for d in sorted((t, a), key=lambda d: d["start"])
            ],
            key=f"{t['metric_k']}|{t['entity_k']}|{t['year']}|{t['value_text']}|{a['value_text']}",
        )
