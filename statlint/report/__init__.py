"""The editor's reports: one self-contained HTML page and one Markdown file per document, plus an index."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from statlint.report.model import (
    DocumentReport,
    iter_document_reports,
    load_document_reports,
    report_doc_ids,
)
from statlint.report.render import render_html, render_index, render_markdown, report_stem
from statlint.report.text import Segment

log = logging.getLogger("statlint.report")

__all__ = [
    "DocumentReport",
    "iter_document_reports",
    "load_document_reports",
    "write_reports",
    "write_reports_parallel",
]


def write_reports(
    con: duckdb.DuckDBPyConnection,
    reports_dir: Path | str,
    reports: Iterable[DocumentReport] | None = None,
    written_reports: list[DocumentReport] | None = None,
) -> list[Path]:
    """Write every document's HTML and Markdown and the index; `reports` saves reloading when already read.

    One document at a time: its annotated text is built, rendered, written and dropped before the next, so
    memory holds one document's text however many documents there are (the index needs none of it). Reports
    read here (no `reports` given) also drop their findings' quotes but the first (what the index, the run
    summary and the findings table show); `written_reports`, when given, receives them.
    """
    out_dir = Path(reports_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    streamed = reports is None
    if reports is None:
        reports = iter_document_reports(con, text=True)
    done: list[DocumentReport] = written_reports if written_reports is not None else []
    written = _write_documents(out_dir, reports, done, streamed)
    index = out_dir / "index.html"
    index.write_text(render_index(done), "utf-8")
    written.append(index)
    return written


def _write_documents(
    out_dir: Path, reports: Iterable[DocumentReport], done: list[DocumentReport], streamed: bool
) -> list[Path]:
    written: list[Path] = []
    with _collector_paused():
        for rep in reports:
            written += _write_document(out_dir, rep, streamed)
            done.append(rep)
    return written


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the reports are read, rendered and written: that
    allocates millions of short-lived objects, all freed by reference counting (the report stage makes no
    reference cycles: a test checks), and the collections they would trigger find nothing, but traverse the
    batch's rows and the reports written so far over and over (a twentieth of the stage's time, when it ran
    again between documents). It runs again once the documents are written."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _write_document(out_dir: Path, rep: DocumentReport, streamed: bool) -> list[Path]:
    """Write one report's HTML and Markdown."""
    kept = None if streamed else rep._text
    rep.text = rep.text  # build once for both renderings
    html_path = out_dir / f"{report_stem(rep.doc_id)}.html"
    md_path = out_dir / f"{report_stem(rep.doc_id)}.md"
    html_path.write_text(render_html(rep), "utf-8")
    md_path.write_text(render_markdown(rep), "utf-8")
    rep.text = kept  # a text built here is dropped (and rebuilt from the warehouse if asked for again)
    if streamed:
        # What the index, the summary and the findings table read of a written report: each finding's
        # first quote, as plain text. Its marked segments were half the cost of sending a share's reports
        # back from a report process (unpickled by the flow's process while the others still work).
        rep._load_text = None
        for f in rep.findings:
            del f.quotes[1:]
            for q in f.quotes:
                q.segments = [Segment(q.text)]
    return [html_path, md_path]


def _write_share(
    warehouse: str, reports_dir: str, doc_ids: list[str]
) -> tuple[list[Path], list[DocumentReport]]:
    """One process's share of `write_reports_parallel`: its documents' files, and their reports without
    text (for the index)."""
    from statlint.processes import trim_memory
    from statlint.rules import language
    from statlint.warehouse import connect

    language.release()  # this process may have checked documents before: their messages are stored
    trim_memory()
    con = connect(warehouse, read_only=True)
    con.execute("SET threads = 1")
    try:
        done: list[DocumentReport] = []
        paths = _write_documents(Path(reports_dir), iter_document_reports(con, doc_ids=doc_ids), done, True)
    finally:
        con.close()
    trim_memory()
    return paths, done


# Shares of documents per report process, and the fewest documents in a share.
SHARES_PER_PROCESS = 4
REPORT_SHARE_MIN = 32


def write_reports_parallel(
    warehouse: str, reports_dir: Path | str, workers: int, written_reports: list[DocumentReport] | None = None
) -> list[Path]:
    """`write_reports` for a whole warehouse on `workers` processes, which write contiguous shares of the
    documents, each from its own read-only connection; the same files, and the same `written_reports`, in the
    same order. Nothing may hold the warehouse open for writing meanwhile (DuckDB)."""
    from concurrent.futures.process import BrokenProcessPool

    from statlint.processes import process_pool
    from statlint.warehouse import connect

    out_dir = Path(reports_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    con = connect(warehouse, read_only=True)
    try:
        ids = report_doc_ids(con)
    finally:
        con.close()
    # A few shares per process, so one slowed down (by the other stages' processes on its core) does not
    # leave the rest idle at the end; each share is at least a query's worth of documents.
    size = max(REPORT_SHARE_MIN, -(-len(ids) // (max(1, workers) * SHARES_PER_PROCESS))) if ids else 1
    shares = [ids[i : i + size] for i in range(0, len(ids), size)]
    done: list[DocumentReport] = written_reports if written_reports is not None else []
    written: list[Path] = []
    if shares:
        n = len(shares)
        try:
            with process_pool(min(n, max(1, workers))) as pool:
                for paths, reports in pool.map(_write_share, [warehouse] * n, [str(out_dir)] * n, shares):
                    written += paths
                    done += reports
        except BrokenProcessPool:  # a process could not start (e.g. a main script without a __main__ guard)
            log.warning("report processes failed to start; writing the reports in this process")
            del done[:]
            con = connect(warehouse, read_only=True)
            try:
                return write_reports(con, out_dir, written_reports=done)
            finally:
                con.close()
    index = out_dir / "index.html"
    index.write_text(render_index(done), "utf-8")
    written.append(index)
    return written
