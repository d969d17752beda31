"""Factories for the small files the reader tests make: docx, pdf (reportlab CID font) and html."""

from __future__ import annotations

import html as html_lib
from collections.abc import Callable
from pathlib import Path

import pytest

CID_FONT = "STSong-Light"  # reportlab's built-in Adobe-GB1 font: Chinese without font files


def _make_docx(path: Path, text: str, table: list[list[str]] | None = None) -> Path:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    document.save(str(path))
    return path


def _make_pdf(
    path: Path,
    text: str,
    encrypt: str | None = None,
    size: float = 10.5,
    page_numbers: bool = False,
    running_header: str | None = None,
) -> Path:
    """Typeset `text` like a word processor: each line a paragraph, wrapped at the right margin; optionally
    with "- N -" centred under each page and a running header over each page but the first."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    width, height = A4
    margin = 50
    y = height - margin
    c.setFont(CID_FONT, size)
    for para in text.split("\n"):
        lines, line = [], ""
        for ch in para:
            if pdfmetrics.stringWidth(line + ch, CID_FONT, size) > width - 2 * margin:
                lines.append(line)
                line = ch
            else:
                line += ch
        lines.append(line)
        for ln in lines:
            if y < margin:
                if page_numbers:
                    c.drawCentredString(width / 2, margin / 2, f"- {c.getPageNumber()} -")
                c.showPage()
                c.setFont(CID_FONT, size)
                y = height - margin
                if running_header:
                    c.drawCentredString(width / 2, height - margin / 2, running_header)
            c.drawString(margin, y, ln)
            y -= size * 1.5
    if page_numbers:
        c.drawCentredString(width / 2, margin / 2, f"- {c.getPageNumber()} -")
    c.save()
    return path


def _make_html(path: Path, text: str, charset: str = "utf-8") -> Path:
    body = "\n".join(f"<p>{html_lib.escape(line)}</p>" for line in text.split("\n"))
    page = (
        f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>页面标题 2099年</title>'
        '<style>p { margin: 0 }</style><script>var x = "2099年增长99%";</script></head>'
        f'<body><nav><script>track("2098年")</script></nav><main>{body}</main></body></html>'
    )
    path.write_bytes(page.encode(charset))
    return path


@pytest.fixture(scope="session")
def make_docx() -> Callable[..., Path]:
    return _make_docx


@pytest.fixture(scope="session")
def make_pdf() -> Callable[..., Path]:
    return _make_pdf


@pytest.fixture(scope="session")
def make_html() -> Callable[..., Path]:
    return _make_html
