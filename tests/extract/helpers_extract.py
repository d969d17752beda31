"""Run the extractor on a small text the way the pipeline does (normalize -> structure -> extract)."""

from __future__ import annotations

from statlint.extract import extract_statistics, find_year_mentions
from statlint.normalize import normalize
from statlint.structure import analyse


def run(text: str) -> list[dict]:
    """Records with `text`: the clean-text span of each statistic."""
    clean = normalize(text)
    st = analyse(clean)
    recs = extract_statistics(clean, st)
    for r in recs:
        r["text"] = clean.text[r["clean_start"] : r["clean_end"]]
    return recs


def years(text: str) -> list[dict]:
    clean = normalize(text)
    st = analyse(clean)
    out = find_year_mentions(clean, st)
    for y in out:
        y["text"] = clean.text[y["clean_start"] : y["clean_end"]]
    return out


def one(text: str, number_text: str) -> dict:
    """The single record whose span is `number_text`."""
    recs = [r for r in run(text) if r["text"] == number_text]
    assert len(recs) == 1, (number_text, [r["text"] for r in run(text)])
    return recs[0]


def reading(r: dict) -> tuple:
    """The fields every form test asserts: value, unit, qualifier, year, role."""
    return (r["value"], r["unit"], r["qualifier"], r["year"], r["role"])
