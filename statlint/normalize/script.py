"""A Simplified shadow of the text, character for character, so 數據/数据 and 億/亿 compare equal.

OpenCC converts phrases, which can change length; when it does for a line, that line falls back to
character-by-character conversion so that the shadow always aligns with the text.
"""

from __future__ import annotations

import operator
import re
from functools import lru_cache

import opencc

from statlint.normalize.codepoints import code_points


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _char(ch: str) -> str:
    out = _t2s().convert(ch)
    return out if len(out) == 1 else ch


# The highest character of the Basic Multilingual Plane. OpenCC maps a few rare Traditional characters (often
# in mojibake: 鴥 -> 𫛣 U+2B6E3) outside it; one such character makes Python store the whole shadow with four
# bytes a character, and every regex scan of the document slower. None of statlint's vocabulary lies outside
# the plane, so those characters keep their original form in the shadow.
BMP_MAX = "\uffff"
BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")


def _keep_in_bmp(out: str, text: str) -> str:
    """`out` (the same length as `text`) with the characters conversion moved out of the plane put back."""
    parts: list[str] = []
    pos = 0
    for m in BEYOND_BMP.finditer(out):
        i = m.start()
        if text[i] <= BMP_MAX:
            parts += (out[pos:i], text[i])
            pos = i + 1
    if not parts:
        return out
    parts.append(out[pos:])
    return "".join(parts)


def to_simplified(text: str) -> str:
    out = _t2s().convert(text)
    if len(out) == len(text):
        return _keep_in_bmp(out, text)
    lines = text.split("\n")
    conv = []
    for line in lines:
        c = _t2s().convert(line)
        conv.append(c if len(c) == len(line) else "".join(_char(ch) for ch in line))
    return _keep_in_bmp("\n".join(conv), text)


_CJK = re.compile("[\u4e00-\u9fff]+")
# The range _CJK matches, as code points.
CJK_FIRST, CJK_LAST = 0x4E00, 0x9FFF
# How much of the text the script is judged on, and the fewest CJK characters to judge by.
SCRIPT_SAMPLE = 20000
SCRIPT_MIN_CJK = 20


def detect_script(text: str, simp: str | None = None) -> str:
    """'traditional', 'simplified' or 'unknown', by how much conversion changes the text. `simp`, the text's
    Simplified shadow when the caller has it, saves converting the sample again: then the CJK characters of
    the sample are compared with the shadow's as code point columns rather than one by one."""
    if simp is not None and len(simp) == len(text):
        head = code_points(text[:SCRIPT_SAMPLE])
        cjk = head.is_between(CJK_FIRST, CJK_LAST)
        n_cjk = int(cjk.sum())
        if n_cjk < SCRIPT_MIN_CJK:
            return "unknown"
        changed = int((cjk & (head != code_points(simp[:SCRIPT_SAMPLE]))).sum())
        return "traditional" if changed / n_cjk > 0.03 else "simplified"
    sample = "".join(_CJK.findall(text, 0, SCRIPT_SAMPLE))
    if len(sample) < SCRIPT_MIN_CJK:
        return "unknown"
    converted = to_simplified(sample)  # same length: to_simplified keeps alignment
    changed = sum(map(operator.ne, sample, converted))
    return "traditional" if changed / len(sample) > 0.03 else "simplified"
