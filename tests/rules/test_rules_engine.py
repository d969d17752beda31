"""The engine: configuration switches and re-grades rules, a crashing rule becomes a finding, the run goes on,
and fingerprints survive re-ingestion."""

from __future__ import annotations

import pytest

from statlint.check import check_warehouse
from statlint.rules import base
from statlint.rules.base import Finding, RuleContext, rule
from statlint.rules.engine import RuleConfig, findings_frames, load_rules, run_rules, stream_frames

CONFLICT_DOC = """区域发展报告
一、现状
2024年东部省份政务服务网办率达92%。
二、问题
2024年东部省份政务服务网办率为65%。
"""


@pytest.fixture
def broken_rule():
    """A rule that raises, registered for one test only."""

    @rule("SL299", "always-crashes", "conflict", "warning", bad="-", good="-")
    def always_crashes(ctx: RuleContext):
        """Raises, to show that a broken rule does not stop the catalogue."""
        raise RuntimeError("boom")

    yield "SL299"
    base.REGISTRY.pop("SL299")


def test_a_crashing_rule_becomes_an_error_finding_and_the_run_goes_on(load_docs, broken_rule) -> None:
    con = load_docs({"doc": CONFLICT_DOC})
    results = run_rules(RuleContext(con))
    crashed = [(r, f) for r, f in results if r.id == broken_rule]
    assert len(crashed) == 1
    r, f = crashed[0]
    assert r.category == "rule_error" and f.severity == "error" and "boom" in f.message_en
    assert any(r.id == "SL201" for r, _ in results), "the other rules still ran"
    findings, _ = findings_frames(results, "run")
    assert findings.filter(findings["rule"] == broken_rule)["category"].to_list() == ["rule_error"]


@pytest.fixture
def half_broken_rule():
    """A rule that yields two findings, then raises."""

    @rule("SL298", "crashes-midway", "conflict", "warning", bad="-", good="-")
    def crashes_midway(ctx: RuleContext):
        """Yields, then raises: its partial findings must not be stored."""
        for i in range(2):
            yield Finding(
                rule="SL298", doc_id=None, message=f"m{i}", message_en=f"m{i}", evidence=[], key=str(i)
            )
        raise RuntimeError("midway")

    yield "SL298"
    base.REGISTRY.pop("SL298")


def test_streamed_frames_equal_the_frames_of_all_findings(seed_warehouse, half_broken_rule) -> None:
    """check_warehouse turns findings into frames a chunk at a time (memory); the frames must be the ones
    built from every finding at once, whatever the chunk size, a crash midway included."""
    import duckdb

    con = duckdb.connect(str(seed_warehouse), read_only=True)
    try:
        config = RuleConfig({"SL201": "error"})
        whole_f, whole_e = findings_frames(run_rules(RuleContext(con), config), "run", {"x": "y"})
        for chunk in (1, 3, 1000):
            f, e = stream_frames(RuleContext(con), config, "run", {"x": "y"}, chunk=chunk)
            assert f.drop("created_at").equals(whole_f.drop("created_at")), chunk
            assert e.equals(whole_e), chunk
            assert f["created_at"].n_unique() == 1
        crashed = whole_f.filter(whole_f["rule"] == half_broken_rule)
        assert crashed["category"].to_list() == ["rule_error"]  # not the two findings before the crash
        assert whole_f.height > 10 and whole_e.height > whole_f.height
    finally:
        con.close()


def test_rules_are_switched_off_and_regraded_by_id_or_category(load_docs) -> None:
    con = load_docs({"doc": CONFLICT_DOC})
    default = [f for r, f in run_rules(RuleContext(con)) if r.id == "SL201"]
    assert default and default[0].severity == "warning"
    off = run_rules(RuleContext(con), RuleConfig({"SL201": "off"}))
    assert not [f for r, f in off if r.id == "SL201"]
    off_category = run_rules(RuleContext(con), RuleConfig({"conflict": "off"}))
    assert not [f for r, f in off_category if r.category == "conflict"]
    graded = run_rules(RuleContext(con), RuleConfig({"conflict": "error", "SL101": "info"}))
    assert [f.severity for r, f in graded if r.id == "SL201"] == ["error"]
    rule_wins = run_rules(RuleContext(con), RuleConfig({"conflict": "off", "SL201": "on"}))
    assert [r.id for r, _ in rule_wins if r.id == "SL201"] == ["SL201"]


def test_configuration_mistakes_are_named() -> None:
    with pytest.raises(ValueError, match="SL201"):
        RuleConfig({"SL201": "loud"})
    assert RuleConfig({"SL2O1": "off", "conflict": "off"}).unknown() == ["SL2O1"]


def test_fingerprints_survive_reingestion_with_shifted_offsets(load_docs) -> None:
    first = load_docs({"doc": CONFLICT_DOC}, db="a.duckdb")
    shifted = CONFLICT_DOC.replace("一、现状\n", "一、现状\n本节介绍总体情况。\n")
    second = load_docs({"doc": shifted}, db="b.duckdb")
    fa = {f.fingerprint() for r, f in run_rules(RuleContext(first)) if r.id == "SL201"}
    fb = {f.fingerprint() for r, f in run_rules(RuleContext(second)) if r.id == "SL201"}
    assert fa and fa == fb


def test_waived_findings_are_stored_as_waived_not_dropped(load_docs) -> None:
    con = load_docs({"doc": CONFLICT_DOC})
    n = check_warehouse(con, "run1")
    fp = con.execute("SELECT fingerprint FROM findings WHERE rule = 'SL201'").fetchone()[0]
    assert check_warehouse(con, "run2", waivers={fp: "accepted: source uses two definitions"}) == n
    waived = con.execute(
        "SELECT waived, waiver_reason, run_id FROM findings WHERE fingerprint = ?", [fp]
    ).fetchone()
    assert waived == (True, "accepted: source uses two definitions", "run1")


def test_registry_ids_fit_their_categories_and_every_rule_is_documented() -> None:
    rules = load_rules()
    assert len(rules) >= 9
    for r in rules.values():
        assert base.CATEGORIES[r.category] == int(r.id[2])
        assert r.rationale and r.bad and r.good and r.bad != r.good
    assert {r.category for r in rules.values()} == set(base.CATEGORIES)


def test_a_finding_fingerprint_depends_on_rule_document_and_key_only() -> None:
    a = Finding("SL201", "doc", "m", "m", [], key="k")
    b = Finding("SL201", "doc", "other message", "other", [], key="k", severity="error")
    assert a.fingerprint() == b.fingerprint() != Finding("SL201", "doc2", "m", "m", [], key="k").fingerprint()


NEGATIVE_DOC = """区域发展报告
一、现状
2024年东部省份规上工业利润增长−15%。2024年东部省份企业净利润率为-3.2%。
二、问题
2024年东部省份企业净利润率为-2.1%。
"""


def test_negative_figures_are_checked_like_any_other(load_docs) -> None:
    # a negative value once made the staging of facts take the logarithm of a negative ratio (NaN, then a
    # failed cast): every rule crashed on such a document
    con = load_docs({"doc": NEGATIVE_DOC})
    values = sorted(v for (v,) in con.execute("SELECT value FROM statistics").fetchall())
    assert values == [-15.0, -3.2, -2.1]
    results = run_rules(RuleContext(con))
    assert not [r.id for r, _ in results if r.category == "rule_error"]
    conflicts = [f for r, f in results if r.id == "SL201"]
    assert len(conflicts) == 1 and "-2.1%" in conflicts[0].message_en
