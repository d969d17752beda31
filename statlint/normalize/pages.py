"""Page furniture left in text taken from paged documents: cut, and the page break healed.

Paged documents leave page numbers ("- 3 -", "第3页 共20页", "3/20") on lines of their own, and PDFs also
running headers or footers (the report's short title on every page) around each page break ("\\f" in the PDF
text layer). None of it is report text, and it usually interrupts a paragraph running on across the break,
so the cut takes the line breaks around it too when the text before does not end a sentence:
"数字经 / - 3 - / \\f / 研究报告 / 济规模" reads "数字经济规模" again. Bare numbers on a line are left
alone: in a table they are data. A running line is only believed next to page breaks, on three at least.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import NamedTuple

from statlint.normalize.offsets import Edit

# A line (stripped) that is only a page number, in the usual Chinese and Western forms.
PAGE_NUMBER_LINE = re.compile(
    r"(?:[-—–－·•]\s*\d{1,4}\s*[-—–－·•]"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)"
)
# A line that is only a page number, in a text without page breaks (lines end at "\n" only, and `strip`
# removes the whitespace `\s` matches): the first line, or one after a line break, which a scan finds at
# memchr speed. A text with neither has nothing to cut, so its lines need not even be split.
_BLANKS = r"[^\S\n\f]*"
FIRST_PAGE_NUMBER = re.compile(rf"{_BLANKS}(?:{PAGE_NUMBER_LINE.pattern}){_BLANKS}(?![^\n\f])")
LATER_PAGE_NUMBER = re.compile(rf"\n{_BLANKS}(?:{PAGE_NUMBER_LINE.pattern}){_BLANKS}(?![^\n\f])")
# Text ending like this finished its sentence (or is a heading line), so the break before the page stays.
SENTENCE_FINAL = re.compile(r"[。！？；!?;:：”」』)）]\s*$")
# A line opening with a heading number starts afresh after a page break.
HEADING_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d))"
)
# Lines end at a line break or a page break: LINE is a line with its terminator, as first written (a test
# checks that _split, which cuts at each LINE_END, gives the same lines).
LINE = re.compile(r"[^\n\f]*(?:\n|\f|$)")
LINE_END = re.compile(r"[\n\f]")
# Running headers and footers are short and repeat on this many page breaks at least (and on half of them).
RUNNING_MAX_LEN = 40
RUNNING_MIN_BREAKS = 3


class _Line(NamedTuple):
    """A line of the raw text (a named tuple: one is made for every line of every document)."""

    start: int
    end: int  # end of the content, where the terminator ("\n", "\f" or nothing) sits
    text: str

    @property
    def key(self) -> str:
        """Running lines repeat exactly (page numbers are recognised on their own)."""
        return self.text.strip()


def _split(raw: str) -> list[_Line]:
    """The lines LINE matches, without their terminators: cut at each terminator found by one regex scan
    (the same lines as LINE.finditer gives, with no match object or strip per line)."""
    out = []
    pos = 0
    for m in LINE_END.finditer(raw):
        end = m.start()
        out.append(_Line(pos, end, raw[pos:end]))
        pos = end + 1
    if pos < len(raw):
        out.append(_Line(pos, len(raw), raw[pos:]))
    return out


def _running_keys(raw: str, lines: list[_Line]) -> set[str]:
    """Keys of short lines standing next to page breaks on enough of them."""
    breaks = [i for i, ln in enumerate(lines) if raw[ln.end : ln.end + 1] == "\f"]
    counts: Counter[str] = Counter()
    for i in breaks:
        before = next((lines[j] for j in range(i, -1, -1) if lines[j].text.strip()), None)
        after = next((lines[j] for j in range(i + 1, len(lines)) if lines[j].text.strip()), None)
        keys = {
            ln.key for ln in (before, after) if ln is not None and len(ln.text.strip()) <= RUNNING_MAX_LEN
        }
        counts.update(keys)
    need = max(RUNNING_MIN_BREAKS, (len(breaks) + 1) // 2)
    return {k for k, n in counts.items() if n >= need}


def _is_furniture(line: _Line, running: set[str], next_to_break: bool) -> bool:
    text = line.text.strip()
    if not text:
        return False
    return bool(PAGE_NUMBER_LINE.fullmatch(text)) or (next_to_break and line.key in running)


def find_page_furniture(raw: str) -> list[Edit]:
    """Cuts for page numbers, running headers/footers and page breaks, each healing the text around it."""
    if "\f" not in raw and not (FIRST_PAGE_NUMBER.match(raw) or LATER_PAGE_NUMBER.search(raw)):
        return []  # no page break and no page-number line: most documents
    lines = _split(raw)
    if not lines:
        return []
    paged = "\f" in raw
    running = _running_keys(raw, lines) if paged else set()
    # Without a page break no line stands beside one: the walk to find out is skipped.
    furniture = [
        _is_furniture(ln, running, paged and _beside_break(raw, lines, i)) for i, ln in enumerate(lines)
    ]
    if not paged and not any(furniture):
        return []  # nothing to cut and no page break to heal (most documents)
    body = [i for i, ln in enumerate(lines) if ln.text.strip() and not furniture[i]]
    edits: list[Edit] = []
    if not body:
        return edits
    for a, b in itertools.pairwise(body):
        gap = range(a + 1, b)
        has_break = "\f" in raw[lines[a].end : lines[b].start]
        if not has_break and not any(furniture[i] for i in gap):
            continue
        before, after = lines[a], lines[b]
        joins = not SENTENCE_FINAL.search(before.text) and not HEADING_START.match(after.text)
        if joins:
            edits.append(Edit(before.end, after.start, "", "boilerplate", "page furniture"))
        elif raw[before.end] == "\n":  # keep the line break as it is, cut what follows it
            if before.end + 1 < after.start:
                edits.append(Edit(before.end + 1, after.start, "", "boilerplate", "page furniture"))
        else:
            edits.append(Edit(before.end, after.start, "\n", "boilerplate", "page furniture"))
    first, last = lines[body[0]], lines[body[-1]]
    if any(furniture[: body[0]]) or "\f" in raw[: first.start]:
        edits.append(Edit(0, first.start, "", "boilerplate", "page furniture"))
    if any(furniture[body[-1] + 1 :]) or "\f" in raw[last.end :]:
        keep = 1 if raw[last.end : last.end + 1] == "\n" else 0
        edits.append(Edit(last.end + keep, len(raw), "", "boilerplate", "page furniture"))
    return edits


def _beside_break(raw: str, lines: list[_Line], i: int) -> bool:
    """Whether only blank lines stand between line i and a page break."""
    for j in range(i - 1, -1, -1):
        if raw[lines[j].end : lines[j].end + 1] == "\f":
            return True
        if lines[j].text.strip():
            break
    for j in range(i, len(lines)):
        if j > i and lines[j].text.strip():
            break
        if raw[lines[j].end : lines[j].end + 1] == "\f":
            return True
    return False
