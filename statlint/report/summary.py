"""A run's summary for the Prefect UI: Markdown for people skimming runs, a findings table for sorting.

Built from DocumentReport objects (the same data as the HTML reports) so the UI and the reports never
disagree. Pure functions: the flow publishes the result as artifacts.
"""

from __future__ import annotations

from pathlib import Path

from statlint.report.model import SEVERITIES, DocumentReport
from statlint.report.render import md_escape

MAX_TABLE_ROWS = 2000


def summary_markdown(reports: list[DocumentReport], reports_dir: Path | str) -> str:
    ok = [r for r in reports if r.status == "ok"]
    failed = [r for r in reports if r.status != "ok"]
    findings = [f for r in reports for f in r.findings]
    by_sev = {s: sum(f.severity == s for f in findings) for s in SEVERITIES}
    waived = sum(f.waived for f in findings)
    index = Path(reports_dir) / "index.html"
    lines = [
        "# statlint run",
        "",
        f"**{len(reports)}** documents ({len(ok)} analysed, {len(failed)} failed), "
        f"**{sum(r.n_statistics for r in reports)}** statistics, **{len(findings)}** findings "
        f"(error {by_sev['error']}, warning {by_sev['warning']}, info {by_sev['info']}; {waived} waived).",
        "",
        f"Reports: `{index}`",
        "",
        "| Document | Window | Statistics | Errors | Warnings | Info | Outside window |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in ok:
        c = r.counts("severity")
        window = f"{r.window[0]}–{r.window[1]}" if r.window else "—"
        lines.append(
            f"| {md_escape(r.title or r.doc_id)} | {window} | {r.n_statistics} | {c.get('error', 0)} "
            f"| {c.get('warning', 0)} | {c.get('info', 0)} | {r.n_out_of_window} |"
        )
    if failed:
        lines += ["", "## Failed documents", ""]
        lines += [f"- {md_escape(r.path)}: {md_escape(r.reason or r.status)}" for r in failed]
    return "\n".join(lines) + "\n"


def findings_table(reports: list[DocumentReport], limit: int = MAX_TABLE_ROWS) -> tuple[list[dict], int]:
    """Rows for the findings table (most severe first) and how many findings there were in all."""
    rows = []
    seen: set[str] = set()
    for r in reports:
        for f in r.findings:
            if f.fingerprint in seen:  # a cross-document finding appears in each of its documents
                continue
            seen.add(f.fingerprint)
            first = f.quotes[0] if f.quotes else None
            rows.append(
                {
                    "severity": f.severity,
                    "category": f.category,
                    "rule": f.rule,
                    "document": f.doc_id or r.doc_id,
                    "section": first.section_path if first else "",
                    "message": f.message,
                    "evidence": first.text if first else "",
                    "waived": f.waived,
                    "fingerprint": f.fingerprint,
                }
            )
    order = {s: i for i, s in enumerate(SEVERITIES)}
    rows.sort(key=lambda x: (order.get(x["severity"], 9), x["document"]))
    return rows[:limit], len(rows)
