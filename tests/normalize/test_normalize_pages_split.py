"""Page furniture works on lines ended by a line break or a page break: _split cuts exactly LINE's lines."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from statlint.normalize import pages
from statlint.normalize.pages import LINE, _split, find_page_furniture

PIECES = st.sampled_from(
    ["\n", "\f", "\r", " ", "数据。", "- 3 -", "第2页 共9页", "1/20", "研究报告", "一、"]
)


def _lines_by_matching(raw: str) -> list[tuple[int, int, str]]:
    """(start, end of content, content) of each line as LINE.finditer finds them: the oracle."""
    out = []
    for m in LINE.finditer(raw):
        if m.start() == m.end():
            break
        body = m.group().rstrip("\n\f")
        out.append((m.start(), m.start() + len(body), body))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_lines_are_cut_as_line_matches_them(raw: str) -> None:
    assert [tuple(line) for line in _split(raw)] == _lines_by_matching(raw)


def test_a_page_number_between_paragraph_halves_is_cut_and_the_paragraph_healed() -> None:
    raw = "数字经\n- 3 -\n\f济规模。\n"
    edits = find_page_furniture(raw)
    assert [(e.raw_start, e.raw_end, e.replacement) for e in edits] == [(3, 11, "")]
    assert raw[:3] + raw[11:] == "数字经济规模。\n"


def test_a_text_the_page_number_scan_passes_has_no_page_number_line():
    """find_page_furniture returns early when the scans find no page-number line: none may be missed."""
    rng = random.Random(7)
    alphabet = list("  \t\r\u3000\n-—·•第页共/,，Pageof 1203٣x数\x0b\x1c\x85")
    found = 0
    for _ in range(30000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 14)))
        lines = [ln.text.strip() for ln in pages._split(text)]
        if any(ln and pages.PAGE_NUMBER_LINE.fullmatch(ln) for ln in lines):
            found += 1
            assert pages.FIRST_PAGE_NUMBER.match(text) or pages.LATER_PAGE_NUMBER.search(text), text
    assert found > 20
