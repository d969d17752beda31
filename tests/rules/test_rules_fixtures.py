"""Every rule's pass/fail cases, as data: tests/rules/fixtures/SLxxx.toml, one file per rule.

Each case is a minimal document (or several, for cross-document rules) run through the real pipeline
(`process_path` -> `load_bundle` into a temporary DuckDB warehouse), then the one rule under test. A case
says whether the rule must fire on it (`expect = "fire"`) or must stay silent (`expect = "pass"`, a near
miss). Adding a case is three lines of TOML, not a new test function.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from statlint.ingest import process_path
from statlint.load import load_bundle
from statlint.rules.base import RuleContext
from statlint.rules.engine import load_rules
from statlint.warehouse import connect

FIXTURES = Path(__file__).parent / "fixtures"


def _cases() -> list:
    out = []
    for path in sorted(FIXTURES.glob("SL*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        for case in data["case"]:
            out.append(pytest.param(path.stem, case, id=f"{path.stem}-{case['expect']}-{case['name']}"))
    return out


def run_rule(rule_id: str, docs: dict[str, str], tmp_path: Path) -> list:
    """Load the documents into a fresh warehouse and run one rule; return its findings."""
    con = connect(tmp_path / "wh.duckdb")
    try:
        for name, text in docs.items():
            f = tmp_path / f"{name}.txt"
            f.write_text(text, "utf-8")
            bundle = process_path(f, run_id="test")
            assert bundle.status == "ok", bundle.reason
            load_bundle(con, bundle, "test")
        findings = list(load_rules()[rule_id].func(RuleContext(con)))
        raw = dict(con.execute("SELECT doc_id, raw_text FROM documents").fetchall())
        for f in findings:  # every quoted span is exactly the raw file's text at its offsets
            assert all(raw[s.doc_id][s.start : s.end] == s.text for s in f.evidence), f.evidence
        return findings
    finally:
        con.close()


@pytest.mark.parametrize(("rule_id", "case"), _cases())
def test_rule_case(rule_id: str, case: dict, tmp_path: Path) -> None:
    docs = {d["name"]: d["text"] for d in case["docs"]} if "docs" in case else {"doc": case["text"]}
    findings = run_rule(rule_id, docs, tmp_path)
    if case["expect"] == "fire":
        assert findings, f"{rule_id} should fire on: {case['name']}"
        for f in findings:
            assert f.rule == rule_id and f.message and f.message_en and f.evidence
            assert all(s.text and s.end > s.start for s in f.evidence)
    else:
        assert not findings, f"{rule_id} should not fire on: {case['name']}: {[f.message for f in findings]}"


def test_every_rule_has_a_firing_case_and_a_near_miss() -> None:
    have: dict[str, set[str]] = {}
    for path in FIXTURES.glob("SL*.toml"):
        have[path.stem] = {c["expect"] for c in tomllib.loads(path.read_text("utf-8"))["case"]}
    for rule_id in load_rules():
        assert have.get(rule_id) == {"fire", "pass"}, f"{rule_id} needs fixtures that fire and that pass"
