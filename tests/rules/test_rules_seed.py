"""The catalogue on real documents: the seed's known inconsistencies are found, its faithful repeats are not;
the 2026 government work reports (../shared/corpus) raise almost nothing."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from statlint.rules.base import RuleContext
from statlint.rules.engine import run_rules
from statlint.rules.language import in_script


@pytest.fixture(scope="module")
def seed_findings(tmp_path_factory, seed_path: Path) -> list:
    from statlint.ingest import process_path
    from statlint.load import load_bundle
    from statlint.warehouse import connect

    con = connect(tmp_path_factory.mktemp("seed") / "wh.duckdb")
    load_bundle(con, process_path(seed_path, run_id="t"), "t")
    results = run_rules(RuleContext(con))
    con.close()
    return results


def _quoted(results: list, rule_id: str) -> list[str]:
    return [" ".join(s.text for s in f.evidence) + " " + f.message for r, f in results if r.id == rule_id]


def test_no_rule_crashes_on_the_seed(seed_findings: list) -> None:
    assert not [f.message_en for r, f in seed_findings if r.category == "rule_error"]


def test_the_issue_examples_are_found(seed_findings: list) -> None:
    attribution = _quoted(seed_findings, "SL301")
    assert any("23" in q and "成渝" in q and "浙江" in q for q in attribution)
    restated = _quoted(seed_findings, "SL401")
    assert any("12種" in q and "12個" in q for q in restated)
    national = _quoted(seed_findings, "SL603")
    assert any("92%" in q and "65%" in q for q in national)
    assert any("15%" in q for q in _quoted(seed_findings, "SL604"))
    window = [f for r, f in seed_findings if r.id == "SL101" and f.severity == "error"]
    assert any("200類" in " ".join(s.text for s in f.evidence) for f in window)
    assert [f for r, f in seed_findings if r.id == "SL501"], (
        "2025 is both a target year and a year of results"
    )


def test_faithful_repeats_are_not_flagged(seed_findings: list) -> None:
    restated = " ".join(_quoted(seed_findings, "SL401"))
    for repeated in ("82%", "38%", "45%", "35%", "1200個"):
        assert repeated not in restated
    assert not [f for r, f in seed_findings if r.id in ("SL201", "SL601", "SL602", "SL605")]


def test_messages_are_in_the_documents_script_with_english_beside(seed_findings: list) -> None:
    for _, f in seed_findings:
        assert f.message == in_script(f.message, "traditional"), f.message
        assert f.message_en.isascii() or any(c.isascii() for c in f.message_en)
        assert all(s.section_path is not None for s in f.evidence)


def test_government_work_reports_raise_almost_nothing(shared_dir: Path, tmp_path: Path) -> None:
    from statlint.ingest import process_path
    from statlint.load import load_bundle
    from statlint.warehouse import connect

    files = sorted((shared_dir / "corpus" / "gwr2026").glob("gwr2026_*.txt"))
    if not files:
        pytest.skip("gwr2026 corpus not present")
    con = connect(tmp_path / "gwr.duckdb")
    for f in files:
        load_bundle(con, process_path(f, run_id="t"), "t")
    results = run_rules(RuleContext(con))
    con.close()
    by_category = Counter(r.category for r, _ in results if r.category != "text_quality")
    assert "rule_error" not in by_category
    assert sum(by_category.values()) <= len(files) // 5, by_category
