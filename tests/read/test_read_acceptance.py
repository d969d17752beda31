"""Acceptance: the seed in every format and encoding gives the .txt's statistics; bad files fail alone.

Statistics are compared as multisets of (value, unit, year) from `process_path(...).frames['statistics']`.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from statlint.ingest import process_path

pytestmark = pytest.mark.slow


def _stats(path: Path) -> Counter:
    bundle = process_path(path)
    assert bundle.status == "ok", bundle.reason
    f = bundle.frames["statistics"]
    assert f.height > 0
    return Counter(zip(f["value"].to_list(), f["unit"].to_list(), f["year"].to_list(), strict=True))


@pytest.fixture(scope="module")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_stats(seed_path: Path) -> Counter:
    return _stats(seed_path)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-le", "utf-8-sig"])
def test_seed_in_other_encodings(tmp_path: Path, seed_text: str, seed_stats: Counter, encoding: str) -> None:
    p = tmp_path / "seed.txt"
    p.write_bytes(seed_text.encode(encoding))
    assert _stats(p) == seed_stats


def test_seed_as_docx(tmp_path: Path, seed_text: str, seed_stats: Counter, make_docx) -> None:
    assert _stats(make_docx(tmp_path / "seed.docx", seed_text)) == seed_stats


def test_seed_as_html(tmp_path: Path, seed_text: str, seed_stats: Counter, make_html) -> None:
    assert _stats(make_html(tmp_path / "seed.html", seed_text)) == seed_stats


def test_seed_as_pdf(tmp_path: Path, seed_text: str, seed_stats: Counter, make_pdf) -> None:
    """STSong-Light carries every character of the seed, and wrapped lines are joined again, so the statistics
    survive; line breaks may differ where a paragraph happens to end exactly at the right margin."""
    assert _stats(make_pdf(tmp_path / "seed.pdf", seed_text)) == seed_stats


# The pinyin annotations Big5 cannot carry: the reader of the Big5 file never sees them.
_PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]")


def test_seed_passage_as_big5(tmp_path: Path, seed_text: str) -> None:
    """Sections 一 to 三 as Big5 give the statistics the .txt gives there.

    Big5 cannot carry the pinyin annotations (the reader removes them anyway) nor one character of a mojibake
    run (saved as '?', as an editor's "save as Big5" would)."""
    start, end = seed_text.index("一、總論"), seed_text.index("四、協同發")
    passage = seed_text[start:end]
    utf8, big5 = tmp_path / "passage.txt", tmp_path / "passage_big5.txt"
    utf8.write_text(passage, encoding="utf-8")
    big5.write_bytes(_PINYIN.sub("", passage).encode("big5", errors="replace"))
    bundle = process_path(big5)
    assert bundle.frames["documents"]["encoding"][0] == "big5"
    expected = _stats(utf8)
    assert len(expected) > 50
    assert _stats(big5) == expected


def test_bad_files_fail_alone(tmp_path: Path, seed_path: Path, make_docx, make_pdf) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 16)
    full = make_docx(tmp_path / "whole.docx", "一、总论\n" * 200).read_bytes()
    (tmp_path / "truncated.docx").write_bytes(full[: len(full) // 2])
    make_pdf(tmp_path / "encrypted.pdf", "一、总论", encrypt="pw")
    (tmp_path / "sheet.xlsx").write_bytes(b"PK\x03\x04")
    expected = {
        "empty.txt": "empty file",
        "binary.txt": "binary content",
        "truncated.docx": "truncated or corrupt docx",
        "encrypted.pdf": "encrypted pdf",
        "sheet.xlsx": "unsupported file type",
    }
    for name, reason in expected.items():
        bundle = process_path(tmp_path / name)
        assert bundle.status == "failed"
        assert reason in bundle.reason
        row = bundle.frames["documents"].row(0, named=True)
        assert row["status"] == "failed" and reason in row["reason"]
    assert process_path(seed_path).status == "ok"
