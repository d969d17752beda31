"""Prefect flow: write the editor's reports from the warehouse."""

from __future__ import annotations

from prefect import flow, task

from statlint.report import write_reports
from statlint.warehouse import connect


@task(name="write-reports")
def report_task(warehouse: str, reports_dir: str) -> list[str]:
    con = connect(warehouse, read_only=True)
    try:
        return [str(p) for p in write_reports(con, reports_dir)]
    finally:
        con.close()


@flow(name="statlint-report", log_prints=False)
def report_flow(warehouse: str, reports_dir: str) -> list[str]:
    return report_task(warehouse, reports_dir)
