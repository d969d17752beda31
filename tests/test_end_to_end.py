"""The whole pipeline on the seed report, through the Prefect flows, as `statlint run` does it."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import duckdb
import pytest

from schemas import TABLES
from statlint.cli import EXTRACT_FIELDS
from statlint.ingest import analyse_document, extraction_records
from statlint.read import read_document

pytestmark = pytest.mark.slow

# Tables whose contents must not change when nothing in raw/ changed (runs is the run log: it grows).
STABLE_TABLES = [t for t in TABLES if t != "runs"]


def _dump(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(map(repr, con.execute(f'SELECT * FROM "{t}"').fetchall())) for t in STABLE_TABLES}
    finally:
        con.close()


@pytest.fixture(scope="module")
def seed_run(prefect_harness, seed_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    from flows.pipeline import pipeline_flow

    work = tmp_path_factory.mktemp("e2e")
    raw = work / "raw"
    raw.mkdir()
    shutil.copy(seed_path, raw / seed_path.name)
    db = work / "statlint.duckdb"
    first = pipeline_flow([str(raw)], str(db), str(work / "reports"))
    before = _dump(db)
    second = pipeline_flow([str(raw)], str(db), str(work / "reports"))
    return {
        "db": db,
        "first": first,
        "second": second,
        "before": before,
        "after": _dump(db),
        "reports": work / "reports",
        "doc_id": "digital_government_society_report",
    }


def test_run_builds_warehouse_and_reports(seed_run: dict) -> None:
    assert seed_run["first"]["n_loaded"] == 1 and seed_run["first"]["n_failed"] == 0
    con = duckdb.connect(str(seed_run["db"]), read_only=True)
    n_stats = con.execute("SELECT count(*) FROM statistics").fetchone()[0]
    status = con.execute("SELECT status FROM runs ORDER BY started_at").fetchall()
    con.close()
    assert n_stats > 150
    assert [s[0] for s in status] == ["ok", "ok"]
    doc = seed_run["doc_id"]
    html = (seed_run["reports"] / f"{doc}.html").read_text("utf-8")
    assert "數字政府與數字社會建設關系研究報告" in html
    assert (seed_run["reports"] / f"{doc}.md").is_file()
    assert (seed_run["reports"] / "index.html").is_file()


def test_second_run_is_idempotent(seed_run: dict) -> None:
    assert seed_run["second"]["n_loaded"] == 0
    assert seed_run["second"]["n_skipped"] == 1
    assert seed_run["before"] == seed_run["after"]


def test_every_statistic_dated_2024_or_2025_is_window_evidence(seed_run: dict) -> None:
    con = duckdb.connect(str(seed_run["db"]), read_only=True)
    window = con.execute("SELECT window_start, window_end FROM documents").fetchone()
    uncovered = con.execute(
        """SELECT s.number_text, s.year FROM statistics s
           WHERE s.year IN (2024, 2025) AND NOT EXISTS (
             SELECT 1 FROM finding_evidence e JOIN findings f USING (fingerprint)
             WHERE f.category = 'window' AND e.doc_id = s.doc_id
               AND e.start <= s.start AND e."end" >= s."end")"""
    ).fetchall()
    n_dated = con.execute("SELECT count(*) FROM statistics WHERE year IN (2024, 2025)").fetchone()[0]
    con.close()
    assert window == (2018, 2023)
    assert n_dated > 20
    assert uncovered == []


def test_boilerplate_years_never_become_statistics_or_findings(seed_run: dict) -> None:
    con = duckdb.connect(str(seed_run["db"]), read_only=True)
    cuts = con.execute("SELECT start, \"end\" FROM text_repairs WHERE kind = 'boilerplate'").fetchall()
    assert cuts, "the doc-site header and footer are recognised"
    footer_start = max(s for s, _ in cuts)
    leaked = con.execute(
        """SELECT 'stat', start FROM statistics WHERE start >= ?
           UNION ALL SELECT 'year', start FROM year_mentions WHERE start >= ?
           UNION ALL SELECT 'evidence', start FROM finding_evidence WHERE start >= ?""",
        [footer_start, footer_start, footer_start],
    ).fetchall()
    con.close()
    assert leaked == []


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score_statistics", shared / "eval" / "score_statistics.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_extraction_meets_the_skeleton_bar_on_the_gold(shared_dir: Path, seed_path: Path) -> None:
    scorer = _scorer(shared_dir)
    gold = scorer.load_jsonl(str(shared_dir / "gold" / "seed_statistics_sections_1-4.jsonl"))
    doc = read_document(seed_path)
    clean, st = analyse_document(doc)
    pred = [{k: r[k] for k in EXTRACT_FIELDS} for r in extraction_records(doc, clean, st)]
    lo = min(g["start"] for g in gold)
    hi = max(g["start"] + len(g["number_text"]) for g in gold)
    pred_in = [p for p in pred if lo <= p["start"] < hi]
    pairs = scorer.match(gold, pred_in)
    precision, recall = len(pairs) / len(pred_in), len(pairs) / len(gold)
    assert precision >= 0.85, precision
    assert recall >= 0.80, recall
    for p in pred:  # the contract: raw_text[start:end] is the number with its unit
        assert doc.text[p["start"] : p["end"]] == p["number_text"]
    json.dumps(pred, ensure_ascii=False)  # records are plain JSON
