"""Run the rules and store their findings, keeping each finding's first appearance across runs."""

from __future__ import annotations

import logging
from pathlib import Path

import duckdb

from statlint.rules.base import RuleContext
from statlint.rules.engine import RuleConfig, stream_frames
from statlint.warehouse import insert_frame, transaction

log = logging.getLogger("statlint.check")


def check_warehouse(
    con: duckdb.DuckDBPyConnection,
    run_id: str,
    config: RuleConfig | None = None,
    waivers: dict[str, str] | None = None,
) -> int:
    """Recompute all findings; unchanged ones keep their first run id and time. Waived findings are stored
    with `waived` set, never dropped. Returns the number stored."""
    findings, evidence = stream_frames(RuleContext(con), config, run_id, waivers)
    stale = sorted(set(waivers or {}) - set(findings["fingerprint"].to_list() if findings.height else []))
    if stale:
        log.warning(
            "%d stale waiver(s) match no finding (remove them with `statlint waive FP --remove`): %s",
            len(stale),
            ", ".join(stale),
        )
    first_seen = dict(con.execute("SELECT fingerprint, run_id FROM findings").fetchall())
    times = dict(con.execute("SELECT fingerprint, created_at FROM findings").fetchall())
    if findings.height:
        import polars as pl

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
