"""The document's rows carry the raw spans and quotes of their clean spans, each row its own.

process_document maps every table's spans in one call per table; this checks each row against its own span
mapped alone, so a batch that shifts, drops or reorders rows shows here."""

from __future__ import annotations

from pathlib import Path

from statlint.extract import extract_statistics, find_year_mentions
from statlint.ingest import _polars_types, analyse_document, process_path
from statlint.read import read_document


def test_every_row_maps_its_own_span(seed_path: Path) -> None:
    bundle = process_path(seed_path, run_id="r")
    doc = read_document(seed_path)
    clean, st = analyse_document(doc)
    text = doc.text
    frames = bundle.frames
    for table, frame in frames.items():
        assert frame.schema == _polars_types(table)

    sentence_spans = {s.sentence_id: clean.raw_span(s.start, s.end) for s in st.sentences}
    sentences = frames["sentences"]
    assert sentences["sentence_id"].to_list() == [s.sentence_id for s in st.sentences]
    assert list(zip(sentences["start"], sentences["end"], strict=True)) == list(sentence_spans.values())
    assert sentences["text"].to_list() == [text[a:b] for a, b in sentence_spans.values()]

    sections = frames["sections"]
    expected = [clean.raw_span(s.start, max(s.start + 1, s.end)) for s in st.sections]
    assert list(zip(sections["start"], sections["end"], strict=True)) == expected

    records = extract_statistics(clean, st)
    stats = frames["statistics"]
    expected = [clean.raw_span(r["clean_start"], r["clean_end"]) for r in records]
    assert stats.height == len(records) > 100
    assert list(zip(stats["start"], stats["end"], strict=True)) == expected
    assert stats["number_text"].to_list() == [text[a:b] for a, b in expected]
    assert stats["value"].to_list() == [r["value"] for r in records]
    quotes = [text[slice(*sentence_spans[r["sentence_id"]])] for r in records]
    assert stats["sentence"].to_list() == quotes

    mentions = find_year_mentions(clean, st)
    years = frames["year_mentions"]
    expected = [clean.raw_span(y["clean_start"], y["clean_end"]) for y in mentions]
    assert years.height == len(mentions) > 0
    assert list(zip(years["start"], years["end"], strict=True)) == expected
    assert years["text"].to_list() == [text[a:b] for a, b in expected]
