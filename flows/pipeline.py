"""Prefect flow: ingest, check and report, in order, under the warehouse's run lock, recorded in `runs`.

The same flow serves `statlint run` (called directly), `statlint serve` (a scheduled deployment) and Prefect
workers on other machines (a deployment on a work pool): every input is a parameter or the config file.
"""

from __future__ import annotations

import time
from pathlib import Path

from prefect import flow, get_run_logger

from flows.check import check_subflow
from flows.ingest import ingest_flow, task_runner_for
from flows.report import report_flow
from statlint import warm_cluster
from statlint.batch import close_interrupted_runs, finish_run, new_run_id, plan_run, report_inputs, start_run
from statlint.config import load_config, parse_size
from statlint.processes import shared_processes
from statlint.warehouse import connect, get_state, run_lock, set_state

# Fewer documents to (re)load than this are parsed in the flow's own process even when `workers` > 1: a Dask
# cluster costs seconds to start and each worker seconds to warm up, more than parallel parsing saves on a
# small batch (and a run with nothing new then starts no cluster at all).
MIN_PARALLEL_DOCUMENTS = 200

RUN_COUNTS = (
    "n_documents",
    "n_loaded",
    "n_skipped",
    "n_failed",
    "n_removed",
    "n_statistics",
    "n_rejected",
    "n_findings",
)


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
    min_parallel: int = MIN_PARALLEL_DOCUMENTS,
) -> dict:
    """One run: settings from the config file (`config_path`, else the nearest one), overridden by arguments.

    A second run on the same warehouse waits `lock_wait` seconds for the first, then fails with
    WarehouseError. With `workers` > 1, documents are parsed on a local Dask cluster only when at least
    `min_parallel` of them are to be (re)loaded (a configured `dask_address` is always used)."""
    cfg = load_config(config_path)
    workers = workers or cfg.workers
    processes = workers  # for the check and report stages, which decide by the warehouse's size
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
            if workers > 1 and not cfg.dask_address:
                n_todo = _n_to_load(warehouse, paths, force, cfg.windows, max_bytes, lock_wait, [reports_dir])
                if n_todo < min_parallel:
                    log.info("%d documents to load: parsing in this process", n_todo)
                    workers = 1
                    warm_cluster.close()
            t0 = time.monotonic()
            ingest = (
                ingest_flow.with_options(task_runner=task_runner_for(workers, cfg.dask_address))
                if workers > 1 or cfg.dask_address
                else ingest_flow
            )
            parallel = max(workers, 2) if cfg.dask_address else workers
            try:
                summary = ingest(
                    paths,
                    warehouse,
                    run_id,
                    force,
                    max_bytes,
                    cfg.windows,
                    parallel,
                    lock_wait,
                    [reports_dir],
                )
            finally:
                warm_cluster.close()  # its workers' memory is free before the check stage
            t1 = time.monotonic()
            with shared_processes(processes):  # one pool for the rules and the reports, started on demand
                checked = check_subflow(warehouse, run_id, config_path, force, processes)
                summary["n_findings"] = checked["n_findings"]
                t2 = time.monotonic()
                summary["reports"] = _reports(
                    warehouse, reports_dir, checked["fingerprint"], force, lock_wait, processes
                )
            summary["timings"] = {
                "ingest": round(t1 - t0, 2),
                "check": round(t2 - t1, 2),
                "report": round(time.monotonic() - t2, 2),
            }
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


def _n_to_load(
    warehouse: str,
    paths: list[str],
    force: bool,
    windows: dict[str, list[int]] | None,
    max_bytes: int,
    lock_wait: float,
    exclude: list[str],
) -> int:
    """How many files the ingest flow will (re)load: its plan, made ahead (hashing the files) to decide
    whether a Dask cluster is worth starting."""
    con = connect(warehouse, wait_seconds=lock_wait)
    try:
        wins = {k: (v[0], v[1]) for k, v in (windows or {}).items()}
        return len(plan_run(con, paths, force, wins, max_bytes, exclude).todo)
    finally:
        con.close()


def _reports(
    warehouse: str, reports_dir: str, check_fingerprint: str, force: bool, lock_wait: float, workers: int = 1
) -> list[str]:
    """Write the reports unless the same findings were already written to the same folder by the same code."""
    key = "reports:" + str(Path(reports_dir).resolve())
    fingerprint = report_inputs(check_fingerprint)
    con = connect(warehouse, wait_seconds=lock_wait)
    try:
        if not force and get_state(con, key) == fingerprint and (Path(reports_dir) / "index.html").is_file():
            get_run_logger().info("report: findings unchanged, reports in %s kept", reports_dir)
            return []
        set_state(con, key, None)  # a crash while writing must not leave a stale "up to date" mark
    finally:
        con.close()
    written = report_flow(warehouse, reports_dir, workers)
    con = connect(warehouse, wait_seconds=lock_wait)
    try:
        set_state(con, key, fingerprint)
    finally:
        con.close()
    return written
