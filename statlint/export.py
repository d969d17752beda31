"""The analyst's way out of the warehouse: ad-hoc SQL, Parquet files and a read-only snapshot copy.

DuckDB lets one process write a database file; while a pipeline run holds it, nobody else can open it, not
even read-only. Parquet files and a snapshot copy made between runs can be read at any time, by DuckDB,
polars, pandas or a spreadsheet, without touching the live warehouse.
"""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
import json
import os
from pathlib import Path

import duckdb

from schemas import TABLES
from statlint.views import VIEWS

EXTRA_TABLES = ("schema_version",)


def exportable(con: duckdb.DuckDBPyConnection, views: bool = True) -> list[str]:
    """Tables from the schema registry (plus schema_version), then the views, that exist in this warehouse."""
    present = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
    }
    names = [*TABLES, *EXTRA_TABLES, *((v.name for v in VIEWS) if views else ())]
    return [n for n in names if n in present]


def export_parquet(con: duckdb.DuckDBPyConnection, out_dir: Path | str, views: bool = True) -> list[Path]:
    """Write every table (and view) to `<out_dir>/<name>.parquet` with DuckDB's COPY.

    Names come from the schema registry and are quoted as identifiers; the path is a bound parameter, so a
    folder name with quotes or spaces cannot change the statement.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in exportable(con, views):
        target = out / f"{name}.parquet"
        con.execute(f'COPY (SELECT * FROM "{name}") TO ? (FORMAT parquet)', [str(target)])
        written.append(target)
    return written


def snapshot(con: duckdb.DuckDBPyConnection, dest: Path | str) -> Path:
    """Copy the whole warehouse into a new DuckDB file an analyst can open while runs write the live one.

    The copy is built beside `dest` and renamed into place, so a reader never sees a half-written snapshot.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".tmp")
    for stale in (tmp, tmp.with_name(tmp.name + ".wal")):
        stale.unlink(missing_ok=True)
    source = con.execute("SELECT current_database()").fetchall()[0][0]
    con.execute("ATTACH ? AS statlint_snapshot (READ_WRITE)", [str(tmp)])
    try:
        con.execute(f"COPY FROM DATABASE {quote_ident(source)} TO statlint_snapshot")
    finally:
        con.execute("DETACH statlint_snapshot")
    os.replace(tmp, dest)
    return dest


def quote_ident(name: str) -> str:
    """A SQL identifier in double quotes, inner quotes doubled (a catalog is named after its file)."""
    return '"' + name.replace('"', '""') + '"'


def _plain(value: object) -> object:
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


def run_query(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]]:
    """Execute the analyst's SQL as given and return its columns and rows (nothing for a statement)."""
    cur = con.execute(sql)
    if cur.description is None:
        return [], []
    columns = [d[0] for d in cur.description]
    return columns, cur.fetchall()


def format_csv(columns: list[str], rows: list[tuple]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(columns)
    w.writerows([[_plain(v) for v in r] for r in rows])
    return buf.getvalue()


def format_json(columns: list[str], rows: list[tuple]) -> str:
    """A JSON array of objects, one per row; text stays in its own characters (no \\u escapes)."""
    records = [{c: _plain(v) for c, v in zip(columns, r, strict=True)} for r in rows]
    return json.dumps(records, ensure_ascii=False, indent=1, default=str) + "\n"
