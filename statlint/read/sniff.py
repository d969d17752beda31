"""Recognise a file's real type from its first bytes: a mislabelled or binary file is named, not misread."""

from __future__ import annotations

import re

# Magic numbers of containers we read, and of common binary files we must refuse by name.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"PK\x05\x06", "zip"),  # an empty zip archive
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # legacy Office files and encrypted OOXML
    (b"\x89PNG\r\n\x1a\n", "png image"),
    (b"\xff\xd8\xff", "jpeg image"),
    (b"GIF87a", "gif image"),
    (b"GIF89a", "gif image"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!\x1a\x07", "rar archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"{\\rtf", "rtf document"),
)
# An HTML document after an optional BOM, whitespace and comments.
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S
)


def sniff(data: bytes) -> str | None:
    """'pdf', 'zip', 'ole', 'html', a named binary type, or None for plain (possibly text) bytes."""
    head = data[:1024]
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return kind
    # PDF allows junk before the header within the first kilobyte.
    if b"%PDF-" in head:
        return "pdf"
    if _HTML_START.match(head):
        return "html"
    return None
