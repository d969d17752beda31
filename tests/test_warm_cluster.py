"""The run's Dask cluster started early: the estimate that decides it, and its life from start to close."""

from __future__ import annotations

from pathlib import Path

import pytest

from statlint import warm_cluster
from statlint.batch import plan_run
from statlint.load import load_prepared, prepare_jobs
from statlint.warehouse import connect
from tests.ops.helpers_ops import write_corpus


def test_documents_to_load_counts_new_and_changed_files_only(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    files = write_corpus(raw, 3)
    db = tmp_path / "w.duckdb"
    reports = raw / "reports"
    reports.mkdir()
    (reports / "index.html").write_text("<p>2024年增長5%</p>", "utf-8")
    # no warehouse yet: every file is new (and the reports folder is not a document)
    assert warm_cluster.documents_to_load(db, [str(raw)], False, {}, 10**9, [str(reports)]) == 3
    con = connect(db)
    for p in prepare_jobs(plan_run(con, [str(raw)], exclude=[str(reports)]).todo, "r"):
        load_prepared(con, p)
    con.close()
    assert warm_cluster.documents_to_load(db, [str(raw)], False, {}, 10**9, [str(reports)]) == 0
    files[0].write_text(files[0].read_text("utf-8") + "\n補記。", "utf-8")
    assert warm_cluster.documents_to_load(db, [str(raw)], False, {}, 10**9, [str(reports)]) == 1
    assert warm_cluster.documents_to_load(db, [str(raw)], True, {}, 10**9, [str(reports)]) == 3


def test_documents_to_load_is_none_when_the_warehouse_cannot_be_read(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    db.write_bytes(b"not a duckdb file" * 100)
    assert warm_cluster.documents_to_load(db, [str(tmp_path)], False, {}, 10**9, []) is None


@pytest.fixture()
def no_warm_cluster():
    warm_cluster.close()
    yield
    warm_cluster.close()


def test_a_warm_cluster_is_taken_by_its_size_and_closed(
    no_warm_cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    # threads instead of processes: the lifecycle, not the workers, is under test here
    monkeypatch.setattr(
        warm_cluster,
        "cluster_kwargs",
        lambda workers, api_url: {"n_workers": workers, "processes": False, "dashboard_address": None},
    )
    warm = warm_cluster.start(2, "http://127.0.0.1:9/api")
    assert warm_cluster.take(3) is None  # another size: the flow starts its own
    address = warm_cluster.take(2)
    assert address is not None and address.startswith(("tcp://", "inproc://"))
    cluster = warm._cluster
    assert len(cluster.scheduler_info["workers"]) == 2
    warm_cluster.close()
    assert warm._cluster is None and cluster.status.name == "closed"
    assert warm_cluster.take(2) is None


def test_a_cluster_that_fails_to_start_gives_no_address(
    no_warm_cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(warm_cluster, "cluster_kwargs", lambda workers, api_url: {"no_such_argument": 1})
    warm = warm_cluster.start(2, "http://127.0.0.1:9/api")
    assert warm_cluster.take(2) is None and warm.error is not None
    warm_cluster.close()


def test_cluster_kwargs_tell_the_workers_the_api_and_what_to_import() -> None:
    kw = warm_cluster.cluster_kwargs(2, "http://127.0.0.1:4200/api")
    assert kw["n_workers"] == 2 and kw["threads_per_worker"] == 1 and kw["processes"] is True
    assert kw["env"]["PREFECT_API_URL"] == "http://127.0.0.1:4200/api"
    assert kw["preload"] == ["flows.ingest"]


@pytest.mark.parametrize(
    ("workers", "api_url", "no_warm", "n_files", "started"),
    [
        (2, None, None, 3, True),  # parallel, on the run's own server, enough documents
        (1, None, None, 3, False),  # in-process run
        (2, "http://steward:4200/api", None, 3, False),  # a profile names the steward's server
        (2, None, "1", 3, False),  # switched off
        (2, None, None, 1, False),  # too few documents to parse in parallel
    ],
)
def test_statlint_run_warms_a_cluster_only_for_a_parallel_run_on_its_own_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers, api_url, no_warm, n_files, started
) -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    import flows.pipeline as pipeline_mod
    from statlint import cli

    calls: list = []
    monkeypatch.setattr(warm_cluster, "start", lambda w, url: calls.append((w, url)))
    monkeypatch.setattr(pipeline_mod, "MIN_PARALLEL_DOCUMENTS", 2)
    monkeypatch.delenv(cli.NO_WARM_ENV, raising=False)
    if no_warm:
        monkeypatch.setenv(cli.NO_WARM_ENV, no_warm)
    monkeypatch.chdir(tmp_path)  # no statlint.toml of the repository's
    write_corpus(tmp_path / "raw", n_files)
    with temporary_settings(updates={PREFECT_API_URL: api_url}):
        cli._warm_cluster(
            "http://127.0.0.1:1/api", workers, str(tmp_path / "w.duckdb"), ["raw"], False, None, "r"
        )
    assert calls == ([(workers, "http://127.0.0.1:1/api")] if started else [])
