"""Schema migrations, applied in order to bring an older warehouse up to SCHEMA_VERSION.

Each migration is (version, list of SQL statements). Version 1 is the initial schema created from the pandera
models; later versions append here and never edit an earlier entry. A warehouse made before versioning existed
has an empty `schema_version` table and counts as version 0.

Besides the numbered steps, `add_missing_columns` adds any column the pandera models declare and the warehouse
lacks: a new nullable column is the common change (the extractor gains a field), and without it every load
into an existing warehouse would fail on the INSERT. Anything that is not additive (a changed type, a renamed
column) needs a numbered migration; `migrate` stops with a clear message rather than load into a table whose
columns disagree with the models.
"""

from __future__ import annotations

import duckdb

from schemas import SCHEMA_VERSION, TABLES
from statlint.warehouse import WarehouseError, column_types

MIGRATIONS: list[tuple[int, list[str]]] = [
    (1, []),
]


class MigrationError(WarehouseError):
    """The warehouse cannot be brought to this schema automatically; the message says what to do."""


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def warehouse_columns(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    rows = con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return {name: typ for name, typ in rows}


def add_missing_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Add columns declared in the models but absent from the warehouse; return 'table.column' for each."""
    added = []
    for table in TABLES:
        have = warehouse_columns(con, table)
        for column, typ in column_types(table).items():
            if column not in have:
                con.execute(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {typ}')
                added.append(f"{table}.{column}")
    return added


def type_mismatches(con: duckdb.DuckDBPyConnection) -> list[str]:
    out = []
    for table in TABLES:
        have = warehouse_columns(con, table)
        for column, typ in column_types(table).items():
            if column in have and have[column] != typ:
                out.append(f"{table}.{column} is {have[column]} in the warehouse, {typ} in this statlint")
    return out


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply pending numbered migrations, then add missing columns; return the version reached."""
    version = current_version(con)
    for target, statements in MIGRATIONS:
        if target <= version or target > SCHEMA_VERSION:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for sql in statements:
                con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES (?, now())", [target])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        version = target
    add_missing_columns(con)
    wrong = type_mismatches(con)
    if wrong:
        raise MigrationError(
            "the warehouse's columns disagree with this statlint and no migration covers it: "
            + "; ".join(wrong)
            + ". Export what you need (`statlint export --parquet DIR`), move the warehouse file aside and "
            "run `statlint run --force` to rebuild it."
        )
    return version
