"""Full-width ASCII (１２％，：) to half-width, one character for one, so offsets stay aligned."""

from __future__ import annotations

import re

from statlint.normalize.offsets import Edit

FULL_WIDTH = re.compile(r"[\uff01-\uff5e\u3000]+")
# Chinese sentence punctuation keeps its identity; only its width changes.
_KEEP = set("，。；：！？（）")


def _half(ch: str) -> str:
    if ch == "\u3000":
        return " "
    return chr(ord(ch) - 0xFEE0)


def find_full_width(raw: str) -> list[Edit]:
    edits = []
    for m in FULL_WIDTH.finditer(raw):
        for i, ch in enumerate(m.group()):
            edits.append(Edit(m.start() + i, m.start() + i + 1, _half(ch), "full_width", ch))
    return edits
