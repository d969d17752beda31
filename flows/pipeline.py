"""Prefect flow: ingest, check and report, in order, recorded in the `runs` table."""

from __future__ import annotations

from prefect import flow

from flows.check import check_flow
from flows.ingest import ingest_flow
from flows.report import report_flow
from statlint.batch import finish_run, new_run_id, start_run
from statlint.warehouse import connect


@flow(name="statlint-pipeline", log_prints=False)
def pipeline_flow(paths: list[str], warehouse: str, reports_dir: str, force: bool = False) -> dict:
    run_id = new_run_id()
    con = connect(warehouse)
    start_run(con, run_id)
    con.close()
    try:
        summary = ingest_flow(paths, warehouse, run_id, force)
        summary["n_findings"] = check_flow(warehouse, run_id)
        summary["reports"] = report_flow(warehouse, reports_dir)
    except BaseException:
        con = connect(warehouse)
        finish_run(con, run_id, "failed")
        con.close()
        raise
    con = connect(warehouse)
    finish_run(con, run_id, "ok", **{k: summary[k] for k in (
        "n_documents", "n_loaded", "n_skipped", "n_failed", "n_statistics", "n_rejected", "n_findings",
        "failures")})
    con.close()
    summary["run_id"] = run_id
    return summary
