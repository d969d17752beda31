"""Turn raw text into clean text for analysis, recording every repair and keeping an exact offset map."""

from __future__ import annotations

from dataclasses import dataclass, field

from statlint.normalize.boilerplate import find_boilerplate
from statlint.normalize.offsets import Edit, OffsetMap, apply_edits
from statlint.normalize.pinyin import find_pinyin
from statlint.normalize.script import detect_script, to_simplified
from statlint.normalize.width import find_full_width


@dataclass
class CleanText:
    """The analysis text. `text` keeps the document's script; `simp` is its Simplified shadow (same length)."""

    raw: str
    text: str
    simp: str
    offsets: OffsetMap
    repairs: list[Edit] = field(default_factory=list)
    script: str = "unknown"

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.to_raw(start, end)

    def raw_quote(self, start: int, end: int) -> str:
        """The raw characters behind a clean span: what people are shown."""
        rs, re_ = self.raw_span(start, end)
        return self.raw[rs:re_]


def normalize(raw: str) -> CleanText:
    edits: list[Edit] = [*find_boilerplate(raw), *find_pinyin(raw), *find_full_width(raw)]
    text, offsets = apply_edits(raw, edits)
    repairs = [e for e in edits if e.kind != "full_width"]
    return CleanText(
        raw=raw,
        text=text,
        simp=to_simplified(text),
        offsets=offsets,
        repairs=repairs,
        script=detect_script(text),
    )
