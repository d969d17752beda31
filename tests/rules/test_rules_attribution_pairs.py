"""SL301's candidate pairs come from one grouping of the 8-grams (a rare gram's lowest, middle and highest
sentence): they must be the pairs a direct count of shared rare grams gives."""

from __future__ import annotations

import random
from collections import Counter
from itertools import combinations

import duckdb

from statlint.rules.attribution import GRAM, MAX_SENTENCES_PER_GRAM, MIN_PASSAGE, _pairs
from statlint.rules.base import RuleContext


def _reference(sentences: list[tuple[str, int, str, bool]]) -> list[tuple[str, int, int]]:
    """Pairs by the definition: per document, grams written 2..MAX times are rare; two sentences pair when
    they share at least MIN_PASSAGE - GRAM + 1 distinct rare grams. Texts here hold word characters only."""
    out = []
    for doc in sorted({d for d, *_ in sentences}):
        grams = {
            sid: [t[i : i + GRAM] for i in range(len(t) - GRAM + 1)]
            for d, sid, t, heading in sentences
            if d == doc and not heading and len(t) >= MIN_PASSAGE
        }
        written = Counter(g for gs in grams.values() for g in gs)
        rare = {
            sid: {g for g in gs if 2 <= written[g] <= MAX_SENTENCES_PER_GRAM} for sid, gs in grams.items()
        }
        for a, b in combinations(sorted(rare), 2):
            if len(rare[a] & rare[b]) >= MIN_PASSAGE - GRAM + 1:
                out.append((doc, a, b))
    return out


WORDS = "数据共享清单制度明确不予类城市平台治理"


def _documents(rng: random.Random) -> list[tuple[str, int, str, bool]]:
    """Sentences of random words with passages copied into one to four others (so a gram is written twice,
    three times or more), sometimes twice into one sentence, and some headings and short sentences."""
    rows = []
    for d in range(6):
        texts = [
            "".join(rng.choice(WORDS) for _ in range(rng.randint(5, 40))) for _ in range(rng.randint(4, 15))
        ]
        for _ in range(rng.randint(1, 8)):
            src = rng.choice(texts)
            at = rng.randint(0, len(src))
            passage = src[at : at + rng.randint(8, 20)]
            for i in rng.sample(range(len(texts)), rng.randint(1, min(4, len(texts)))):
                texts[i] += passage * rng.choice((1, 1, 1, 2))
        rows += [(f"doc_{d}", sid, t, rng.random() < 0.1) for sid, t in enumerate(texts)]
    return rows


def test_pairs_are_those_sharing_enough_rare_grams() -> None:
    rng = random.Random(11)
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE sentences (doc_id VARCHAR, sentence_id BIGINT, text_simp VARCHAR, is_heading BOOL)"
    )
    seen = 0
    for _ in range(40):
        rows = _documents(rng)
        con.execute("DELETE FROM sentences")
        con.executemany("INSERT INTO sentences VALUES (?, ?, ?, ?)", rows)
        docs = sorted({d for d, *_ in rows})
        expected = _reference(rows)
        assert _pairs(RuleContext(con), docs) == expected
        seen += len(expected)
    assert seen > 100  # the data make pairs, and not only trivially
