"""The Simplified shadow: as long as the text, so one offset serves both; quotes keep the own script."""

from __future__ import annotations

import operator

from hypothesis import given, settings
from hypothesis import strategies as st

from statlint.normalize import normalize
from statlint.normalize.codepoints import code_points, distinct_chars
from statlint.normalize.script import _CJK, SCRIPT_MIN_CJK, SCRIPT_SAMPLE, detect_script, to_simplified


def test_shadow_is_simplified_and_aligned() -> None:
    clean = normalize("據統計，數據規模達50.2萬億元，覆蓋率提升至85%。")
    assert clean.simp == "据统计,数据规模达50.2万亿元,覆盖率提升至85%。"
    assert len(clean.simp) == len(clean.text)
    i = clean.simp.index("万亿元")
    assert clean.raw_quote(i, i + 3) == "萬億元"  # what people are shown stays Traditional


def test_phrase_conversion_that_changes_length_falls_back_per_character() -> None:
    text = "這個「數據」裡面的內容\n第二行的數據"
    simp = to_simplified(text)
    assert len(simp) == len(text) and "数据" in simp


def test_script_detection(seed_path) -> None:
    assert normalize(seed_path.read_text(encoding="utf-8")).script == "traditional"
    assert detect_script("数字政府与数字社会建设关系研究报告，二零二三年的数据显示增长明显。") == "simplified"
    assert detect_script("GDP 2023") == "unknown"


def test_the_shadow_stays_in_the_basic_plane_when_the_text_does() -> None:
    """OpenCC maps 鴥 (seen in mojibake) to U+2B6E3; one such character would make Python store the whole
    shadow four bytes a character. The character keeps its form; the rest is still converted."""
    import sys

    from statlint.normalize.script import to_simplified

    text = "對策建議?;趪鴥韌獾。數據共享" * 200
    simp = to_simplified(text)
    assert len(simp) == len(text)
    assert max(simp) <= "\uffff"
    assert simp.startswith("对策建议?;趪鴥韧獾。数据共享")
    assert sys.getsizeof(simp) < 3 * len(simp)  # two bytes a character, not four
    assert to_simplified("數據𠀀") == "数据𠀀"  # a character already outside the plane stays as it is


def test_script_read_from_a_given_shadow_agrees_with_converting_again() -> None:
    traditional = "數字政府與數字社會建設關係研究報告，二零二三年數據顯示增長明顯，網辦率達到百分之九十。" * 3
    simplified = to_simplified(traditional)
    for text in (traditional, simplified, "GDP 2023"):
        assert detect_script(text, to_simplified(text)) == detect_script(text)
    assert detect_script(traditional, simplified) == "traditional"


def _script_by_slices(text: str, simp: str) -> str:
    """detect_script as first written, joining the shadow's slices under the text's CJK runs: the oracle."""
    runs = list(_CJK.finditer(text, 0, SCRIPT_SAMPLE))
    sample = "".join(m.group() for m in runs)
    if len(sample) < SCRIPT_MIN_CJK:
        return "unknown"
    converted = "".join(simp[m.start() : m.end()] for m in runs)
    changed = sum(map(operator.ne, sample, converted))
    return "traditional" if changed / len(sample) > 0.03 else "simplified"


# Simplified text with characters the CJK count leaves out (Extension A, a compatibility ideograph, ASCII,
# full-width forms, a character beyond the basic plane) and Traditional ones sprinkled in (鴥 is one OpenCC
# maps out of the plane): few enough that the share changed lies on either side of the 3% threshold.
SIMPLIFIED_CHARS = "数据经济规模增长区域发展 a1?，。\n㐀豈\U00020000"
TRADITIONAL_CHARS = "數據經濟規模億區發展鴥"


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=SIMPLIFIED_CHARS, max_size=400),
    st.text(alphabet=TRADITIONAL_CHARS, max_size=12),
    st.integers(0, 400),
    st.integers(0, SCRIPT_SAMPLE + 5),
)
def test_script_detection_counts_as_slicing_the_shadow_did(
    simplified: str, traditional: str, at: int, pad: int
) -> None:
    """The code point comparison gives what the character-by-character one gave, also when the CJK text
    starts near or past the end of the sample."""
    text = simplified[:at] + traditional + simplified[at:]
    for t in (text, "x" * pad + text):
        assert detect_script(t, to_simplified(t)) == _script_by_slices(t, to_simplified(t))


def test_script_detection_reads_only_the_sample() -> None:
    simplified = "数字政府与数字社会建设关系研究报告" * 2
    traditional = "數據規模與經濟規模區域發展" * 2000
    text = simplified + "x" * (SCRIPT_SAMPLE - len(simplified)) + traditional
    assert detect_script(text, to_simplified(text)) == "simplified"
    assert detect_script(traditional, to_simplified(traditional)) == "traditional"


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_code_points_and_distinct_characters(text: str) -> None:
    for t in (text, text + "\udc80"):  # a lone surrogate, which a Python string may hold
        assert code_points(t).to_list() == [ord(ch) for ch in t]
        assert sorted(distinct_chars(t)) == sorted(set(t))
        assert len(distinct_chars(t)) == len(set(t))
