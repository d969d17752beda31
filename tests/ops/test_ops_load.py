"""The single writer: a chunk of documents per transaction, equal to one transaction each, a bad one alone."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

import statlint.warehouse as wh
from statlint.batch import plan_run
from statlint.load import load_chunk, load_prepared, prepare_jobs
from statlint.warehouse import connect
from tests.ops.helpers_ops import dump, write_corpus


def _prepared(raw: Path, db: Path) -> list:
    con = connect(db)
    try:
        return prepare_jobs(plan_run(con, [str(raw)]).todo, "r")
    finally:
        con.close()


def test_chunk_load_equals_one_transaction_per_document(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_corpus(raw, 3)
    for name, load in (("one", lambda c, ps: [load_prepared(c, p) for p in ps]), ("chunk", load_chunk)):
        db = tmp_path / f"{name}.duckdb"
        con = connect(db)
        results = load(con, _prepared(raw, db))
        con.close()
        assert [r.status for r in results] == ["ok"] * 3
    assert dump(tmp_path / "one.duckdb") == dump(tmp_path / "chunk.duckdb")
    assert sum(len(rows) for rows in dump(tmp_path / "chunk.duckdb").values()) > 3


def test_changed_documents_in_a_chunk_replace_their_rows(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    files = write_corpus(raw, 2)
    db = tmp_path / "w.duckdb"
    con = connect(db)
    load_chunk(con, prepare_jobs(plan_run(con, [str(raw)]).todo, "r"))
    for f in files:
        f.write_text(f.read_text("utf-8") + "三、補充\n新增7個中心。\n", "utf-8")
    jobs = plan_run(con, [str(raw)]).todo
    assert [j.replaces for j in jobs] == [True, True]
    load_chunk(con, prepare_jobs(jobs, "r2"))
    per_doc = con.execute(
        "SELECT doc_id, count(*) FILTER (WHERE text LIKE '%補充%'), count(DISTINCT run_id) "
        "FROM sentences JOIN documents USING (doc_id) GROUP BY ALL ORDER BY 1"
    ).fetchall()
    con.close()
    assert per_doc == [("doc_000", 1, 1), ("doc_001", 1, 1)]


def test_a_document_the_database_refuses_fails_alone(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    write_corpus(raw, 3)
    db = tmp_path / "w.duckdb"
    prepared = _prepared(raw, db)
    bad = prepared[1]
    sections = bad.frames["sections"]
    bad.frames["sections"] = pl.concat([sections, sections.head(1)])  # a duplicate primary key
    con = connect(db)
    results = load_chunk(con, prepared)
    rows = con.execute(
        "SELECT doc_id, status, reason, sha256 IS NOT NULL FROM documents ORDER BY 1"
    ).fetchall()
    n_sections = dict(con.execute("SELECT doc_id, count(*) FROM sections GROUP BY 1").fetchall())
    con.close()
    assert [r.status for r in results] == ["ok", "failed", "ok"]
    assert "could not be stored" in results[1].reason and results[1].path.endswith("doc_001.txt")
    assert [(r[0], r[1], r[3]) for r in rows] == [
        ("doc_000", "ok", True),
        ("doc_001", "failed", True),
        ("doc_002", "ok", True),
    ]
    assert "ConstraintException" in rows[1][2]
    assert set(n_sections) == {"doc_000", "doc_002"}


def test_an_exception_mid_chunk_leaves_no_document_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    write_corpus(raw, 2)
    db = tmp_path / "w.duckdb"
    prepared = _prepared(raw, db)
    monkeypatch.setattr(wh, "_FAULT_COUNTS", {})
    monkeypatch.setenv("STATLINT_FAULT", "between-tables:3:raise")
    con = connect(db)
    with pytest.raises(wh.InjectedFault):
        load_chunk(con, prepared)
    counts = [
        con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "sections", "sentences")
    ]
    con.close()
    assert counts == [0, 0, 0]


def test_the_writer_memory_cap_makes_room_for_a_large_document(tmp_path: Path) -> None:
    """The writer's DuckDB memory is capped (its cached blocks were the run's peak) but grows with the chunk's
    text: a chunk holding a document of ~90 MB of UTF-8 text (a 50 MB file in GB18030) still loads whole, and
    a small chunk after it brings the cap back down."""
    from statlint.load import WRITER_MEMORY, fit_memory

    raw = tmp_path / "raw"
    write_corpus(raw, 3)
    db = tmp_path / "w.duckdb"
    prepared = _prepared(raw, db)
    big = "數字經濟規模達50.2萬億元。" * 2_400_000  # 89 MB of UTF-8
    docs = prepared[0].frames["documents"]
    prepared[0].frames["documents"] = docs.with_columns(pl.lit(big).alias("raw_text"))
    con = connect(db)
    try:
        assert fit_memory(con, prepared) > WRITER_MEMORY + 5 * len(big.encode())
        results = load_chunk(con, prepared)
        assert [r.status for r in results] == ["ok"] * 3
        stored = con.execute("SELECT length(raw_text) FROM documents WHERE doc_id = 'doc_000'").fetchone()
        assert stored == (len(big),)
        write_corpus(tmp_path / "more", 1)
        small = _prepared(tmp_path / "more", tmp_path / "other.duckdb")
        assert fit_memory(con, small) < WRITER_MEMORY + 1024 * 1024
        limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        assert limit.endswith("MiB") and float(limit.split()[0]) < WRITER_MEMORY / 2**20 + 1
    finally:
        con.close()


def _grow(con, n_chunks: int, checkpoint_every: int, do_checkpoint) -> int:
    """Chunks of 25 documents of long text (text that does not compress away), checkpointed every few
    chunks as a run does; returns the documents in the table."""
    text = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(16000))
    n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    for i in range(n_chunks):
        con.execute(
            "INSERT INTO documents (doc_id, raw_text, n_chars) "
            "SELECT 'd' || (? + range)::VARCHAR, ? || range::VARCHAR, 16000 FROM range(25)",
            [n, text],
        )
        n += 25
        if i % checkpoint_every == checkpoint_every - 1:
            do_checkpoint()
    return n


def test_the_writer_checkpoints_beyond_its_memory_cap(tmp_path: Path) -> None:
    """A checkpoint needs memory that grows with the stored documents' text: under the writer's cap DuckDB's
    own checkpoint fails and invalidates the connection; `checkpoint` raises the cap for its duration, and
    by no more than half the stored text, then sets it again."""
    import duckdb

    from statlint.load import checkpoint, checkpoint_memory, writer_session

    plain = connect(tmp_path / "plain.duckdb")
    writer_session(plain)
    plain.execute("SET memory_limit = '16MB'")
    with pytest.raises(duckdb.Error, match="checkpoint"):
        _grow(plain, 40, 4, lambda: plain.execute("CHECKPOINT"))
    plain.close()

    con = connect(tmp_path / "ours.duckdb")
    writer_session(con)
    con.execute("SET memory_limit = '16MB'")
    assert _grow(con, 40, 4, lambda: checkpoint(con, force=True)) == 1000  # past where DuckDB's failed
    assert checkpoint_memory(con) == 64 * 2**20 + 1000 * 16000 * 3 // 2
    limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert limit.startswith("15."), limit  # 16 MB again
    con.close()


def test_the_writer_checkpoints_when_its_wal_is_due(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No checkpoint inside a commit (`writer_session`); `checkpoint` writes the WAL into the file once it
    holds WRITER_CHECKPOINT_BYTES, not before."""
    import statlint.load as load
    from statlint.load import checkpoint, writer_session

    db = tmp_path / "w.duckdb"
    wal = Path(f"{db}.wal")
    con = connect(db)
    writer_session(con)
    monkeypatch.setattr(load, "WRITER_CHECKPOINT_BYTES", 3_000_000)
    _grow(con, 1, 1, lambda: None)
    assert 0 < wal.stat().st_size < 3_000_000 and not checkpoint(con)
    _grow(con, 2, 1, lambda: None)  # past 3 MB of WAL, no checkpoint inside the commits
    assert wal.stat().st_size >= 3_000_000
    assert checkpoint(con)
    assert not wal.exists() or wal.stat().st_size == 0
    con.close()
