"""The editor's reports: one self-contained HTML page and one Markdown file per document, plus an index."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb

from statlint.report.model import DocumentReport, iter_document_reports, load_document_reports
from statlint.report.render import render_html, render_index, render_markdown, report_stem

__all__ = ["DocumentReport", "iter_document_reports", "load_document_reports", "write_reports"]


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
    written: list[Path] = []
    streamed = reports is None
    if reports is None:
        reports = iter_document_reports(con, text=True)
    done: list[DocumentReport] = written_reports if written_reports is not None else []
    for rep in reports:
        kept = None if streamed else rep._text
        rep.text = rep.text  # build once for both renderings
        html_path = out_dir / f"{report_stem(rep.doc_id)}.html"
        md_path = out_dir / f"{report_stem(rep.doc_id)}.md"
        html_path.write_text(render_html(rep), "utf-8")
        md_path.write_text(render_markdown(rep), "utf-8")
        rep.text = kept  # a text built here is dropped (and rebuilt from the warehouse if asked for again)
        if streamed:
            rep._load_text = None
            for f in rep.findings:
                del f.quotes[1:]
        written += [html_path, md_path]
        done.append(rep)
    index = out_dir / "index.html"
    index.write_text(render_index(done), "utf-8")
    written.append(index)
    return written
