"""docs/queries.md and docs/warehouse.md are real: every example query runs on the seed and returns rows,
and the data dictionary matches the schemas it is generated from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from schemas import TABLES
from statlint.datadict import render_data_dictionary
from statlint.views import VIEWS
from statlint.warehouse import connect

DOCS = Path(__file__).resolve().parents[2] / "docs"
QUERIES = re.findall(r"^## (.+?)\n.*?```sql\n(.*?)```", (DOCS / "queries.md").read_text("utf-8"), re.S | re.M)


def test_there_are_at_least_eight_example_queries() -> None:
    assert len(QUERIES) >= 8


@pytest.mark.parametrize(("title", "sql"), QUERIES, ids=[t.split(".")[0] for t, _ in QUERIES])
def test_example_query_returns_rows_on_the_seed(seed_warehouse: Path, title: str, sql: str) -> None:
    con = connect(seed_warehouse, read_only=True)
    try:
        rows = con.execute(sql).fetchall()
    finally:
        con.close()
    assert rows, f"'{title}' returned no rows on the seed"


def test_data_dictionary_is_up_to_date() -> None:
    current = (DOCS / "warehouse.md").read_text("utf-8")
    assert current == render_data_dictionary(), "docs/warehouse.md is stale: run `statlint docs`"


def test_data_dictionary_covers_every_table_column_and_view() -> None:
    text = render_data_dictionary()
    for name, table in TABLES.items():
        assert f"### `{name}`" in text
        for column, col in table.model.to_schema().columns.items():
            row = next((line for line in text.splitlines() if line.startswith(f"| `{column}` |")), None)
            assert row is not None, f"{name}.{column} missing"
            assert col.description and col.description.split(" (")[0][:20] in text
    for view in VIEWS:
        assert f"### `{view.name}`" in text
    assert "Querying during a run" in text and "statlint export --parquet" in text
