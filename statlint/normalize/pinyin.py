"""Pinyin annotations that document-sharing sites insert after characters: 發(fā)展, 產業(yè).

Only a parenthesised, lower-case, tone-marked syllable right after a CJK character is taken, so (GDP), (1) or
(如"智慧養老") are never touched.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from statlint.normalize.offsets import Edit

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# A CJK character, then "(" one pinyin syllable with at least one tone mark ")"; ASCII or full-width parens.
# The CJK check is a lookbehind after the parenthesis so the regex engine can scan for parentheses fast.
PINYIN_ANNOTATION = re.compile(
    rf"[(（](?<=[\u3400-\u9fff][(（])([a-zü{_TONED}]{{0,5}}[{_TONED}][a-zü{_TONED}]{{0,5}})[)）]"
)
# The same pattern as first written (CJK lookbehind first), kept for the equivalence test.
PINYIN_ANNOTATION_PLAIN = re.compile(
    rf"(?<=[\u3400-\u9fff])[(（]([a-zü{_TONED}]{{0,5}}[{_TONED}][a-zü{_TONED}]{{0,5}})[)）]"
)


# An annotation holds a tone mark, and most texts hold none: those need no scan.
TONE_MARKS = frozenset(_TONED)


def find_pinyin(raw: str, chars: AbstractSet[str] | None = None) -> list[Edit]:
    """One edit per annotation; `chars`, the text's distinct characters when the caller has them, spares the
    scan of a text without a tone mark."""
    if chars is not None and TONE_MARKS.isdisjoint(chars):
        return []
    return [Edit(*m.span(), "", "pinyin", m.group(1)) for m in PINYIN_ANNOTATION.finditer(raw)]
