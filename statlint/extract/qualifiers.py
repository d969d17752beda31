"""The comparison a figure states: = (plain, 达, 为), >, >=, <, <=, ~, from the words around the number.

Qualifier words are never part of the figure's span; they are read from the text just before and after it.
"""

from __future__ import annotations

import re
from typing import Final

from statlint.extract.trie import word_ends, word_starts

# The comparison signs of tables and indicator lists (≥95%), read as qualifiers and left out of metrics.
COMPARISON_SIGNS: Final = "≥≤⩾⩽<>＜＞=＝"
# Words right before the number, checked in order (the negated forms first: 不超过 is <=, not >). A trailing
# 了 is allowed (超过了百分之零点九).
QUAL_BEFORE: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"(?:不低于|不少于|至少|最少|起码|不小于)了?$|(?:≥|>=|＞＝|⩾) ?$"), ">="),
    (re.compile(r"(?:不超过|不高于|不多于|不大于|最多|至多|未超过|控制在)了?$|(?:≤|<=|＜＝|⩽) ?$"), "<="),
    # (出超/入超: a trade surplus or deficit, 全年出超808亿美元)
    (re.compile(r"(?:超过|超出|(?<![出入])超|突破|逾|高于|多于|大于)了?$|(?<![<=＜])[>＞] ?$"), ">"),
    (re.compile(r"(?:不足|不到|低于|少于|小于|未达到?|未满|不及)了?$|(?<![>=＞])[<＜] ?$"), "<"),
    (
        re.compile(
            r"(?:约|大约|大概|近|将近|接近|约为|约合|近乎|约占|近乎|约占[^，,。；;、]{1,8}的|约有|大约有)$"
        ),
        "~",
    ),
    # 约增15%, 大约下降3%: the hedge sits before the change verb.
    (
        re.compile(
            r"(?:(?<![节制简契条预公缔])约|大约|大概|将近)"
            r"(?:增长|增加|提高|提升|上升|上涨|下降|减少|降低|回落|增|减|降|升|涨)了?$"
        ),
        "~",
    ),
)
# Words right after the number (and unit). 内 alone is <= only before a verb-like continuation, not 内容/内部.
QUAL_AFTER: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"^(?:及以上|以上|之上)"), ">="),
    (re.compile(r"^(?:以内|以下|之内|及以下|内(?![容部外涵地蒙陆河江海在]))"), "<="),
    (re.compile(r"^(?:左右|上下(?![游级班午])|开外)"), "~"),
    (re.compile(r"^(?:多|余)"), "~"),
)
# The same lists as one pattern each, tried once: the first named group that matches gives the qualifier.
_NAMES: Final = {">=": "ge", "<=": "le", ">": "gt", "<": "lt", "~": "approx"}
_SYMBOLS: Final = {v: k for k, v in _NAMES.items()}


def _combined(pairs: tuple[tuple[re.Pattern[str], str], ...]) -> re.Pattern[str]:
    parts = [f"(?P<{_NAMES[q]}{i}>{pat.pattern})" for i, (pat, q) in enumerate(pairs)]
    return re.compile("|".join(parts))


QUAL_AFTER_ANY: Final = _combined(tuple((re.compile(p.pattern.lstrip("^")), q) for p, q in QUAL_AFTER))
QUAL_BEFORE_ANY: Final = _combined(QUAL_BEFORE)
# What the words before a number end with (before an optional 了) and the words after it start with: the
# patterns are tried only next to such a character.
# (plus the comparison signs of tables and indicator lists: ≥95%, a space after them allowed)
BEFORE_LAST: Final = frozenset().union(*(word_ends(pat.pattern) for pat, _ in QUAL_BEFORE)) | frozenset(
    COMPARISON_SIGNS + " "
)
AFTER_FIRST: Final = frozenset().union(*(word_starts(pat.pattern) for pat, _ in QUAL_AFTER))
# A currency written before the amount, between it and its qualifier (约人民币500亿元).
CURRENCY_BEFORE: Final = ("新台币", "人民币", "港币")
# How far to look before a number for a qualifier: the longest word is 4 characters plus 了, or 约占 and
# up to 8 characters of what is shared (约占全国总人口的三分之一).
LOOKBEHIND: Final = 12


def qualifier(s: str, start: int, end: int, hint: str | None = None) -> str:
    """Qualifier of the figure s[start:end]; `hint` is what the number itself implies
    (500多 -> ~, 上万 -> >=)."""
    m = QUAL_AFTER_ANY.match(s, end, end + 3) if s[end : end + 1] in AFTER_FIRST else None
    if m:
        return _SYMBOLS[(m.lastgroup or "").rstrip("0123456789")]
    if hint:
        return hint
    if start == 0:
        return "="
    currency = next((c for c in CURRENCY_BEFORE if s.endswith(c, 0, start)), None)
    if currency is not None:
        start -= len(currency)  # 约新台币4,500亿元: the qualifier stands before the currency
        if start == 0:
            return "="
    last = s[start - 1]
    if last == "了" and start > 1:
        last = s[start - 2]
    if last not in BEFORE_LAST:
        return "="  # no qualifier word ends here: most figures
    lo = max(0, start - LOOKBEHIND)
    best = None
    for m in QUAL_BEFORE_ANY.finditer(s[lo:start]):
        if m.end() == start - lo and (best is None or _rank(m) < _rank(best)):
            best = m
    return _SYMBOLS[(best.lastgroup or "").rstrip("0123456789")] if best else "="


def _rank(m: re.Match[str]) -> int:
    """Order of the list a match came from (the negated forms are listed first and must win)."""
    return int((m.lastgroup or "").lstrip("abcdefghijklmnopqrstuvwxyz"))
