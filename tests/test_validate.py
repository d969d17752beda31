"""Validation quarantines bad rows with every reason and keeps the good ones."""

from __future__ import annotations

import json

import polars as pl

from statlint.ingest import frame
from statlint.validate import validate_table


def _stat(**over: object) -> dict:
    row = {
        "doc_id": "d",
        "stat_id": 0,
        "start": 10,
        "end": 14,
        "number_text": "41.5%",
        "value": 41.5,
        "value_text": "41.5",
        "value_high": None,
        "precision": 1,
        "unit": "%",
        "unit_family": "percent",
        "qualifier": "=",
        "year": 2022,
        "base_year": None,
        "entity": None,
        "entity_key": None,
        "metric": None,
        "metric_key": None,
        "role": "level",
        "direction": None,
        "link_id": None,
        "sentence_id": 0,
        "sentence": "s",
        "section_path": "一",
        "confidence": 0.9,
        "needs_review": False,
    }
    row.update(over)
    return row


def test_valid_rows_pass_untouched() -> None:
    df = frame("statistics", [_stat(), _stat(stat_id=1)])
    v = validate_table("statistics", df, "run1")
    assert v.valid.height == 2
    assert v.rejected.height == 0


def test_bad_rows_are_quarantined_with_all_their_reasons() -> None:
    rows = [_stat(), _stat(stat_id=1, qualifier="about", role="guess"), _stat(stat_id=2, start=20, end=5)]
    v = validate_table("statistics", frame("statistics", rows), "run1", "d")
    assert v.valid["stat_id"].to_list() == [0]
    assert sorted(v.rejected["row_key"].to_list()) == ["d/1", "d/2"]
    reasons = {r["row_key"]: json.loads(r["failed_checks"]) for r in v.rejected.iter_rows(named=True)}
    assert {c["column"] for c in reasons["d/1"]} == {"qualifier", "role"}
    assert any("span" in (c["check"] or "") for c in reasons["d/2"])
    kept = json.loads(v.rejected.filter(pl.col("row_key") == "d/1")["row_json"][0])
    assert kept["qualifier"] == "about"  # the row itself is kept, not just its key


def test_frame_level_failure_rejects_every_row() -> None:
    df = frame("statistics", [_stat(), _stat(stat_id=1)]).drop("unit")
    v = validate_table("statistics", df, "run1", "d")
    assert v.valid.height == 0
    assert v.rejected.height == 2
