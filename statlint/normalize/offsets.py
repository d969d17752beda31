"""Edits on the raw text and the offset map they leave behind.

Every normalization step is expressed as an Edit on the *raw* text (a span and its replacement). Applying the
non-overlapping edits at once gives the clean text plus, for each clean character, the raw span it came from,
so any clean span maps back to exactly the raw characters it stands for.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Edit:
    raw_start: int
    raw_end: int
    replacement: str
    kind: str
    note: str = ""


def resolve_overlaps(edits: list[Edit]) -> list[Edit]:
    """Keep the wider edit where two overlap (a boilerplate cut swallows the pinyin inside it)."""
    ordered = sorted(edits, key=lambda e: (e.raw_start, -(e.raw_end - e.raw_start)))
    kept: list[Edit] = []
    for e in ordered:
        if kept and e.raw_start < kept[-1].raw_end:
            continue
        kept.append(e)
    return kept


@dataclass
class OffsetMap:
    """raw_start[i], raw_end[i]: the raw span that clean character i came from."""

    raw_start: array
    raw_end: array

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean span [start, end) to its raw span."""
        if end <= start:
            if start < len(self.raw_start):
                return self.raw_start[start], self.raw_start[start]
            pos = self.raw_end[-1] if self.raw_end else 0
            return pos, pos
        return self.raw_start[start], self.raw_end[end - 1]


def apply_edits(raw: str, edits: list[Edit]) -> tuple[str, OffsetMap]:
    parts: list[str] = []
    starts = array("l")
    ends = array("l")
    pos = 0
    for e in resolve_overlaps(edits):
        if e.raw_start > pos:
            parts.append(raw[pos : e.raw_start])
            starts.extend(range(pos, e.raw_start))
            ends.extend(range(pos + 1, e.raw_start + 1))
        rep = e.replacement
        if rep:
            parts.append(rep)
            if len(rep) == e.raw_end - e.raw_start:
                starts.extend(range(e.raw_start, e.raw_end))
                ends.extend(range(e.raw_start + 1, e.raw_end + 1))
            else:  # a replacement of another length: every character stands for the whole raw span
                starts.extend([e.raw_start] * len(rep))
                ends.extend([e.raw_end] * len(rep))
        pos = e.raw_end
    if pos < len(raw):
        parts.append(raw[pos:])
        starts.extend(range(pos, len(raw)))
        ends.extend(range(pos + 1, len(raw) + 1))
    return "".join(parts), OffsetMap(starts, ends)
