"""Worker processes for the rule and report stages, which one run can share.

Each stage used to start its own pool, so every process paid its start-up twice a run (a fresh interpreter
importing statlint, Polars and DuckDB: ~1.5 s of CPU, on the same cores the work needs). Inside
`shared_processes(n)` both stages use one pool of n spawned processes instead; its processes start at the
first task, so a run whose stages stay in one process starts none.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

_shared: ProcessPoolExecutor | None = None
_shared_size = 0


def trim_memory() -> None:
    """Give the heap a task freed back to the system before the process idles: a pool process otherwise keeps
    its largest task's peak (~100 MB above its imports at 1,000 documents) through both stages, while the
    flow's process stores the findings beside it. glibc only (elsewhere a no-op)."""
    import ctypes
    import gc

    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _new_pool(n: int) -> ProcessPoolExecutor:
    # spawn: the caller runs threads (Prefect, DuckDB) that a fork would copy mid-state
    return ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("spawn"))


@contextlib.contextmanager
def shared_processes(workers: int) -> Iterator[None]:
    """`process_pool` calls inside the block share one pool of `workers` processes, shut down on exit."""
    global _shared, _shared_size
    if workers <= 1 or _shared is not None:
        yield
        return
    pool = _new_pool(workers)
    _shared, _shared_size = pool, workers
    try:
        yield
    finally:
        _shared, _shared_size = None, 0
        pool.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def process_pool(n: int) -> Iterator[ProcessPoolExecutor]:
    """A pool of at least `n` processes: the shared one if there is one, else a pool of its own for the block.

    A shared pool that breaks (a process died or could not start) is dropped, so the next stage starts a
    fresh pool instead of failing on the broken one; the BrokenProcessPool still reaches the caller, which
    falls back to working in its own process."""
    global _shared, _shared_size
    if _shared is not None and _shared_size >= n:
        pool = _shared
        try:
            yield pool
        except BrokenProcessPool:
            if _shared is pool:
                _shared, _shared_size = None, 0
                pool.shutdown(wait=False, cancel_futures=True)
            raise
        return
    with _new_pool(n) as pool:
        yield pool
