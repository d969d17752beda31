"""Page furniture works on lines ended by a line break or a page break: _split cuts exactly LINE's lines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

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
