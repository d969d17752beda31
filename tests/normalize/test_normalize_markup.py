"""Emphasis asterisks around words and figures are dropped; bullets and Latin asterisks stay."""

from __future__ import annotations

import pytest

from statlint.normalize import normalize
from statlint.normalize.markup import find_emphasis


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("规模达到**53.9万亿元**，同比增长*7.4%*。", "规模达到53.9万亿元,同比增长7.4%。"),
        ("**加粗标题**", "加粗标题"),
        ("注*：数据为初步核算。", "注:数据为初步核算。"),
    ],
)
def test_emphasis_marks_are_dropped(raw: str, clean: str) -> None:
    assert normalize(raw).text == clean


@pytest.mark.parametrize("raw", ["* 列表项", "a * b", "x**2 + y**2"])
def test_bullets_and_latin_asterisks_stay(raw: str) -> None:
    assert find_emphasis(raw) == []


def test_a_figure_between_marks_maps_back_to_its_raw_characters() -> None:
    raw = "同比增长*7.4%*。"
    clean = normalize(raw)
    start = clean.text.index("7.4%")
    assert clean.raw_quote(start, start + 4) == "7.4%"
    assert clean.repairs == []  # routine, like spacing
