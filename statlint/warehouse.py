"""The DuckDB warehouse: tables generated from the pandera schemas, loads in transactions, safe opening.

DuckDB allows one writing process; a second writer waits a bounded time for the lock, then stops with a clear
message. All values reach SQL as parameters or registered frames, never formatted into SQL text.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import duckdb
import polars as pl

from schemas import SCHEMA_VERSION, TABLES

DEFAULT_PATH = Path("warehouse/statlint.duckdb")

_DUCK_TYPES = {
    "String": "VARCHAR",
    "Utf8": "VARCHAR",
    "Int64": "BIGINT",
    "Int32": "INTEGER",
    "Int16": "SMALLINT",
    "Int8": "TINYINT",
    "UInt32": "UBIGINT",
    "UInt64": "UBIGINT",
    "Float64": "DOUBLE",
    "Float32": "FLOAT",
    "Boolean": "BOOLEAN",
    "Datetime": "TIMESTAMP",
    "Date": "DATE",
}


# Internal bookkeeping, not analyst data: what the findings and reports were last computed from, so a run with
# nothing changed can skip recomputing them (key -> fingerprint).
STATE_DDL = (
    "CREATE TABLE IF NOT EXISTS _statlint_state "
    "(key VARCHAR PRIMARY KEY, value VARCHAR, updated_at TIMESTAMP)"
)


def get_state(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = con.execute("SELECT value FROM _statlint_state WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_state(con: duckdb.DuckDBPyConnection, key: str, value: str | None) -> None:
    con.execute("DELETE FROM _statlint_state WHERE key = ?", [key])
    if value is not None:
        con.execute("INSERT INTO _statlint_state VALUES (?, ?, now())", [key, value])


class WarehouseError(Exception):
    """The warehouse cannot be opened or is of an unknown version; the message says what to do."""


@functools.cache
def column_types(table: str) -> dict[str, str]:
    """Column name -> DuckDB type of a table, from its pandera model (cached: building the schema costs
    milliseconds, and every connection and load asks). Callers must not modify the returned dict."""
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


def connect(
    path: Path | str = DEFAULT_PATH,
    read_only: bool = False,
    wait_seconds: float = 30.0,
) -> duckdb.DuckDBPyConnection:
    """Open the warehouse, waiting up to `wait_seconds` for another process's connection to close."""
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
                    f"{path}: the warehouse is in use by another process (waited {wait_seconds:.0f}s); "
                    "try again when it has finished"
                ) from exc
            time.sleep(0.2)
    con.execute("SET enable_progress_bar = false")  # DuckDB draws one on stdout for queries over 2 s
    if not read_only:
        ensure_schema(con)
    else:
        check_version(con)
    return con


@contextlib.contextmanager
def run_lock(path: Path | str, wait_seconds: float = 30.0) -> Iterator[None]:
    """One pipeline run per warehouse at a time, across processes.

    DuckDB's own lock only lasts while a connection is open, and a run opens several (flows, report readers),
    so two runs could interleave between them. This advisory lock file beside the warehouse is held for the
    whole run; the kernel drops it when the holder dies (even on SIGKILL), so a crash never leaves a stale
    lock."""
    lock_path = Path(str(path) + ".run-lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    fh = lock_path.open("a+")
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read().strip() or "another process"
                    raise WarehouseError(
                        f"{path}: another statlint run is using this warehouse ({holder}); waited "
                        f"{wait_seconds:.0f}s. Try again when it has finished (or raise --lock-wait)."
                    ) from None
                time.sleep(0.2)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}")
        fh.flush()
        yield
    finally:
        fh.close()  # closing the descriptor releases the lock


def run_lock_holder(path: Path | str) -> str | None:
    """Who holds the run lock now, or None (for `statlint status`)."""
    lock_path = Path(str(path) + ".run-lock")
    if not lock_path.exists():
        return None
    with lock_path.open("a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            return fh.read().strip() or "another process"
        fcntl.flock(fh, fcntl.LOCK_UN)
    return None


def check_version(con: duckdb.DuckDBPyConnection) -> None:
    try:
        row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    except duckdb.CatalogException as exc:
        raise WarehouseError("not a statlint warehouse (no schema_version table)") from exc
    version = row[0] if row else None
    if version is not None and version > SCHEMA_VERSION:
        raise WarehouseError(
            f"warehouse schema version {version} is newer than this statlint ({SCHEMA_VERSION}); "
            "upgrade statlint"
        )


def _schema_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Every table has every column at its type, the state table exists and no migration is pending: what
    `ensure_schema` would leave unchanged. Two queries instead of some forty (a run connects many times)."""
    from statlint.migrations import MIGRATIONS, current_version

    version = current_version(con)
    if any(version < target <= SCHEMA_VERSION for target, _ in MIGRATIONS):
        return False
    have: dict[str, dict[str, str]] = {}
    for table, column, typ in con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'main'"
    ).fetchall():
        have.setdefault(table, {})[column] = typ
    if "_statlint_state" not in have:
        return False
    for table in TABLES:
        cols = have.get(table)
        if cols is None or any(cols.get(c) != typ for c, typ in column_types(table).items()):
            return False
    return True


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)")
    check_version(con)
    if _schema_current(con):
        from statlint.views import create_views

        create_views(con)
        return
    for table in TABLES:
        con.execute(ddl(table))
    con.execute(STATE_DDL)
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
    """Append a frame in one statement (DuckDB scans the Arrow buffers: no per-row Python)."""
    if df.height == 0:
        return 0
    cols = list(column_types(table))
    if df.columns != cols:  # validated frames arrive in table order already: a select costs ~0.3 ms
        df = df.select(cols)
    incoming = df.to_arrow()  # noqa: F841 - read by DuckDB's replacement scan below
    names = ", ".join(f'"{c}"' for c in cols)
    con.execute(f'INSERT INTO "{table}" ({names}) SELECT {names} FROM incoming')
    return df.height


def delete_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """Every row derived from one document, including its quarantined rows from earlier versions."""
    delete_documents(con, [doc_id])


def delete_documents(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
    """As `delete_document` for several documents, one statement per table."""
    if not doc_ids:
        return
    ids = list(doc_ids)
    for name, t in TABLES.items():
        if t.doc_scoped:
            con.execute(f'DELETE FROM "{name}" WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))', [ids])
    con.execute("DELETE FROM rejected_rows WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids])


def replace_document(
    con: duckdb.DuckDBPyConnection, doc_id: str, frames: dict[str, pl.DataFrame], replaces: bool = True
) -> None:
    """Swap one document's rows in one transaction: readers see the old version or the new, never a mix.

    `replaces=False` (the planner knows the id is new) skips the deletes, a third of a small document's
    load."""
    with transaction(con):
        if replaces:
            delete_document(con, doc_id)
        for table, df in frames.items():
            insert_frame(con, table, df)
            fault_point("between-tables")


def fault_point(name: str) -> None:
    """Test hook: STATLINT_FAULT="name:N" hard-exits the process (os._exit, like a kill) the Nth time `name`
    is reached; "name:N:raise" raises instead. Costs one dict lookup when unset. Lets tests crash a real run
    mid-load and check the warehouse is left as it was before the document."""
    spec = os.environ.get("STATLINT_FAULT")
    if not spec or not spec.startswith(name + ":"):
        return
    parts = spec.split(":")
    _FAULT_COUNTS[name] = _FAULT_COUNTS.get(name, 0) + 1
    if _FAULT_COUNTS[name] == int(parts[1]):
        if len(parts) > 2 and parts[2] == "raise":
            raise InjectedFault(f"injected fault at {name} #{parts[1]}")
        os._exit(75)


class InjectedFault(RuntimeError):
    """Raised by `fault_point` in tests."""


_FAULT_COUNTS: dict[str, int] = {}


def table_frame(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> pl.DataFrame:
    return con.execute(sql, params or []).pl()
