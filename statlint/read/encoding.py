"""Decode bytes to text, refusing rather than guessing when the bytes are not text.

Chinese reports arrive in UTF-8 (with or without BOM), UTF-16, GB18030/GBK or Big5. Each candidate codec is
tried strictly (a codec that fails anywhere is out: a file is never half-read) and the survivors are ranked by
how plausible the text is as Chinese prose: GB18030 decodes almost any byte soup, so "it decoded" proves
little, but Big5 bytes read as GB18030 (or the reverse) give rare characters that real prose does not use.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from statlint.normalize.charclass import plausibility
from statlint.read.errors import IngestError

# Byte-order marks, longest first (UTF-32-LE starts with the UTF-16-LE mark).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16"),
)
# Codecs tried without a BOM, with the name recorded for each. cp950 is Big5 as Windows writes it.
_CANDIDATES = (("gb18030", "gb18030"), ("big5", "big5"), ("cp950", "big5"))
# Below this plausibility a decoding is not believed to be text in any of our encodings.
MIN_PLAUSIBILITY = 0.85


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes mean this is not a text file (UTF-16/32 are handled before this)."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    ctrl = sum(1 for b in sample if b < 9 or (13 < b < 32 and b != 27))
    return ctrl > max(8, len(sample) // 100)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM has NUL bytes (ASCII, CJK like U+4E00); believed only when it reads as prose."""
    if len(data) < 4 or len(data) % 2 or b"\x00" not in data[:8192]:
        return None
    best: tuple[float, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if best is None or score > best[0]:
            best = (score, text)
    return best[1] if best and best[0] >= MIN_PLAUSIBILITY else None


# How much of a refused file charset-normalizer looks at to name its encoding.
GUESS_BYTES = 65536


def guess_other_encoding(data: bytes) -> str | None:
    """Name the encoding (and language) of bytes none of our codecs reads, for the error message only.

    charset-normalizer is good at telling Western, Cyrillic or Japanese code pages apart, which statlint has
    no reason to do itself. It is not used to accept files: any byte soup decodes in some single-byte code
    page, and reading a Chinese report in the wrong one would put invented figures in the warehouse.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data[:GUESS_BYTES]).best()
    if best is None:
        return None
    language = best.language if best.language and best.language != "Unknown" else None
    return f"{best.encoding} ({language})" if language else best.encoding


def decode_bytes(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """Return (text, encoding name) or raise IngestError naming why the bytes are not text we can read."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), name
            except UnicodeDecodeError as exc:
                raise IngestError(
                    path,
                    f"undecodable: has a {name} byte-order mark but is not valid {name} (byte {exc.start})",
                ) from exc
    text16 = _utf16_without_bom(data)
    if text16 is not None:
        return text16, "utf-16"
    if looks_binary(data):
        raise IngestError(path, "binary content (NUL or control bytes), not a text document")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    best: tuple[float, str, str] | None = None
    for codec, name in _CANDIDATES:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if best is None or score > best[0]:
            best = (score, text, name)
    if best is not None and best[0] >= MIN_PLAUSIBILITY:
        return best[1], best[2]
    detail = f"best guess {best[2]} reads as {best[0]:.0%} plausible text" if best else "no codec decodes it"
    other = guess_other_encoding(data)
    if other:
        detail += f"; it looks like {other}"
    raise IngestError(
        path,
        f"undecodable: not valid UTF-8 (byte {utf8_error.start}), UTF-16, GB18030 or Big5 text ({detail})",
    )
