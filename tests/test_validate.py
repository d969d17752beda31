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


def _pandera_only(monkeypatch, table: str, df: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    import statlint.validate as validate

    with monkeypatch.context() as m:
        m.setattr(validate, "_all_pass", lambda _t, _df: False)
        v = validate_table(table, df, "run1", "d")
    return v.valid, v.rejected.drop("rejected_at")


def test_one_collect_pass_agrees_with_pandera(monkeypatch) -> None:
    """The one-collect test accepts a frame only when pandera would keep every row as is; any failure goes to
    pandera, so the quarantined rows and their reasons are pandera's own."""
    from statlint.validate import _all_pass

    good = frame("statistics", [_stat(), _stat(stat_id=1, value_high=50.0)])
    assert _all_pass("statistics", good)
    v = validate_table("statistics", good, "run1", "d")
    valid, rejected = _pandera_only(monkeypatch, "statistics", good)
    assert v.valid.equals(valid) and v.rejected.drop("rejected_at").equals(rejected)
    bad_rows = [
        {"qualifier": "about"},  # isin
        {"precision": 13},  # le
        {"stat_id": -1},  # ge
        {"confidence": 1.5},
        {"number_text": ""},  # str_length
        {"start": 20, "end": 5},  # frame check
        {"value_high": 1.0},  # frame check with a nullable column
        {"value": None},  # not nullable
        {"value": float("nan")},  # NaN counts as null for a float column
        {"year": 1700},  # nullable column with a range
    ]
    for over in bad_rows:
        df = frame("statistics", [_stat(), _stat(**{"stat_id": 1, **over})])
        assert not _all_pass("statistics", df), over
        v = validate_table("statistics", df, "run1", "d")
        valid, rejected = _pandera_only(monkeypatch, "statistics", df)
        assert v.valid.equals(valid) and v.rejected.drop("rejected_at").equals(rejected), over
        assert v.rejected.height == 1, over
    assert not _all_pass("statistics", good.with_columns(pl.col("year").cast(pl.Int32)))  # dtype
    assert not _all_pass("statistics", good.with_columns(extra=pl.lit(1)))  # strict
    assert not _all_pass("statistics", good.drop("unit"))
    docs = frame("documents", [{"doc_id": "a", "path": "p", "status": "ok"}] * 2)
    assert not _all_pass("documents", docs)  # unique doc_id
    assert _all_pass("documents", docs.head(1))
    assert not _all_pass("documents", docs.head(1).with_columns(sha256=pl.lit("short")))


def test_split_unchanged_matches_partition_by() -> None:
    """Slicing the validated chunk per document gives partition_by's frames, or declines when it cannot."""
    from statlint.load import _split_unchanged

    def split(parts: list[pl.DataFrame]) -> dict | None:
        whole = pl.concat(parts)
        return _split_unchanged(whole, whole, parts, whole.columns)

    a = frame("statistics", [_stat(doc_id="a"), _stat(doc_id="a", stat_id=1)])
    b = frame("statistics", [_stat(doc_id="b")])
    got = split([a, b])
    want = pl.concat([a, b]).partition_by("doc_id", as_dict=True, maintain_order=True)
    assert got is not None and list(got) == ["a", "b"]
    assert all(got[k].equals(want[(k,)]) for k in got)
    assert split([a, b, a]) is None  # a document in two parts: partition_by merges them
    assert split([pl.concat([a, b])]) is None  # two documents in one part
    whole = pl.concat([a, b])
    assert _split_unchanged(whole.clone(), whole, [a, b], whole.columns) is None  # validation changed it
