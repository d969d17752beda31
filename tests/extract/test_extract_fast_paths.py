"""Fast paths must give what the slow forms gave."""

from __future__ import annotations

from statlint.extract import metric, time

SENTENCES = [
    "截至2024年底，全市已经建成“一网通办”平台（二期），仍有  3个区正在持续推进。",
    "十四五时期以来，去年全市数字经济规模进一步扩大，仍然保持《规划》目标。",
    "平台“随申办”已逐步覆盖全部事项",
    "",
]


def test_adverb_or_drop_is_the_union_of_both_patterns():
    for s in SENTENCES:
        both = sorted(m.span() for m in metric.ADVERB_OR_DROP.finditer(s))
        apart = sorted(
            [m.span() for m in metric.ADVERB.finditer(s)] + [m.span() for m in metric.DROP_RE.finditer(s)]
        )
        assert both == apart


def test_year_mentions_need_nian_or_shi():
    for s in ["全市共建成5G基站3万个", "今年增长5%", "十四五时期增长", "2024年增长"]:
        has_years = bool(time.YEAR.search(s) or time.RELATIVE.search(s))
        assert bool(time.year_mentions(s, 2025)) == has_years
