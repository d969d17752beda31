"""Shared helpers for the rule tests: load documents through the real pipeline into a temporary warehouse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from statlint.ingest import process_path
from statlint.load import load_bundle
from statlint.warehouse import connect


@pytest.fixture
def load_docs(tmp_path: Path) -> Callable[..., duckdb.DuckDBPyConnection]:
    """load_docs({"name": text, ...}) or load_docs(paths=[...]) -> an open warehouse connection."""
    opened: list[duckdb.DuckDBPyConnection] = []

    def load(
        docs: dict[str, str] | None = None, paths: list[Path] | None = None, db: str = "wh.duckdb"
    ) -> duckdb.DuckDBPyConnection:
        con = connect(tmp_path / db)
        opened.append(con)
        files = list(paths or [])
        for name, text in (docs or {}).items():
            f = tmp_path / f"{name}.txt"
            f.write_text(text, "utf-8")
            files.append(f)
        for f in files:
            bundle = process_path(f, run_id="test")
            assert bundle.status == "ok", bundle.reason
            load_bundle(con, bundle, "test")
        return con

    yield load
    for con in opened:
        con.close()
