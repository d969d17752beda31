"""`statlint run` exit codes (0 ok, 1 findings at or above --fail-on, 2 usage or input errors) and
`status`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from statlint.cli import app
from tests.ops.helpers_ops import write_corpus

pytestmark = pytest.mark.slow
runner = CliRunner()


@pytest.fixture()
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no statlint.toml up the tree: defaults only
    monkeypatch.setenv("STATLINT_CONFIG", "")  # `--config` sets it for the process; restored after the test
    write_corpus(tmp_path / "raw", 2)
    return tmp_path


def _run(work: Path, *args: str):
    return runner.invoke(
        app,
        [
            "run",
            str(work / "raw"),
            "--warehouse",
            str(work / "w.duckdb"),
            "--reports",
            str(work / "reports"),
            *args,
        ],
    )


def test_exit_codes_for_findings(prefect_harness, corpus: Path) -> None:
    ok = _run(corpus)
    assert ok.exit_code == 0, ok.output
    assert "2 documents (2 loaded" in ok.output
    # the corpus reports a result reached in 2025 against a 2018-2023 window: an error finding
    assert _run(corpus, "--fail-on", "error").exit_code == 1
    assert _run(corpus, "--fail-on", "info").exit_code == 1


def test_exit_2_for_usage_and_input_errors(
    prefect_harness, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run(corpus, "--fail-on", "fatal").exit_code == 2
    assert runner.invoke(app, ["run", str(corpus / "missing")]).exit_code == 2
    assert _run(corpus, "--workers", "0").exit_code == 2
    assert _run(corpus, "--max-file-size", "huge").exit_code == 2
    bad = corpus / "bad.toml"
    bad.write_text("colour = 1\n", "utf-8")
    res = _run(corpus, "--config", str(bad))
    assert res.exit_code == 2 and "unknown setting" in res.output
    monkeypatch.setenv("STATLINT_CONFIG", "")
    (corpus / "raw" / "empty.txt").write_bytes(b"")
    res = _run(corpus)
    assert res.exit_code == 2 and "empty file" in res.output


def test_status_summarizes_the_last_runs(prefect_harness, corpus: Path) -> None:
    assert (
        runner.invoke(app, ["status", "--warehouse", str(corpus / "w.duckdb")]).exit_code == 2
    )  # no runs yet
    _run(corpus)
    (corpus / "raw" / "empty.txt").write_bytes(b"")
    _run(corpus)
    res = runner.invoke(app, ["status", "--warehouse", str(corpus / "w.duckdb"), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    st = json.loads(res.output)
    assert st["documents"] == {"ok": 2, "failed": 1}
    assert [r["status"] for r in st["runs"]] == ["ok", "ok"]
    assert st["runs"][0]["n_failed"] == 1 and "empty file" in st["runs"][0]["failures"][0]["reason"]
    table = runner.invoke(app, ["status", "--warehouse", str(corpus / "w.duckdb")])
    assert table.exit_code == 0 and "empty.txt" in table.output and "last 2 runs" in table.output
