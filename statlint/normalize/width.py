"""Full-width ASCII (１２％，：) to half-width, one character for one, so offsets stay aligned."""

from __future__ import annotations

import re
from collections.abc import Iterable

from statlint.normalize.offsets import Edit

# A full-width ASCII form or the ideographic space (one a match: each becomes its own edit).
FULL_WIDTH = re.compile(r"[\uff01-\uff5e\u3000]")
# Each full-width form and its half-width character (the forms sit 0xFEE0 above ASCII).
HALF_WIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_HALF_WIDTH_TABLE = str.maketrans(HALF_WIDTH)


def to_half_width(text: str) -> str:
    """The text with every full-width form at half width (same length)."""
    return text.translate(_HALF_WIDTH_TABLE)


def halve_forms(text: str, chars: Iterable[str]) -> str:
    """`to_half_width(text)` for a text whose distinct characters are `chars`: one `str.replace` per
    full-width form the text holds (a report holds a dozen) instead of `translate`'s dictionary lookup per
    character, which costs ~2 ms on a report."""
    for ch in chars:
        half = HALF_WIDTH.get(ch)
        if half is not None:
            text = text.replace(ch, half)
    return text


def find_full_width(raw: str) -> list[Edit]:
    """One edit per full-width character, found by one regex and looked up in a table: Chinese text has a
    full-width comma or stop every few characters, so this runs thousands of times a report."""
    return [
        Edit(m.start(), m.end(), HALF_WIDTH[m.group()], "full_width", m.group())
        for m in FULL_WIDTH.finditer(raw)
    ]
