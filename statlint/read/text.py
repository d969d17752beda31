"""Plain text and Markdown: the decoded file is the raw text."""

from __future__ import annotations

from pathlib import Path

from statlint.read.encoding import decode_bytes


def read_text(data: bytes, path: Path) -> tuple[str, str]:
    """(text, encoding) of a .txt/.md file."""
    return decode_bytes(data, path)
