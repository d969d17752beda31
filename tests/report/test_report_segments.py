"""Segments are cut in raw offsets: repairs vanish, marks highlight exactly their characters."""

from __future__ import annotations

import random

from statlint.report.text import Mark, Repair, merge_spans, merged_segments, segments


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


def _segments_by_character(text: str, base: int, marks: list[Mark], repairs: list[Repair]) -> list[tuple]:
    """The definition, one character at a time: a character under a repair gives way to the first such
    repair's replacement (shown once, as a piece of its own), others carry the marks covering them, and
    neighbours under equal marks are one segment."""
    pieces: list[list] = []
    shown: set[Repair] = set()
    for i, ch in enumerate(text):
        pos = base + i
        repair = next((r for r in repairs if r.start <= pos < r.end), None)
        if repair is not None:
            if repair.replacement and repair not in shown:
                pieces.append([repair.replacement, ()])
            shown.add(repair)
            continue
        covering = tuple(m for m in marks if m.start <= pos < m.end)
        if pieces and pieces[-1][1] == covering:
            pieces[-1][0] += ch
        else:
            pieces.append([ch, covering])
    return [(t, c) for t, c in pieces]


def test_segments_match_the_character_by_character_definition() -> None:
    """Random marks and repairs, disjoint, nested, overlapping, repeated, empty and outside the text."""
    rng = random.Random(11)
    for _ in range(20_000):
        base = rng.randint(0, 20)
        text = "".join(rng.choice("abcdefg") for _ in range(rng.randint(0, 25)))
        marks = [
            Mark(s, s + rng.randint(-1, 8), rng.choice(["stat", "ev", "ev error"]), rng.choice(["", "t"]))
            for s in (rng.randint(-5, 50) for _ in range(rng.randint(0, 4)))
        ]
        repairs = [
            Repair(s, s + rng.randint(0, 6), rng.choice(["", "", "X", "YZ"]))
            for s in (rng.randint(-5, 50) for _ in range(rng.randint(0, 4)))
        ]
        if marks and rng.random() < 0.2:
            marks.append(marks[0])
        if repairs and rng.random() < 0.2:
            repairs.append(repairs[0])
        if rng.random() < 0.5:
            repairs.sort(key=lambda r: r.start)
        got = [(s.text, s.marks) for s in segments(text, base, marks, repairs)]
        assert got == _segments_by_character(text, base, marks, repairs), (text, base, marks, repairs)


def test_merged_spans_cut_as_separate_marks_and_repairs() -> None:
    """A document's marks and repairs merged once (`merge_spans`, each kind sorted by start as the annotated
    text sorts them) and cut per sentence (`merged_segments`) give the same segments as `segments`, with
    more spans than overlap the text (as a `_SpanIndex` slice holds), disjoint or overlapping."""
    rng = random.Random(13)
    for _ in range(20_000):
        base = rng.randint(0, 20)
        text = "".join(rng.choice("abcdefg") for _ in range(rng.randint(0, 25)))
        marks = sorted(
            Mark(s, s + rng.randint(-1, 8), rng.choice(["stat", "ev", "ev error"]), rng.choice(["", "t"]))
            for s in (rng.randint(-5, 50) for _ in range(rng.randint(0, 4)))
        )
        repairs = sorted(
            (
                Repair(s, s + rng.randint(0, 6), rng.choice(["", "", "X", "YZ"]))
                for s in (rng.randint(-5, 50) for _ in range(rng.randint(0, 4)))
            ),
            key=lambda r: r.start,
        )
        got = merged_segments(text, base, merge_spans(marks, repairs))
        assert got == segments(text, base, marks, repairs), (text, base, marks, repairs)
