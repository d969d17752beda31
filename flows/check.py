"""Prefect flow: run the rule catalogue over the warehouse and store the findings."""

from __future__ import annotations

from prefect import flow, task

from statlint.check import check_warehouse
from statlint.warehouse import connect


@task(name="run-rules")
def check_task(warehouse: str, run_id: str) -> int:
    from statlint.config import load_config

    cfg = load_config()
    con = connect(warehouse)
    try:
        return check_warehouse(con, run_id, cfg.rule_config(), cfg.waivers())
    finally:
        con.close()


@flow(name="statlint-check", log_prints=False)
def check_flow(warehouse: str, run_id: str) -> int:
    return check_task(warehouse, run_id)
