"""Helpers shared by the rule tests."""

from __future__ import annotations

import random


def random_pairs(rng: random.Random, alphabet: str, n: int, max_len: int) -> list[tuple[str, str]]:
    """`n` pairs of random strings up to `max_len` long over a random prefix (2+ characters) of `alphabet`:
    small alphabets make long shared runs likely, large ones rare, so both sides of a threshold are hit."""
    pairs = []
    for _ in range(n):
        letters = alphabet[: rng.randint(2, len(alphabet))]
        a = "".join(rng.choice(letters) for _ in range(rng.randint(0, max_len)))
        b = "".join(rng.choice(letters) for _ in range(rng.randint(0, max_len)))
        pairs.append((a, b))
    return pairs
