"""The report stage streams one annotated text at a time, with the same bytes however it is called."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from statlint.report import write_reports
from statlint.report.model import _visible, iter_document_reports, load_document_reports
from statlint.report.text import Mark, Repair
from statlint.warehouse import connect


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_streamed_and_preloaded_reports_are_byte_identical(seed_warehouse: Path, tmp_path: Path) -> None:
    con = connect(seed_warehouse, read_only=True)
    try:
        write_reports(con, tmp_path / "streamed")
        reports = load_document_reports(con)
        assert all(r._text is None for r in reports), "loaded reports must not hold their annotated text"
        write_reports(con, tmp_path / "preloaded", reports)
        assert all(r._text is None for r in reports), "a written report drops the text built for it"
        eager = list(iter_document_reports(con, text=True))
        lazy = load_document_reports(con)
        for e, z in zip(eager, lazy, strict=True):
            assert e.text == z.text and e.findings == z.findings and e.section_labels == z.section_labels
        write_reports(con, tmp_path / "eager", eager)
    finally:
        con.close()
    streamed = _files(tmp_path / "streamed")
    assert streamed == _files(tmp_path / "preloaded") == _files(tmp_path / "eager")
    assert any(name.endswith(".html") and name != "index.html" for name in streamed)


def test_visible_repairs_match_the_pairwise_definition() -> None:
    rng = random.Random(7)
    for _ in range(300):
        repairs = sorted(
            (
                Repair(s, s + rng.randint(0, 6), "")
                for s in (rng.randint(0, 80) for _ in range(rng.randint(0, 12)))
            ),
            key=lambda r: r.start,
        )
        marks = [
            Mark(s, s + rng.randint(0, 8), "ev")
            for s in (rng.randint(0, 80) for _ in range(rng.randint(0, 6)))
        ]
        naive = [r for r in repairs if not any(m.start < r.end and r.start < m.end for m in marks)]
        assert _visible(repairs, marks) == naive


def test_quotes_from_prefetched_sentences_match_whole_documents(seed_warehouse: Path) -> None:
    """Cross-document quotes read only the cited sentences (`_load_quoted`); they must equal quotes cut from
    the whole document, for every finding's evidence and for offsets anywhere in the text (inside sentences,
    between them, past the end)."""
    import json

    from statlint.report.model import _load_quoted, _quotes, _TextCache

    con = connect(seed_warehouse, read_only=True)
    try:
        rows = con.execute("SELECT severity, evidence FROM findings").fetchall()
        cases = [(json.loads(e), sev) for sev, e in rows]
        for doc_id, n_chars in con.execute("SELECT doc_id, n_chars FROM documents").fetchall():
            cases += [
                ([{"doc_id": doc_id, "start": o, "end": o + 4, "text": "", "section_path": ""}], "info")
                for o in range(0, n_chars + 50, 37)
            ]
        whole = _TextCache(con)
        part = _TextCache(con)
        part.quoted = _load_quoted(
            con, sorted({(ev["doc_id"], ev["start"]) for spans, _ in cases for ev in spans})
        )
        assert part.quoted and all(len(t.sentences) < len(whole[d].sentences) for d, t in part.quoted.items())
        for spans, severity in cases:
            assert _quotes(spans, part, severity) == _quotes(spans, whole, severity)
        assert not part.others, "every quote came from the prefetched sentences"
    finally:
        con.close()


def test_reports_written_on_two_processes_are_the_same_files(
    tmp_path: Path, warehouse_builder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`write_reports_parallel` splits the documents into shares between processes (here five shares of one
    document on two processes): the same files, and the same reports for the index and the run summary, as
    writing them all in one process."""
    import statlint.report
    from statlint.report import write_reports_parallel

    monkeypatch.setattr(statlint.report, "REPORT_SHARE_MIN", 1)
    from tests.ops.helpers_ops import write_corpus

    db = warehouse_builder(tmp_path / "w.duckdb", write_corpus(tmp_path / "raw", 5))
    con = connect(db, read_only=True)
    try:
        one: list = []
        write_reports(con, tmp_path / "one", written_reports=one)
    finally:
        con.close()
    two: list = []
    paths = write_reports_parallel(str(db), tmp_path / "two", 2, written_reports=two)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert [p.name for p in paths] == sorted(_files(tmp_path / "two"), key=lambda n: (n == "index.html", n))
    assert [(r.doc_id, [f.fingerprint for f in r.findings]) for r in two] == [
        (r.doc_id, [f.fingerprint for f in r.findings]) for r in one
    ]
    assert len(two) == 5


def test_span_index_slices_hold_every_overlapping_span_in_order() -> None:
    """`_SpanIndex.near` is a slice of the spans: it must hold every span overlapping the stretch, in the
    spans' order, however long some spans are (one long span must not hide the short ones after it)."""
    from statlint.report.model import _SpanIndex

    rng = random.Random(3)
    for _ in range(2000):
        starts = sorted(rng.randint(0, 100) for _ in range(12))
        spans = [Repair(s, s + rng.choice([0, 1, 3, 8, 60]), "") for s in starts]
        index = _SpanIndex(spans)
        for _ in range(10):
            start = rng.randint(-5, 110)
            end = start + rng.randint(0, 20)
            overlapping = [r for r in spans if r.end > start and r.start < end]
            assert [r for r in index.near(start, end) if r.end > start and r.start < end] == overlapping


# Writes the reports twice (the first time compiles the templates) and prints what a collection then finds.
CYCLES_AFTER_WRITING = """
import gc, sys
from statlint.report import write_reports
from statlint.warehouse import connect
con = connect(sys.argv[1], read_only=True)
write_reports(con, sys.argv[2] + "/first")
gc.collect()
gc.disable()
write_reports(con, sys.argv[2] + "/again")
print(gc.collect())
con.close()
"""


def test_writing_reports_leaves_no_cyclic_garbage(seed_warehouse: Path, tmp_path: Path) -> None:
    """The collector is paused while the reports are written (`_collector_paused`): what the stage frees only
    a collection could find (reference cycles) would wait until the end, so it must make none. In a process
    of its own: other tests' threads make garbage of their own."""
    proc = subprocess.run(
        [sys.executable, "-c", CYCLES_AFTER_WRITING, str(seed_warehouse), str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.split()[-1] == "0", proc.stdout
