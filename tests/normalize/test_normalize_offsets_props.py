"""Property: whatever damage is inserted, every clean character maps back to exactly its raw character(s).

Damage: pinyin annotations, full-width digits and signs, a doc-site header and footer, page-number lines and
page breaks."""

from __future__ import annotations

import bisect
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from statlint.normalize import OffsetMap, normalize
from statlint.normalize.pages import SENTENCE_FINAL
from statlint.normalize.width import to_half_width

# Common characters of both scripts, digits and punctuation: what report bodies are made of.
CJK = "数字政府社会建设报告经济规模达万亿元比重提升至研究年增长覆盖率數據經濟規模億區發展產業務"
BODY_CHARS = CJK + "0123456789.%，。、；（）"
SYLLABLES = ["fā", "yè", "guī", "yōu", "chuàng", "zhàn", "tǒng", "qū", "lǚ"]
FULL = {str(d): chr(0xFF10 + d) for d in range(10)} | {"%": "％", ".": "．"}
HEADER = "版權說明:本文檔由用戶提供并上傳,2023年收益歸屬內容提供方\n文檔簡介\n"
FOOTER = "溫馨提示\n- 1. 本站2023年資源99%\n評論\n0/150\n提交評論"
PAGE_LINE = re.compile(r"\n- \d+ -\n\f?")
PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)")


@st.composite
def damaged(draw) -> tuple[str, str]:
    """(raw with damage, the clean text it must normalize to)."""
    lines = draw(st.lists(st.text(alphabet=BODY_CHARS, min_size=12, max_size=40), min_size=6, max_size=12))
    raw_parts: list[str] = []
    clean_parts: list[str] = []
    for n, line in enumerate(lines):
        # A CJK start (no line may pass for furniture) that differs per line (none may pass for a running
        # header either: those repeat exactly next to page breaks).
        line = "甲乙丙丁戊己庚辛壬癸子丑"[n] + line
        raw_line = []
        for ch in line:
            if ch in FULL and draw(st.booleans()):
                raw_line.append(FULL[ch])
            else:
                raw_line.append(ch)
            if ch in CJK and draw(st.integers(0, 4)) == 0:
                raw_line.append(f"({draw(st.sampled_from(SYLLABLES))})")
        raw_parts.append("".join(raw_line))
        clean_parts.append(to_half_width(line))
    raw, clean = raw_parts[0], clean_parts[0]
    for raw_line, clean_line in zip(raw_parts[1:], clean_parts[1:], strict=True):
        if draw(st.integers(0, 3)) == 0:  # a page number between the lines, as PDFs leave them
            runs_on = not SENTENCE_FINAL.search(raw)  # the paragraph continues over the page break
            page_break = "\f" if draw(st.booleans()) else ""  # as the PDF reader separates pages
            raw += f"\n- {draw(st.integers(1, 999))} -\n{page_break}" + raw_line
            clean += ("" if runs_on else "\n") + clean_line
        else:
            raw, clean = raw + "\n" + raw_line, clean + "\n" + clean_line
    if draw(st.booleans()):
        raw = HEADER + raw
    if draw(st.booleans()):
        raw, clean = raw + "\n" + FOOTER, clean + "\n"
    return raw, clean


def _heal_pages(raw: str, start: int, end: int) -> str:
    """raw[start:end] with its page-number lines undone the way the generator put them in."""
    return PAGE_LINE.sub(
        lambda m: "\n" if SENTENCE_FINAL.search(raw[: start + m.start()]) else "", raw[start:end]
    )


@settings(max_examples=150, deadline=None)
@given(damaged())
def test_clean_text_is_the_undamaged_text(case: tuple[str, str]) -> None:
    raw, expected = case
    assert normalize(raw).text == expected


@settings(max_examples=150, deadline=None)
@given(damaged())
def test_each_clean_character_maps_to_its_raw_character(case: tuple[str, str]) -> None:
    raw, _ = case
    clean = normalize(raw)
    assert len(clean.simp) == len(clean.text)
    for i, ch in enumerate(clean.text):
        rs, re_ = clean.raw_span(i, i + 1)
        assert to_half_width(raw[rs:re_]) == ch


@settings(max_examples=150, deadline=None)
@given(damaged(), st.data())
def test_mapped_spans_return_exactly_the_original_characters(case: tuple[str, str], data) -> None:
    raw, _ = case
    clean = normalize(raw)
    a = data.draw(st.integers(0, len(clean.text) - 1))
    b = data.draw(st.integers(a + 1, len(clean.text)))
    quote = clean.raw_quote(a, b)
    # The raw span is exactly the clean span's characters plus the damage inside it, nothing around it.
    rs, re_ = clean.raw_span(a, b)
    assert to_half_width(PINYIN.sub("", _heal_pages(raw, rs, re_))) == clean.text[a:b]
    assert to_half_width(quote[0]) == clean.text[a] and to_half_width(quote[-1]) == clean.text[b - 1]


@settings(max_examples=100, deadline=None)
@given(damaged())
def test_boilerplate_never_reaches_analysis(case: tuple[str, str]) -> None:
    raw, _ = case
    clean = normalize(raw)
    cut = []
    if raw.startswith(HEADER):
        cut.append((0, len(HEADER)))
    if raw.endswith(FOOTER):
        cut.append((len(raw) - len(FOOTER), len(raw)))
    cuts = [(r.raw_start, r.raw_end) for r in clean.repairs if r.note in ("header", "footer")]
    assert sorted(cuts) == cut  # recorded, exactly
    for i in range(len(clean.text)):  # and no clean character comes from inside them
        rs, re_ = clean.raw_span(i, i + 1)
        assert all(re_ <= a or rs >= b for a, b in cut)


def _to_raw_one_by_one(offsets: OffsetMap, start: int, end: int) -> tuple[int, int]:
    """The mapping as first written, one span and two run lookups at a time: the oracle for to_raw_spans."""

    def raw_start(i: int) -> int:
        k = bisect.bisect_right(offsets.starts, i) - 1
        return offsets.raw[k] + (i - offsets.starts[k]) if offsets.same[k] else offsets.raw[k]

    def raw_end(i: int) -> int:
        k = bisect.bisect_right(offsets.starts, i) - 1
        return offsets.raw[k] + (i - offsets.starts[k]) + 1 if offsets.same[k] else offsets.raw_end[k]

    if end <= start:
        if start < offsets.length:
            return raw_start(start), raw_start(start)
        pos = raw_end(offsets.length - 1) if offsets.length else 0
        return pos, pos
    return raw_start(start), raw_end(end - 1)


@settings(max_examples=150, deadline=None)
@given(damaged(), st.data())
def test_spans_mapped_together_map_as_one_by_one(case: tuple[str, str], data) -> None:
    """Every span, empty ones and ones at the text's end included, maps as it does alone."""
    raw, _ = case
    clean = normalize(raw)
    n = len(clean.text)
    positions = st.integers(0, n)
    spans = [*data.draw(st.lists(st.tuples(positions, positions), max_size=40)), (0, n), (n, n), (n, 0)]
    expected = [_to_raw_one_by_one(clean.offsets, a, b) for a, b in spans]
    assert clean.raw_spans(spans) == expected
    assert [clean.raw_span(a, b) for a, b in spans] == expected


def test_an_empty_span_of_an_empty_text_maps_to_its_start() -> None:
    clean = normalize("")
    assert clean.raw_spans([(0, 0), (3, 2)]) == [(0, 0), (0, 0)]
