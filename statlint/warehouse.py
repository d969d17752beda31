"""The DuckDB warehouse: tables generated from the pandera schemas, loads in transactions, safe opening.

DuckDB allows one writing process; a second writer waits a bounded time for the lock, then stops with a
clear message. All values reach SQL as parameters or registered frames, never formatted into SQL text.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import polars as pl

from schemas import SCHEMA_VERSION, TABLES

DEFAULT_PATH = Path("warehouse/statlint.duckdb")

_DUCK_TYPES = {
    "String": "VARCHAR", "Utf8": "VARCHAR", "Int64": "BIGINT", "Int32": "INTEGER", "Int16": "SMALLINT",
    "Int8": "TINYINT", "UInt32": "UBIGINT", "UInt64": "UBIGINT", "Float64": "DOUBLE", "Float32": "FLOAT",
    "Boolean": "BOOLEAN", "Datetime": "TIMESTAMP", "Date": "DATE",
}


class WarehouseError(Exception):
    """The warehouse cannot be opened or is of an unknown version; the message says what to do."""


def column_types(table: str) -> dict[str, str]:
    cols = TABLES[table].model.to_schema().columns
    out = {}
    for name, col in cols.items():
        key = str(col.dtype).split("(")[0]
        out[name] = _DUCK_TYPES.get(key, "VARCHAR")
    return out


def ddl(table: str) -> str:
    t = TABLES[table]
    cols = ",\n  ".join(f'"{c}" {typ}' for c, typ in column_types(table).items())
    key = ", ".join(f'"{k}"' for k in t.key) if table != "rejected_rows" else None
    pk = f",\n  PRIMARY KEY ({key})" if key else ""
    return f'CREATE TABLE IF NOT EXISTS "{table}" (\n  {cols}{pk}\n)'


def connect(path: Path | str = DEFAULT_PATH, read_only: bool = False, wait_seconds: float = 30.0,
            ) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting up to `wait_seconds` for another writer to finish."""
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseError(f"{path}: no warehouse yet; run `statlint run` first")
    path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait_seconds
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or time.monotonic() >= deadline:
                raise WarehouseError(
                    f"{path}: the warehouse is in use by another statlint process (waited {wait_seconds:.0f}s); "
                    "try again when it has finished"
                ) from exc
            time.sleep(0.5)
    if not read_only:
        ensure_schema(con)
    else:
        check_version(con)
    return con


def check_version(con: duckdb.DuckDBPyConnection) -> None:
    try:
        row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    except duckdb.CatalogException as exc:
        raise WarehouseError("not a statlint warehouse (no schema_version table)") from exc
    version = row[0] if row else None
    if version is not None and version > SCHEMA_VERSION:
        raise WarehouseError(
            f"warehouse schema version {version} is newer than this statlint ({SCHEMA_VERSION}); upgrade statlint"
        )


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)")
    check_version(con)
    for table in TABLES:
        con.execute(ddl(table))
    from statlint.migrations import migrate
    from statlint.views import create_views

    migrate(con)
    create_views(con)


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    else:
        con.execute("COMMIT")


def insert_frame(con: duckdb.DuckDBPyConnection, table: str, df: pl.DataFrame) -> int:
    if df.height == 0:
        return 0
    cols = list(column_types(table))
    df = df.select(cols)
    con.register("_incoming", df.to_arrow())
    try:
        names = ", ".join(f'"{c}"' for c in cols)
        con.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM _incoming')
    finally:
        con.unregister("_incoming")
    return df.height


def delete_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    for name, t in TABLES.items():
        if t.doc_scoped:
            con.execute(f'DELETE FROM "{name}" WHERE doc_id = ?', [doc_id])


def replace_document(con: duckdb.DuckDBPyConnection, doc_id: str, frames: dict[str, pl.DataFrame]) -> None:
    """Swap one document's rows in one transaction: readers see the old version or the new, never a mix."""
    with transaction(con):
        delete_document(con, doc_id)
        for table, df in frames.items():
            insert_frame(con, table, df)


def table_frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    return con.execute(sql, params or []).pl()
