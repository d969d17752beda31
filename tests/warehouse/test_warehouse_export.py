"""Getting data out: `statlint sql` (read-only, three formats), Parquet export and snapshot copies."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from schemas import TABLES
from statlint.cli import app
from statlint.export import export_parquet, snapshot
from statlint.views import VIEWS
from statlint.warehouse import connect

runner = CliRunner()


def test_parquet_export_writes_every_table_and_view(seed_warehouse: Path, tmp_path: Path) -> None:
    out = tmp_path / 'it\'s an "export" dir'
    con = connect(seed_warehouse, read_only=True)
    try:
        files = export_parquet(con, out)
        counts = {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchall()[0][0] for n in TABLES}
    finally:
        con.close()
    names = {f.stem for f in files}
    assert names == {*TABLES, "schema_version", *(v.name for v in VIEWS)}
    mem = duckdb.connect()
    for name, n in counts.items():
        assert mem.execute(
            "SELECT count(*) FROM read_parquet(?)", [str(out / f"{name}.parquet")]
        ).fetchall() == [(n,)]


def test_snapshot_is_a_complete_queryable_copy(seed_warehouse: Path, tmp_path: Path) -> None:
    con = connect(seed_warehouse, read_only=True)
    try:
        dest = snapshot(con, tmp_path / "snap" / "copy.duckdb")
        n = con.execute("SELECT count(*) FROM v_findings").fetchall()
    finally:
        con.close()
    copy = connect(dest, read_only=True)
    try:
        assert copy.execute("SELECT count(*) FROM v_findings").fetchall() == n
    finally:
        copy.close()


def test_sql_command_formats(seed_warehouse: Path) -> None:
    q = "SELECT number_text, value FROM statistics WHERE number_text = '50.2萬億元'"
    res = runner.invoke(app, ["sql", q, "--format", "json", "--warehouse", str(seed_warehouse)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == [{"number_text": "50.2萬億元", "value": 5.02e13}]
    res = runner.invoke(app, ["sql", q, "-f", "csv", "--warehouse", str(seed_warehouse)])
    assert list(csv.reader(io.StringIO(res.stdout))) == [
        ["number_text", "value"],
        ["50.2萬億元", "50200000000000.0"],
    ]
    res = runner.invoke(
        app, ["sql", "SELECT count(*) AS n FROM v_year_coverage", "--warehouse", str(seed_warehouse)]
    )
    assert res.exit_code == 0 and "n" in res.stdout


def test_sql_command_cannot_write_and_reports_errors(seed_warehouse: Path) -> None:
    before = runner.invoke(
        app, ["sql", "SELECT count(*) FROM findings", "-f", "csv", "--warehouse", str(seed_warehouse)]
    ).stdout
    res = runner.invoke(app, ["sql", "DELETE FROM findings", "--warehouse", str(seed_warehouse)])
    assert res.exit_code == 2 and "read-only" in res.output
    res = runner.invoke(app, ["sql", "SELECT nope FROM nowhere", "--warehouse", str(seed_warehouse)])
    assert res.exit_code == 2 and "query failed" in res.output
    after = runner.invoke(
        app, ["sql", "SELECT count(*) FROM findings", "-f", "csv", "--warehouse", str(seed_warehouse)]
    ).stdout
    assert before == after


def test_export_command(seed_warehouse: Path, tmp_path: Path) -> None:
    res = runner.invoke(
        app,
        [
            "export",
            "--warehouse",
            str(seed_warehouse),
            "--parquet",
            str(tmp_path / "pq"),
            "--snapshot",
            str(tmp_path / "s.duckdb"),
        ],
    )
    assert res.exit_code == 0, res.output
    assert (tmp_path / "pq" / "v_statistics.parquet").exists() and (tmp_path / "s.duckdb").exists()
    assert runner.invoke(app, ["export", "--warehouse", str(seed_warehouse)]).exit_code == 2


HOLD_RUN_LOCK = """
import sys, time
from statlint.warehouse import run_lock
with run_lock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(30)
"""


def test_sql_refuses_the_live_file_during_a_run(seed_warehouse: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_RUN_LOCK, str(seed_warehouse)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        res = runner.invoke(app, ["sql", "SELECT 1", "--warehouse", str(seed_warehouse)])
        assert res.exit_code == 2
        assert "a statlint run is writing it" in res.output and "snapshot" in res.output
    finally:
        proc.kill()
        proc.wait()
    assert runner.invoke(app, ["sql", "SELECT 1", "--warehouse", str(seed_warehouse)]).exit_code == 0
