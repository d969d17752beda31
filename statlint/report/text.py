"""Cut a stretch of raw text into display segments: repaired spans dropped, marked spans highlighted.

Everything works in raw-file offsets, the coordinates every table shares, so a statistic, a finding's
evidence and a text repair line up without translation. Segments are plain data; the templates escape them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

# Repairs whose raw text is noise to an editor: shown as their replacement ('' removes them). Others
# (full-width digits and the like) are the document's own characters and stay as written.
HIDDEN_REPAIRS = frozenset({"pinyin", "boilerplate", "mojibake"})


@dataclass(frozen=True)
class Mark:
    """A highlighted span: `kind` becomes a CSS class, `title` the hover text, `ref` a link target."""

    start: int
    end: int
    kind: str
    title: str = ""
    ref: str = ""


@dataclass(frozen=True)
class Segment:
    text: str
    marks: tuple[Mark, ...] = ()

    @property
    def classes(self) -> str:
        return " ".join(dict.fromkeys(m.kind for m in self.marks))

    @property
    def title(self) -> str:
        return " | ".join(dict.fromkeys(m.title for m in self.marks if m.title))


@dataclass(frozen=True)
class Repair:
    start: int
    end: int
    replacement: str


def segments(text: str, base: int, marks: list[Mark], repairs: list[Repair] | None = None) -> list[Segment]:
    """Split `text` (which starts at raw offset `base`) at every mark and repair boundary.

    A repaired span is replaced by its replacement (usually nothing); a mark covering only repaired text
    disappears with it. Neighbouring pieces under the same marks are merged back into one segment.
    """
    end = base + len(text)
    repairs = [r for r in repairs if r.end > base and r.start < end] if repairs else []
    marks = [m for m in marks if m.end > base and m.start < end and m.end > m.start]
    if not repairs and not marks:  # most sentences: the text as it is
        return [Segment(text)] if text else []
    mspans = [(m.start, m.end, m) for m in marks]
    rspans = [(r.start, r.end, r) for r in repairs]
    cuts = {base, end}
    for s, e, _ in (*mspans, *rspans):
        cuts.add(min(max(s, base), end))
        cuts.add(min(max(e, base), end))
    points = sorted(cuts)
    pieces: list[list] = []  # [text, marks]: built as lists, merged in place, made Segments at the end
    emitted_repairs: set[Repair] = set()
    for a, b in itertools.pairwise(points):
        repair = None
        for s, e, r in rspans:
            if s <= a and b <= e:
                repair = r
                break
        if repair is not None:
            if repair.replacement and repair not in emitted_repairs:
                pieces.append([repair.replacement, ()])
            emitted_repairs.add(repair)
            continue
        covering = tuple([m for s, e, m in mspans if s <= a and b <= e])
        piece = text[a - base : b - base]
        if pieces and pieces[-1][1] == covering:
            pieces[-1][0] += piece
        else:
            pieces.append([piece, covering])
    return [Segment(t, c) for t, c in pieces if t]
