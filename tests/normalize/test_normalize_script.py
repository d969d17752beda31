"""The Simplified shadow: as long as the text, so one offset serves both; quotes keep the own script."""

from __future__ import annotations

from statlint.normalize import normalize
from statlint.normalize.script import detect_script, to_simplified


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
