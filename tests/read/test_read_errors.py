"""Bad input ends as an IngestError whose reason names the problem."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from statlint.read import IngestError, read_document
from statlint.read.html import MAX_DEPTH

TEXT = "一、总论\n2022年数字经济规模达50.2万亿元。"


def _refused(path: Path, **kwargs) -> str:
    with pytest.raises(IngestError) as info:
        read_document(path, **kwargs)
    assert info.value.path == str(path)
    return info.value.reason


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    assert "empty file" in _refused(p)


def test_whitespace_only_file(tmp_path: Path) -> None:
    p = tmp_path / "blank.md"
    p.write_text(" \n\n\t\n", encoding="utf-8")
    assert "no text" in _refused(p)


def test_binary_file_with_text_suffix(tmp_path: Path) -> None:
    p = tmp_path / "image.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert "binary content" in _refused(p)


def test_unsupported_suffix(tmp_path: Path) -> None:
    p = tmp_path / "table.xlsx"
    p.write_bytes(b"PK\x03\x04whatever")
    reason = _refused(p)
    assert "unsupported file type '.xlsx'" in reason


def test_missing_file(tmp_path: Path) -> None:
    assert "not a file" in _refused(tmp_path / "nope.txt")


def test_over_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text(TEXT * 100, encoding="utf-8")
    assert "over the configured limit of 100" in _refused(p, max_bytes=100)


def test_truncated_docx(tmp_path: Path, make_docx) -> None:
    full = make_docx(tmp_path / "full.docx", TEXT * 50).read_bytes()
    p = tmp_path / "truncated.docx"
    p.write_bytes(full[: len(full) // 2])
    assert "truncated or corrupt docx" in _refused(p)


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    p = tmp_path / "fake.docx"
    p.write_text(TEXT, encoding="utf-8")
    assert "truncated or corrupt docx" in _refused(p)


def test_encrypted_docx_is_an_ole_container(tmp_path: Path) -> None:
    p = tmp_path / "locked.docx"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    assert "encrypted or legacy Word file" in _refused(p)


def test_zip_without_word_document(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    p = tmp_path / "notword.docx"
    p.write_bytes(buf.getvalue())
    assert "without word/document.xml" in _refused(p)


def test_zip_bomb_docx_is_refused_before_decompressing(tmp_path: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\x00" * (20 * 1024 * 1024))
    p = tmp_path / "bomb.docx"
    p.write_bytes(buf.getvalue())
    assert p.stat().st_size < 100_000  # small on disk, 20 MB expanded: far beyond MAX_RATIO
    assert "zip bomb" in _refused(p)


def test_encrypted_pdf(tmp_path: Path, make_pdf) -> None:
    p = make_pdf(tmp_path / "locked.pdf", TEXT, encrypt="secret")
    assert "encrypted pdf" in _refused(p)


def test_truncated_pdf(tmp_path: Path, make_pdf) -> None:
    full = make_pdf(tmp_path / "full.pdf", TEXT).read_bytes()
    p = tmp_path / "cut.pdf"
    p.write_bytes(full[: len(full) // 3])
    reason = _refused(p)
    assert "corrupt pdf" in reason or "no text layer" in reason


def test_pdf_suffix_without_pdf_bytes(tmp_path: Path) -> None:
    p = tmp_path / "fake.pdf"
    p.write_text(TEXT, encoding="utf-8")
    assert "not a pdf" in _refused(p)


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.rect(100, 100, 200, 200, fill=1)
    c.save()
    assert "no text layer" in _refused(tmp_path / "scan.pdf")


def test_deeply_nested_html(tmp_path: Path) -> None:
    p = tmp_path / "deep.html"
    depth = MAX_DEPTH + 100
    p.write_text("<html><body>" + "<div>" * depth + "文字" + "</div>" * depth + "</body></html>", "utf-8")
    assert f"nested deeper than {MAX_DEPTH}" in _refused(p)


def test_html_nesting_within_limit_is_read(tmp_path: Path) -> None:
    p = tmp_path / "ok.html"
    p.write_text("<html><body>" + "<div>" * 100 + "文字" + "</div>" * 100 + "</body></html>", "utf-8")
    assert read_document(p).text == "文字\n"


def test_legacy_doc_gets_advice(tmp_path: Path) -> None:
    p = tmp_path / "old.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    assert "unsupported file type '.doc' (legacy Word; save it as .docx)" in _refused(p)
