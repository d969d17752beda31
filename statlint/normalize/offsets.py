"""Edits on the raw text and the offset map they leave behind.

Every normalization step is expressed as an Edit on the *raw* text (a span and its replacement). Applying the
non-overlapping edits at once gives the clean text plus, for each clean character, the raw span it came from,
so any clean span maps back to exactly the raw characters it stands for.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple


class Edit(NamedTuple):
    """One change to the raw text: raw[raw_start:raw_end] becomes `replacement`. Immutable and ordered by
    position like a tuple; a named tuple because a report gets a thousand or more (every pinyin annotation
    and full-width character), and a tuple is made several times faster than a frozen dataclass."""

    raw_start: int
    raw_end: int
    replacement: str
    kind: str
    note: str = ""


def line_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The line holding text[start:end], without its line break (a repair that takes a whole line)."""
    b = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if b < 0 else b


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

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """Map a clean span [start, end) to its raw span."""
        return self.to_raw_spans([(start, end)])[0]

    def to_raw_spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """Map clean spans [start, end) to their raw spans; an empty span maps to the point where its clean
        position's raw character starts (or, at the end of the text, where the last one ends).

        A document maps a thousand spans or more (every sentence, section, statistic and year mention), so
        they go through one call with the run lookup (a bisect on the run starts) and the arithmetic inline:
        per-span method calls cost more than the lookups themselves."""
        starts, raw, raw_end, same = self.starts, self.raw, self.raw_end, self.same
        last = self.length - 1
        out: list[tuple[int, int]] = []
        for start, end in spans:
            if end > start:
                k = bisect.bisect_right(starts, start) - 1
                a = raw[k] + (start - starts[k]) if same[k] else raw[k]
                k = bisect.bisect_right(starts, end - 1) - 1
                b = raw[k] + (end - starts[k]) if same[k] else raw_end[k]
                out.append((a, b))
            elif start <= last:
                k = bisect.bisect_right(starts, start) - 1
                a = raw[k] + (start - starts[k]) if same[k] else raw[k]
                out.append((a, a))
            elif last >= 0:
                k = bisect.bisect_right(starts, last) - 1
                b = raw[k] + (last + 1 - starts[k]) if same[k] else raw_end[k]
                out.append((b, b))
            else:
                out.append((0, 0))
        return out


def apply_edits(raw: str, edits: list[Edit], source: str | None = None) -> tuple[str, OffsetMap]:
    """Clean text and offset map of `edits` applied to `raw`; the edits are resolve_overlaps' output
    (ordered, none overlapping), which the caller also keeps as the repairs list.

    The text between edits is copied from `source` when given: `raw` with characters replaced one for one
    (full-width forms halved), changes that move no offset and so need no edit, nor a run, of their own."""
    copied = raw if source is None else source
    runs: list[tuple[str, int, int, bool]] = []  # clean text, raw start, raw end, replaced one for one
    pos = 0
    for e in edits:
        if e.raw_start > pos:
            runs.append((copied[pos : e.raw_start], pos, e.raw_start, True))
        rep = e.replacement
        if rep:
            runs.append((rep, e.raw_start, e.raw_end, len(rep) == e.raw_end - e.raw_start))
        pos = e.raw_end
    if pos < len(raw):
        runs.append((copied[pos:], pos, len(raw), True))
    if not runs:
        return "", OffsetMap([], [], [], [], 0)
    parts, raws, raw_ends, same = (list(column) for column in zip(*runs, strict=True))
    starts = [0, *itertools.accumulate(map(len, parts))]  # where each run starts in the clean text
    length = starts.pop()
    return "".join(parts), OffsetMap(starts, raws, raw_ends, same, length)
