"""SL301 shortcuts (coverage from the longest match already found, offsets from the removed characters)
must give what the direct computations give."""

from __future__ import annotations

import random
from difflib import SequenceMatcher

from statlint.rules.attribution import (
    MIN_PASSAGE,
    MIN_RUN,
    NON_WORD_CHAR,
    WORD_CHAR,
    _coverage,
    _in_text,
    _longest_match,
)
from tests.rules.helpers_rules import random_pairs


def _reference(a: str, b: str) -> float:
    blocks = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(m.size for m in blocks if m.size >= MIN_RUN) / max(1, min(len(a), len(b)))


def test_coverage_equals_difflib() -> None:
    rng = random.Random(7)
    pairs = [
        (
            "浙江省数据共享负面清单制度明确不予共享的23类数据",
            "2024年成渝建立数据共享负面清单明确不予共享的23类数据",
        ),
        ("", ""),
        ("abcd", ""),
        ("abcdabcd", "abcdabcd"),
    ]
    pairs += random_pairs(rng, "数据共享清单abc", 2000, 60)
    for a, b in pairs:
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        longest = matcher.find_longest_match(0, len(a), 0, len(b))
        assert _coverage(matcher, longest) == _reference(a, b), (a, b)


def test_in_text_maps_compact_offsets_back() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        text = "".join(rng.choice("数据ab，。「」 1") for _ in range(rng.randint(0, 30)))
        keep = [m.start() for m in WORD_CHAR.finditer(text)]
        gaps = [m.start() for m in NON_WORD_CHAR.finditer(text)]
        assert [_in_text(i, gaps) for i in range(len(keep))] == keep, text


def test_longest_match_equals_difflib() -> None:
    """The run SL301 quotes: difflib's longest match (earliest in a, then in b) whenever it is long enough."""
    rng = random.Random(11)
    pairs = [
        ("数据共享负面清单制度明确不予共享", "成渝建立数据共享负面清单明确不予共享"),
        ("", ""),
        ("a" * 30, "a" * 20),
    ]
    pairs += random_pairs(rng, "数据共享清单ab", 3000, 80)
    pairs += [(a * 3 + b, b + a * 2) for a, b in random_pairs(rng, "数据共享", 500, 8)]
    for a, b in pairs:
        ref = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
        assert _longest_match(a, b) == (ref if ref.size >= MIN_PASSAGE else None), (a, b)
