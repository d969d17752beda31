"""Prefect flow: write the editor's reports from the warehouse and publish the run's summary as artifacts.

Artifacts are what someone watching runs in the Prefect UI sees without opening a file: a Markdown summary
(documents, statistics, findings by severity) and a sortable table of findings, under stable keys so each run
adds a version to the same two artifacts. Their content is also saved beside the reports (`index.md`,
`findings.json`), so a run that keeps unchanged reports can still publish them with `publish_artifacts`
without re-reading the warehouse.
"""

from __future__ import annotations

import json
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from statlint.report import write_reports, write_reports_parallel
from statlint.report.model import report_doc_ids
from statlint.report.summary import findings_table, summary_markdown
from statlint.warehouse import connect

SUMMARY_KEY = "statlint-run-summary"
FINDINGS_KEY = "statlint-findings"
SUMMARY_FILE = "index.md"
FINDINGS_FILE = "findings.json"


# With workers > 1, reports are written on that many processes when there are at least this many documents
# (each process costs a second or two to start).
MIN_PARALLEL_REPORTS = 200


@task(name="write-reports")
def report_task(warehouse: str, reports_dir: str, workers: int = 1) -> list[str]:
    reports: list = []  # each document's report once written, without its text: for the summary and table
    con = connect(warehouse, read_only=True)
    con.execute("SET threads = 1")  # small per-batch queries: threads cost more CPU than they save
    try:
        parallel = workers > 1 and len(report_doc_ids(con)) >= MIN_PARALLEL_REPORTS
        if not parallel:
            paths = write_reports(con, reports_dir, written_reports=reports)
    finally:
        con.close()
    if parallel:
        paths = write_reports_parallel(warehouse, reports_dir, workers, written_reports=reports)
    rows, total = findings_table(reports)
    out = Path(reports_dir)
    (out / SUMMARY_FILE).write_text(summary_markdown(reports, reports_dir), "utf-8")
    (out / FINDINGS_FILE).write_text(
        json.dumps({"total": total, "rows": rows}, ensure_ascii=False, indent=1), "utf-8"
    )
    return [str(p) for p in (*paths, out / SUMMARY_FILE, out / FINDINGS_FILE)]


def artifact_rows(rows: list[dict], budget: int | None = None) -> list[dict]:
    """The first rows whose JSON fits in `budget` bytes (default: two thirds of Prefect's event size limit).

    Prefect's server publishes an event carrying each artifact's data and refuses (with a warning in the run's
    log) any event over PREFECT_EVENTS_MAXIMUM_SIZE_BYTES, 1.5 MB by default: 2,000 findings with their
    Chinese messages come to ~3.5 MB. Sizes are counted as the event carries them: the table is ASCII-escaped
    JSON held in a JSON string, so a Chinese character takes seven bytes there (`\\u6570`), not three. The
    full table stays in `findings.json` beside the reports."""
    if budget is None:
        from prefect.settings import PREFECT_EVENTS_MAXIMUM_SIZE_BYTES

        budget = PREFECT_EVENTS_MAXIMUM_SIZE_BYTES.value() * 2 // 3
    out: list[dict] = []
    size = 2  # the list's brackets
    for row in rows:
        size += len(json.dumps(json.dumps(row)))  # its two quotes stand for the ", " between rows
        if size > budget:
            break
        out.append(row)
    return out


def publish_artifacts(reports_dir: str) -> bool:
    """Publish the saved summary and findings table as artifacts of the current flow run.

    Returns False (publishing nothing) when the reports folder has no saved summary yet.
    """
    out = Path(reports_dir)
    if not (out / SUMMARY_FILE).is_file() or not (out / FINDINGS_FILE).is_file():
        return False
    saved = json.loads((out / FINDINGS_FILE).read_text("utf-8"))
    create_markdown_artifact(
        (out / SUMMARY_FILE).read_text("utf-8"), key=SUMMARY_KEY, description="statlint: what this run found"
    )
    rows, total = artifact_rows(saved["rows"]), saved["total"]
    note = f" (first {len(rows)} of {total}, most severe first)" if len(rows) < total else ""
    create_table_artifact(
        rows or [{"severity": "", "message": "no findings"}],
        key=FINDINGS_KEY,
        description=f"statlint findings{note}",
    )
    return True


@flow(name="statlint-report", log_prints=False)
def report_flow(warehouse: str, reports_dir: str, workers: int = 1) -> list[str]:
    paths = report_task(warehouse, reports_dir, workers)
    publish_artifacts(reports_dir)
    return paths
