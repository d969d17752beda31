"""Page-number lines left in text taken from paged documents (PDF, Word): cut, and the page break healed.

A page number ("- 3 -", "第3页 共20页", "3/20") on a line of its own is typesetting furniture, not report
text. It usually interrupts a paragraph running on across the page break, so the cut takes the line breaks
around it too when the text before it does not end a sentence: "数字经 / - 3 - / 济规模" reads "数字经济规模"
again. Bare numbers on a line are left alone: in a table they are data.
"""

from __future__ import annotations

import re

from statlint.normalize.offsets import Edit

# A whole line that is only a page number, in the usual Chinese and Western forms.
PAGE_NUMBER_LINE = re.compile(
    r"(?m)^[ \t\u3000]*(?:[-—–－·•]\s*\d{1,4}\s*[-—–－·•]"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}"
    r"|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?)[ \t\u3000]*$"
)
# Text ending like this finished its sentence (or is a heading line), so the break before the page stays.
SENTENCE_FINAL = re.compile(r"[。！？；!?;:：”」』)）]\s*$")
# A line opening with a heading number starts afresh after a page break.
HEADING_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d))"
)


def find_page_numbers(raw: str) -> list[Edit]:
    edits: list[Edit] = []
    for m in PAGE_NUMBER_LINE.finditer(raw):
        start, end = m.start(), m.end()
        before = raw.rfind("\n", 0, max(0, start - 1)) + 1
        prev_line = raw[before : max(0, start - 1)]
        has_prev = start > 0 and raw[start - 1] == "\n" and prev_line.strip()
        has_next = end < len(raw) and raw[end] == "\n"
        next_line = raw[end + 1 : raw.find("\n", end + 1) if raw.find("\n", end + 1) >= 0 else len(raw)]
        if has_prev and has_next and next_line.strip():
            joins = not SENTENCE_FINAL.search(prev_line) and not HEADING_START.match(next_line)
            # The paragraph runs on: cut "\n<page>\n"; else cut "<page>\n" and the first break stays.
            cut_from = start - 1 if joins else start
            edits.append(Edit(cut_from, end + 1, "", "boilerplate", "page number"))
        else:
            edits.append(Edit(start, end + 1 if has_next else end, "", "boilerplate", "page number"))
    return edits
