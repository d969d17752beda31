"""Turn raw text into clean text for analysis, recording every repair and keeping an exact offset map."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from statlint.normalize.boilerplate import find_boilerplate
from statlint.normalize.codepoints import distinct_chars
from statlint.normalize.markup import find_emphasis
from statlint.normalize.mojibake import find_mojibake
from statlint.normalize.offsets import Edit, OffsetMap, apply_edits, resolve_overlaps
from statlint.normalize.pages import find_page_furniture
from statlint.normalize.pinyin import find_pinyin
from statlint.normalize.script import detect_script, to_simplified
from statlint.normalize.spacing import find_number_gaps
from statlint.normalize.width import halve_forms, to_half_width
from statlint.normalize.wrapping import find_wrapped_breaks

__all__ = ["CleanText", "Edit", "OffsetMap", "normalize"]


@dataclass
class CleanText:
    """The analysis text: `text` in the document's script, `simp` its Simplified shadow (same length)."""

    raw: str
    text: str
    simp: str
    offsets: OffsetMap
    repairs: list[Edit] = field(default_factory=list)
    script: str = "unknown"

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_raw(start, end)

    def raw_spans(self, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
        """raw_span of many clean spans in one call (a document's rows map theirs together)."""
        return self.offsets.to_raw_spans(spans)

    def raw_quote(self, start: int, end: int) -> str:
        """The raw characters behind a clean span: what people are shown."""
        rs, re_ = self.raw_span(start, end)
        return self.raw[rs:re_]


def _inside(edit: Edit, cuts: list[Edit]) -> bool:
    return any(c.raw_start <= edit.raw_start and edit.raw_end <= c.raw_end for c in cuts)


def normalize(raw: str) -> CleanText:
    """Clean text plus repairs: debris and page numbers cut, pinyin removed, mojibake repaired or flagged,
    width halved, single spaces between Chinese text and numbers dropped, a PDF's wrapped lines joined.

    Repairs lists everything an editor may want to see (full-width changes are routine and left out). A
    flagged but unrepaired mojibake run is listed with its own text as replacement and is not applied, so the
    clean text keeps it and the offsets inside it stay exact.
    """
    cuts = [*find_boilerplate(raw), *find_page_furniture(raw)]
    chars = set(distinct_chars(raw))
    mojibake = [e for e in find_mojibake(raw, chars) if not _inside(e, cuts)]
    repaired = [
        Edit(e.raw_start, e.raw_end, to_half_width(e.replacement), e.kind, e.note)
        for e in mojibake
        if e.replacement != raw[e.raw_start : e.raw_end]
    ]
    edits: list[Edit] = [
        *cuts,
        *repaired,
        *find_pinyin(raw, chars),
        *find_number_gaps(raw, chars),
        *find_emphasis(raw, chars),
        *find_wrapped_breaks(raw),
    ]
    applied = resolve_overlaps(edits)  # pinyin inside a cut footer is not a repair of its own
    # Full-width forms are halved in the text the edits copy from, not as an edit each (thousands a report):
    # one for one wherever no other edit covers them, as when they were edits that lose every overlap and
    # displace none (no edit is empty), and never a repair.
    text, offsets = apply_edits(raw, applied, halve_forms(raw, chars))
    # (spacing and emphasis marks are routine like full width: not repairs an editor needs to see)
    repairs = sorted([e for e in applied if e.kind not in ("mojibake", "spacing", "markup")] + mojibake)
    simp = to_simplified(text)
    return CleanText(
        raw=raw,
        text=text,
        simp=simp,
        offsets=offsets,
        repairs=repairs,
        script=detect_script(text, simp),
    )
