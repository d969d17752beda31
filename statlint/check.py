"""Run the rules and store their findings, keeping each finding's first appearance across runs."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

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
    with `waived` set, never dropped. Returns the number stored."""
    findings, evidence = compute_findings(con, run_id, config, waivers, batch)
    return store_findings(con, findings, evidence, waivers)


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
    from concurrent.futures.process import BrokenProcessPool

    from statlint.processes import process_pool
    from statlint.warehouse import connect

    con = connect(warehouse, read_only=True)
    try:
        ids = document_ids(con)
    finally:
        con.close()
    now = utc_now()
    # The cross-document task first (it reads every document), then contiguous batches in order.
    tasks: list[list[str] | None] = [None, *chunks(ids, batch or CHECK_BATCH)]
    n = min(workers, len(tasks))
    try:
        with process_pool(n) as pool:
            parts = list(
                pool.map(
                    _task_frames,
                    [warehouse] * len(tasks),
                    tasks,
                    [run_id] * len(tasks),
                    [config] * len(tasks),
                    [waivers] * len(tasks),
                    [now] * len(tasks),
                )
            )
    except BrokenProcessPool:  # a process could not start (e.g. a main script without a __main__ guard)
        log.warning("rule processes failed to start; running the rules in this process")
        con = connect(warehouse, read_only=True)
        try:
            return compute_findings(con, run_id, config, waivers)
        finally:
            con.close()
    return merge_frames([*parts[1:], parts[0]])


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
    stale = sorted(set(waivers or {}) - set(findings["fingerprint"].to_list() if findings.height else []))
    if stale:
        log.warning(
            "%d stale waiver(s) match no finding (remove them with `statlint waive FP --remove`): %s",
            len(stale),
            ", ".join(stale),
        )
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
