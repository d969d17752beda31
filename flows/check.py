"""Prefect flow: run the rule catalogue over the whole warehouse and store the findings.

Findings are recomputed from all live documents (removed documents have no rows left to match), so a change in
one document also updates cross-document findings. When nothing they depend on changed (documents, rule
settings, waivers, rule code: see `check_inputs`) the stored findings are kept, so a run with nothing new
costs seconds however large the warehouse.
"""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from statlint.batch import check_inputs
from statlint.check import check_warehouse, check_warehouse_parallel, document_ids
from statlint.warehouse import connect, get_state, set_state

STATE_KEY = "check"
# With workers > 1, the rules run on that many processes when the warehouse holds at least this many documents
# (each process costs a second or two to start).
MIN_PARALLEL_CHECK = 200


@task(name="run-rules", cache_policy=NO_CACHE)
def check_task(
    warehouse: str, run_id: str, config_path: str | None = None, force: bool = False, workers: int = 1
) -> dict:
    from statlint.config import load_config

    log = get_run_logger()
    cfg = load_config(config_path)
    rules, waivers = cfg.rule_config(), cfg.waivers()
    con = connect(warehouse, wait_seconds=cfg.lock_wait)
    # One DuckDB thread: the rules' queries are small, and extra threads cost more CPU than they save (and
    # make ties in arg_max/arg_min aggregates, such as the two documents SL901 quotes, depend on scheduling).
    con.execute("SET threads = 1")
    try:
        fingerprint = check_inputs(con, rules.overrides, waivers)
        if not force and get_state(con, STATE_KEY) == fingerprint:
            n = con.execute("SELECT count(*) FROM findings").fetchone()[0]
            log.info("check: inputs unchanged, %d findings kept", n)
            return {"n_findings": n, "recomputed": False, "fingerprint": fingerprint}
        parallel = workers > 1 and len(document_ids(con)) >= MIN_PARALLEL_CHECK
        if not parallel:
            n = check_warehouse(con, run_id, rules, waivers)
            set_state(con, STATE_KEY, fingerprint)
    finally:
        con.close()
    if parallel:
        # The rule processes read the warehouse; DuckDB lets them only while no process has it open for
        # writing, so this one reconnects to store what they found (the run lock keeps other runs out).
        log.info("check: rules on %d processes", workers)
        n = check_warehouse_parallel(warehouse, run_id, rules, waivers, workers, lock_wait=cfg.lock_wait)
        con = connect(warehouse, wait_seconds=cfg.lock_wait)
        try:
            set_state(con, STATE_KEY, fingerprint)
        finally:
            con.close()
    log.info("check: %d findings", n)
    return {"n_findings": n, "recomputed": True, "fingerprint": fingerprint}


@flow(name="statlint-check", log_prints=False)
def check_flow(warehouse: str, run_id: str, config_path: str | None = None, force: bool = False) -> int:
    return check_task(warehouse, run_id, config_path, force)["n_findings"]


@flow(name="statlint-check", log_prints=False)
def check_subflow(
    warehouse: str, run_id: str, config_path: str | None = None, force: bool = False, workers: int = 1
) -> dict:
    """As `check_flow`, also saying whether findings were recomputed (the pipeline skips reports if not);
    with `workers` > 1 the rules run on that many processes over a large warehouse."""
    return check_task(warehouse, run_id, config_path, force, workers)
