"""A warehouse built from the shipped seed with the library calls the pipeline uses (no Prefect)."""

from __future__ import annotations

from pathlib import Path

import pytest

from statlint.check import check_warehouse
from statlint.ingest import process_path
from statlint.load import load_bundle
from statlint.warehouse import connect


def build_warehouse(db: Path, paths: list[Path], run_id: str = "test-run") -> Path:
    con = connect(db)
    try:
        for p in paths:
            load_bundle(con, process_path(p, run_id), run_id)
        check_warehouse(con, run_id)
    finally:
        con.close()
    return db


@pytest.fixture(scope="session")
def seed_warehouse(tmp_path_factory: pytest.TempPathFactory, seed_path: Path) -> Path:
    """Built once per session; tests open it read-only."""
    return build_warehouse(tmp_path_factory.mktemp("seedwh") / "w.duckdb", [seed_path])


@pytest.fixture(scope="session")
def warehouse_builder():
    return build_warehouse
