"""SL401 tests whether two phrases share a run of MIN_SHARED characters by their sets of runs; that must be
what difflib's longest match said."""

from __future__ import annotations

import random
from difflib import SequenceMatcher

from statlint.rules.restatement import MIN_SHARED, _grams
from tests.rules.helpers_rules import random_pairs


def _longest(a: str, b: str) -> int:
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def test_grams_meet_exactly_when_longest_match_is_long_enough() -> None:
    rng = random.Random(11)
    pairs = [("数据加密标准种类", "采用数据加密标准的地区"), ("", ""), ("abc", "abc"), ("abcd", "xabcdx")]
    pairs += random_pairs(rng, "数据标准率量ab", 3000, 25)
    for a, b in pairs:
        assert (not _grams(a).isdisjoint(_grams(b))) == (_longest(a, b) >= MIN_SHARED), (a, b)
