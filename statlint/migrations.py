"""Schema migrations, applied in order to bring an older warehouse up to SCHEMA_VERSION.

Each migration is (version, list of SQL statements). Version 1 is the initial schema created from the pandera
models; later versions append here and never edit an earlier entry.
"""

from __future__ import annotations

import duckdb

from schemas import SCHEMA_VERSION

MIGRATIONS: list[tuple[int, list[str]]] = [
    (1, []),
]


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
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
    return version
