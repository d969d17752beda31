"""The seed's structure: title, seven chapters, section paths, and the research window from its sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from statlint.normalize import normalize
from statlint.structure import Structure, analyse

CHAPTERS = [
    ("一", "總論"),
    ("二", "數字政府與數字社會的概念內涵及發展現狀"),
    ("三", "數字政府與數字社會建設的互動關系"),
    ("四", "協同發展面臨的主要問題"),
    ("五", "國內外協同發展典型案例分析"),
    ("六", "協同發展的路徑與對策建議"),
    ("七", "結論與展望"),
]


@pytest.fixture(scope="module")
def seed(seed_path: Path) -> Structure:
    return analyse(normalize(seed_path.read_text(encoding="utf-8")))


def test_title(seed: Structure) -> None:
    assert seed.title == "數字政府與數字社會建設關系研究報告"
    assert seed.sentences[seed.title_sentence_id].text == seed.title


def test_seven_chapters_with_titles(seed: Structure) -> None:
    assert [(s.path, s.title) for s in seed.sections if s.level == 1] == CHAPTERS


def test_hierarchy_and_paths(seed: Structure) -> None:
    by_path = {s.path: s for s in seed.sections}
    sub = by_path["一/一"]
    assert (sub.level, sub.marker, sub.title) == (2, "(一)", "研究背景與意義")
    item = by_path["一/一/1"]
    assert (item.level, item.title, item.parent_id) == (3, "數字技術發展驅動治理變革", sub.section_id)
    assert by_path["一/二/2/1"].level == 4
    for s in seed.sections:
        parent = seed.sections[s.parent_id] if s.parent_id is not None else None
        assert (parent is None) == (s.level == 1)
        if parent:
            assert s.path.startswith(parent.path + "/") and parent.start <= s.start <= s.end <= parent.end


def test_sentences_carry_their_section_path(seed: Structure) -> None:
    s = next(s for s in seed.sentences if "50.2萬億元" in s.text)
    assert s.section_path == "一/一/1"
    assert s.text.startswith("據中國信息通信研究院數據")  # split at 。 before it
    heading = next(s for s in seed.sentences if s.text == "七、結論與展望")
    assert heading.is_heading and heading.section_path == "七"


def test_research_window_from_its_sentence(seed: Structure) -> None:
    assert seed.window == (2018, 2023)
    sentence = seed.sentences[seed.window_sentence_id]
    assert "時間范圍" in sentence.text and "2018年至2023年" in sentence.text


def test_seed_states_no_publication_date(seed: Structure) -> None:
    assert seed.pub_date is None and seed.pub_date_sentence_id is None
