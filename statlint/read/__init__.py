"""Read a file of any supported format into a RawDocument.

The raw text returned here is the reference every offset in statlint points into: for a .txt file it is the
decoded file; for formats with markup (html, docx, pdf) it is the text layer those readers produce, which is
deterministic for the same bytes.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from statlint.read.docx import read_docx
from statlint.read.encoding import decode_bytes, looks_binary
from statlint.read.errors import IngestError
from statlint.read.html import read_html
from statlint.read.pdf import read_pdf
from statlint.read.sniff import sniff
from statlint.read.text import read_text

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "IngestError",
    "RawDocument",
    "decode_bytes",
    "detect_format",
    "doc_id_for",
    "read_document",
    "sha256_bytes",
]

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

SUPPORTED_SUFFIXES = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
}

# format -> reader(bytes, path) -> (text, encoding or None)
READERS: dict[str, Callable[[bytes, Path], tuple[str, str | None]]] = {
    "txt": read_text,
    "md": read_text,
    "html": read_html,
    "docx": read_docx,
    "pdf": read_pdf,
}


@dataclass(frozen=True)
class RawDocument:
    path: str
    doc_id: str
    text: str
    format: str
    encoding: str | None
    sha256: str
    size_bytes: int


# Characters not allowed in a doc_id.
_SLUG_BAD = re.compile(r"[^\w.-]+", re.UNICODE)


def doc_id_for(path: Path) -> str:
    """A stable, filesystem- and URL-safe id from the file name (reports are named after it)."""
    stem = unicodedata.normalize("NFC", path.stem)
    slug = _SLUG_BAD.sub("_", stem).strip("._") or "document"
    return slug[:80]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# Suffixes people try that we cannot read, with what to do instead.
_ADVICE = {
    ".doc": "legacy Word; save it as .docx",
    ".wps": "save it as .docx",
    ".rtf": "save it as .docx",
    ".xls": "a spreadsheet",
    ".xlsx": "a spreadsheet",
    ".ppt": "slides",
    ".pptx": "slides",
    ".caj": "CNKI CAJ; export it as PDF",
    ".ofd": "OFD; export it as PDF",
}


def _format_of_suffix(path: Path) -> str:
    fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        advice = _ADVICE.get(path.suffix.lower())
        supported = ", ".join(sorted(set(SUPPORTED_SUFFIXES)))
        raise IngestError(
            path,
            f"unsupported file type {path.suffix or '(no extension)'!r}"
            + (f" ({advice})" if advice else "")
            + f"; supported: {supported}",
        )
    return fmt


def detect_format(path: Path, data: bytes | None = None) -> str:
    """The format to read `path` as: the suffix decides; magic bytes must agree, or correct a text suffix.

    A container under its own suffix must carry its magic bytes (a .pdf without %PDF is refused, not misread);
    a PDF, .docx or HTML page saved under a text suffix is read for what it is.
    """
    fmt = _format_of_suffix(path)
    if data is None:
        return fmt
    kind = sniff(data)
    if fmt == "pdf" and kind != "pdf":
        raise IngestError(path, "not a pdf: no %PDF header (truncated, corrupt or mislabelled)")
    if fmt == "docx" and kind == "ole":
        raise IngestError(path, "encrypted or legacy Word file (OLE container), not a readable .docx")
    if fmt == "docx" and kind != "zip":
        raise IngestError(path, "truncated or corrupt docx: not a zip archive")
    if fmt in ("txt", "md"):
        if kind in ("pdf", "html"):
            return kind
        if kind == "zip":
            return "docx"
        if kind == "ole":
            raise IngestError(
                path, "binary content (an OLE container: legacy Office file), not a text document"
            )
        if kind is not None and looks_binary(data):
            raise IngestError(path, f"binary content ({kind}), not a text document")
    return fmt


def read_document(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> RawDocument:
    """Read one file; raise IngestError with a reason an operator can act on."""
    path = Path(path)
    if not path.is_file():
        raise IngestError(path, "not a file")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(path, "empty file (0 bytes)")
    if size > max_bytes:
        raise IngestError(path, f"file is {size} bytes, over the configured limit of {max_bytes}")
    detect_format(path)  # refuse unsupported types before reading their bytes
    data = path.read_bytes()
    fmt = detect_format(path, data)
    text, encoding = READERS[fmt](data, path)
    if not text.strip():
        raise IngestError(path, f"no text in file (empty {fmt} document)")
    return RawDocument(
        path=str(path),
        doc_id=doc_id_for(path),
        text=text,
        format=fmt,
        encoding=encoding,
        sha256=sha256_bytes(data),
        size_bytes=size,
    )
