"""Single spaces that PDF extraction and some editors put between Chinese text and a number
(增长 12.5 %, 总额 3.2 万亿元, 2023 年): dropped, so a figure reads as one token with its verb and unit.

Only one space between a Chinese character and a digit (or a digit and a Chinese character, %, ‰) is
dropped: wider gaps and tabs separate table columns, and spaces between Latin words are words' own.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from typing import Final

from statlint.normalize.offsets import Edit, line_span

# A space, no-break space, thin or narrow no-break space, or the ideographic space.
SPACES: Final = " \u00a0\u2009\u202f\u3000"
# The character before or after the space that makes it a gap inside Chinese text around a number.
CJK: Final = "\u4e00-\u9fff"
GAP: Final = re.compile(
    rf"(?<=[{CJK}（(：:，,、])[{SPACES}](?=[0-9０-９])|(?<=[0-9０-９])[{SPACES}](?=[{CJK}%％‰])"
)


# Two numbers side by side with only spaces between them: the line is a row of a table whose columns are
# separated by spaces (广东 6.9 50.1), and each of its spaces separates cells.
COLUMN_GAP: Final = re.compile(rf"[0-9０-９%％][{SPACES}]+-?[0-9０-９]")


def find_number_gaps(raw: str, chars: AbstractSet[str] | None = None) -> list[Edit]:
    """One deletion per single space between Chinese text and a number (the characters on both sides of a
    match are not spaces, so a wider gap never matches), except in table rows. `chars`: the text's distinct
    characters, if known."""
    if (chars if chars is not None else set(raw)).isdisjoint(SPACES):
        return []
    gaps = list(GAP.finditer(raw))
    if not gaps:
        return []
    rows: list[tuple[int, int]] = []  # lines of space-separated tables
    for m in COLUMN_GAP.finditer(raw):
        if rows and m.start() < rows[-1][1]:
            continue
        rows.append(line_span(raw, m.start(), m.end()))
    out = []
    i = 0
    for m in gaps:
        while i < len(rows) and rows[i][1] <= m.start():
            i += 1
        if i < len(rows) and rows[i][0] <= m.start():
            continue
        out.append(Edit(m.start(), m.end(), "", "spacing", m.group()))
    return out
