"""Cut a stretch of raw text into display segments: repaired spans dropped, marked spans highlighted.

Everything works in raw-file offsets, the coordinates every table shares, so a statistic, a finding's
evidence and a text repair line up without translation. Segments are plain data; the templates escape them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from operator import attrgetter

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
    if not text:
        return []
    if not marks and not repairs:  # most sentences: the text as it is
        return [Segment(text)]
    pieces = _disjoint_pieces(text, base, marks, repairs or [])
    if pieces is None:
        pieces = _overlapping_pieces(text, base, marks, repairs or [])
    return [Segment(t, c) for t, c in pieces if t]


_START = attrgetter("start")


def _disjoint_pieces(text: str, base: int, marks: list[Mark], repairs: list[Repair]) -> list[list] | None:
    """The pieces `_overlapping_pieces` cuts, in one pass, when no two marks or repairs overlap in the text,
    except marks with the same start on the same characters (most sentences); None otherwise. Spans outside
    the text and empty ones cover nothing and are skipped. Here a marked piece never equals its neighbour's
    marks, and unmarked text joins an unmarked piece before it."""
    end = base + len(text)
    spans: list[Mark | Repair] = [*marks, *repairs]
    spans.sort(key=_START)
    pieces: list[list] = []
    pos = base
    marked_from = None  # the (unclipped) start of the mark whose piece was just added (pieces[-1])
    for span in spans:
        s, e = span.start, span.end
        if e <= s or e <= base or s >= end:
            continue
        if s < base:
            s = base
        if e > end:
            e = end
        if s < pos:
            if span.start == marked_from and e == pos and isinstance(span, Mark):  # on the same characters
                pieces[-1][1] += (span,)
                continue
            return None
        if s > pos:
            _add_unmarked(pieces, text[pos - base : s - base])
        if isinstance(span, Mark):
            pieces.append([text[s - base : e - base], (span,)])
            marked_from = span.start
        else:
            if span.replacement:  # a piece of its own, which unmarked text after it joins
                pieces.append([span.replacement, ()])
            marked_from = None
        pos = e
    if pos < end:
        _add_unmarked(pieces, text[pos - base :])
    return pieces


def _add_unmarked(pieces: list[list], piece: str) -> None:
    if pieces and not pieces[-1][1]:
        pieces[-1][0] += piece
    else:
        pieces.append([piece, ()])


def _overlapping_pieces(text: str, base: int, marks: list[Mark], repairs: list[Repair]) -> list[list]:
    """[text, marks] pieces, cut at every boundary: a piece under a repair is its replacement (once), other
    pieces carry the marks covering them, in `marks` order; neighbours under equal marks are merged."""
    end = base + len(text)
    repairs = [r for r in repairs if r.end > base and r.start < end]
    marks = [m for m in marks if m.end > base and m.start < end and m.end > m.start]
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
    return pieces
