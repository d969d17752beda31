"""A text as a column of code points, for questions about all of its characters at once.

Iterating a Python string makes one object per character (50,000 for a report); Polars reads the UTF-32
encoding straight into a UInt32 column instead, so counting, comparing or collecting characters costs a few
vectorized passes, not a Python step each.
"""

from __future__ import annotations

import polars as pl


def code_points(text: str) -> pl.Series:
    """The characters of `text` as UInt32 code points, in order (empty text: an empty column). A lone
    surrogate, which a Python string may hold, passes as its own code point. Big-endian: Polars reinterprets
    that several times faster than little-endian (0.05 s against 0.2 s for 12 million characters)."""
    if not text:
        return pl.Series(dtype=pl.UInt32)
    return (
        pl.Series([text.encode("utf-32-be", "surrogatepass")])
        .bin.reinterpret(dtype=pl.Array(pl.UInt32, len(text)), endianness="big")
        .reshape((-1,))
    )


def distinct_chars(text: str) -> list[str]:
    """The distinct characters of `text` (those `set(text)` holds), in order of first appearance (which
    Polars finds without its parallel hashing: a thread pool costs more than it saves on one text)."""
    return list(map(chr, code_points(text).unique(maintain_order=True).to_list()))
