"""Run the rules and store their findings, keeping each finding's first appearance across runs."""

from __future__ import annotations

import datetime as dt
import functools
import logging
import tempfile
from pathlib import Path

import duckdb
import polars as pl

from statlint.batch import chunks, utc_now
from statlint.rules.base import Rule, RuleContext
from statlint.rules.engine import RuleConfig, load_rules, stream_frames
from statlint.rules.facts import drop_facts, spool_facts, use_spooled_facts
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
    with tempfile.TemporaryDirectory(prefix="statlint-check-") as spool:
        plan = _SpoolPlan(spool, list(chunks(ids, CHECK_BATCH)), config)
        parts = [
            _spool(name, _rule_frames(con, ids_, run_id, config, waivers, now, facts_out=facts))
            for name, ids_, facts in plan.batch_tasks()
        ]
        name, facts_in = plan.cross_task()
        parts.append(_spool(name, _rule_frames(con, None, run_id, config, waivers, now, facts_in=facts_in)))
        return store_spooled(con, parts, waivers)


def compute_findings(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    config: RuleConfig | None = None,
    waivers: dict[str, str] | None = None,
    batch: int | None = None,
    options: dict | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Every finding, as frames: all rules over all documents on one staging of their facts (batch None, the
    cheapest in one process), or the per-document rules `batch` documents at a time and then the
    cross-document rules over all documents. `options` receives the rules' timings."""
    now = utc_now()
    if not batch:
        ctx = RuleContext(con, options=options if options is not None else {})
        try:
            return stream_frames(ctx, config, run_id, waivers, now=now)
        finally:
            drop_facts(con)
    tasks: list[list[str] | None] = [*chunks(document_ids(con), batch), None]
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
    connection: the same frames as one process (what `check_warehouse_parallel` stores, read back from its
    spool). Nothing may hold the warehouse open for writing meanwhile (DuckDB)."""
    from statlint.ingest import frame

    with tempfile.TemporaryDirectory(prefix="statlint-check-") as spool:
        parts = _spooled_parts(spool, warehouse, run_id, config, waivers, workers, batch)
        return merge_frames(
            [
                (
                    pl.read_parquet(f) if f else frame("findings", []),
                    pl.read_parquet(e) if e else frame("finding_evidence", []),
                )
                for f, e in parts
            ]
        )


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

    with tempfile.TemporaryDirectory(
        prefix=".statlint-check-", dir=Path(warehouse).resolve().parent
    ) as spool:
        parts = _spooled_parts(spool, warehouse, run_id, config, waivers, workers, batch)
        con = connect(warehouse, wait_seconds=lock_wait)
        try:
            con.execute("SET threads = 1")
            con.execute(f"SET memory_limit = '{store_memory(parts)}B'")  # an integer of ours
            return store_spooled(con, parts, waivers)
        finally:
            con.close()


# DuckDB's memory for storing spooled findings: a base plus this many times the spool's (compressed) bytes.
# At 1,000 documents (8 MB of spool: 28,000 findings, 400,000 evidence rows) the store peaked at ~380 MB with
# DuckDB's default limit, ~250 MB at 128 MB, and failed at 64 MB: at the run's memory peak, with the rule
# processes still alive beside it.
STORE_MEMORY = 64 * 1024 * 1024
STORE_MEMORY_PER_SPOOL_BYTE = 12


def store_memory(parts: list[tuple[str | None, str | None]]) -> int:
    """The memory limit (bytes) for storing these spooled parts."""
    spooled = sum(Path(f).stat().st_size for part in parts for f in part if f)
    return STORE_MEMORY + STORE_MEMORY_PER_SPOOL_BYTE * spooled


class _SpoolPlan:
    """The spool files of a batched check: part-00000… for the batches in document order, then one for the
    cross-document task, so that file names sort in merge order; and each batch's facts (rule_stats), which
    the cross-document task reads instead of building them again over all documents (only when a
    cross-document rule is on)."""

    def __init__(self, spool: str, batches: list[list[str]], config: RuleConfig | None) -> None:
        self.batches = batches
        self.names = [str(Path(spool) / f"part-{i:05d}") for i in range(len(batches) + 1)]
        config = config or RuleConfig()
        cross = any(not per_document(r) and config.enabled(r) for r in load_rules().values())
        self.facts = [f"{n}-facts.parquet" if cross else None for n in self.names[:-1]]

    def batch_tasks(self) -> list[tuple[str, list[str], str | None]]:
        return list(zip(self.names, self.batches, self.facts, strict=False))

    def cross_task(self) -> tuple[str, list[str] | None]:
        """The cross-document task's spool name and the facts files it reads (None: it builds its own, for
        a warehouse without documents)."""
        return self.names[-1], [f for f in self.facts if f] or None


def _spooled_parts(
    spool: str,
    warehouse: str,
    run_id: str,
    config: RuleConfig | None,
    waivers: dict[str, str] | None,
    workers: int,
    batch: int | None,
) -> list[tuple[str | None, str | None]]:
    """Every task's spooled findings and evidence, in merge order: the batches on up to `workers` processes,
    then the cross-document task (it reads the batches' facts, so it starts once they are all done); in this
    process when the processes could not start."""
    from concurrent.futures.process import BrokenProcessPool

    from statlint.processes import process_pool
    from statlint.warehouse import connect

    con = connect(warehouse, read_only=True)
    try:
        ids = document_ids(con)
    finally:
        con.close()
    plan = _SpoolPlan(spool, list(chunks(ids, batch or CHECK_BATCH)), config)
    # (spool name, documents or None for the cross-document task, facts to write, facts to read)
    tasks: list[tuple[str, list[str] | None, str | None, list[str] | None]] = [
        (name, ids_, facts, None) for name, ids_, facts in plan.batch_tasks()
    ]
    cross_name, facts_in = plan.cross_task()
    run = functools.partial(
        _task_spool, warehouse=warehouse, run_id=run_id, config=config, waivers=waivers, now=utc_now()
    )
    try:
        with process_pool(max(1, min(workers, len(tasks)))) as pool:
            parts = list(pool.map(run, *zip(*tasks, strict=True)))
            parts.append(pool.submit(run, cross_name, None, None, facts_in).result())
            return parts
    except BrokenProcessPool:  # a process could not start (e.g. a main script without a __main__ guard)
        log.warning("rule processes failed to start; running the rules in this process")
    tasks.append((cross_name, None, None, facts_in))
    return [run(*task) for task in tasks]


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
    doc_ids: list[str] | None,
    facts_out: str | None,
    facts_in: list[str] | None,
    warehouse: str,
    run_id: str,
    config: RuleConfig | None,
    waivers: dict[str, str] | None,
    now: dt.datetime,
) -> tuple[str | None, str | None]:
    """One task of a batched check, on a read-only connection of its own: a batch of documents (the
    per-document rules, its facts spooled to `facts_out`) or None (the cross-document rules, over the facts
    files `facts_in`); its findings and evidence spooled as `name`."""
    from statlint.processes import trim_memory
    from statlint.warehouse import connect

    con = connect(warehouse, read_only=True)
    con.execute("SET threads = 1")
    try:
        return _spool(
            name,
            _rule_frames(con, doc_ids, run_id, config, waivers, now, facts_out=facts_out, facts_in=facts_in),
        )
    finally:
        con.close()
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
            _empty_findings(con)
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


def _rule_frames(
    con: duckdb.DuckDBPyConnection,
    doc_ids: list[str] | None,
    run_id: str,
    config: RuleConfig | None,
    waivers: dict[str, str] | None,
    now: dt.datetime,
    options: dict | None = None,
    facts_out: str | None = None,
    facts_in: list[str] | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The per-document rules over a batch of documents (then its facts spooled to `facts_out`, if
    given), or (doc_ids None) the cross-document rules over all of them (on the spooled facts `facts_in`, if
    given)."""
    ctx = RuleContext(con, doc_ids=doc_ids, options=options if options is not None else {})
    select = per_document if doc_ids is not None else (lambda r: not per_document(r))
    try:
        if facts_in:
            use_spooled_facts(ctx, facts_in)
        frames = stream_frames(ctx, config, run_id, waivers, select=select, now=now)
        if facts_out:
            spool_facts(ctx, facts_out)
        return frames
    finally:
        drop_facts(con)  # this task's staging, not the next one's


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
        _empty_findings(con)
        insert_frame(con, "findings", findings)
        insert_frame(con, "finding_evidence", evidence)
    return findings.height


def _empty_findings(con: duckdb.DuckDBPyConnection) -> None:
    """Empty the findings tables for their new rows, inside the caller's transaction: dropped and created
    again, not DELETEd. Deleting 400,000 evidence rows and inserting as many again made DuckDB update their
    primary-key index entry by entry: the store's commit took ~2.2 s at 1,000 documents, ~0.3 s on fresh
    tables (views find the tables by name; DDL rolls back with the transaction)."""
    from statlint.warehouse import ddl

    for table in ("finding_evidence", "findings"):
        con.execute(f'DROP TABLE "{table}"')
        con.execute(ddl(table))


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
