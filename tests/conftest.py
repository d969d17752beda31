"""Shared fixtures: paths to the shipped seed and the shared gold/corpus when they are present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from statlint.check import check_warehouse
from statlint.ingest import process_path
from statlint.load import load_bundle
from statlint.warehouse import connect

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "raw" / "digital_government_society_report.txt"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory: pytest.TempPathFactory):
    """One Prefect test backend for the whole session (each start costs seconds), own PREFECT_HOME."""
    home = tmp_path_factory.mktemp("prefect_home")
    os.environ["PREFECT_HOME"] = str(home)
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=180):
        yield home


def build_warehouse(db: Path, paths: list[Path], run_id: str = "test-run") -> Path:
    """A warehouse built with the library calls the pipeline uses (no Prefect): load, then check."""
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
    """Built once per session from the shipped seed; tests open it read-only."""
    return build_warehouse(tmp_path_factory.mktemp("seedwh") / "w.duckdb", [seed_path])


@pytest.fixture(scope="session")
def warehouse_builder():
    return build_warehouse


@pytest.fixture(scope="session")
def seed_reports(seed_warehouse: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed's reports, written once per session from the seed warehouse."""
    from statlint.report import write_reports

    out = tmp_path_factory.mktemp("seed_reports")
    con = connect(seed_warehouse, read_only=True)
    try:
        write_reports(con, out)
    finally:
        con.close()
    return out
