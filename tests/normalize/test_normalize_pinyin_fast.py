"""The pinyin pattern with its CJK check after the parenthesis finds what the first-written form found."""

from __future__ import annotations

from statlint.normalize import pinyin


def _matches(pattern, text: str) -> list:
    return [(m.span(), m.group(1)) for m in pattern.finditer(text)]


def test_reordered_lookbehind_matches_the_plain_pattern():
    samples = [
        "發(fā)展產業(yè)（fā）a(fā) 中(GDP) 中(ǎ)",
        "(fā)開頭 数字(shù)经济（jīng）(1) 智慧養老(如“智慧養老”)",
        "",
    ]
    for text in samples:
        assert _matches(pinyin.PINYIN_ANNOTATION, text) == _matches(pinyin.PINYIN_ANNOTATION_PLAIN, text)


def test_find_pinyin_finds_what_the_regex_scan_finds():
    samples = [
        "發(fā)展產業(yè)（fā）a(fā) 中(GDP) 中(ǎ)",
        "(fā)開頭 数字(shù)经济（jīng）(1) 智慧養老(如“智慧養老”)（（yè）)(）發(（fā)",
        "",
    ]
    for text in samples:
        scanned = _matches(pinyin.PINYIN_ANNOTATION, text)
        for chars in (None, set(text)):
            found = [((e.raw_start, e.raw_end), e.note) for e in pinyin.find_pinyin(text, chars)]
            assert found == scanned
            assert all(e.replacement == "" and e.kind == "pinyin" for e in pinyin.find_pinyin(text, chars))
