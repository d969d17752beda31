"""Prefect flow: run the rule catalogue over the whole warehouse and store the findings.

Findings are recomputed from all live documents every run (removed documents have no rows left to match), so a
change in one document also updates cross-document findings, and rule settings or waivers changed in the config
take effect on the next run even when no file changed.
"""

from __future__ import annotations

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from statlint.check import check_warehouse
from statlint.warehouse import connect


@task(name="run-rules", cache_policy=NO_CACHE)
def check_task(warehouse: str, run_id: str, config_path: str | None = None) -> int:
    from statlint.config import load_config

    cfg = load_config(config_path)
    con = connect(warehouse, wait_seconds=cfg.lock_wait)
    try:
        n = check_warehouse(con, run_id, cfg.rule_config(), cfg.waivers())
    finally:
        con.close()
    get_run_logger().info("check: %d findings", n)
    return n


@flow(name="statlint-check", log_prints=False)
def check_flow(warehouse: str, run_id: str, config_path: str | None = None) -> int:
    return check_task(warehouse, run_id, config_path)
