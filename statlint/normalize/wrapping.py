"""Line breaks a PDF's layout put inside paragraphs, in text copied out of it (a .txt or .md a user saved):
every line of a paragraph runs to the same width and stops mid-sentence, even between a number and its unit
(全年实现营业收入2.35 / 万亿元). The reader joins such lines for the PDFs it opens itself (read/pdf.py); here
the same is done for text that arrives already wrapped, from the lines' widths alone.

A text is wrapped when many of its lines share one full width (within WIDTH_SLACK) and most of those stop
without finishing a sentence. A break after a full line that ends no sentence, before a line that is not a
heading, a list item or a blank, is deleted (a routine repair, as spacing is). Text whose paragraphs are one
line each (web pages, Word) has no such width and is left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Final

from statlint.normalize.offsets import Edit
from statlint.normalize.pinyin import PINYIN_ANNOTATION

# A line ending like this finished its sentence (or is a heading line or a caption): the break stays.
SENTENCE_FINAL: Final = re.compile(r"[。！？；!?;:：”」』)）]\s*$")
# A line opening with a heading or list number, a bullet or a table bar starts afresh.
FRESH_START: Final = re.compile(
    r"\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d)|[-*•·|#>])"
)
# Cells apart by two spaces or more, or by tabs: a table's row.
TABLE_ROW: Final = re.compile(r"\S(?: {2,}|\t|\u3000{2,})\S")
# Lines shorter than this (display width) take no part in finding the text's width.
MIN_WIDTH: Final = 12
# A line within this much of the text's full width is full.
WIDTH_SLACK: Final = 3.0
# The text is wrapped when this many lines are full, and this share of the full lines end mid-sentence.
MIN_FULL_LINES: Final = 8
MIN_FULL_SHARE: Final = 0.35
MIN_OPEN_SHARE: Final = 0.6


def _display_width(line: str) -> float:
    """Display width: Chinese and full-width characters 1, ASCII (digits, Latin, punctuation) half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in line.strip())


def _shown(line: str) -> str:
    """The line as it reads once pasted pinyin readings (發(fā)展) are removed: they are not in the layout
    the widths tell of."""
    return PINYIN_ANNOTATION.sub("", line) if "(" in line or "（" in line else line


def _char_width(line: str) -> float:
    return float(len(line.strip()))


def _full_lines(raw: str, lines: list[tuple[int, int]], measure: Callable[[str], float]) -> list[bool] | None:
    """Which lines reach the text's full width by `measure`, or None when no width is shared by many."""
    widths = [measure(_shown(raw[a:b])) for a, b in lines]
    wide = [round(w) for w in widths if w >= MIN_WIDTH]
    if len(wide) < MIN_FULL_LINES:
        return None
    counts = Counter(wide)
    # the full width: the widest that many lines reach (a few longer lines, a title or a URL, do not set it)
    full = max(
        (
            w
            for w in counts
            if sum(n for v, n in counts.items() if w - WIDTH_SLACK <= v <= w) >= MIN_FULL_LINES
        ),
        default=None,
    )
    if full is None:
        return None
    is_full = [full - WIDTH_SLACK <= w <= full + WIDTH_SLACK for w in widths]
    return is_full if sum(is_full) >= MIN_FULL_SHARE * len(wide) else None


def find_wrapped_breaks(raw: str) -> list[Edit]:
    """One deletion per line break inside a wrapped paragraph ("\n", or "\r\n"). A line is full by its
    display width (how a PDF wraps: digits and Latin letters are narrow) or by its count of characters (how
    a text editor or a converter wraps)."""
    if raw.count("\n") < MIN_FULL_LINES:
        return []
    lines: list[tuple[int, int]] = []  # (start, end of content)
    pos = 0
    for part in raw.split("\n"):
        end = pos + len(part)
        lines.append((pos, end - 1 if part.endswith("\r") else end))
        pos = end + 1
    # a row of a table laid out with spaces (全国           39240.5          2.80): as wide as its neighbours
    # by design, and no part of a paragraph
    rows = [TABLE_ROW.search(raw, a, b) is not None for a, b in lines]
    lines_kept = [(a, a) if row else (a, b) for (a, b), row in zip(lines, rows, strict=True)]
    by_display, by_chars = (
        _full_lines(raw, lines_kept, _display_width),
        _full_lines(raw, lines_kept, _char_width),
    )
    if by_display is None and by_chars is None:
        return []
    is_full = [
        bool(by_display and by_display[i]) or bool(by_chars and by_chars[i]) for i in range(len(lines))
    ]
    n_full = sum(is_full)
    open_ended = [f and not SENTENCE_FINAL.search(raw[a:b]) for f, (a, b) in zip(is_full, lines, strict=True)]
    if sum(open_ended) < MIN_OPEN_SHARE * n_full:
        return []  # full lines that end their sentences: paragraphs of one line, not a wrapped text
    edits = []
    for i in range(len(lines) - 1):
        if not open_ended[i]:
            continue
        a, b = lines[i + 1]
        nxt = raw[a:b]
        if not nxt.strip() or FRESH_START.match(nxt) or rows[i + 1]:
            continue
        edits.append(Edit(lines[i][1], a, "", "spacing", "line break inside a wrapped paragraph"))
    return edits
