"""Prefect flow: write the editor's reports from the warehouse and publish the run's summary as artifacts.

Artifacts are what someone watching runs in the Prefect UI sees without opening a file: a Markdown summary
(documents, statistics, findings by severity) and a sortable table of findings, under stable keys so each run
adds a version to the same two artifacts.
"""

from __future__ import annotations

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from statlint.report import load_document_reports, write_reports
from statlint.report.summary import findings_table, summary_markdown
from statlint.warehouse import connect

SUMMARY_KEY = "statlint-run-summary"
FINDINGS_KEY = "statlint-findings"


@task(name="write-reports")
def report_task(warehouse: str, reports_dir: str) -> dict:
    con = connect(warehouse, read_only=True)
    try:
        reports = load_document_reports(con)
        paths = [str(p) for p in write_reports(con, reports_dir, reports)]
    finally:
        con.close()
    rows, total = findings_table(reports)
    return {"paths": paths, "markdown": summary_markdown(reports, reports_dir), "rows": rows, "total": total}


@flow(name="statlint-report", log_prints=False)
def report_flow(warehouse: str, reports_dir: str) -> list[str]:
    out = report_task(warehouse, reports_dir)
    create_markdown_artifact(out["markdown"], key=SUMMARY_KEY, description="statlint: what this run found")
    shown = len(out["rows"])
    note = f" (first {shown} of {out['total']}, most severe first)" if shown < out["total"] else ""
    rows = out["rows"] or [{"severity": "", "message": "no findings"}]
    create_table_artifact(rows, key=FINDINGS_KEY, description=f"statlint findings{note}")
    return out["paths"]
