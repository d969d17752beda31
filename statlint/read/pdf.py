"""PDF text layer to text, with wrapped lines of a paragraph joined again.

pdfminer lays out text boxes and lines. A line that reaches the right edge of the page's text was wrapped by
the typesetter, so the next line continues it (Chinese needs no space at the join); a shorter line ends a
paragraph or heading. Pages are separated by a form feed ("\f"), as pdftotext does, so the normalizer can
tell page furniture (numbers, running headers) from text and heal paragraphs broken by a page. Scanned PDFs
without a text layer are refused: OCR is out of scope.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from statlint.normalize.pages import PAGE_NUMBER_LINE
from statlint.read.errors import IngestError

# A line ending within this many average character widths of its box's right edge was wrapped.
WRAP_TOLERANCE_CHARS = 1.5
# A line opening with a heading number (一、 （一） 1. （1）) after a finished sentence starts afresh.
SENTENCE_FINAL = ("。", "！", "？", "；", "!", "?", ";", "：", ":")
HEADING_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d))"
)


def _page_lines(page) -> list[tuple[str, bool, bool]]:
    """(text, wrapped, page number?) per line in layout order; a wrapped line continues on the next one.

    A line reaching the page's right text edge was wrapped by the typesetter. The edge is believed only when
    at least two lines reach it (a justified block), and a finished sentence never runs on into a line that
    opens with a heading number. Page-number lines take no part: the normalizer cuts them and heals the break.
    """
    from pdfminer.layout import LTTextBox, LTTextLine

    lines = [ln for box in page if isinstance(box, LTTextBox) for ln in box if isinstance(ln, LTTextLine)]
    texts = [ln.get_text().rstrip() for ln in lines]
    page_no = [bool(PAGE_NUMBER_LINE.fullmatch(t.strip())) for t in texts]
    body = [ln for ln, p in zip(lines, page_no, strict=True) if not p]
    if not body:
        return [(t, False, p) for t, p in zip(texts, page_no, strict=True)]
    right = max(ln.x1 for ln in body)

    def at_edge(i: int) -> bool:
        char_width = (lines[i].x1 - lines[i].x0) / max(1, len(texts[i]))
        return not page_no[i] and lines[i].x1 >= right - WRAP_TOLERANCE_CHARS * char_width

    justified = sum(1 for i in range(len(lines)) if at_edge(i)) >= 2
    out: list[tuple[str, bool, bool]] = []
    for i, text in enumerate(texts):
        nxt = next((t for t, p in zip(texts[i + 1 :], page_no[i + 1 :], strict=True) if not p), "")
        heading_next = HEADING_START.match(nxt) and text.endswith(SENTENCE_FINAL)
        out.append((text, justified and at_edge(i) and not heading_next, page_no[i]))
    return out


def _join(lines: list[tuple[str, bool, bool]]) -> str:
    """Lines to text: wrapped lines run on; a page number always stands on a line of its own."""
    out: list[str] = []
    for text, wrapped, page_no in lines:
        if page_no:
            if out and not out[-1].endswith("\n"):
                out.append("\n")
            out.append(text + "\n")
        else:
            out.append(text if wrapped else text + "\n")
    return "".join(out)


def read_pdf(data: bytes, path: Path) -> tuple[str, None]:
    """(text layer, None) of a PDF; IngestError for encrypted, corrupt or image-only files."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException

    pages: list[str] = []
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            pages.append(_join(_page_lines(page)))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        reason = f"encrypted pdf: password-protected, cannot read its text ({type(exc).__name__})"
        raise IngestError(path, reason) from exc
    except (PDFException, PSException, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise IngestError(path, f"corrupt pdf: {type(exc).__name__}: {exc}") from exc
    text = "\f".join(pages)  # page breaks stay visible: the normalizer heals them and cuts page furniture
    if text and not text.endswith("\n"):
        text += "\n"
    if not text.strip():
        raise IngestError(path, "pdf has no text layer (a scanned image?); OCR is not supported")
    return text, None
