"""Opening a warehouse: an older one is migrated, a newer one refused with a message saying what to do."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

import schemas
import statlint.migrations as migrations
import statlint.warehouse as warehouse
from statlint.warehouse import WarehouseError, connect


def _versions(path: Path) -> list[int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
    finally:
        con.close()


def test_new_warehouse_records_its_version_and_views(tmp_path: Path) -> None:
    con = connect(tmp_path / "w.duckdb")
    views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    con.close()
    assert _versions(tmp_path / "w.duckdb") == [schemas.SCHEMA_VERSION]
    assert {"v_statistics", "v_findings", "v_year_coverage", "v_rejected_checks"} <= views


def test_pre_versioning_warehouse_missing_a_column_is_migrated(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    con = connect(db)
    con.execute("INSERT INTO runs (run_id, started_at, status) VALUES ('old-run', now(), 'ok')")
    con.execute("ALTER TABLE statistics DROP COLUMN needs_review")
    con.execute("DELETE FROM schema_version")
    con.close()
    con = connect(db)  # reopening for writing migrates
    cols = {
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'statistics'"
        ).fetchall()
    }
    kept = con.execute("SELECT run_id FROM runs").fetchall()
    con.close()
    assert "needs_review" in cols
    assert kept == [("old-run",)]
    assert _versions(db) == [schemas.SCHEMA_VERSION]


def test_numbered_migration_runs_once_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "w.duckdb"
    connect(db).close()
    nxt = schemas.SCHEMA_VERSION + 1
    steps = [
        *migrations.MIGRATIONS,
        (nxt, ["CREATE TABLE notes (note VARCHAR)", "INSERT INTO notes VALUES ('x')"]),
    ]
    monkeypatch.setattr(migrations, "MIGRATIONS", steps)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", nxt)
    monkeypatch.setattr(warehouse, "SCHEMA_VERSION", nxt)
    connect(db).close()
    connect(db).close()  # already at nxt: nothing re-applied
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM notes").fetchall() == [(1,)]
    con.close()
    assert _versions(db) == [schemas.SCHEMA_VERSION, nxt]


def test_newer_warehouse_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    con = connect(db)
    con.execute("INSERT INTO schema_version VALUES (?, now())", [schemas.SCHEMA_VERSION + 5])
    con.close()
    for read_only in (False, True):
        with pytest.raises(WarehouseError, match=r"newer than this statlint.*upgrade statlint"):
            connect(db, read_only=read_only)


def test_incompatible_column_type_stops_with_advice(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    con = connect(db)
    con.execute("ALTER TABLE runs ALTER COLUMN n_documents TYPE VARCHAR")
    con.close()
    with pytest.raises(migrations.MigrationError, match=r"runs\.n_documents.*statlint export --parquet"):
        connect(db)


HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "ro")
print("ready", flush=True)
time.sleep(30)
"""


def _hold(db: Path, mode: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(db), mode], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def test_readers_share_the_file_and_a_writer_excludes_them(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    connect(db).close()
    reader = _hold(db, "ro")
    try:
        con = connect(db, read_only=True, wait_seconds=1)  # a second reader is fine
        con.close()
    finally:
        reader.kill()
        reader.wait()
    writer = _hold(db, "rw")
    try:
        started = time.monotonic()
        with pytest.raises(WarehouseError, match="in use by another"):
            connect(db, read_only=True, wait_seconds=1)
        assert time.monotonic() - started < 20
    finally:
        writer.kill()
        writer.wait()
