"""Messages in the document's own script: rules write Simplified Chinese, Traditional documents get it
converted.

OpenCC's `s2tw` profile converts characters to the common Traditional forms (為, 核實, 裡) without rewriting
mainland terms (數據 stays 數據), which is how Traditional-script reports on mainland topics are written.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

# The OpenCC profile for Simplified -> Traditional messages.
TRADITIONAL_PROFILE = "s2tw"


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC(TRADITIONAL_PROFILE)


def in_script(message: str, script: str | None) -> str:
    return _traditional(message) if script == "traditional" else message


# Messages and suggestions recur (a rule's suggestion is often one sentence, SL101's messages differ only by a
# count and a year): each distinct one is converted once (~15 µs each through OpenCC).
MESSAGE_CACHE = 1 << 14


@lru_cache(maxsize=MESSAGE_CACHE)
def _traditional(message: str) -> str:
    return _s2t().convert(message)


def release() -> None:
    """Drop the converter and the converted messages (~27 MB of OpenCC's dictionaries): a process of the
    shared pool that goes on to write reports needs neither."""
    _traditional.cache_clear()
    _s2t.cache_clear()
