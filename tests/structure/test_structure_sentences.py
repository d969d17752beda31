"""Property: sentences are the runs up to each full stop and each line's end, stripped of spaces, and only a
heading line's first sentence is marked as the heading."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from statlint.normalize import normalize
from statlint.structure import analyse

# Sentence ends as first written: full-stop runs and line breaks, scanned on each line plus a line break.
SENTENCE_END = re.compile(r"[。；;！!？?]+|\n")
LINE_STARTS = ["", "", "一、", "（二）", "3.", "(4)", "## 五、", "附件1", "各位代表："]
WORDS = st.text(alphabet="数据經濟规模增长5.%，。；;！!？? \t", max_size=30)


def _sentences_line_by_line(text: str) -> list[tuple[int, int, str, int, bool]]:
    """(start, end, text, paragraph, first in its line) of each sentence, found as the first version did."""
    out: list[tuple[int, int, str, int, bool]] = []
    pos, paragraph = 0, 0
    for line in text.split("\n"):
        lstart, lend = pos, pos + len(line)
        pos += len(line) + 1
        if not line.strip():
            continue
        paragraph += 1
        spos, first = lstart, True
        for m in SENTENCE_END.finditer(line + "\n"):
            s_end = min(lstart + m.end(), lend)
            chunk = text[spos:s_end]
            if chunk.strip():
                a = spos + len(chunk) - len(chunk.lstrip())
                b = s_end - (len(chunk) - len(chunk.rstrip()))
                out.append((a, b, text[a:b], paragraph, first))
                first = False
            spos = lstart + m.end()
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(LINE_STARTS), WORDS), max_size=12))
def test_sentences_split_as_line_by_line(lines: list[tuple[str, str]]) -> None:
    clean = normalize("\n".join(start + words for start, words in lines))
    st_ = analyse(clean)
    expected = _sentences_line_by_line(clean.text)
    assert [(s.start, s.end, s.text, s.paragraph) for s in st_.sentences] == [e[:4] for e in expected]
    assert all(s.simp == clean.simp[s.start : s.end] for s in st_.sentences)
    assert [s.sentence_id for s in st_.sentences] == list(range(len(st_.sentences)))
    for s, (*_, first) in zip(st_.sentences, expected, strict=True):
        assert first or not s.is_heading  # a heading is its line's first sentence
