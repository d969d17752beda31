"""Two runs on one warehouse: the second waits a bounded time, then exits 2 with a clear message; runs that
fit in the wait are serialized, never interleaved."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from statlint.warehouse import run_lock
from tests.flows.helpers_flows import cli, harness_env, run_args
from tests.ops.helpers_ops import write_corpus

pytestmark = pytest.mark.slow


def test_second_run_gives_up_after_lock_wait_with_exit_2(prefect_harness, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_corpus(raw, 1)
    with run_lock(tmp_path / "w.duckdb", 0):
        start = time.monotonic()
        second = cli(run_args(raw, tmp_path, "--lock-wait", "2"), tmp_path)
        waited = time.monotonic() - start
    assert second.returncode == 2, second.stderr[-2000:]
    assert "another statlint run is using this warehouse" in second.stderr and "waited 2s" in second.stderr
    assert waited >= 2
    assert (
        not (tmp_path / "w.duckdb").exists()
        or duckdb.connect(str(tmp_path / "w.duckdb")).execute("SELECT count(*) FROM runs").fetchone()[0] == 0
    )


def test_two_runs_at_once_are_serialized(prefect_harness, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_corpus(raw, 4)
    cmd = [
        sys.executable,
        "-c",
        "from statlint.cli import app; app()",
        *run_args(raw, tmp_path, "--lock-wait", "240"),
    ]
    procs = [
        subprocess.Popen(
            cmd, cwd=tmp_path, env=harness_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for _ in range(2)
    ]
    outs = [p.communicate(timeout=400) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [o[1][-1500:] for o in outs]
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        runs = con.execute(
            "SELECT status, n_loaded, n_skipped, started_at, ended_at FROM runs ORDER BY started_at"
        ).fetchall()
        assert [(r[0], r[1], r[2]) for r in runs] == [("ok", 4, 0), ("ok", 0, 4)]
        assert runs[0][4] <= runs[1][3]  # the second started after the first ended
        assert con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (4, 4)
    finally:
        con.close()
