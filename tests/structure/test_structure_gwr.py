"""The 2026 provincial work reports: titles, delivery dates and top-level sections read from real pages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from statlint.normalize import normalize
from statlint.structure import Structure, analyse


@pytest.fixture(scope="module")
def reports(shared_dir: Path) -> dict[str, tuple[str, Structure]]:
    files = sorted((shared_dir / "corpus" / "gwr2026").glob("*.txt"))
    if not files:
        pytest.skip("gwr2026 corpus not present")
    out = {}
    for f in files:
        raw = f.read_text(encoding="utf-8")
        out[f.stem] = (raw, analyse(normalize(raw)))
    return out


def test_titles_are_the_report_titles(reports) -> None:
    for name, (_raw, st) in reports.items():
        assert st.title is not None and st.title.endswith("政府工作报告"), (name, st.title)


def test_delivery_dates_come_from_the_delivery_line(reports) -> None:
    for name, (_raw, st) in reports.items():
        assert st.pub_date is not None and st.pub_date_kind == "delivered", name
        sentence = st.sentences[st.pub_date_sentence_id].simp
        assert "在" in sentence and re.search(r"(?:2026|二〇二六)年", sentence), (name, sentence)
        assert "2026-01-01" <= st.pub_date <= "2026-02-28", name


def test_beijing(reports) -> None:
    _raw, st = reports["gwr2026_beijing"]
    assert st.pub_date == "2026-01-25"
    assert [(s.path, s.title) for s in st.sections if s.level == 1] == [
        ("一", "2025年工作回顾"),
        ("二", "“十四五”时期发展成就和“十五五”时期主要目标任务"),
        ("三", "2026年重点工作"),
    ]


def test_every_report_has_two_to_four_parts(reports) -> None:
    for name, (_raw, st) in reports.items():
        top = [s for s in st.sections if s.level == 1 and not s.path.startswith(("附件", "名词解释"))]
        assert 2 <= len(top) <= 4, (name, [s.title for s in top])
        assert all(s.title for s in top), name


def test_neimenggu_numbers_its_sections_under_two_dated_parts(reports) -> None:
    _raw, st = reports["gwr2026_neimenggu"]
    top = [(s.path, s.title) for s in st.sections if s.level == 1 and not s.path.startswith("附件")]
    assert top == [
        ("[1]", "“十四五”时期发展成就和2025年工作回顾"),
        ("[2]", "“十五五”时期主要目标和2026年重点工作"),
    ]
    assert [s.path for s in st.sections if s.level == 2][:4] == ["[2]/一", "[2]/二", "[2]/三", "[2]/四"]


def test_sentences_are_raw_text(reports) -> None:
    for name, (raw, st) in reports.items():
        clean = normalize(raw)
        for s in st.sentences[:50]:
            a, b = clean.raw_span(s.start, s.end)
            assert len(raw[a:b]) >= len(s.text), name
