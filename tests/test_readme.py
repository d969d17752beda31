"""The README's generated tables match the registry, the schemas and the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from statlint.readme import render

ROOT = Path(__file__).resolve().parents[1]


def test_readme_generated_sections_are_current() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    assert render(text) == text, "README is out of date: run `statlint docs`"


def test_rule_table_lists_every_registered_rule() -> None:
    from statlint.rules.engine import load_rules

    text = (ROOT / "README.md").read_text("utf-8")
    for rule_id in load_rules():
        assert f"| {rule_id} |" in text


def test_readme_names_the_two_setup_commands() -> None:
    text = (ROOT / "README.md").read_text("utf-8")
    setup = text[text.index("## Set-up") : text.index("## What it does")]
    assert "make run" in setup and "make test" in setup


def test_missing_markers_are_an_error() -> None:
    with pytest.raises(ValueError, match="rules:start"):
        render("# a README with no generated sections\n")
