"""The editor's reports: one self-contained HTML page and one Markdown file per document, plus an index."""

from __future__ import annotations

from pathlib import Path

import duckdb

from statlint.report.model import DocumentReport, load_document_reports
from statlint.report.render import render_html, render_index, render_markdown, report_stem

__all__ = ["DocumentReport", "load_document_reports", "write_reports"]


def write_reports(
    con: duckdb.DuckDBPyConnection, reports_dir: Path | str, reports: list[DocumentReport] | None = None
) -> list[Path]:
    """Write every document's HTML and Markdown and the index; `reports` saves reloading when already read."""
    out_dir = Path(reports_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if reports is None:
        reports = load_document_reports(con)
    for rep in reports:
        html_path = out_dir / f"{report_stem(rep.doc_id)}.html"
        md_path = out_dir / f"{report_stem(rep.doc_id)}.md"
        html_path.write_text(render_html(rep), "utf-8")
        md_path.write_text(render_markdown(rep), "utf-8")
        written += [html_path, md_path]
    index = out_dir / "index.html"
    index.write_text(render_index(reports), "utf-8")
    written.append(index)
    return written
