"""Faults: an exception between load stages, a process killed mid-load, transient I/O errors.

After each, the warehouse holds exactly the documents completed before the fault, and the next run completes
the work and leaves tables equal to a clean run's.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import statlint.warehouse as wh
from tests.flows.helpers_flows import cli, harness_env, run_args
from tests.ops.helpers_ops import dump, write_corpus

pytestmark = pytest.mark.slow
# One INSERT per table per chunk: documents, sections, sentences, text_repairs, statistics, year_mentions.
# Four documents and one worker make two chunks of two documents (batch.chunk_size).
TABLES_PER_CHUNK = 6


def _pipeline(raw: Path, work: Path, **kw) -> dict:
    from flows.pipeline import pipeline_flow

    return pipeline_flow([str(raw)], str(work / "w.duckdb"), str(work / "reports"), **kw)


@pytest.fixture(scope="module")
def clean(prefect_harness, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """A corpus and the tables a clean, uninterrupted run makes of it."""
    base = tmp_path_factory.mktemp("clean")
    raw = base / "raw"
    write_corpus(raw, 4)
    _pipeline(raw, base)
    return raw, dump(base / "w.duckdb")


def _doc_ids(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        ids = set()
        for t in ("documents", "sections", "sentences", "statistics", "year_mentions", "text_repairs"):
            ids |= {r[0] for r in con.execute(f"SELECT DISTINCT doc_id FROM {t}").fetchall()}
        return sorted(ids)
    finally:
        con.close()


def test_exception_between_tables_rolls_the_chunk_back(
    clean, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw, clean_tables = clean
    monkeypatch.setattr(wh, "_FAULT_COUNTS", {})
    # after the third table of the second chunk (doc_002 and doc_003)
    monkeypatch.setenv("STATLINT_FAULT", f"between-tables:{TABLES_PER_CHUNK + 3}:raise")
    with pytest.raises(wh.InjectedFault):
        _pipeline(raw, tmp_path)
    db = tmp_path / "w.duckdb"
    assert _doc_ids(db) == ["doc_000", "doc_001"]  # doc_002 and doc_003 left no row in any table
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT status, failures LIKE '%InjectedFault%' FROM runs").fetchall() == [
        ("failed", True)
    ]
    con.close()
    monkeypatch.delenv("STATLINT_FAULT")
    summary = _pipeline(raw, tmp_path)
    assert (summary["n_loaded"], summary["n_skipped"]) == (2, 2)
    assert dump(db) == clean_tables


def test_killed_mid_load_then_resumed_equals_clean_run(clean, tmp_path: Path) -> None:
    raw, clean_tables = clean
    # os._exit inside the second chunk's transaction, like a kill -9 or a power cut
    env = harness_env(STATLINT_FAULT=f"between-tables:{TABLES_PER_CHUNK + 2}")
    killed = cli(run_args(raw, tmp_path), tmp_path, env)
    assert killed.returncode == 75, killed.stderr[-2000:]
    db = tmp_path / "w.duckdb"
    assert _doc_ids(db) == ["doc_000", "doc_001"]
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT status FROM runs").fetchall() == [("running",)]
    con.close()
    summary = _pipeline(raw, tmp_path)
    assert (summary["n_loaded"], summary["n_skipped"]) == (2, 2)
    assert dump(db) == clean_tables
    con = duckdb.connect(str(db), read_only=True)
    runs = con.execute("SELECT status, failures FROM runs ORDER BY started_at").fetchall()
    con.close()
    assert [r[0] for r in runs] == ["failed", "ok"] and "interrupted" in runs[0][1]


def test_transient_io_error_is_retried(
    prefect_harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import statlint.ingest as ingest_mod

    raw = tmp_path / "raw"
    write_corpus(raw, 2)
    real = ingest_mod.read_document
    failures = {"left": 1}

    def flaky(path, *a, **kw):
        if Path(path).name == "doc_001.txt" and failures["left"]:
            failures["left"] -= 1
            raise OSError(5, "Input/output error (injected)")
        return real(path, *a, **kw)

    monkeypatch.setattr(ingest_mod, "read_document", flaky)
    summary = _pipeline(raw, tmp_path)
    assert failures["left"] == 0 and summary["n_failed"] == 0 and summary["n_loaded"] == 2


DASK_RUN = """
import json, sys
from flows.pipeline import pipeline_flow
from statlint.prefect_env import local_run
raw, work = sys.argv[1], sys.argv[2]
with local_run():  # as `statlint run` does: its own temporary Prefect server
    summary = pipeline_flow([raw], work + "/w.duckdb", work + "/reports", workers=2, min_parallel=0)
print(json.dumps({"n_loaded": summary["n_loaded"]}))
"""


def test_two_dask_workers_make_the_same_tables_and_exit_clean(clean, tmp_path: Path) -> None:
    """In a process of its own, so its exit is seen: a DuckDB connection kept alive by Prefect's Dask runner
    once made DuckDB print a page of "nanobind: leaked instance" lines at every parallel run's end."""
    import json
    import subprocess
    import sys

    raw, clean_tables = clean
    env = harness_env(PREFECT_HOME=str(tmp_path / "prefect"))
    env.pop("PREFECT_API_URL")
    done = subprocess.run(
        [sys.executable, "-c", DASK_RUN, str(raw), str(tmp_path)],  # a Dask cluster however few documents
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"n_loaded": 4}
    assert "leaked" not in done.stderr and "nanobind" not in done.stderr, done.stderr[-3000:]
    assert dump(tmp_path / "w.duckdb") == clean_tables
