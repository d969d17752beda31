"""Validate documents' frames and load them: each document whole or not at all, rejected rows kept.

Preparing (read, analyse, validate) is pure and runs in worker processes; loading is the single writer. Frames
of a whole chunk of documents are validated together, because pandera costs about the same for one document's
rows as for twenty-five's, then split back per document for loading.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from schemas import TABLES
from statlint.batch import SIZE_NOTE, Job, file_sha256
from statlint.ingest import DocumentBundle, failed_bundle, frame, process_path
from statlint.read import DEFAULT_MAX_BYTES
from statlint.validate import validate_table
from statlint.warehouse import (
    column_types,
    delete_documents,
    fault_point,
    insert_frame,
    replace_document,
    transaction,
)

log = logging.getLogger(__name__)
DERIVED_TABLES = [name for name, t in TABLES.items() if t.doc_scoped and name != "documents"] + [
    "rejected_rows"
]


@dataclass
class LoadResult:
    doc_id: str
    status: str
    reason: str | None
    n_statistics: int
    n_rejected: int
    path: str = ""


@dataclass
class Prepared:
    """One document ready for the writer: valid rows per table (columns in table order) and rejected rows."""

    doc_id: str
    path: str
    status: str
    reason: str | None
    frames: dict[str, pl.DataFrame]
    rejected: pl.DataFrame
    replaces: bool = True
    n_statistics: int = 0
    timings: dict[str, float] = field(default_factory=dict)

    def release(self) -> None:
        """Drop the rows once loaded (the object itself may be referenced by Prefect until the flow ends)."""
        self.frames = {}
        self.rejected = self.rejected.clear()


def validate_bundle(bundle: DocumentBundle, run_id: str) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """One document's valid frames and rejected rows (kept for callers that load a single bundle)."""
    [p] = validate_bundles([bundle], run_id)
    return p.frames, p.rejected


def validate_bundles(
    bundles: Sequence[DocumentBundle], run_id: str, replaces: Sequence[bool] | None = None
) -> list[Prepared]:
    """Validate many documents' frames with one pandera call per table, then split the rows per document."""
    replaces = list(replaces) if replaces is not None else [True] * len(bundles)
    tables = list(dict.fromkeys(t for b in bundles for t in b.frames))
    valid: dict[str, dict[str, pl.DataFrame]] = {}
    rejected_parts: list[pl.DataFrame] = []
    for table in tables:
        parts = [b.frames[table] for b in bundles if table in b.frames and b.frames[table].height]
        if not parts:
            continue
        whole = pl.concat(parts, how="vertical_relaxed")
        v = validate_table(table, whole, run_id)
        if v.rejected.height:
            rejected_parts.append(v.rejected)
        cols = list(column_types(table))
        valid[table] = _split_unchanged(v.valid, whole, parts, cols) or {
            str(k[0]): df
            for k, df in v.valid.select(cols)
            .partition_by("doc_id", as_dict=True, maintain_order=True)
            .items()
        }
    no_rejects = frame("rejected_rows", [])
    rejected = pl.concat(rejected_parts) if rejected_parts else no_rejects
    rejected_by_doc = (
        {str(k[0]): df for k, df in rejected.partition_by("doc_id", as_dict=True).items()}
        if rejected.height
        else {}
    )
    out = []
    for bundle, repl in zip(bundles, replaces, strict=True):
        frames = {t: valid[t][bundle.doc_id] for t in tables if t in valid and bundle.doc_id in valid[t]}
        rej = rejected_by_doc.get(bundle.doc_id, no_rejects)
        status, reason = bundle.status, bundle.reason
        if "documents" not in frames:
            # The document row itself is invalid: keep the failure visible as a failed document.
            status, reason = "failed", "document row failed validation; see rejected_rows"
            frames = {
                "documents": failed_bundle(Path(bundle.path), reason, run_id, doc_id=bundle.doc_id).frames[
                    "documents"
                ]
            }
        n_stats = frames["statistics"].height if "statistics" in frames else 0
        if rej.height:
            frames["documents"] = frames["documents"].with_columns(
                pl.lit(rej.height, pl.Int64).alias("n_rejected"),
                pl.lit(n_stats, pl.Int64).alias("n_statistics"),
            )
        out.append(Prepared(bundle.doc_id, bundle.path, status, reason, frames, rej, repl, n_stats))
    return out


def _split_unchanged(
    valid: pl.DataFrame, whole: pl.DataFrame, parts: list[pl.DataFrame], cols: list[str]
) -> dict[str, pl.DataFrame] | None:
    """The per-document frames `partition_by("doc_id")` would give, as slices of `whole` (no copy), when
    validation kept it unchanged (the same object, columns in table order) and each part holds one document
    not seen in another part: then the partitions are exactly the parts, in order. Otherwise None."""
    if valid is not whole or whole.columns != cols:
        return None
    runs = whole.select(pl.col("doc_id").rle()).to_series().struct.unnest()
    lengths, values = runs["len"].to_list(), runs["value"].to_list()
    if lengths != [p.height for p in parts] or len(set(values)) != len(values) or None in values:
        return None
    out: dict[str, pl.DataFrame] = {}
    offset = 0
    for doc_id, n in zip(values, lengths, strict=True):
        out[str(doc_id)] = whole.slice(offset, n)
        offset += n
    return out


def prepare_jobs(
    jobs: Sequence[Job],
    run_id: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_io_error: Callable[[Job, OSError], DocumentBundle] | None = None,
) -> list[Prepared]:
    """Read, analyse and validate a chunk of documents: the pure, parallel part of a run (any process).

    An OSError propagates unless `on_io_error` turns it into a failed bundle, so the caller decides whether a
    transient I/O error is retried (a Prefect task retry) or recorded."""
    bundles = []
    for job in jobs:
        try:
            bundles.append(process_path(job.path, run_id, max_bytes, doc_id=job.doc_id, window=job.window))
        except OSError as exc:
            if on_io_error is None:
                raise
            bundles.append(on_io_error(job, exc))
    return validate_bundles(bundles, run_id, [j.replaces for j in jobs])


def io_failure(job: Job, exc: OSError, run_id: str) -> DocumentBundle:
    return failed_bundle(
        Path(job.path), f"I/O error while reading (after retries): {exc}", run_id, doc_id=job.doc_id
    )


def oversized(job: Job, max_bytes: int, run_id: str) -> Prepared:
    """A file over the size limit, refused without reading it (its hash is kept so an unchanged one is
    skipped)."""
    p = Path(job.path)
    size = p.stat().st_size
    reason = f"file is {size} bytes, {SIZE_NOTE} of {max_bytes} bytes (max_file_size)"
    bundle = failed_bundle(p, reason, run_id, file_sha256(p), doc_id=job.doc_id)
    [prepared] = validate_bundles([bundle], run_id, [job.replaces])
    return prepared


def load_prepared(con: duckdb.DuckDBPyConnection, p: Prepared) -> LoadResult:
    """One document in one transaction: old rows out, new rows and this version's rejected rows in."""
    replace_document(con, p.doc_id, _frames(p), replaces=p.replaces)
    fault_point("after-document")
    return _result(p)


def load_chunk(con: duckdb.DuckDBPyConnection, prepared: Sequence[Prepared]) -> list[LoadResult]:
    """A chunk of documents in one transaction: their old rows out, then one INSERT per table for all of them.

    Every document is still loaded whole or not at all (a crash rolls back the chunk in flight, which the
    next run loads again); one commit and six INSERTs per chunk instead of per document make the single
    writer ~3 x cheaper (a commit and a statement cost ~1-6 ms each whatever their size). If the chunk's
    transaction fails in the database (a constraint, a value DuckDB refuses), its documents are loaded one
    transaction each, so a bad document fails alone and is recorded as failed with the database's reason."""
    fit_memory(con, prepared)
    if len(prepared) <= 1:
        return [_load_alone(con, p) for p in prepared]
    per_table: dict[str, list[pl.DataFrame]] = {}
    for p in prepared:
        for table, df in _frames(p).items():
            if df.height:
                per_table.setdefault(table, []).append(df)
    try:
        with transaction(con):
            delete_documents(con, [p.doc_id for p in prepared if p.replaces])
            for table, parts in per_table.items():
                insert_frame(con, table, pl.concat(parts, how="vertical_relaxed"))
                fault_point("between-tables")
    except duckdb.Error as exc:
        log.warning(
            "a chunk of %d documents failed to load (%s); loading them one by one", len(prepared), exc
        )
        return [_load_alone(con, p) for p in prepared]
    for _ in prepared:
        fault_point("after-document")
    return [_result(p) for p in prepared]


# DuckDB's memory for the single writer: its default (80 % of RAM) let the writer's process keep ~160 MB of
# written blocks cached during a 1,000-document ingest, the run's memory peak with the parsing workers beside
# it; capped, the blocks are evicted (they are in the file) at no measurable cost in CPU. A chunk needs room
# for its own rows (a 90 MB text needs ~4x that in flight), so the cap grows with the chunk's text.
WRITER_MEMORY = 64 * 1024 * 1024
WRITER_MEMORY_PER_TEXT_BYTE = 6


def fit_memory(con: duckdb.DuckDBPyConnection, prepared: Sequence[Prepared]) -> int:
    """Set the writer connection's memory limit for this chunk; returns it (bytes)."""
    text = 0
    for p in prepared:
        doc = p.frames.get("documents")
        if doc is not None and doc.height and "raw_text" in doc.columns:
            text += int(doc["raw_text"].str.len_bytes().sum() or 0)
    limit = WRITER_MEMORY + WRITER_MEMORY_PER_TEXT_BYTE * text
    con.execute(f"SET memory_limit = '{int(limit)}B'")  # an integer of ours, never document text
    return limit


# The single writer checkpoints (writes the WAL into the file) itself, once the WAL holds this much.
# DuckDB's own checkpoint at every 16 MB of WAL cost half the writer's CPU at 1,000 documents (a
# checkpoint's cost grows with the warehouse); at 64 MB ~30 % less CPU for ~20 MB more memory.
WRITER_CHECKPOINT_BYTES = 64 * 1024 * 1024


def writer_session(con: duckdb.DuckDBPyConnection) -> None:
    """Settings of the single writer's connection: one thread (its statements are small, and DuckDB's threads
    cost more CPU than they save there, CPU the parsing workers need), and no checkpoint inside a commit:
    `checkpoint` does them."""
    con.execute("SET threads = 1")
    con.execute("SET checkpoint_threshold = '1TB'")


def checkpoint(con: duckdb.DuckDBPyConnection, force: bool = False) -> bool:
    """Checkpoint once the WAL holds WRITER_CHECKPOINT_BYTES (or now, if `force`), with the memory the
    checkpoint needs (`checkpoint_memory`); the writer's cap (`fit_memory`) is set again after. Returns
    whether it checkpointed."""
    if not force:
        row = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()")
        path = (row.fetchone() or [None])[0]
        try:
            if not path or Path(f"{path}.wal").stat().st_size < WRITER_CHECKPOINT_BYTES:
                return False
        except OSError:  # no WAL: nothing written since the last checkpoint
            return False
    limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    con.execute(f"SET memory_limit = '{checkpoint_memory(con, limit)}B'")  # an integer of ours
    try:
        con.execute("CHECKPOINT")
    finally:
        con.execute("SET memory_limit = ?", [limit])
    return True


def checkpoint_memory(con: duckdb.DuckDBPyConnection, limit: str | None = None) -> int:
    """DuckDB's memory limit for a checkpoint of the writer: WRITER_MEMORY plus about half the stored
    documents' text (1.5 bytes a character: half of UTF-8 Chinese), at least the writer's current cap.

    A checkpoint rewrites the row groups that took rows since the last one, and the documents table's texts
    (one row per document) share a row group for thousands of documents: the memory it needs grows with the
    stored text. Under the writer's cap alone DuckDB's checkpoint failed at ~3,800 seed-sized documents
    (180 MB of text; "failed to pin block"), which invalidates the connection for the rest of the run; with
    half the text on top, 5,000 loaded. Not DuckDB's default (80 % of RAM): given room, it kept ~80 MB more
    of the checkpoint's blocks than it needed, at the moment the parsing workers are at their largest."""
    if limit is None:  # the connection's current cap, as DuckDB shows it ('71.0 MiB')
        limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    current = _bytes(limit)
    # n_chars, not the texts themselves: a scan of the texts needs the memory this is about.
    row = con.execute("SELECT coalesce(sum(n_chars), 0) FROM documents").fetchone()
    return max(current, WRITER_MEMORY + int(row[0]) * 3 // 2)


def _bytes(setting: str) -> int:
    """DuckDB's memory setting ('71.0 MiB') in bytes."""
    units = {"KiB": 2**10, "MiB": 2**20, "GiB": 2**30, "TiB": 2**40, "bytes": 1}
    number, _, unit = setting.partition(" ")
    return int(float(number) * units.get(unit, 1))


def _load_alone(con: duckdb.DuckDBPyConnection, p: Prepared) -> LoadResult:
    """One document in its own transaction; a database error makes it a failed document with the reason
    (its hash kept, so an unchanged file is not retried every run)."""
    try:
        return load_prepared(con, p)
    except duckdb.Error as exc:
        reason = f"could not be stored in the warehouse: {type(exc).__name__}: {exc}"
        log.warning("%s: %s", p.path, reason)
        doc = p.frames.get("documents")
        run_id = doc["run_id"][0] if doc is not None and doc.height else None
        sha256 = doc["sha256"][0] if doc is not None and doc.height else None
        bundle = failed_bundle(Path(p.path), reason, run_id, sha256, doc_id=p.doc_id)
        [failed] = validate_bundles([bundle], run_id or "", [p.replaces])
        return load_prepared(con, failed)


def _frames(p: Prepared) -> dict[str, pl.DataFrame]:
    frames = dict(p.frames)
    if p.rejected.height:
        frames["rejected_rows"] = p.rejected
    return frames


def _result(p: Prepared) -> LoadResult:
    return LoadResult(p.doc_id, p.status, p.reason, p.n_statistics, p.rejected.height, p.path)


def load_bundle(con: duckdb.DuckDBPyConnection, bundle: DocumentBundle, run_id: str) -> LoadResult:
    """Validate and load one bundle (the simple path, for callers outside the flows)."""
    [p] = validate_bundles([bundle], run_id)
    return load_prepared(con, p)


def mark_removed(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], run_id: str) -> int:
    """Documents whose file is gone: the documents row stays (path, hash, raw text, when it was loaded) with
    status `removed`; its derived rows go, so no rule can report on a file that is no longer there."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for doc_id in doc_ids:
        with transaction(con):
            for table in DERIVED_TABLES:
                con.execute(f'DELETE FROM "{table}" WHERE doc_id = ?', [doc_id])
            con.execute(
                """UPDATE documents SET status = 'removed', run_id = ?,
                   reason = 'file no longer found (removed ' || strftime(?::TIMESTAMP, '%Y-%m-%d %H:%M') || '
                   UTC)'
                   WHERE doc_id = ?""",
                [run_id, now, doc_id],
            )
    return len(doc_ids)
