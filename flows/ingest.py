"""Prefect flow: read -> normalize -> extract -> validate in parallel workers, then load with a single writer.

Documents are prepared in chunks (Prefect tasks, retried on transient I/O errors) by the flow's task runner:
in this process with one worker, or on a Dask cluster of N processes (`task_runner_for(N)`), because parsing
is CPU-bound and threads do not help under the GIL. Only this flow's process writes to DuckDB (in the flow
itself, not in a task), one transaction per chunk, as chunks complete (a document is never half-loaded); at
most a few chunks are in flight, so memory stays flat however large the batch.
"""

from __future__ import annotations

import collections
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE

from statlint.batch import Job, Plan, chunk_size, chunks, plan_run
from statlint.ingest import failed_bundle
from statlint.load import (
    LoadResult,
    Prepared,
    checkpoint,
    io_failure,
    load_chunk,
    mark_removed,
    oversized,
    prepare_jobs,
    validate_bundles,
    writer_session,
)
from statlint.progress import Progress
from statlint.read import DEFAULT_MAX_BYTES
from statlint.warehouse import connect

RETRIES = 2
# Chunks in flight per worker: one being prepared, one done and waiting for the writer.
IN_FLIGHT_PER_WORKER = 2


def _transient(task: Any, task_run: Any, state: Any) -> bool:
    """Retry a chunk only for I/O errors (a flaky share, a file briefly locked), not for bugs."""
    return isinstance(state.result(raise_on_failure=False), OSError)


@task(
    name="prepare-documents",
    retries=RETRIES,
    retry_delay_seconds=[1, 5],
    retry_condition_fn=_transient,
    cache_policy=NO_CACHE,
)
def prepare_task(jobs: list[Job], run_id: str, max_bytes: int) -> list[Prepared]:
    """Read, analyse and validate a chunk; on the last try an I/O error is recorded as that file's failure."""
    from prefect.runtime import task_run

    log = get_run_logger()
    last_try = task_run.run_count > RETRIES
    prepared = prepare_jobs(
        jobs, run_id, max_bytes, on_io_error=(lambda j, e: io_failure(j, e, run_id)) if last_try else None
    )
    for p in prepared:
        if p.status == "failed":
            log.warning("%s: %s", p.path, p.reason)
    log.info("prepared %d documents (%d failed)", len(prepared), sum(p.status == "failed" for p in prepared))
    return prepared


def task_runner_for(workers: int, address: str | None = None) -> Any:
    """None (the default in-process runner) for one worker; else a Dask LocalCluster of `workers` processes
    (the one `statlint run` started early, `warm_cluster`, when it has that many); or, given a scheduler
    `address`, the Dask cluster there (workers on other machines)."""
    from prefect_dask import DaskTaskRunner

    from statlint import warm_cluster

    if address:
        return DaskTaskRunner(address=address)
    if workers <= 1:
        return None
    if warm := warm_cluster.take(workers):
        return DaskTaskRunner(address=warm)

    from statlint.prefect_env import current_api_url

    return DaskTaskRunner(cluster_kwargs=warm_cluster.cluster_kwargs(workers, current_api_url()))


def _chunk_failed(jobs: list[Job], run_id: str, exc: BaseException) -> list[Prepared]:
    """A chunk whose task failed for good (a worker died, a bug escaped): each of its files is recorded."""
    reason = f"worker failed while preparing: {type(exc).__name__}: {exc}"
    bundles = [failed_bundle(Path(j.path), reason, run_id, doc_id=j.doc_id) for j in jobs]
    return validate_bundles(bundles, run_id, [j.replaces for j in jobs])


def _prepared(
    plan: Plan, run_id: str, max_bytes: int, workers: int, parallel: bool
) -> Iterator[list[Prepared]]:
    """Prepared documents chunk by chunk, in plan order, keeping at most 2 x workers chunks in flight."""
    if plan.oversized:
        yield [oversized(j, max_bytes, run_id) for j in plan.oversized]
    todo = list(chunks(plan.todo, chunk_size(len(plan.todo), workers)))
    if not parallel:
        for jobs in todo:
            try:
                yield prepare_task(jobs, run_id, max_bytes)
            except Exception as exc:
                yield _chunk_failed(jobs, run_id, exc)
        return
    pending: collections.deque = collections.deque()
    queue = iter(todo)

    def submit_next() -> None:
        jobs = next(queue, None)
        if jobs is not None:
            pending.append((jobs, prepare_task.submit(jobs, run_id, max_bytes)))

    for _ in range(IN_FLIGHT_PER_WORKER * workers):
        submit_next()
    while pending:
        jobs, future = pending.popleft()
        try:
            result = future.result()
        except Exception as exc:
            result = _chunk_failed(jobs, run_id, exc)
        submit_next()  # keep the workers busy while this process loads
        yield result


@flow(name="statlint-ingest", log_prints=False)
def ingest_flow(
    paths: list[str],
    warehouse: str,
    run_id: str,
    force: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    windows: dict[str, list[int]] | None = None,
    workers: int = 1,
    lock_wait: float = 30.0,
    exclude: list[str] | None = None,
) -> dict:
    """Load every new or changed document under `paths`; unchanged ones are skipped by content hash, and
    documents whose file is gone are marked removed. Run with `task_runner_for(workers)` for parallelism.
    The warehouse's files and `exclude` (the reports folder) are not read even when under `paths`."""
    log = get_run_logger()
    con = connect(warehouse, wait_seconds=lock_wait)
    writer_session(con)
    try:
        wins = {k: (v[0], v[1]) for k, v in (windows or {}).items()}
        plan = plan_run(con, paths, force, wins, max_bytes, exclude or ())
        n_removed = mark_removed(con, plan.removed, run_id)
        if n_removed:
            log.info("marked %d documents removed: %s", n_removed, ", ".join(plan.removed))
        n_work = len(plan.todo) + len(plan.oversized)
        log.info(
            "ingest: %d files: %d to load, %d unchanged, %d removed",
            len(plan.files),
            n_work,
            len(plan.skipped),
            n_removed,
        )
        results: list[LoadResult] = []
        failures: list[dict] = []
        with Progress(n_work, "ingest", logger=log) as bar:
            for prepared in _prepared(plan, run_id, max_bytes, workers, parallel=workers > 1):
                # The single writer is a plain call in the flow, not a task: a task run per chunk cost this
                # process (the one that also receives every chunk) Prefect's bookkeeping for no retry worth
                # having, and a Prefect task given the DuckDB connection kept it alive past the end of the
                # process under the Dask runner (DuckDB then printed a page of "nanobind: leaked" at exit).
                loaded = load_chunk(con, prepared)
                checkpoint(con)
                results += loaded
                failures += [{"path": r.path, "reason": r.reason} for r in loaded if r.status == "failed"]
                bar.advance(len(prepared))
                for p in prepared:  # Prefect's run context keeps every task's returned object: empty them,
                    p.release()  # or a 1,000-document batch would stay in memory until the flow ends
        n_unreadable = _failed_among(con, [j.doc_id for j in plan.todo + plan.oversized] + plan.skipped_ids)
        checkpoint(con, force=True)  # not at close, under the writer's memory cap
    finally:
        con.close()
    for f in failures:
        log.warning("failed: %s: %s", f["path"], f["reason"])
    log.info(
        "ingest: %d loaded, %d failed, %d unchanged, %d removed",
        n_work - len(failures),
        len(failures),
        len(plan.skipped),
        n_removed,
    )
    return {
        "n_documents": len(plan.files),
        "n_loaded": n_work,
        "n_skipped": len(plan.skipped),
        "n_failed": len(failures),
        "n_removed": n_removed,
        "n_statistics": sum(r.n_statistics for r in results),
        "n_rejected": sum(r.n_rejected for r in results),
        "n_unreadable": n_unreadable,
        "failures": failures,
        "paths": [j.path for j in plan.todo],
    }


def _failed_among(con: Any, doc_ids: list[str]) -> int:
    """Files of this run that are recorded as failed now, including unchanged ones that failed before."""
    if not doc_ids:
        return 0
    row = con.execute(
        "SELECT count(*) FROM documents WHERE status = 'failed' AND doc_id IN (SELECT unnest(?::VARCHAR[]))",
        [doc_ids],
    ).fetchone()
    return int(row[0])
