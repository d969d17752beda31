"""Encodings are detected and recorded; bytes that are text in none of them are refused, never half-read."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from statlint.read import IngestError, read_document
from statlint.read.encoding import decode_bytes

SIMPLIFIED = (
    "一、总论\n据统计，2022年我国数字经济规模达50.2万亿元，占GDP比重提升至41.5%。\n"
    "政务服务网办率达到90%以上。\n"
)
TRADITIONAL = (
    "一、總論\n據統計，2022年我國數字經濟規模達50.2萬億元，占GDP比重提升至41.5%。\n"
    "政務服務網辦率達到90%以上。\n"
)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SIMPLIFIED.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), "utf-8"),
        (SIMPLIFIED.encode("utf-16"), "utf-16"),  # with BOM
        (SIMPLIFIED.encode("utf-16-le"), "utf-16"),
        (SIMPLIFIED.encode("utf-16-be"), "utf-16"),
        (SIMPLIFIED.encode("gb18030"), "gb18030"),
        (SIMPLIFIED.encode("gbk"), "gb18030"),
        (SIMPLIFIED.encode("gb2312"), "gb18030"),
        (TRADITIONAL.encode("big5"), "big5"),
        (TRADITIONAL.encode("gb18030"), "gb18030"),
        (TRADITIONAL.encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_round_trip_and_are_recorded(tmp_path: Path, data: bytes, encoding: str) -> None:
    p = tmp_path / "doc.txt"
    p.write_bytes(data)
    doc = read_document(p)
    assert doc.encoding == encoding
    assert doc.text in (SIMPLIFIED, TRADITIONAL)


def test_big5_and_gb18030_are_told_apart() -> None:
    """Big5 bytes also decode as GB18030 (into rare characters); plausibility must pick Big5."""
    data = TRADITIONAL.encode("big5")
    data.decode("gb18030")  # the ambiguity is real
    assert decode_bytes(data) == (TRADITIONAL, "big5")


def test_big5_windows_extensions_decode(tmp_path: Path) -> None:
    text = "碁銹裏墻恒粧嫺等字在台灣的文件中很常見，例如統計報告裏的數據。\n"
    assert decode_bytes(text.encode("cp950")) == (text, "big5")


def test_undecodable_bytes_are_refused_not_half_read() -> None:
    data = SIMPLIFIED.encode("utf-8")
    broken = data[:20] + bytes([0xFF, 0xFE, 0x81]) * 40 + data[20:]
    with pytest.raises(IngestError, match="undecodable"):
        decode_bytes(broken)


def test_a_false_bom_is_refused() -> None:
    with pytest.raises(IngestError, match="undecodable: has a utf-8 byte-order mark"):
        decode_bytes(codecs.BOM_UTF8 + SIMPLIFIED.encode("gb18030"))


def test_binary_bytes_are_refused() -> None:
    with pytest.raises(IngestError, match="binary content"):
        decode_bytes(bytes(range(256)) * 8)


def test_a_refused_file_names_the_encoding_it_looks_like() -> None:
    japanese = "デジタル政府の推進について、2023年度の予算は５２億円であった。" * 5
    with pytest.raises(IngestError, match=r"undecodable: .*it looks like cp932 \(Japanese\)"):
        decode_bytes(japanese.encode("shift_jis"))
