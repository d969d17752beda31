"""What the report reads from the warehouse: statistics' hover texts as DuckDB writes them."""

from __future__ import annotations

import itertools

import duckdb

from statlint.report.model import _STAT_MARK


def _title(row: tuple) -> str:
    """The hover text's definition, formatted in Python."""
    number, value_text, unit, qualifier, year, entity, metric, role = row
    value = value_text if qualifier in (None, "=") else f"{qualifier}{value_text}"
    title = (
        f"{number} · value {value} · unit {unit or '—'} · year {year or '—'} · scope {entity or '—'} · "
        f"metric {metric or '—'}"
    )
    return f"{title} · role {role}" if role and role != "level" else title


def test_statistic_titles_written_by_duckdb_match_their_definition() -> None:
    """Every combination of missing, empty and present parts (and the qualifiers and roles that change
    the text) reads as the Python definition."""
    con = duckdb.connect()
    con.execute(
        'CREATE TABLE statistics (start BIGINT, "end" BIGINT, number_text VARCHAR, value_text VARCHAR, '
        "unit VARCHAR, qualifier VARCHAR, year BIGINT, entity VARCHAR, metric VARCHAR, role VARCHAR)"
    )
    parts = [
        [None, "50.2萬億元"],
        [None, "50200000000000"],
        [None, "", "元"],
        [None, "", "=", ">=", "~"],
        [None, 0, 2022],
        [None, "", "全國<b>&'\""],
        [None, "", "規模"],
        [None, "", "level", "target"],
    ]
    rows = [(i, i + 1, *combo) for i, combo in enumerate(itertools.product(*parts))]
    con.executemany("INSERT INTO statistics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    got = con.execute(f"SELECT {_STAT_MARK} FROM statistics ORDER BY start").fetchall()
    assert got == [(s, e, "stat", _title(rest)) for s, e, *rest in rows]
