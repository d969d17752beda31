"""SL301's coverage starts from the longest match its caller found; it must equal difflib's own figure."""

from __future__ import annotations

import random
from difflib import SequenceMatcher

from statlint.rules.attribution import MIN_RUN, _coverage


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
    for _ in range(2000):
        alphabet = "数据共享清单abc"[: rng.randint(2, 9)]
        a = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        pairs.append((a, b))
    for a, b in pairs:
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        longest = matcher.find_longest_match(0, len(a), 0, len(b))
        assert _coverage(matcher, longest) == _reference(a, b), (a, b)
