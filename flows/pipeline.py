"""Prefect flow: ingest, check and report, in order, under the warehouse's run lock, recorded in `runs`.

The same flow serves `statlint run` (called directly), `statlint serve` (a scheduled deployment) and Prefect
workers on other machines (a deployment on a work pool): every input is a parameter or the config file.
"""

from __future__ import annotations

from prefect import flow, get_run_logger

from flows.check import check_flow
from flows.ingest import ingest_flow, task_runner_for
from flows.report import report_flow
from statlint.batch import close_interrupted_runs, finish_run, new_run_id, start_run
from statlint.config import load_config, parse_size
from statlint.warehouse import connect, run_lock

RUN_COUNTS = ("n_documents", "n_loaded", "n_skipped", "n_failed", "n_statistics", "n_rejected", "n_findings")


@flow(name="statlint-pipeline", log_prints=False)
def pipeline_flow(
    paths: list[str],
    warehouse: str,
    reports_dir: str,
    force: bool = False,
    workers: int | None = None,
    max_file_size: int | str | None = None,
    config_path: str | None = None,
    lock_wait: float | None = None,
) -> dict:
    """One run: settings from the config file (`config_path`, else the nearest one), overridden by arguments.

    A second run on the same warehouse waits `lock_wait` seconds for the first, then fails with WarehouseError."""
    cfg = load_config(config_path)
    workers = workers or cfg.workers
    max_bytes = parse_size(max_file_size) if max_file_size is not None else cfg.max_bytes
    lock_wait = cfg.lock_wait if lock_wait is None else lock_wait
    log = get_run_logger()
    with run_lock(warehouse, lock_wait):
        run_id = new_run_id()
        con = connect(warehouse, wait_seconds=lock_wait)
        try:
            if n := close_interrupted_runs(con):
                log.warning("%d earlier run(s) had been interrupted; marked failed", n)
            start_run(con, run_id)
        finally:
            con.close()
        try:
            ingest = (
                ingest_flow.with_options(task_runner=task_runner_for(workers)) if workers > 1 else ingest_flow
            )
            summary = ingest(paths, warehouse, run_id, force, max_bytes, cfg.windows, workers, lock_wait)
            summary["n_findings"] = check_flow(warehouse, run_id, config_path)
            summary["reports"] = report_flow(warehouse, reports_dir)
        except BaseException as exc:
            con = connect(warehouse, wait_seconds=lock_wait)
            try:
                finish_run(
                    con, run_id, "failed", failures=[{"path": None, "reason": f"{type(exc).__name__}: {exc}"}]
                )
            finally:
                con.close()
            raise
        con = connect(warehouse, wait_seconds=lock_wait)
        try:
            finish_run(con, run_id, "ok", failures=summary["failures"], **{k: summary[k] for k in RUN_COUNTS})
        finally:
            con.close()
    summary["run_id"] = run_id
    return summary
