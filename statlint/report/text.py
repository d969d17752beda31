"""Cut a stretch of raw text into display segments: repaired spans dropped, marked spans highlighted.

Everything works in raw-file offsets, the coordinates every table shares, so a statistic, a finding's
evidence and a text repair line up without translation. Segments are plain data; rendering escapes them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from functools import partial
from operator import itemgetter
from typing import NamedTuple

# Repairs whose raw text is noise to an editor: shown as their replacement ('' removes them). Others
# (full-width digits and the like) are the document's own characters and stay as written.
HIDDEN_REPAIRS = frozenset({"pinyin", "boilerplate", "mojibake"})

# Marks, repairs and segments are named tuples, not dataclasses: a report makes thousands of each, and a
# tuple is built, hashed and compared in C.


class Mark(NamedTuple):
    """A highlighted span: `kind` becomes a CSS class, `title` the hover text. Marks sort by their fields."""

    start: int
    end: int
    kind: str
    title: str = ""


class Segment(NamedTuple):
    text: str
    marks: tuple[Mark, ...] = ()

    @property
    def classes(self) -> str:
        return " ".join(dict.fromkeys(m.kind for m in self.marks))

    @property
    def title(self) -> str:
        return " | ".join(dict.fromkeys(m.title for m in self.marks if m.title))


# A segment as a plain (text, marks) pair: what the cutters build, made a `Segment` (in C, by tuple.__new__
# rather than the named tuple's constructor, a Python function) only where one is kept.
Piece = tuple[str, tuple[Mark, ...]]
_as_segment: Callable[[Piece], Segment] = partial(tuple.__new__, Segment)


class Repair(NamedTuple):
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
    return list(map(_as_segment, _pieces(text, base, marks, repairs or [])))


_START = itemgetter(0)


def merge_spans(marks: list[Mark], repairs: list[Repair]) -> list[Mark | Repair]:
    """Marks and repairs in one list by start, a mark before a repair at the same start (each kind in its
    own order otherwise): the order in which segments are cut."""
    return sorted([*marks, *repairs], key=_START)


def merged_segments(text: str, base: int, spans: list[Mark | Repair]) -> list[Segment]:
    """`segments` of marks and repairs, each sorted by start, given merged (`merge_spans`): a document's
    spans are merged once rather than for each of its sentences. The same segments as `segments`."""
    return list(map(_as_segment, merged_pieces(text, base, spans)))


def merged_pieces(text: str, base: int, spans: list[Mark | Repair]) -> list[Piece]:
    """`merged_segments` as plain (text, marks) pairs, for a writer that only unpacks them (a tuple is built
    several times quicker than a named tuple)."""
    if not text:
        return []
    if not spans:
        return [(text, ())]
    pieces = _disjoint_pieces(text, base, spans)
    if pieces is None:
        marks = [s for s in spans if isinstance(s, Mark)]
        repairs = [s for s in spans if not isinstance(s, Mark)]
        pieces = _overlapping_pieces(text, base, marks, repairs)
    return pieces


def _pieces(text: str, base: int, marks: list[Mark], repairs: list[Repair]) -> list[Piece]:
    """The pieces `segments` makes its segments of."""
    pieces = _disjoint_pieces(text, base, merge_spans(marks, repairs))
    return _overlapping_pieces(text, base, marks, repairs) if pieces is None else pieces


def _disjoint_pieces(text: str, base: int, spans: list[Mark | Repair]) -> list[Piece] | None:
    """The pieces `_overlapping_pieces` cuts, in one pass over the merged spans, when no two marks or
    repairs overlap in the text, except marks with the same start on the same characters (most sentences);
    None otherwise. Spans outside the text and empty ones cover nothing and are skipped. Here a marked piece
    never equals its neighbour's marks, and unmarked text joins an unmarked piece before it (held in `plain`
    until a marked piece or a replacement, which starts a piece of its own, ends it)."""
    end = base + len(text)
    pieces: list[Piece] = []
    plain = ""
    pos = base
    marked_from = None  # the (unclipped) start of the mark whose piece was just added (pieces[-1])
    for span in spans:
        s = s0 = span.start
        e = span.end
        if e <= s or e <= base or s >= end:
            continue
        if s < base:
            s = base
        if e > end:
            e = end
        if s < pos:
            if s0 == marked_from and e == pos and isinstance(span, Mark):  # on the same characters
                last_text, last_marks = pieces[-1]
                pieces[-1] = (last_text, (*last_marks, span))
                continue
            return None
        if s > pos:
            plain += text[pos - base : s - base]
        if isinstance(span, Mark):
            if plain:
                pieces.append((plain, ()))
                plain = ""
            pieces.append((text[s - base : e - base], (span,)))
            marked_from = s0
        else:
            if span.replacement:  # a piece of its own, which unmarked text after it joins
                if plain:
                    pieces.append((plain, ()))
                plain = span.replacement
            marked_from = None
        pos = e
    if pos < end:
        plain += text[pos - base :]
    if plain:
        pieces.append((plain, ()))
    return pieces


def _overlapping_pieces(text: str, base: int, marks: list[Mark], repairs: list[Repair]) -> list[Piece]:
    """Non-empty (text, marks) pieces, cut at every boundary: a piece under a repair is its replacement
    (once), other pieces carry the marks covering them, in `marks` order; neighbours under equal marks are
    merged."""
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
    pieces: list[list] = []  # [text, marks]: built as lists, merged in place, made pairs at the end
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
    return [(t, c) for t, c in pieces if t]
