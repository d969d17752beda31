"""Extraction throughput: MB of UTF-8 text and statistics per second on one core, and peak memory.

The corpus (at least TARGET_MB) is built from the seed and, when present, the government work reports in
../shared/corpus, with varied wording: numbers are changed, synonyms swapped and every other copy is turned
into Traditional script, so the extractor cannot profit from repeated identical sentences.
"""

from __future__ import annotations

import random
import re
import resource
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "raw" / "digital_government_society_report.txt"
GWR = ROOT.parent / "shared" / "corpus" / "gwr2026"
TARGET_MB = 5.0
# Synonym swaps that keep the sentences grammatical and the figures extractable.
SWAPS = [("提升", "提高"), ("超过", "逾"), ("达到", "达"), ("下降", "降低"), ("增长", "增加"), ("缩短", "压缩")]
DIGITS = re.compile(r"\d+")


def _vary(text: str, rng: random.Random) -> str:
    def digit(m: re.Match[str]) -> str:
        s = m.group()
        if len(s) == 4 and s.startswith(("19", "20")):
            return s  # keep years plausible
        return str(rng.randint(1, 10 ** len(s) - 1))

    text = DIGITS.sub(digit, text)
    for a, b in SWAPS:
        if rng.random() < 0.5:
            text = text.replace(a, b)
    return text


def build_corpus(target_mb: float = TARGET_MB, seed: int = 7) -> list[str]:
    """Documents whose UTF-8 size adds up to at least target_mb."""
    import opencc

    s2t = opencc.OpenCC("s2t")
    sources = [SEED.read_text(encoding="utf-8")]
    if GWR.is_dir():
        sources += [p.read_text(encoding="utf-8") for p in sorted(GWR.glob("*.txt"))]
    rng = random.Random(seed)
    docs: list[str] = []
    size = 0
    i = 0
    while size < target_mb * 1e6:
        text = _vary(sources[i % len(sources)], rng)
        if (i // len(sources)) % 2 == 1:
            text = s2t.convert(text)
        docs.append(text)
        size += len(text.encode("utf-8"))
        i += 1
    return docs


def main() -> dict:
    from statlint.extract import extract_statistics
    from statlint.normalize import normalize
    from statlint.structure import analyse

    docs = build_corpus()
    prepared = []
    t0 = time.perf_counter()
    for d in docs:
        clean = normalize(d)
        prepared.append((clean, analyse(clean)))
    t_prep = time.perf_counter() - t0
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    n_stats = 0
    t0 = time.process_time()
    w0 = time.perf_counter()
    for clean, st in prepared:
        n_stats += len(extract_statistics(clean, st))
    cpu = time.process_time() - t0
    wall = time.perf_counter() - w0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "benchmark": "extract",
        "documents": len(docs),
        "corpus_mb": round(mb, 2),
        "statistics": n_stats,
        "extract_cpu_s": round(cpu, 3),
        "extract_wall_s": round(wall, 3),
        "extract_mb_per_s": round(mb / cpu, 2),
        "statistics_per_s": round(n_stats / cpu),
        "normalize_and_structure_mb_per_s": round(mb / t_prep, 2),
        "peak_rss_mb": round(peak_mb, 1),
        "targets": {"mb_per_s": ">= 5", "peak_mb": "< 500"},
    }
    print(f"extract: {mb:.2f} MB, {len(docs)} documents, {n_stats} statistics in {cpu:.2f} s CPU "
          f"-> {mb / cpu:.2f} MB/s, {n_stats / cpu:,.0f} statistics/s; normalize+structure {mb / t_prep:.2f} MB/s; "
          f"peak RSS {peak_mb:.0f} MB")
    return result
