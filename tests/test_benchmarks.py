"""The benchmark's memory sampler: it must follow a process tree's memory without perturbing the run."""

from __future__ import annotations

import subprocess
import sys
import time

from benchmarks.bench_pipeline import TreeMemory, _pss

CHILD = """
import sys, time
sys.stdout.write("ready\\n"); sys.stdout.flush()
sys.stdin.readline()
block = bytearray(200 * 2**20)  # touched: resident
sys.stdout.write("grown\\n"); sys.stdout.flush()
sys.stdin.readline()
"""


def test_tree_memory_follows_private_memory_between_full_readings() -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", f"import subprocess, sys; subprocess.run([sys.executable, '-c', {CHILD!r}])"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert parent.stdout is not None and parent.stdin is not None
        assert parent.stdout.readline() == "ready\n"
        tree = TreeMemory(parent.pid, full_every=600)
        before = tree.sample()
        assert before > 0 and len(tree._full) == 2  # the parent and its child, each read in full once
        full_at = {p: f[0] for p, f in tree._full.items()}
        parent.stdin.write("\n")
        parent.stdin.flush()
        assert parent.stdout.readline() == "grown\n"
        after = tree.sample()
        # no new full reading, yet the 200 MB are counted
        assert {p: f[0] for p, f in tree._full.items()} == full_at
        assert 190 * 2**20 < after - before < 215 * 2**20
        # and the estimate agrees with a full reading of every process
        time.sleep(0.05)
        full = sum(_pss(p) for p in full_at)
        assert abs(after - full) < 10 * 2**20
    finally:
        if parent.stdin is not None:
            parent.stdin.write("\n")
            parent.stdin.close()
        parent.wait(timeout=30)
