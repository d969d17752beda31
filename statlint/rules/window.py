"""Category `window`: what a report cites outside the research window it declares, or after its own date."""

from __future__ import annotations

from collections.abc import Iterator

from statlint.rules.base import Finding, RuleContext, Span, rule

# Words that report a result as already reached (已實現, 建成, 達到): such a result dated after the window
# contradicts the window more than a plain dated figure does.
ACHIEVED = ("已", "实现", "达到", "建成", "完成", "累计", "突破", "提升至", "降至", "缩短至")


@rule(
    "SL101", "year-outside-window", "window", "warning",
    bad="時間範圍：本報告研究數據主要來源於2018年至2023年。…2025年全國電子證照庫已實現200類證照互認。",
    good="時間範圍：2018年至2023年。…2023年全國電子證照庫實現200類證照互認。",
)
def year_outside_window(ctx: RuleContext) -> Iterator[Finding]:
    """A report that declares its research window (時間範圍：2018年至2023年) but cites figures or events dated
    outside it either has a wrong window or figures its readers cannot trace to the data it describes.
    Results reported as reached after the window are errors; other dated figures and events are warnings;
    target years past the window are notes."""
    where, params = ctx.doc_filter("d.doc_id")
    rows = ctx.con.execute(
        f"""
        SELECT y.doc_id, y.sentence_id, y.year, y.kind, y.start, y.end, y.text,
               d.window_start, d.window_end, d.script, s.text AS sentence, s.text_simp, s.section_path
        FROM year_mentions y
        JOIN documents d USING (doc_id)
        JOIN sentences s ON s.doc_id = y.doc_id AND s.sentence_id = y.sentence_id
        WHERE {where} AND d.status = 'ok' AND d.window_start IS NOT NULL
          AND y.kind IN ('date', 'target', 'relative')
          AND (y.year > d.window_end OR y.year < d.window_start)
          AND y.sentence_id IS DISTINCT FROM d.window_sentence_id
        ORDER BY y.doc_id, y.sentence_id, y.start
        """,
        params,
    ).fetchall()
    groups: dict[tuple[str, int], list[tuple]] = {}
    for r in rows:
        groups.setdefault((r[0], r[1]), []).append(r)
    for (doc_id, sentence_id), mentions in groups.items():
        first = mentions[0]
        ws, we, script, sentence_simp, section_path = first[7], first[8], first[9], first[11], first[12]
        years = sorted({m[2] for m in mentions})
        stats = ctx.con.execute(
            """SELECT start, "end", number_text, role, year FROM statistics
               WHERE doc_id = ? AND sentence_id = ? AND year IS NOT NULL AND (year > ? OR year < ?)
               ORDER BY start""",
            [doc_id, sentence_id, we, ws],
        ).fetchall()
        evidence = [Span(doc_id, m[4], m[5], m[6], section_path) for m in mentions]
        evidence += [Span(doc_id, s[0], s[1], s[2], section_path) for s in stats]
        evidence.sort(key=lambda s: s.start)
        only_targets = all(m[3] == "target" for m in mentions) and all(s[3] == "target" for s in stats)
        achieved = any(w in sentence_simp for w in ACHIEVED) and any(y > we for y in years)
        severity = "info" if only_targets else ("error" if achieved else "warning")
        ys = "、".join(f"{y}年" for y in years)
        what = "目标年份" if only_targets else ("已实现的结果" if achieved else "数据或事件")
        what_en = "target year" if only_targets else ("result reported as reached" if achieved else "data or event")
        n = f"，涉及{len(stats)}个统计数字" if stats else ""
        n_en = f", dating {len(stats)} figure(s)" if stats else ""
        yield Finding(
            rule="SL101",
            doc_id=doc_id,
            severity=severity,
            message=_conv(f"{ys}的{what}超出报告声明的研究时间范围{ws}—{we}年{n}。", script),
            message_en=f"{', '.join(map(str, years))}: {what_en} outside the declared research window "
                       f"{ws}–{we}{n_en}.",
            suggestion=_conv(f"核实数据年份；若确实引用{ys}的数据，应修改“时间范围”声明，或注明数据来源年份。", script),
            evidence=evidence,
            key=f"{sentence_simp}|{','.join(map(str, years))}",
        )


def _conv(message: str, script: str | None) -> str:
    from statlint.rules.language import in_script

    return in_script(message, script)
