"""Edits on the raw text and the offset map they leave behind.

Every normalization step is expressed as an Edit on the *raw* text (a span and its replacement). Applying the
non-overlapping edits at once gives the clean text plus, for each clean character, the raw span it came from,
so any clean span maps back to exactly the raw characters it stands for.
"""

from __future__ import annotations

import bisect
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
    """Where each clean character came from, as runs: clean characters [starts[k], starts[k+1]) came from raw
    text starting at raw[k]. A run copied or replaced one for one (`same[k]`) maps character by character; a
    replacement of another length maps every one of its characters to the whole raw span raw[k]..raw_end[k].
    Runs instead of two integers per character: a 50 KB report has a few hundred runs, not 100,000 entries,
    and building them costs nothing per character."""

    starts: list[int]
    raw: list[int]
    raw_end: list[int]
    same: list[bool]
    length: int  # of the clean text

    def _run(self, i: int) -> int:
        return bisect.bisect_right(self.starts, i) - 1

    def _raw_start(self, i: int) -> int:
        k = self._run(i)
        return self.raw[k] + (i - self.starts[k]) if self.same[k] else self.raw[k]

    def _raw_end(self, i: int) -> int:
        k = self._run(i)
        return self.raw[k] + (i - self.starts[k]) + 1 if self.same[k] else self.raw_end[k]

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean span [start, end) to its raw span."""
        if end <= start:
            if start < self.length:
                pos = self._raw_start(start)
                return pos, pos
            pos = self._raw_end(self.length - 1) if self.length else 0
            return pos, pos
        return self._raw_start(start), self._raw_end(end - 1)


def apply_edits(raw: str, edits: list[Edit]) -> tuple[str, OffsetMap]:
    """Clean text and offset map of `edits` applied to `raw`; the edits are resolve_overlaps' output
    (ordered, none overlapping), which the caller also keeps as the repairs list."""
    parts: list[str] = []
    starts: list[int] = []
    raws: list[int] = []
    raw_ends: list[int] = []
    same: list[bool] = []
    clean = 0

    def run(length: int, raw_start: int, raw_end: int, one_for_one: bool) -> None:
        nonlocal clean
        starts.append(clean)
        raws.append(raw_start)
        raw_ends.append(raw_end)
        same.append(one_for_one)
        clean += length

    pos = 0
    for e in edits:
        if e.raw_start > pos:
            parts.append(raw[pos : e.raw_start])
            run(e.raw_start - pos, pos, e.raw_start, True)
        rep = e.replacement
        if rep:
            parts.append(rep)
            run(len(rep), e.raw_start, e.raw_end, len(rep) == e.raw_end - e.raw_start)
        pos = e.raw_end
    if pos < len(raw):
        parts.append(raw[pos:])
        run(len(raw) - pos, pos, len(raw), True)
    return "".join(parts), OffsetMap(starts, raws, raw_ends, same, clean)
