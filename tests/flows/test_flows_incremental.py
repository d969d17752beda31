"""Incremental runs through the real flows: nothing changed = no extraction work; changes and removals
land."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import statlint.ingest as ingest_mod
from tests.ops.helpers_ops import dump, write_corpus

pytestmark = pytest.mark.slow


def _pipeline(raw: Path, work: Path, **kw) -> dict:
    from flows.pipeline import pipeline_flow

    return pipeline_flow([str(raw)], str(work / "w.duckdb"), str(work / "reports"), **kw)


def test_rerun_with_no_change_does_no_extraction_work(
    prefect_harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    write_corpus(raw, 3)
    first = _pipeline(raw, tmp_path)
    assert first["n_loaded"] == 3 and first["n_failed"] == 0
    before = dump(tmp_path / "w.duckdb")
    calls = {"read": 0, "extract": 0}

    def spy(name, real):
        def wrapper(*a, **kw):
            calls[name] += 1
            return real(*a, **kw)

        return wrapper

    monkeypatch.setattr(ingest_mod, "read_document", spy("read", ingest_mod.read_document))
    monkeypatch.setattr(ingest_mod, "extract_statistics", spy("extract", ingest_mod.extract_statistics))
    second = _pipeline(raw, tmp_path)
    assert calls == {"read": 0, "extract": 0}
    assert (second["n_loaded"], second["n_skipped"], second["n_removed"]) == (0, 3, 0)
    assert second["n_findings"] == first["n_findings"]
    assert dump(tmp_path / "w.duckdb") == before
    # the spies do count: a changed file is read and extracted once
    f = raw / "doc_000.txt"
    f.write_text(f.read_text("utf-8").replace("50.2億元", "77.7億元"), "utf-8")
    third = _pipeline(raw, tmp_path)
    assert calls == {"read": 1, "extract": 1} and third["n_loaded"] == 1


def test_changed_file_replaces_rows_and_removed_file_leaves_no_findings(
    prefect_harness, tmp_path: Path
) -> None:
    raw = tmp_path / "raw"
    files = write_corpus(raw, 3)
    _pipeline(raw, tmp_path)
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM findings WHERE doc_id = 'doc_001'").fetchone()[0] > 0
    con.close()
    files[0].write_text(files[0].read_text("utf-8").replace("50.2億元", "77.7億元"), "utf-8")
    files[1].unlink()
    summary = _pipeline(raw, tmp_path)
    assert (summary["n_loaded"], summary["n_skipped"], summary["n_removed"]) == (1, 1, 1)
    con = duckdb.connect(str(db), read_only=True)
    try:
        texts = [
            r[0]
            for r in con.execute(
                "SELECT number_text FROM statistics WHERE doc_id = 'doc_000' ORDER BY start"
            ).fetchall()
        ]
        assert any("77.7" in t for t in texts) and not any("50.2" in t for t in texts)
        assert con.execute("SELECT status FROM documents WHERE doc_id = 'doc_001'").fetchone()[0] == "removed"
        assert con.execute("SELECT count(*) FROM findings WHERE doc_id = 'doc_001'").fetchone()[0] == 0
        assert (
            con.execute("SELECT count(*) FROM finding_evidence WHERE doc_id = 'doc_001'").fetchone()[0] == 0
        )
        assert [r[0] for r in con.execute("SELECT status FROM runs ORDER BY started_at").fetchall()] == [
            "ok",
            "ok",
        ]
    finally:
        con.close()
    # the file comes back: same id, loaded again
    files[1].parent.mkdir(exist_ok=True)
    write_corpus(raw, 2)
    back = _pipeline(raw, tmp_path)
    assert back["n_loaded"] == 2  # doc_000 rewritten to its original text, doc_001 restored
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT status FROM documents WHERE doc_id = 'doc_001'").fetchone()[0] == "ok"
    con.close()


def test_few_documents_with_two_workers_start_no_dask_cluster(
    prefect_harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below `min_parallel` documents to load, `workers=2` parses in the flow's process (a cluster costs more
    than it saves); at or above it, the Dask task runner is asked for."""
    import flows.pipeline as pipeline_mod

    asked: list[int] = []
    real = pipeline_mod.task_runner_for

    def spy(workers: int, address: str | None = None):
        asked.append(workers)
        return real(workers, address)

    monkeypatch.setattr(pipeline_mod, "task_runner_for", spy)
    raw = tmp_path / "raw"
    write_corpus(raw, 3)
    first = _pipeline(raw, tmp_path, workers=2, min_parallel=4)
    assert first["n_loaded"] == 3 and asked == []
    (raw / "doc_000.txt").write_text((raw / "doc_000.txt").read_text("utf-8") + "\n補記。", "utf-8")
    second = _pipeline(raw, tmp_path, workers=2, min_parallel=1)
    assert second["n_loaded"] == 1 and asked == [2]


def test_a_warm_cluster_parses_the_batch_and_is_closed_after_ingest(
    prefect_harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cluster `statlint run` starts while its server boots is the one the ingest flow uses, and it is
    gone before the check stage; a run that then parses in its own process closes it unused."""
    from prefect.settings import PREFECT_API_URL

    import flows.pipeline as pipeline_mod
    from statlint import warm_cluster

    runners: list = []
    real = pipeline_mod.task_runner_for
    monkeypatch.setattr(
        pipeline_mod, "task_runner_for", lambda w, a=None: runners.append(real(w, a)) or runners[-1]
    )
    raw = tmp_path / "raw"
    write_corpus(raw, 3)
    warm = warm_cluster.start(2, PREFECT_API_URL.value())
    address = warm.address(120)
    assert address is not None
    try:
        summary = _pipeline(raw, tmp_path, workers=2, min_parallel=1)
    finally:
        warm_cluster.close()
    assert summary["n_loaded"] == 3 and summary["n_failed"] == 0
    assert [r.address for r in runners] == [address]
    assert warm._cluster is None  # closed by the pipeline, after ingest

    (raw / "doc_000.txt").write_text((raw / "doc_000.txt").read_text("utf-8") + "\n補記。", "utf-8")
    warm = warm_cluster.start(2, PREFECT_API_URL.value())
    second = _pipeline(raw, tmp_path, workers=2, min_parallel=5)
    assert second["n_loaded"] == 1 and len(runners) == 1 and warm._cluster is None
