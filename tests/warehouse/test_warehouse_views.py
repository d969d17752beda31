"""The analyst's views answer their questions on the seed, and rejected rows stay queryable."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from statlint.ingest import process_path
from statlint.load import load_bundle
from statlint.warehouse import connect


def _one(con, sql: str, params: list | None = None):
    return con.execute(sql, params or []).fetchall()[0][0]


def test_views_join_what_the_analyst_needs(seed_warehouse: Path) -> None:
    con = connect(seed_warehouse, read_only=True)
    try:
        n_stats = _one(con, "SELECT count(*) FROM statistics")
        assert _one(con, "SELECT count(*) FROM v_statistics") == n_stats
        assert _one(con, "SELECT count(*) FROM v_statistics WHERE doc_title IS NULL OR sentence IS NULL") == 0
        assert _one(con, "SELECT count(*) FROM v_statistics WHERE section_title IS NOT NULL") > n_stats * 0.9
        row = con.execute(
            "SELECT in_window, year, window_start, window_end FROM v_statistics "
            "WHERE number_text = '50.2萬億元'"
        ).fetchall()[0]
        assert row == (True, 2022, 2018, 2023)
        # One row per evidence span, each carrying the sentence that holds it.
        n_spans = _one(con, "SELECT count(*) FROM finding_evidence")
        assert _one(con, "SELECT count(*) FROM v_findings WHERE evidence_ordinal IS NOT NULL") == n_spans
        assert _one(con, "SELECT count(*) FROM v_findings WHERE evidence_sentence IS NULL") < n_spans * 0.05
        sample = con.execute(
            "SELECT evidence_text, evidence_sentence FROM v_findings WHERE evidence_sentence IS NOT NULL"
        ).fetchall()
        # The span is in its sentence, or starts at its end and runs on (mojibake can straddle a split).
        assert all(
            text in sentence or any(sentence.endswith(text[:k]) for k in range(1, len(text)))
            for text, sentence in sample
        )
        cov = dict(((y, p) for y, p in con.execute("SELECT year, position FROM v_year_coverage").fetchall()))
        assert cov[2022] == "inside" and cov[2024] == "after"
        assert 2018 not in cov or cov[2018] == "inside"  # the declaration itself is not a citation
    finally:
        con.close()


def test_rejected_rows_keep_document_key_and_every_failed_check(tmp_path: Path, seed_path: Path) -> None:
    bundle = process_path(seed_path, "run-a")
    stats = bundle.frames["statistics"]
    bad_id = int(stats["stat_id"][3])
    bundle.frames["statistics"] = stats.with_columns(
        pl.when(pl.col("stat_id") == bad_id).then(1.5).otherwise(pl.col("confidence")).alias("confidence"),
        pl.when(pl.col("stat_id") == bad_id).then(-1).otherwise(pl.col("precision")).alias("precision"),
    )
    con = connect(tmp_path / "w.duckdb")
    try:
        result = load_bundle(con, bundle, "run-a")
        assert result.n_rejected == 1
        rows = con.execute(
            "SELECT run_id, doc_id, table_name, row_key, failed_checks FROM rejected_rows"
        ).fetchall()
        assert len(rows) == 1
        run_id, doc_id, table, key, failed = rows[0]
        assert (run_id, doc_id, table, key) == (
            "run-a",
            bundle.doc_id,
            "statistics",
            f"{bundle.doc_id}/{bad_id}",
        )
        assert {c["column"] for c in json.loads(failed)} == {"confidence", "precision"}
        checks = con.execute(
            "SELECT column_name, check_name, failure_case FROM v_rejected_checks WHERE run_id = 'run-a' "
            "ORDER BY column_name"
        ).fetchall()
        assert [c[0] for c in checks] == ["confidence", "precision"]
        assert checks[0][2] == "1.5" and checks[1][2] == "-1"
        # The good rows of the same document loaded; reloading the document keeps its rejection queryable.
        assert _one(con, "SELECT count(*) FROM statistics") == stats.height - 1
        load_bundle(con, bundle, "run-b")
        assert _one(con, "SELECT count(*) FROM v_rejected_checks WHERE row_key = ?", [key]) >= 2
    finally:
        con.close()
