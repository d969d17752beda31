"""Read a file of any supported format into a RawDocument.

The raw text returned here is the reference every offset in statlint points into: for a .txt file it is the
decoded file; for formats with markup (html, docx, pdf) it is the text layer those readers produce.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from statlint.read.encoding import decode_bytes

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

SUPPORTED_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}


class IngestError(Exception):
    """A file that cannot be read; the message names the file and the reason."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class RawDocument:
    path: str
    doc_id: str
    text: str
    format: str
    encoding: str | None
    sha256: str
    size_bytes: int


_SLUG_BAD = re.compile(r"[^\w.-]+", re.UNICODE)


def doc_id_for(path: Path) -> str:
    """A stable, filesystem- and URL-safe id from the file name (reports are named after it)."""
    stem = unicodedata.normalize("NFC", path.stem)
    slug = _SLUG_BAD.sub("_", stem).strip("._") or "document"
    return slug[:80]


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def detect_format(path: Path) -> str:
    fmt = SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise IngestError(path, f"unsupported file type {path.suffix or '(no extension)'!r}")
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
    fmt = detect_format(path)
    data = path.read_bytes()
    text, encoding = decode_bytes(data, path)
    if not text.strip():
        raise IngestError(path, "no text in file")
    return RawDocument(
        path=str(path),
        doc_id=doc_id_for(path),
        text=text,
        format=fmt,
        encoding=encoding,
        sha256=sha256_bytes(data),
        size_bytes=size,
    )
