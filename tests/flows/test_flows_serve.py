"""`statlint serve`: a local Prefect server, the deployment on a short interval, a scheduled run that
completes, and a clean stop on Ctrl-C (SIGINT) that takes the server down with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.ops.helpers_ops import write_corpus

pytestmark = pytest.mark.slow


def _descendants(pid: int) -> set[int]:
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            kids.setdefault(ppid, []).append(int(entry))
    out, stack = set(), [pid]
    while stack:
        for k in kids.get(stack.pop(), []):
            out.add(k)
            stack.append(k)
    return out


def _ok_runs(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return 0  # a run is writing right now
    try:
        return con.execute("SELECT count(*) FROM runs WHERE status = 'ok'").fetchone()[0]
    except duckdb.Error:
        return 0
    finally:
        con.close()


def test_served_schedule_fires_and_stops_cleanly(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_corpus(raw, 1)
    db = tmp_path / "w.duckdb"
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_API_URL", "STATLINT_CONFIG")}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect_home"),
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        DO_NOT_TRACK="1",
    )
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from statlint.cli import app; app()",
            "serve",
            str(raw),
            "--interval",
            "5",
            "--warehouse",
            str(db),
            "--reports",
            str(tmp_path / "reports"),
        ],
        cwd=tmp_path,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 400
        while time.monotonic() < deadline and _ok_runs(db) == 0 and proc.poll() is None:
            time.sleep(2)
        assert proc.poll() is None, (tmp_path / "serve.log").read_text()[-3000:]
        assert _ok_runs(db) >= 1, (tmp_path / "serve.log").read_text()[-3000:]
        assert (tmp_path / "reports" / "index.html").is_file()
        children = _descendants(proc.pid)
        assert children  # the Prefect server (and perhaps a flow-run process)
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=90)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()
    time.sleep(1)
    alive = [
        p
        for p in children
        if Path(f"/proc/{p}").exists() and "zombie" not in Path(f"/proc/{p}/status").read_text().lower()
    ]
    assert not alive, f"left running after Ctrl-C: {alive}"
    assert "stopped" in (tmp_path / "serve.log").read_text()
