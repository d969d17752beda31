"""`statlint status`: what the warehouse holds and what the last runs did, for a steward on a schedule.

Reads only (a read-only connection), so it works while nothing else runs; while a run holds the warehouse it
says so instead of waiting.
"""

from __future__ import annotations

import json
from pathlib import Path

from statlint.warehouse import WarehouseError, connect, run_lock_holder


def collect_status(warehouse: str, last: int = 10) -> dict:
    holder = run_lock_holder(warehouse)
    if not Path(warehouse).exists():
        raise WarehouseError(f"{warehouse}: no warehouse yet; run `statlint run` first")
    try:
        con = connect(warehouse, read_only=True, wait_seconds=2)
    except WarehouseError as exc:
        if holder:
            raise WarehouseError(
                f"{warehouse}: a run is writing now ({holder}); ask again when it has finished"
            ) from exc
        raise
    try:
        docs = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())
        findings = dict(
            con.execute(
                "SELECT severity, count(*) FROM findings WHERE NOT waived GROUP BY severity"
            ).fetchall()
        )
        waived = con.execute("SELECT count(*) FROM findings WHERE waived").fetchone()[0]
        cols = [
            "run_id",
            "started_at",
            "ended_at",
            "status",
            "n_documents",
            "n_loaded",
            "n_skipped",
            "n_failed",
            "n_statistics",
            "n_rejected",
            "n_findings",
            "failures",
        ]
        rows = con.execute(
            f"SELECT {', '.join(cols)} FROM runs ORDER BY started_at DESC LIMIT ?", [last]
        ).fetchall()
    finally:
        con.close()
    runs = []
    for r in rows:
        rec = dict(zip(cols, r, strict=True))
        rec["seconds"] = (
            round((rec["ended_at"] - rec["started_at"]).total_seconds(), 1) if rec["ended_at"] else None
        )
        rec["failures"] = json.loads(rec["failures"]) if rec["failures"] else []
        runs.append(rec)
    return {
        "warehouse": warehouse,
        "running": holder,
        "documents": docs,
        "findings": findings,
        "waived": waived,
        "runs": runs,
    }


def render_status(st: dict) -> None:
    import sys

    from rich.console import Console
    from rich.table import Table

    out = Console() if sys.stdout.isatty() else Console(width=160)  # files and pipes: no 80-column wrap
    d = st["documents"]
    out.print(
        f"warehouse {st['warehouse']}: {d.get('ok', 0)} documents ok, {d.get('failed', 0)} failed, "
        f"{d.get('removed', 0)} removed"
    )
    f = st["findings"]
    out.print(
        f"findings: {f.get('error', 0)} error, {f.get('warning', 0)} warning, {f.get('info', 0)} info "
        f"(+{st['waived']} waived)"
    )
    if st["running"]:
        out.print(f"a run is in progress: {st['running']}")
    table = Table(title=f"last {len(st['runs'])} runs")
    for c in (
        "run",
        "started (UTC)",
        "seconds",
        "status",
        "docs",
        "loaded",
        "unchanged",
        "failed",
        "statistics",
        "findings",
    ):
        table.add_column(c)
    for r in st["runs"]:
        table.add_row(
            r["run_id"],
            str(r["started_at"])[:19],
            "" if r["seconds"] is None else str(r["seconds"]),
            r["status"],
            *(
                "" if r[k] is None else str(r[k])
                for k in ("n_documents", "n_loaded", "n_skipped", "n_failed", "n_statistics", "n_findings")
            ),
        )
    out.print(table)
    if st["runs"] and st["runs"][0]["failures"]:
        out.print(f"failures of the last run ({st['runs'][0]['run_id']}):")
        for fail in st["runs"][0]["failures"]:
            out.print(f"  {fail.get('path') or '(run)'}: {fail.get('reason')}", markup=False, highlight=False)
