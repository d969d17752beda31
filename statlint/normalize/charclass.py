"""How much a decoded text looks like real prose: the share of its characters in common use.

Common CJK means GB2312 level 1 (the 3,755 most frequent Simplified characters) after a
Traditional->Simplified mapping, so Traditional prose scores as high as Simplified; mis-decoded bytes land in
rare characters, private use, control characters or the replacement character.
"""

from __future__ import annotations

from functools import lru_cache

from statlint.normalize.script import to_simplified


@lru_cache(maxsize=65536)
def cjk_level(ch: str) -> int:
    """1: GB2312 level 1 (common), 2: GB2312 level 2 (rare), 3: outside GB2312 (rarer still); for one char."""
    try:
        b = ch.encode("gb2312")
    except UnicodeEncodeError:
        return 3
    if len(b) < 2:
        return 0
    return 1 if b[0] < 0xD8 else 2


# Non-CJK blocks ordinary Chinese prose uses: Latin-1 and Latin Extended, general punctuation, letterlike
# symbols, number forms, arrows and maths, circled numbers, CJK punctuation, full-width forms. Kana, box
# drawing, Cyrillic and the like are what mis-decoded bytes turn into.
_COMMON_RANGES = (
    (0x00A0, 0x024F),
    (0x2000, 0x206F),
    (0x2100, 0x22FF),
    (0x2460, 0x24FF),
    (0x3000, 0x303F),
    (0xFF00, 0xFFEF),
)


@lru_cache(maxsize=65536)
def is_common(ch: str) -> bool:
    """A character ordinary prose is made of (any script's letters, digits, punctuation; common CJK)."""
    if ch.isspace() or (ch.isascii() and ch.isprintable()):
        return True
    o = ord(ch)
    if 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF:
        simp = to_simplified(ch)
        return cjk_level(simp) == 1 or cjk_level(ch) == 1
    if o == 0xFFFD or 0xE000 <= o <= 0xF8FF or not ch.isprintable():
        return False
    return any(lo <= o <= hi for lo, hi in _COMMON_RANGES)


def plausibility(text: str, sample: int = 20000) -> float:
    """Share of common characters in (a sample of) the text; 0.0 for empty text."""
    chunk = text[:sample]
    if not chunk:
        return 0.0
    return sum(1 for ch in chunk if is_common(ch)) / len(chunk)
