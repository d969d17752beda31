"""The local Dask cluster of a parallel run, started while Prefect's server boots.

`statlint run --workers N` waits ~3 s for the Prefect server it started (one core mostly idle), and its ingest
flow then started the Dask cluster (N processes importing Dask, Prefect and the extractor, ~2-3 s) before the
first document could be parsed. `start` begins that cluster in a thread at the wait instead, when the run
will parse in parallel (`documents_to_load`, an estimate from the warehouse opened read-only, reaches the
threshold); the ingest flow's `task_runner_for` connects to it (`take`) and the pipeline closes it after
ingest, as the flow closed its own cluster, so the workers' memory is free again before the check stage.
Anything unexpected (no estimate, a cluster that fails to start) leaves the run as it was: the ingest flow
starts its own cluster.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

# Imported by each worker as it starts (a Dask preload), not by its first task: the modules a chunk needs.
WORKER_PRELOAD = ["flows.ingest"]


def cluster_kwargs(workers: int, api_url: str | None) -> dict[str, Any]:
    """A LocalCluster of `workers` single-threaded processes that report their task runs to `api_url`.

    Without PREFECT_API_URL each worker would start an ephemeral Prefect server of its own."""
    env = {k: v for k, v in os.environ.items() if k.startswith("PREFECT_") or k == "DO_NOT_TRACK"}
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return {
        "n_workers": workers,
        "threads_per_worker": 1,
        "processes": True,
        "dashboard_address": None,
        "env": env,
        "preload": WORKER_PRELOAD,
    }


class WarmCluster:
    """A LocalCluster being started in a background thread."""

    def __init__(self, workers: int, kwargs: dict[str, Any]) -> None:
        self.workers = workers
        self.error: BaseException | None = None
        self._cluster: Any = None
        self._thread = threading.Thread(target=self._start, args=(kwargs,), name="statlint-warm-cluster")
        self._thread.daemon = True
        self._thread.start()

    def _start(self, kwargs: dict[str, Any]) -> None:
        try:
            from distributed import LocalCluster

            self._cluster = LocalCluster(**kwargs)
        except Exception as exc:  # the ingest flow then starts a cluster of its own
            self.error = exc

    def address(self, timeout: float | None = None) -> str | None:
        """The scheduler's address once the cluster is up (None if it failed, or is not up in `timeout`)."""
        self._thread.join(timeout)
        if self._thread.is_alive() or self._cluster is None:
            return None
        return str(self._cluster.scheduler_address)

    def close(self) -> None:
        self._thread.join()
        if self._cluster is not None:
            cluster, self._cluster = self._cluster, None
            cluster.close()


_current: WarmCluster | None = None
_lock = threading.Lock()


def start(workers: int, api_url: str) -> WarmCluster:
    """Start the cluster for this process's next parallel ingest (replacing one not taken)."""
    global _current
    close()
    with _lock:
        _current = WarmCluster(workers, cluster_kwargs(workers, api_url))
        return _current


def take(workers: int, timeout: float = 120.0) -> str | None:
    """The warm cluster's address if one of `workers` workers was started and came up."""
    with _lock:
        warm = _current
    if warm is None or warm.workers != workers:
        return None
    return warm.address(timeout)


def close() -> None:
    """Stop the warm cluster, if any (waiting for it to finish starting)."""
    global _current
    with _lock:
        warm, _current = _current, None
    if warm is not None:
        warm.close()


def documents_to_load(
    warehouse: str | Path,
    paths: list[str],
    force: bool,
    windows: dict[str, tuple[int, int]],
    max_bytes: int,
    exclude: Iterable[str],
) -> int | None:
    """How many files the run will (re)load, from the warehouse opened read-only (every file when it does not
    exist yet); None when it cannot be read now (another run holds it, an older schema)."""
    import duckdb

    from statlint.batch import discover, plan_run

    if not Path(warehouse).exists():
        return len(discover(paths, [str(warehouse), *exclude]))
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:
        return None
    try:
        return len(plan_run(con, paths, force, windows, max_bytes, exclude).todo)
    except duckdb.Error:
        return None
    finally:
        con.close()
