"""The run plan: unchanged files skipped, changed ones redone, removed ones marked, ids stable and unique."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from statlint.batch import plan_run
from statlint.load import load_prepared, mark_removed, prepare_jobs
from statlint.warehouse import connect
from tests.ops.helpers_ops import write_corpus


def _run(con: duckdb.DuckDBPyConnection, roots: list[str], **kw) -> object:
    plan = plan_run(con, roots, **kw)
    mark_removed(con, plan.removed, "r")
    for p in prepare_jobs(plan.todo, "r"):
        load_prepared(con, p)
    return plan


@pytest.fixture()
def con(tmp_path: Path):
    c = connect(tmp_path / "w.duckdb")
    yield c
    c.close()


def test_unchanged_skipped_changed_redone_removed_marked(con, tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    files = write_corpus(raw, 3)
    first = _run(con, [str(raw)])
    assert len(first.todo) == 3 and not first.skipped
    again = plan_run(con, [str(raw)])
    assert not again.todo and len(again.skipped) == 3 and not again.removed
    files[0].write_text(files[0].read_text("utf-8") + "三、補充\n新增1個中心。\n", "utf-8")
    files[1].unlink()
    plan = _run(con, [str(raw)])
    assert [j.doc_id for j in plan.todo] == ["doc_000"] and plan.todo[0].replaces
    assert plan.removed == ["doc_001"]
    rows = dict(con.execute("SELECT doc_id, status FROM documents").fetchall())
    assert rows == {"doc_000": "ok", "doc_001": "removed", "doc_002": "ok"}
    assert con.execute("SELECT count(*) FROM sentences WHERE doc_id = 'doc_001'").fetchone()[0] == 0
    assert con.execute("SELECT raw_text IS NOT NULL FROM documents WHERE doc_id = 'doc_001'").fetchone()[0]
    assert (
        con.execute(
            "SELECT count(*) FROM sentences WHERE doc_id = 'doc_000' AND text LIKE '%補充%'"
        ).fetchone()[0]
        == 1
    )


def test_forced_run_redoes_everything(con, tmp_path: Path) -> None:
    write_corpus(tmp_path / "raw", 2)
    _run(con, [str(tmp_path / "raw")])
    assert len(plan_run(con, [str(tmp_path / "raw")], force=True).todo) == 2


def test_removal_only_within_the_scanned_folders(con, tmp_path: Path) -> None:
    write_corpus(tmp_path / "a", 1)
    write_corpus(tmp_path / "b", 1)[0].rename(tmp_path / "b" / "other.txt")
    _run(con, [str(tmp_path / "a")])
    plan = _run(con, [str(tmp_path / "b")])
    assert plan.removed == []  # a/ was not scanned this time: its document is not "removed"


def test_same_file_name_in_two_folders_does_not_collide(con, tmp_path: Path) -> None:
    a = write_corpus(tmp_path / "raw" / "a", 1)[0]
    b = write_corpus(tmp_path / "raw" / "b", 2)[0]
    b.write_text(b.read_text("utf-8").replace("第0號", "第9號"), "utf-8")
    _run(con, [str(tmp_path / "raw")])
    rows = con.execute("SELECT doc_id, path FROM documents ORDER BY path").fetchall()
    ids = [r[0] for r in rows]
    assert len(set(ids)) == 3 and ids[0] == "doc_000" and ids[1].startswith("doc_000-")
    assert [r[1] for r in rows][:2] == [str(a), str(b)]
    assert con.execute("SELECT count(DISTINCT doc_id) FROM statistics").fetchone()[0] == 3
    # ids are stable: a second run keeps them and skips everything
    again = plan_run(con, [str(tmp_path / "raw")])
    assert not again.todo and len(again.skipped_ids) == 3 and sorted(again.skipped_ids) == sorted(ids)


def test_moved_file_keeps_its_id(con, tmp_path: Path) -> None:
    f = write_corpus(tmp_path / "raw" / "old", 1)[0]
    _run(con, [str(tmp_path / "raw")])
    (tmp_path / "raw" / "new").mkdir()
    f.rename(tmp_path / "raw" / "new" / f.name)
    plan = _run(con, [str(tmp_path / "raw")])
    assert [j.doc_id for j in plan.todo] == ["doc_000"] and plan.removed == []
    assert con.execute("SELECT status, path FROM documents").fetchall() == [
        ("ok", str(tmp_path / "raw" / "new" / f.name))
    ]


def test_window_override_reaches_the_documents_row_and_is_undone(con, tmp_path: Path) -> None:
    write_corpus(tmp_path / "raw", 1)
    roots = [str(tmp_path / "raw")]
    _run(con, roots)
    assert con.execute("SELECT window_start, window_end FROM documents").fetchone() == (2018, 2023)
    plan = _run(con, roots, windows={"doc_000": (2019, 2025)})
    assert len(plan.todo) == 1  # settings changed: redone although the file did not change
    ws, we, reason = con.execute("SELECT window_start, window_end, reason FROM documents").fetchone()
    assert (ws, we) == (2019, 2025) and "2018–2023" in reason
    assert not plan_run(con, roots, windows={"doc_000": (2019, 2025)}).todo
    plan = _run(con, roots)
    assert len(plan.todo) == 1
    assert con.execute("SELECT window_start, window_end, reason FROM documents").fetchone() == (
        2018,
        2023,
        None,
    )


def test_oversized_refused_without_reading_and_retried_when_limit_rises(con, tmp_path: Path) -> None:
    write_corpus(tmp_path / "raw", 1)
    roots = [str(tmp_path / "raw")]
    plan = plan_run(con, roots, max_bytes=10)
    assert len(plan.oversized) == 1 and not plan.todo
    from statlint.load import oversized

    load_prepared(con, oversized(plan.oversized[0], 10, "r"))
    status, reason = con.execute("SELECT status, reason FROM documents").fetchone()
    assert status == "failed" and "over the configured limit" in reason
    assert not plan_run(con, roots, max_bytes=10).oversized  # unchanged and still too big: skipped
    assert len(plan_run(con, roots, max_bytes=10**6).todo) == 1  # the limit was raised: read it now


def test_own_outputs_inside_a_scanned_folder_are_not_documents(tmp_path: Path) -> None:
    """`statlint run .` with the warehouse and reports in that folder: last run's HTML/Markdown reports and
    the DuckDB file with its WAL and lock are statlint's own output, not documents to read."""
    write_corpus(tmp_path, 2)
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "index.html").write_text("<p>2024年增長5%</p>", "utf-8")
    (tmp_path / "reports" / "index.md").write_text("2024年增長5%", "utf-8")
    (tmp_path / "w.duckdb.run-lock").write_text("", "utf-8")
    (tmp_path / "w.duckdb.bak.md").write_text("2024年增長5%", "utf-8")  # only the DuckDB file's own sidecars
    con = connect(tmp_path / "w.duckdb")
    try:
        con.execute("CREATE TABLE t AS SELECT 1")  # a WAL beside the database file
        plan = plan_run(con, [str(tmp_path)], exclude=[str(tmp_path / "reports")])
        names = sorted(Path(j.path).name for j in plan.todo)
        assert len(names) == 3 and "w.duckdb.bak.md" in names
        assert not any(
            n.startswith(("index", "w.duckdb.run-lock")) or n in ("w.duckdb", "w.duckdb.wal") for n in names
        )
        # without the exclusion the reports folder is read like any other
        assert len(plan_run(con, [str(tmp_path)]).todo) == 5
    finally:
        con.close()
