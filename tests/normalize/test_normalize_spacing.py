"""Single spaces between Chinese text and numbers are dropped; wider gaps (table columns) stay."""

from __future__ import annotations

import pytest

from statlint.normalize import normalize
from statlint.normalize.spacing import find_number_gaps


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("同比增长 12.5 %，总额 3.2 万亿元。", "同比增长12.5%,总额3.2万亿元。"),
        ("2023 年全国网民规模达 10.92 亿人。", "2023年全国网民规模达10.92亿人。"),
        ("增长\u300012％", "增长12%"),  # the ideographic space, before halving
        ("增长\u00a012%", "增长12%"),
    ],
)
def test_a_single_space_around_a_number_is_dropped(raw: str, clean: str) -> None:
    assert normalize(raw).text == clean


@pytest.mark.parametrize(
    "raw",
    [
        "地区  2023  2024",  # a table's columns: wider gaps
        "北京\t12\t15",
        "GDP 12.5 billion",  # Latin words keep their spaces
        "广东 6.9 50.1",  # a row of a table whose columns are single spaces
        "前言\n江苏 5.5 43.3\n结语",
        "数字经济规模",  # no number
    ],
)
def test_gaps_that_are_not_inside_a_figure_stay(raw: str) -> None:
    assert find_number_gaps(raw) == []


def test_a_figure_read_through_dropped_spaces_maps_back_to_the_raw_text() -> None:
    raw = "营收达 1.2 亿美元。"
    clean = normalize(raw)
    at = clean.text.index("1.2亿美元")
    assert clean.raw_quote(at, at + len("1.2亿美元")) == "1.2 亿美元"
    assert not any(e.kind == "spacing" for e in clean.repairs)  # routine, like full width
