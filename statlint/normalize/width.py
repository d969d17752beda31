"""Full-width ASCII (１２％，：) to half-width, one character for one, so offsets stay aligned."""

from __future__ import annotations

import re

from statlint.normalize.offsets import Edit

# Full-width ASCII forms and the ideographic space.
FULL_WIDTH = re.compile(r"[\uff01-\uff5e\u3000]+")


def _half(ch: str) -> str:
    if ch == "\u3000":
        return " "
    return chr(ord(ch) - 0xFEE0)


def to_half_width(text: str) -> str:
    """The text with every full-width form at half width (same length)."""
    return FULL_WIDTH.sub(lambda m: "".join(_half(c) for c in m.group()), text)


def find_full_width(raw: str) -> list[Edit]:
    edits = []
    for m in FULL_WIDTH.finditer(raw):
        for i, ch in enumerate(m.group()):
            edits.append(Edit(m.start() + i, m.start() + i + 1, _half(ch), "full_width", ch))
    return edits
