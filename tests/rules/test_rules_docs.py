"""docs/rules.md is generated from the registry and kept in step with it."""

from __future__ import annotations

from pathlib import Path

from statlint.rules import catalogue_markdown
from statlint.rules.engine import load_rules

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def test_docs_rules_md_is_the_generated_catalogue() -> None:
    assert DOCS.read_text("utf-8") == catalogue_markdown(), (
        "docs/rules.md is out of date: run `statlint rules --format markdown > docs/rules.md`"
    )


def test_every_rule_is_in_the_catalogue_with_its_examples() -> None:
    text = catalogue_markdown()
    for r in load_rules().values():
        assert f"### {r.id} {r.name}" in text and r.bad in text and r.good in text
