"""Emphasis marks that Markdown and scraped pages leave around words and figures (数字经济规模达到**53.9万亿
元**，同比增长*7.4%*): dropped, so a figure reads with its verb and its unit.

Only runs of one to three asterisks touching Chinese text or a figure go; a bullet (`* ` at a line's start)
and an asterisk between Latin words or spaces stay, as does every other character.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from typing import Final

from statlint.normalize.offsets import Edit

EMPHASIS: Final = re.compile(
    r"(?<=[\u4e00-\u9fff%％‰（(：:，,、])\*{1,3}(?![*\s])|(?<![A-Za-z0-9_*])\*{1,3}(?=[\u4e00-\u9fff0-9])|"
    r"(?<=[\u4e00-\u9fff0-9%％‰])\*{1,3}"
)


def find_emphasis(raw: str, chars: AbstractSet[str] | None = None) -> list[Edit]:
    """One deletion per run of emphasis asterisks next to Chinese text or a number."""
    if "*" not in (chars if chars is not None else set(raw)):
        return []
    return [Edit(m.start(), m.end(), "", "markup", m.group()) for m in EMPHASIS.finditer(raw)]
