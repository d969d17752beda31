"""Segments are cut in raw offsets: repairs vanish, marks highlight exactly their characters."""

from __future__ import annotations

from statlint.report.text import Mark, Repair, segments


def test_marks_split_text_at_their_raw_offsets() -> None:
    text = "2022年規模達50.2萬億元。"
    base = 100
    segs = segments(text, base, [Mark(base + 8, base + 15, "stat", "value")])
    assert "".join(s.text for s in segs) == text
    marked = [s for s in segs if s.marks]
    assert [s.text for s in marked] == ["50.2萬億元"]
    assert marked[0].classes == "stat" and marked[0].title == "value"


def test_repaired_spans_are_dropped_and_marks_survive_around_them() -> None:
    text = "發(fā)展達60%"
    segs = segments(text, 0, [Mark(7, 10, "ev")], [Repair(1, 5, "")])
    assert "".join(s.text for s in segs) == "發展達60%"
    assert [s.text for s in segs if s.marks] == ["60%"]


def test_replacement_is_shown_once_and_overlapping_marks_combine() -> None:
    segs = segments("abcdef", 0, [Mark(0, 4, "stat", "s"), Mark(2, 4, "ev", "e")], [Repair(4, 6, "X")])
    assert [(s.text, s.classes) for s in segs] == [("ab", "stat"), ("cd", "stat ev"), ("X", "")]
    assert segs[1].title == "s | e"


def test_marks_outside_the_text_are_ignored() -> None:
    segs = segments("abc", 10, [Mark(0, 5, "stat"), Mark(20, 25, "stat")])
    assert [(s.text, s.marks) for s in segs] == [("abc", ())]
