"""Mojibake runs are flagged; repaired only when the round trip proves the original text."""

from __future__ import annotations

import pytest

from statlint.normalize import normalize
from statlint.normalize.mojibake import find_mojibake, find_runs

BEFORE, AFTER = "前文是正常的句子。", "。后文也正常，2023年增长12%。"


@pytest.mark.parametrize(
    ("original", "codec"),
    [
        ("本报告基於國內外典型案例提出建議", "gb18030"),  # UTF-8 read as GBK, the usual web accident
        ("中国数据", "gb18030"),
        ("本报告基於國內外典型案例提出建議", "latin-1"),  # UTF-8 read as Latin-1
        ("中国的数据", "latin-1"),
        ("数据显示，2023年增长12%", "latin-1"),
    ],
)
def test_utf8_misread_is_repaired_when_the_round_trip_proves_it(original: str, codec: str) -> None:
    garbled = original.encode("utf-8").decode(codec)
    raw = BEFORE + garbled + AFTER
    clean = normalize(raw)
    [repair] = [r for r in clean.repairs if r.kind == "mojibake"]
    assert repair.note.startswith("repaired")
    assert raw[repair.raw_start : repair.raw_end] in garbled
    assert BEFORE in clean.text and AFTER.replace("，", ",") in clean.text
    assert original.replace("，", ",") in clean.text


def test_repaired_text_maps_back_to_the_whole_damaged_run() -> None:
    garbled = "本报告基於國內外典型案例提出建議".encode().decode("gb18030")
    raw = BEFORE + garbled + AFTER
    clean = normalize(raw)
    i = clean.text.index("典型")
    assert clean.raw_quote(i, i + 2) == garbled  # a repaired character stands for the whole run


def test_lossy_misread_is_flagged_and_kept() -> None:
    garbled = "基於國內外典型案例".encode().decode("gbk", errors="replace")
    raw = BEFORE + garbled + AFTER
    clean = normalize(raw)
    [flag] = [r for r in clean.repairs if r.kind == "mojibake"]
    assert flag.note.startswith("flagged")
    assert flag.replacement == raw[flag.raw_start : flag.raw_end]  # analysis reads the text as it is
    assert garbled in clean.text


def test_seed_runs_are_flagged(seed_path) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    flags = [r for r in normalize(raw).repairs if r.kind == "mojibake"]
    quotes = [raw[r.raw_start : r.raw_end] for r in flags]
    assert quotes == ["?;趪鴥韧獾湫桶咐?", "?;A"]
    assert all("lost" in r.note for r in flags)


@pytest.mark.parametrize(
    "text",
    [
        "我们勠力同心，蹚出新路。",  # rare but real characters, one at a time
        "他问：这是为什么?我们认为如此。",  # an ASCII question mark used as one
        "What is GDP? It grew 5% in 2023.",
        "湖南省洞庭湖区垸堤加固，磏港运营。",
        "中华人民共和国国民经济和社会发展第十四个五年规划",
    ],
)
def test_real_text_is_not_flagged(text: str) -> None:
    assert find_runs(text) == []


def test_lost_character_question_mark_is_flagged() -> None:
    text = "学科进入前1?。医疗服务更好"
    [run] = find_runs(text)
    assert text[run.start : run.end] == "?" and run.lost and run.repair is None


def test_lossy_runs_carry_a_realigned_reading_as_a_hint_only(seed_path) -> None:
    raw = seed_path.read_text(encoding="utf-8")
    first = next(r for r in normalize(raw).repairs if r.kind == "mojibake")
    assert "realigned bytes read “國內外典型案”" in first.note  # context: 基於國內外典型案例
    assert first.replacement == raw[first.raw_start : first.raw_end]  # not applied: 於 and 例 are lost
    garbled = "基於國內外典型案例".encode().decode("gbk", errors="replace")
    [run] = find_runs(BEFORE + garbled + AFTER)
    assert run.repair is None and run.hint == "基於國內外典型"


def test_a_table_rule_line_of_box_drawing_is_no_mojibake():
    from statlint.normalize.mojibake import find_mojibake

    assert find_mojibake("表1 主要指标\n──────────────\n指标 数值\n══════\n") == []


def test_gbk_read_as_latin1_is_repaired_and_accented_latin_words_are_not() -> None:
    text = "能够熟练使用Êý×Ö政务服务的比例为38.4%。Café au lait, naïve résumé, Ñandú."
    edits = find_mojibake(text)
    assert [(text[e.raw_start : e.raw_end], e.replacement) for e in edits] == [("Êý×Ö", "数字")]
