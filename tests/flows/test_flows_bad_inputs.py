"""A batch mixing good files with hostile ones finishes; every bad file is recorded with its reason."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import duckdb
import pytest

from tests.ops.helpers_ops import small_doc, write_corpus

pytestmark = pytest.mark.slow


def _hostile(folder: Path) -> dict[str, str]:
    """File name -> a word its recorded reason must contain."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "huge.txt").write_text(small_doc(0) * 2000, "utf-8")  # ~300 KB, over the 100 KB limit below
    good = small_doc(7).encode("utf-8")
    (folder / "garbled.txt").write_bytes(good[:20] + bytes([0xFF, 0xFE, 0x81]) * 40 + good[20:])
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\x00" * (20 * 1024 * 1024))
    (folder / "bomb.docx").write_bytes(buf.getvalue())
    depth = 5000
    (folder / "deep.html").write_text(
        "<html><body>" + "<div>" * depth + "文字" + "</div>" * depth + "</body></html>", "utf-8"
    )
    (folder / "notes.xyz").write_text("not a report", "utf-8")
    return {
        "empty.txt": "empty",
        "image.txt": "binary",
        "huge.txt": "limit",
        "garbled.txt": "undecodable",
        "bomb.docx": "zip bomb",
        "deep.html": "nested",
        "notes.xyz": "unsupported",
    }


@pytest.mark.parametrize("workers", [1, 2])
def test_mixed_batch_finishes_and_records_each_reason(prefect_harness, tmp_path: Path, workers: int) -> None:
    from flows.pipeline import pipeline_flow

    raw = tmp_path / "raw"
    write_corpus(raw, 3)
    expected = _hostile(raw)
    summary = pipeline_flow(
        [str(raw)],
        str(tmp_path / "w.duckdb"),
        str(tmp_path / "reports"),
        workers=workers,
        min_parallel=0,  # with 2 workers: on a Dask cluster, however few documents
        max_file_size="100 KB",
    )
    assert summary["n_documents"] == 3 + len(expected)
    assert summary["n_failed"] == len(expected) and summary["n_unreadable"] == len(expected)
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        rows = dict(
            con.execute("SELECT path, status || ': ' || coalesce(reason, '') FROM documents").fetchall()
        )
        run = con.execute("SELECT status, n_failed, failures FROM runs").fetchone()
    finally:
        con.close()
    for name, word in expected.items():
        got = rows[str(raw / name)]
        assert got.startswith("failed: ") and word in got, (name, got)
    assert sum(v.startswith("ok") for v in rows.values()) == 3
    assert run[0] == "ok" and run[1] == len(expected)
    assert all(str(raw / name) in run[2] for name in expected)
