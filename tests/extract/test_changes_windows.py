"""The end-anchored change patterns are searched only in the last few characters of a prefix: the windows
must cover every match the patterns can make, so the result equals a search of the whole prefix."""

from __future__ import annotations

import re

from statlint.extract import changes


def _max_width(pat: re.Pattern[str]) -> int:
    return re._parser.parse(pat.pattern).getwidth()[1]  # type: ignore[attr-defined]


def test_windows_cover_the_longest_match():
    for pat, window in (
        (changes.FROM_BEFORE, changes.FROM_BEFORE_WINDOW),
        (changes.BASE_VALUE_BEFORE, changes.BASE_VALUE_WINDOW),
        (changes.BASE_MEASURE_VALUE_BEFORE, changes.BASE_MEASURE_VALUE_WINDOW),
        (changes.GAP, changes.GAP_WINDOW),
        (changes.TO_VERB, changes.TO_VERB_WINDOW),
        (changes.DOUBLING, changes.DOUBLING_WINDOW),
        (changes.VERB_AT_END, changes.DOUBLING_WINDOW),
        (changes.NEW_FLOW, changes.NEW_FLOW_WINDOW),
        *changes.DELTA_PATTERNS,
    ):
        assert _max_width(pat) + 2 <= window, pat.pattern


def test_windowed_search_equals_full_search():
    prefixes = [
        "城乡居民收入比从",
        "数字经济规模由原来的",
        "平均办理时间缩短为了至约",
        "数字经济核心产业增加值占GDP比重提升到了超过",
        "农村居民收入增长了",
        "增幅分别为约",
        "累计减少重复信息录入",
        "新增入驻企业",
        "收入增长\n",
        "降至\n",
        "",
    ]
    for prefix in prefixes:
        for pat, window in (
            (changes.FROM_BEFORE, changes.FROM_BEFORE_WINDOW),
            (changes.TO_VERB, changes.TO_VERB_WINDOW),
            (changes.DOUBLING, changes.DOUBLING_WINDOW),
            *changes.DELTA_PATTERNS,
        ):
            full = pat.search(prefix)
            short = pat.search(prefix, max(0, len(prefix) - window))
            assert (full and (full.span(), full.groupdict())) == (short and (short.span(), short.groupdict()))
