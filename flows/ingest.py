"""Prefect flow: read -> normalize -> extract -> validate -> load, one flow run per batch."""

from __future__ import annotations

from pathlib import Path

from prefect import flow, get_run_logger, task

from statlint.batch import discover, unchanged
from statlint.ingest import DocumentBundle, process_path
from statlint.load import LoadResult, load_bundle
from statlint.warehouse import connect


@task(name="process-document", retries=2, retry_delay_seconds=1,
      retry_condition_fn=lambda task, run, state: isinstance(state.result(raise_on_failure=False), OSError))
def process_task(path: str, run_id: str) -> DocumentBundle:
    return process_path(path, run_id)


@task(name="load-documents")
def load_task(bundles: list[DocumentBundle], warehouse: str, run_id: str) -> list[LoadResult]:
    con = connect(warehouse)
    try:
        return [load_bundle(con, b, run_id) for b in bundles]
    finally:
        con.close()


@flow(name="statlint-ingest", log_prints=False)
def ingest_flow(paths: list[str], warehouse: str, run_id: str, force: bool = False) -> dict:
    """Load every changed document under `paths`; unchanged ones are skipped by content hash."""
    log = get_run_logger()
    files = discover(paths)
    con = connect(warehouse)
    try:
        skip = set() if force else unchanged(con, files)
    finally:
        con.close()
    todo = [str(f) for f in files if str(f) not in skip]
    bundles = [process_task(p, run_id) for p in todo]
    results = load_task(bundles, warehouse, run_id)
    failed = [{"path": b.path, "reason": b.reason} for b in bundles if b.status == "failed"]
    for f in failed:
        log.warning("%s: %s", f["path"], f["reason"])
    log.info("ingest: %d files, %d loaded, %d unchanged, %d failed", len(files), len(todo), len(skip), len(failed))
    return {"n_documents": len(files), "n_loaded": len(todo), "n_skipped": len(skip), "n_failed": len(failed),
            "n_statistics": sum(r.n_statistics for r in results), "n_rejected": sum(r.n_rejected for r in results),
            "failures": failed, "paths": [str(Path(p)) for p in todo]}
