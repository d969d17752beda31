"""Run the rules and store their findings, keeping each finding's first appearance across runs."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from statlint.batch import chunks, utc_now
from statlint.rules.base import Rule, RuleContext
from statlint.rules.engine import RuleConfig, stream_frames
from statlint.warehouse import insert_frame, transaction

log = logging.getLogger("statlint.check")


# On N processes, the documents are shared out in batches of this many. Each batch's working set (its staging
# table, n-grams, sentences) is what a process holds at its peak: ~0.25 GB above its base at 50 seed-sized
# documents, ~0.37 GB at 250, for the same CPU time (measured at 1,000 documents, 2026-11-27).
CHECK_BATCH = 50
# From this many documents, one process also checks in batches (see `check_warehouse`).
SPOOL_MIN = 200


def per_document(r: Rule) -> bool:
    """Rules whose findings on a document depend only on that document's rows: they can run on any batch."""
    return r.category != "cross_document"


def check_warehouse(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    config: RuleConfig | None = None,
    waivers: dict[str, str] | None = None,
    batch: int | None = None,
) -> int:
    """Recompute all findings; unchanged ones keep their first run id and time. Waived findings are stored
    with `waived` set, never dropped. Returns the number stored.

    A warehouse of SPOOL_MIN documents or more is checked CHECK_BATCH documents at a time, each batch's
    findings spooled to Parquet and merged by DuckDB (`store_spooled`), as on N processes: all at once, 1,000
    seed-sized documents took the process from ~420 to ~980 MB."""
    ids = document_ids(con)
    if batch is not None or len(ids) < SPOOL_MIN:
        findings, evidence = compute_findings(con, run_id, config, waivers, batch)
        return store_findings(con, findings, evidence, waivers)
    now = utc_now()
    tasks: list[list[str] | None] = [*chunks(ids, CHECK_BATCH), None]
    with tempfile.TemporaryDirectory(prefix="statlint-check-") as spool:
        parts = [
            _spool(str(Path(spool) / f"part-{i:05d}"), _rule_frames(con, t, run_id, config, waivers, now))
            for i, t in enumerate(tasks)
        ]
        return store_spooled(con, parts, waivers)


def compute_findings(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    config: RuleConfig | None = None,
    waivers: dict[str, str] | None = None,
    batch: int | None = None,
    options: dict | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Every finding, as frames: the per-document rules `batch` documents at a time (None: all at once, the
    cheapest in one process), then the cross-document rules over all documents. `options` receives the
    rules' timings."""
    now = utc_now()
    ids = document_ids(con)
    tasks: list[list[str] | None] = [*chunks(ids, batch or len(ids)), None]
    return merge_frames([_rule_frames(con, t, run_id, config, waivers, now, options) for t in tasks])


def compute_findings_parallel(
    warehouse: str,
    run_id: str,
    config: RuleConfig | None,
    waivers: dict[str, str] | None,
    workers: int,
    batch: int | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """`compute_findings` on `workers` processes, each reading the warehouse through its own read-only
    connection: batches of documents are shared out, and the cross-document rules are one more task. The
    same frames as one process. Nothing may hold the warehouse open for writing meanwhile (DuckDB)."""
    tasks = _parallel_tasks(warehouse, batch)
    parts = _run_tasks(_task_frames, [], warehouse, tasks, run_id, config, waivers, workers)
    if parts is None:
        return _compute_here(warehouse, run_id, config, waivers)
    return merge_frames([*parts[1:], parts[0]])


def check_warehouse_parallel(
    warehouse: str,
    run_id: str,
    config: RuleConfig | None,
    waivers: dict[str, str] | None,
    workers: int,
    batch: int | None = None,
    lock_wait: float = 30.0,
) -> int:
    """`compute_findings_parallel` then `store_findings`, without bringing the findings into this process:
    each task writes its frames to a Parquet spool beside the warehouse, and DuckDB merges and stores them
    (`store_spooled`). At 1,000 seed-sized documents (28,000 findings, 400,000 evidence rows) the frames,
    their pickles and the merge held ~400 MB here at once, the run's memory peak. Returns the number
    stored."""
    from statlint.warehouse import connect

    tasks = _parallel_tasks(warehouse, batch)
    with tempfile.TemporaryDirectory(
        prefix=".statlint-check-", dir=Path(warehouse).resolve().parent
    ) as spool:
        # File names sort in merge order, as in compute_findings_parallel: the batches in order, then the
        # cross-document task (the first task).
        names = [str(Path(spool) / f"part-{i:05d}") for i in [len(tasks) - 1, *range(len(tasks) - 1)]]
        parts = _run_tasks(_task_spool, [names], warehouse, tasks, run_id, config, waivers, workers)
        if parts is None:
            parts = [_spool(names[0], _compute_here(warehouse, run_id, config, waivers))]
        con = connect(warehouse, wait_seconds=lock_wait)
        try:
            con.execute("SET threads = 1")
            return store_spooled(con, parts, waivers)
        finally:
            con.close()


def _parallel_tasks(warehouse: str, batch: int | None) -> list[list[str] | None]:
    """The cross-document task first (it reads every document, so it starts first), then contiguous batches
    of documents in id order."""
    from statlint.warehouse import connect

    con = connect(warehouse, read_only=True)
    try:
        ids = document_ids(con)
    finally:
        con.close()
    return [None, *chunks(ids, batch or CHECK_BATCH)]


def _run_tasks(
    fn: Callable[..., Any],
    leading: list[list],
    warehouse: str,
    tasks: list[list[str] | None],
    run_id: str,
    config: RuleConfig | None,
    waivers: dict[str, str] | None,
    workers: int,
) -> list | None:
    """`fn(*leading_i, warehouse, task_i, run_id, config, waivers, now)` for every task on up to `workers`
    processes, results in task order; None when the processes could not start."""
    from concurrent.futures.process import BrokenProcessPool

    from statlint.processes import process_pool

    k, now = len(tasks), utc_now()
    columns = [*leading, [warehouse] * k, tasks, [run_id] * k, [config] * k, [waivers] * k, [now] * k]
    try:
        with process_pool(min(workers, k)) as pool:
            return list(pool.map(fn, *columns))
    except BrokenProcessPool:  # a process could not start (e.g. a main script without a __main__ guard)
        log.warning("rule processes failed to start; running the rules in this process")
        return None


def _compute_here(
    warehouse: str, run_id: str, config: RuleConfig | None, waivers: dict[str, str] | None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    from statlint.warehouse import connect

    con = connect(warehouse, read_only=True)
    try:
        return compute_findings(con, run_id, config, waivers)
    finally:
        con.close()


def _spool(name: str, frames: tuple[pl.DataFrame, pl.DataFrame]) -> tuple[str | None, str | None]:
    """Write a task's findings and evidence frames as `<name>-findings.parquet` and `<name>-evidence.parquet`
    (an empty frame writes no file)."""
    out: list[str | None] = []
    for kind, df in zip(("findings", "evidence"), frames, strict=True):
        if df.height:
            df.write_parquet(f"{name}-{kind}.parquet", compression="lz4", statistics=False)
            out.append(f"{name}-{kind}.parquet")
        else:
            out.append(None)
    return out[0], out[1]


def _task_spool(
    name: str,
    warehouse: str,
    doc_ids: list[str] | None,
    run_id: str,
    config: RuleConfig | None,
    waivers: dict[str, str] | None,
    now: dt.datetime,
) -> tuple[str | None, str | None]:
    from statlint.processes import trim_memory

    try:
        return _spool(name, _task_frames(warehouse, doc_ids, run_id, config, waivers, now))
    finally:
        trim_memory()


def store_spooled(
    con: duckdb.DuckDBPyConnection,
    parts: list[tuple[str | None, str | None]],
    waivers: dict[str, str] | None = None,
) -> int:
    """`store_findings(con, *merge_frames(parts))` for parts spooled as Parquet files, merged by DuckDB: the
    same rows in the same order (parts in the order given, which their file names sort in)."""
    from statlint.warehouse import column_types

    f_files = [f for f, _ in parts if f]
    e_files = [e for _, e in parts if e]
    fcols = list(column_types("findings"))
    ecols = list(column_types("finding_evidence"))
    fsel = ", ".join(f'"{c}"' for c in fcols)
    esel = ", ".join(f'"{c}"' for c in ecols)
    order = "filename, file_row_number"
    spool_cols = "NULL::VARCHAR AS filename, NULL::BIGINT AS file_row_number"
    empty = "CREATE OR REPLACE TEMP TABLE {} AS SELECT {}, " + spool_cols + " FROM {} LIMIT 0"
    con.execute(empty.format("_new_findings", fsel, "findings"))
    if f_files:
        con.execute(
            f"""
            INSERT INTO _new_findings
            WITH f AS (SELECT {fsel}, {order}
                       FROM read_parquet(?::VARCHAR[], filename = true, file_row_number = true)),
                 crashed AS (SELECT DISTINCT rule FROM f WHERE category = 'rule_error')
            SELECT * FROM f
            WHERE category = 'rule_error' OR rule NOT IN (SELECT rule FROM crashed)
            QUALIFY row_number() OVER (PARTITION BY fingerprint ORDER BY {order}) = 1
            """,
            [f_files],
        )
    repeats = (
        con.execute(
            "SELECT count(*) - count(DISTINCT fingerprint) FROM read_parquet(?::VARCHAR[])", [f_files]
        ).fetchone()[0]
        if f_files
        else 0
    )
    # Evidence goes from the spool into the table in one statement, deduplicated only if a fingerprint came
    # from two parts: only then can a (fingerprint, ordinal) repeat, and the windowed dedupe holds every
    # evidence row (400,000 at 1,000 documents) at once.
    evidence = (
        f"SELECT {esel} FROM read_parquet(?::VARCHAR[], filename = true, file_row_number = true) WHERE "
    )
    evidence += "fingerprint IN (SELECT fingerprint FROM _new_findings)"
    if repeats:
        evidence += f" QUALIFY row_number() OVER (PARTITION BY fingerprint, ordinal ORDER BY {order}) = 1"
    evidence += f" ORDER BY {order}"
    found = {f for (f,) in con.execute("SELECT fingerprint FROM _new_findings").fetchall()}
    _warn_stale(waivers, found)
    keep = ", ".join(
        f'coalesce(o."{c}", n."{c}") AS "{c}"' if c in ("run_id", "created_at") else f'n."{c}"' for c in fcols
    )
    try:
        with transaction(con):
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _old_findings AS "
                "SELECT fingerprint, run_id, created_at FROM findings"
            )
            con.execute("DELETE FROM finding_evidence")
            con.execute("DELETE FROM findings")
            con.execute(
                f"""INSERT INTO findings ({fsel})
                    SELECT {keep} FROM _new_findings n LEFT JOIN _old_findings o USING (fingerprint)
                    ORDER BY n.rule, n.filename, n.file_row_number"""
            )
            if e_files:
                con.execute(f"INSERT INTO finding_evidence ({esel}) {evidence}", [e_files])
        return len(found)
    finally:
        for t in ("_new_findings", "_old_findings"):
            con.execute(f"DROP TABLE IF EXISTS {t}")


def _task_frames(
    warehouse: str,
    doc_ids: list[str] | None,
    run_id: str,
    config: RuleConfig | None,
    waivers: dict[str, str] | None,
    now: dt.datetime,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One task of `compute_findings_parallel`: a batch of documents (per-document rules) or None (the
    cross-document rules), from a read-only connection of its own."""
    from statlint.warehouse import connect

    con = connect(warehouse, read_only=True)
    con.execute("SET threads = 1")
    try:
        return _rule_frames(con, doc_ids, run_id, config, waivers, now)
    finally:
        con.close()


def _rule_frames(
    con: duckdb.DuckDBPyConnection,
    doc_ids: list[str] | None,
    run_id: str,
    config: RuleConfig | None,
    waivers: dict[str, str] | None,
    now: dt.datetime,
    options: dict | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The per-document rules over a batch of documents, or (doc_ids None) the cross-document rules over
    all of them."""
    ctx = RuleContext(con, doc_ids=doc_ids, options=options if options is not None else {})
    select = per_document if doc_ids is not None else (lambda r: not per_document(r))
    try:
        return stream_frames(ctx, config, run_id, waivers, select=select, now=now)
    finally:
        con.execute("DROP TABLE IF EXISTS rule_stats")  # this task's staging, not the next one's


def merge_frames(parts: list[tuple[pl.DataFrame, pl.DataFrame]]) -> tuple[pl.DataFrame, pl.DataFrame]:
    """One findings frame and one evidence frame from several batches', as one pass over all documents would
    store them: rule by rule, each fingerprint once, and a rule that crashed on any batch represented only by
    its crash finding (as `stream_frames` does for one batch)."""
    findings = pl.concat([f for f, _ in parts], how="vertical")
    evidence = pl.concat([e for _, e in parts], how="vertical")
    if not findings.height:
        return findings, evidence
    crashed = findings.filter(pl.col("category") == "rule_error")["rule"].unique().to_list()
    findings = (
        findings.filter(~pl.col("rule").is_in(crashed) | (pl.col("category") == "rule_error"))
        .unique(subset="fingerprint", keep="first", maintain_order=True)
        .with_row_index("_order")
        .sort("rule", "_order")
        .drop("_order")
    )
    if evidence.height:
        evidence = evidence.filter(pl.col("fingerprint").is_in(findings["fingerprint"].implode())).unique(
            subset=["fingerprint", "ordinal"], keep="first", maintain_order=True
        )
    return findings, evidence


def store_findings(
    con: duckdb.DuckDBPyConnection,
    findings: pl.DataFrame,
    evidence: pl.DataFrame,
    waivers: dict[str, str] | None = None,
) -> int:
    """Replace the stored findings in one transaction; a finding seen before keeps its first run id and
    time. Returns the number stored."""
    _warn_stale(waivers, set(findings["fingerprint"].to_list() if findings.height else []))
    stored = con.execute("SELECT fingerprint, run_id, created_at FROM findings").fetchall()
    first_seen = {fp: run for fp, run, _ in stored}
    times = {fp: at for fp, _, at in stored}
    if findings.height:
        findings = findings.with_columns(
            pl.col("fingerprint").replace_strict(first_seen, default=pl.col("run_id")).alias("run_id"),
            pl.col("fingerprint")
            .replace_strict(times, default=pl.col("created_at"), return_dtype=pl.Datetime("us"))
            .alias("created_at"),
        )
    with transaction(con):
        con.execute("DELETE FROM finding_evidence")
        con.execute("DELETE FROM findings")
        insert_frame(con, "findings", findings)
        insert_frame(con, "finding_evidence", evidence)
    return findings.height


def _warn_stale(waivers: dict[str, str] | None, found: set[str]) -> None:
    stale = sorted(set(waivers or {}) - found)
    if stale:
        log.warning(
            "%d stale waiver(s) match no finding (remove them with `statlint waive FP --remove`): %s",
            len(stale),
            ", ".join(stale),
        )


def document_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Every document of the warehouse, in id order (removed and failed ones have no rows to read)."""
    return [d for (d,) in con.execute("SELECT doc_id FROM documents ORDER BY doc_id").fetchall()]


def current_fingerprints(con: duckdb.DuckDBPyConnection) -> set[str]:
    return {f for (f,) in con.execute("SELECT fingerprint FROM findings").fetchall()}


def waiver_status(
    con: duckdb.DuckDBPyConnection, waivers_file: Path
) -> list[tuple[str, str, str, str | None]]:
    """(fingerprint, 'active' | 'stale', reason, rule) for every waiver in the file, against the stored
    findings."""
    from statlint.waivers import load_waivers

    rules = dict(con.execute("SELECT fingerprint, rule FROM findings").fetchall())
    return [
        (
            w.fingerprint,
            "active" if w.fingerprint in rules else "stale",
            f"{w.status}: {w.reason}",
            rules.get(w.fingerprint),
        )
        for w in load_waivers(waivers_file)
    ]
