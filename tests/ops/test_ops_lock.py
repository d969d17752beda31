"""The run lock: a second holder waits a bounded time then fails clearly; a killed holder leaves no stale
lock."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from statlint.warehouse import WarehouseError, run_lock, run_lock_holder


def test_second_holder_times_out_with_a_clear_message(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with run_lock(db, 0):
        assert "pid" in (run_lock_holder(db) or "")
        start = time.monotonic()
        with pytest.raises(WarehouseError, match="another statlint run") as info, run_lock(db, 0.5):
            pass
        assert time.monotonic() - start >= 0.5
        assert "waited 0s" in str(info.value) or "waited 1s" in str(info.value)
    assert run_lock_holder(db) is None
    with run_lock(db, 0):  # released
        pass


def test_lock_of_a_killed_process_is_released(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import sys, time; from statlint.warehouse import run_lock\n"
                f"with run_lock({str(db)!r}, 0):\n    print('held', flush=True); time.sleep(60)"
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        assert run_lock_holder(db) is not None
        holder.kill()
        holder.wait()
        with run_lock(db, 5):
            pass
    finally:
        if holder.poll() is None:
            holder.kill()
