"""Decode bytes to text, refusing rather than guessing when the bytes are not text."""

from __future__ import annotations

import codecs
from pathlib import Path

# Encodings Chinese reports arrive in, tried in this order when there is no BOM. gb18030 is a superset of
# gbk/gb2312 and decodes almost any byte soup, so it is accepted only when charset-normalizer agrees.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes mean this is not a text file (UTF-16/32 are handled by BOM first)."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return ctrl > max(8, len(sample) // 100)


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Return (text, encoding name)."""
    from statlint.read import IngestError

    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name.replace("-sig", "")
            except UnicodeDecodeError as exc:
                raise IngestError(path, f"has a {name} byte-order mark but does not decode: {exc}") from exc
    if looks_binary(data):
        raise IngestError(path, "binary content (NUL or control bytes), not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "utf_16", "cp1252"]).best()
    if best is not None and best.encoding in {"gb18030", "big5"}:
        try:
            return data.decode(best.encoding), best.encoding
        except UnicodeDecodeError:
            pass
    for name in ("gb18030", "big5"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _cjk_ratio(text) > 0.3:
            return text, name
    raise IngestError(path, "undecodable: not valid UTF-8, UTF-16, GB18030 or Big5 text")


def _cjk_ratio(text: str) -> float:
    letters = [c for c in text if not c.isspace() and not c.isascii()]
    if not text.strip():
        return 0.0
    cjk = sum(1 for c in letters if "\u4e00" <= c <= "\u9fff")
    return cjk / max(1, len(text.strip()))
