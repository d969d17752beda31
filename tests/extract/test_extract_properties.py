"""Formatting must not change what is extracted: full-width digits, thousands separators, Traditional vs
Simplified script. And no input makes the patterns backtrack without bound."""

from __future__ import annotations

import opencc
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.extract.helpers_extract import run

TEMPLATES = [
    "{y}年我国数字经济规模达{n}亿元,占GDP比重提升至{p}%。",
    "{y}年上海市政务服务网办率较2020年提高{p}个百分点,累计办件超{n}万件。",
    "{y}年某省企业开办时间从{d}个工作日压缩至1个工作日,材料减少{p}%。",
    "到{y}年实现全国{n}个社区数字服务全覆盖,群众满意率达{p}%以上。",
]
FULL = str.maketrans("0123456789.%", "０１２３４５６７８９．％")
S2T = opencc.OpenCC("s2t")


def reading(recs: list[dict]) -> list[tuple]:
    return [
        (
            r["value"],
            r["value_high"],
            r["unit_family"],
            r["qualifier"],
            r["year"],
            r["role"],
            r["entity_key"],
            r["metric_key"],
        )
        for r in recs
    ]


sentences = st.builds(
    lambda t, y, n, p, d: TEMPLATES[t].format(y=y, n=n, p=p, d=d),
    st.integers(0, len(TEMPLATES) - 1),
    st.integers(2015, 2030),
    st.integers(2, 99_999),
    st.decimals(min_value=1, max_value=99, places=1, allow_nan=False, allow_infinity=False),
    st.integers(2, 30),
)


@settings(max_examples=60, deadline=None)
@given(sentences)
def test_full_width_digits_do_not_change_the_reading(sentence):
    base = run(sentence)
    assert base, sentence
    assert reading(run(sentence.translate(FULL))) == reading(base)


@settings(max_examples=60, deadline=None)
@given(st.integers(1000, 10**12))
def test_thousands_separators_do_not_change_the_value(n):
    plain = run(f"2024年全国交易额达{n}元。")
    grouped = run(f"2024年全国交易额达{n:,}元。")
    assert reading(grouped) == reading(plain)
    assert [r["value"] for r in plain] == [float(n)]


@settings(max_examples=60, deadline=None)
@given(sentences)
def test_traditional_script_does_not_change_the_reading(sentence):
    trad = S2T.convert(sentence)
    assert reading(run(trad)) == reading(run(sentence))


def test_long_runs_of_digits_and_punctuation_finish_and_read_right():
    noise = [
        "9" * 100_000 + "%",  # no statistic: far too many digits to be a figure
        "1," * 50_000,  # a list of bare numbers
        "1.1." * 25_000,  # dotted noise
        "1-" * 50_000 + "5天",  # a runaway range: only the last pair can be a range
        "万亿" * 30_000,
        "百分之" * 20_000,
    ]
    tail = "。2024年全国网办率增长5%。"
    for junk in noise:
        recs = run(junk + tail)
        last = recs[-1]
        assert (last["value"], last["unit"], last["role"], last["year"]) == (5, "%", "delta", 2024)
        assert all(len(r["text"]) < 40 for r in recs)
    assert [r["text"] for r in run("9" * 100_000 + "%")] == []


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 10**12 - 1))
def test_chinese_numerals_read_as_cn2an_writes_them(n):
    import cn2an

    from statlint.extract.numbers import chinese_numeral

    written = cn2an.an2cn(n)
    # (cn2an cannot always read back what it writes, 一百七十五亿一千: only our reading is asserted)
    assert chinese_numeral(written) == n
