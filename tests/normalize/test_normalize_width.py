"""Full-width forms to half width: every one, one character for one, each an edit of its own."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from statlint.normalize.width import find_full_width, to_half_width


def _half(ch: str) -> str:
    """The half-width form by arithmetic: full-width ASCII sits 0xFEE0 above ASCII."""
    if ch == "\u3000":
        return " "
    return chr(ord(ch) - 0xFEE0) if "\uff01" <= ch <= "\uff5e" else ch


# The full-width block's edges and neighbours (U+FF00, U+FF5F, U+FFE5 stay), ASCII and Chinese.
WIDTH_TEXT = st.text(
    alphabet=st.sampled_from(["\uff00", "\uff01", "\uff10", "\uff0c", "\uff5e", "\uff5f", "\uffe5"])
    | st.characters(min_codepoint=0xFF00, max_codepoint=0xFF70)
    | st.sampled_from(["\u3000", "\u3001", "a", " ", "\n", "数"])
)


@settings(max_examples=300, deadline=None)
@given(WIDTH_TEXT)
def test_every_full_width_form_is_halved_in_place(text: str) -> None:
    assert to_half_width(text) == "".join(map(_half, text))
    edits = find_full_width(text)
    assert [(e.raw_start, e.raw_end, e.replacement, e.note) for e in edits] == [
        (i, i + 1, _half(ch), ch) for i, ch in enumerate(text) if _half(ch) != ch
    ]
    assert all(e.kind == "full_width" for e in edits)


def test_report_punctuation() -> None:
    assert to_half_width("增长１２．５％，达到１００亿元　（同比）") == "增长12.5%,达到100亿元 (同比)"
