"""PDF text layer to text, with wrapped lines of a paragraph joined again.

pdfminer lays out text boxes and lines. A line that reaches the right edge of its box was wrapped by the
typesetter, so the next line continues it (Chinese needs no space at the join); a shorter line ends a
paragraph or heading. Scanned PDFs without a text layer are refused: OCR is out of scope.
"""

from __future__ import annotations

import io
from pathlib import Path

from statlint.read.errors import IngestError

# A line ending within this many average character widths of its box's right edge was wrapped.
WRAP_TOLERANCE_CHARS = 1.5


def _box_text(box) -> str:
    from pdfminer.layout import LTTextLine

    lines = [ln for ln in box if isinstance(ln, LTTextLine)]
    out: list[str] = []
    for i, line in enumerate(lines):
        text = line.get_text().rstrip("\n").rstrip()
        chars = max(1, len(text))
        width = (line.x1 - line.x0) / chars
        wrapped = i + 1 < len(lines) and line.x1 >= box.x1 - WRAP_TOLERANCE_CHARS * width
        out.append(text if wrapped else text + "\n")
    return "".join(out)


def read_pdf(data: bytes, path: Path) -> tuple[str, None]:
    """(text layer, None) of a PDF; IngestError for encrypted, corrupt or image-only files."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextBox
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException

    parts: list[str] = []
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
            parts.extend(_box_text(b) for b in page if isinstance(b, LTTextBox))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        reason = f"encrypted pdf: password-protected, cannot read its text ({type(exc).__name__})"
        raise IngestError(path, reason) from exc
    except (PDFException, PSException, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise IngestError(path, f"corrupt pdf: {type(exc).__name__}: {exc}") from exc
    text = "".join(parts)
    if not text.strip():
        raise IngestError(path, "pdf has no text layer (a scanned image?); OCR is not supported")
    return text, None
