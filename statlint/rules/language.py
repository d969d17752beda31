"""Messages in the document's own script: rules write Simplified Chinese, Traditional documents get it
converted."""

from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def in_script(message: str, script: str | None) -> str:
    return _s2t().convert(message) if script == "traditional" else message
