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
    cuts = {base, end}
    for item in (*marks, *repairs):
        cuts.update((min(max(item.start, base), end), min(max(item.end, base), end)))
    points = sorted(cuts)
    out: list[Segment] = []
    emitted_repairs: set[Repair] = set()
    for a, b in itertools.pairwise(points):
        repair = next((r for r in repairs if r.start <= a and b <= r.end), None) if repairs else None
        if repair is not None:
            if repair.replacement and repair not in emitted_repairs:
                out.append(Segment(repair.replacement))
            emitted_repairs.add(repair)
            continue
        covering = tuple(m for m in marks if m.start <= a and b <= m.end)
        piece = text[a - base : b - base]
        if out and out[-1].marks == covering:
            out[-1] = Segment(out[-1].text + piece, covering)
        else:
            out.append(Segment(piece, covering))
    return [s for s in out if s.text]
