"""PDF text layer to text, with wrapped lines of a paragraph joined again.

pdfminer lays out text boxes and lines. A line that reaches the right edge of the page's text was wrapped by
the typesetter, so the next line continues it (Chinese needs no space at the join); a shorter line ends a
paragraph or heading. Scanned PDFs without a text layer are refused: OCR is out of scope.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from statlint.read.errors import IngestError

# A line ending within this many average character widths of its box's right edge was wrapped.
WRAP_TOLERANCE_CHARS = 1.5
# A line opening with a heading number (一、 （一） 1. （1）) after a finished sentence starts afresh.
SENTENCE_FINAL = ("。", "！", "？", "；", "!", "?", ";", "：", ":")
HEADING_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．](?!\d))"
)


def _page_text(page) -> str:
    """The page's lines in layout order; a line reaching the page's right text edge continues on the next.

    The edge is believed only when at least two lines reach it (a justified block), and a finished sentence
    never runs on into a line that opens with a heading number.
    """
    from pdfminer.layout import LTTextBox, LTTextLine

    lines = [ln for box in page if isinstance(box, LTTextBox) for ln in box if isinstance(ln, LTTextLine)]
    texts = [ln.get_text().rstrip() for ln in lines]
    if not lines:
        return ""
    right = max(ln.x1 for ln in lines)

    def at_edge(i: int) -> bool:
        char_width = (lines[i].x1 - lines[i].x0) / max(1, len(texts[i]))
        return lines[i].x1 >= right - WRAP_TOLERANCE_CHARS * char_width

    justified = sum(1 for i in range(len(lines)) if at_edge(i)) >= 2
    out: list[str] = []
    for i, text in enumerate(texts):
        nxt = texts[i + 1] if i + 1 < len(texts) else ""
        heading_next = HEADING_START.match(nxt) and text.endswith(SENTENCE_FINAL)
        wrapped = justified and at_edge(i) and not heading_next
        out.append(text if wrapped else text + "\n")
    return "".join(out)


def read_pdf(data: bytes, path: Path) -> tuple[str, None]:
    """(text layer, None) of a PDF; IngestError for encrypted, corrupt or image-only files."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException

    parts: list[str] = []
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            parts.append(_page_text(page))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        reason = f"encrypted pdf: password-protected, cannot read its text ({type(exc).__name__})"
        raise IngestError(path, reason) from exc
    except (PDFException, PSException, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise IngestError(path, f"corrupt pdf: {type(exc).__name__}: {exc}") from exc
    text = "".join(parts)
    if text and not text.endswith("\n"):
        text += "\n"
    if not text.strip():
        raise IngestError(path, "pdf has no text layer (a scanned image?); OCR is not supported")
    return text, None
