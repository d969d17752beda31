"""Prefect's local server for one run: started before Prefect is imported, used, and always stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from statlint.prefect_env import EarlyServer, local_ca_file, local_run, start_early_server
from tests.ops.helpers_ops import write_corpus

SERVER_APP = "prefect.server.api.server:create_app"


def _tagged(tag: str) -> list[int]:
    """Live processes whose environment carries STATLINT_TEST_TAG=tag."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            env = Path(f"/proc/{entry}/environ").read_bytes()
            state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if f"STATLINT_TEST_TAG={tag}".encode() in env.split(b"\0") and state != "Z":
            found.append(int(entry))
    return found


def _servers(tag: str) -> list[int]:
    out = []
    for pid in _tagged(tag):
        try:
            if SERVER_APP in Path(f"/proc/{pid}/cmdline").read_text():
                out.append(pid)
        except OSError:
            pass
    return out


def _wait_gone(tag: str, timeout: float = 20) -> list[int]:
    deadline = time.monotonic() + timeout
    while (left := _servers(tag)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def _own_server_env(home: Path, tag: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PREFECT_API_URL", "STATLINT_CONFIG", "STATLINT_FAULT")
    }
    env.update(PREFECT_HOME=str(home), STATLINT_TEST_TAG=tag)
    return env


@pytest.fixture(scope="module")
def prefect_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One fresh Prefect home for this module's runs: the first run migrates its database (~20 s), the rest
    reuse it."""
    return tmp_path_factory.mktemp("prefect-home")


def test_no_early_server_when_the_environment_names_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:9/api")
    assert start_early_server() is None


def test_early_server_is_stopped_when_prefect_settings_name_a_server() -> None:
    """A steward's server set in a profile or prefect.toml wins: the speculative server is stopped at once.
    (Prefect's settings name a server here as a profile would.)"""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        with (
            temporary_settings(updates={PREFECT_API_URL: "http://127.0.0.1:9/api"}),
            local_run(EarlyServer(proc, "http://127.0.0.1:8/api", skip_migrations=False)),
        ):
            assert proc.poll() is not None
    finally:
        proc.kill()
        proc.wait()


def test_local_ca_file_holds_one_certificate(tmp_path: Path) -> None:
    """The API client's CA file for a local run loads one certificate (certifi's bundle loads ~150 into
    every client Prefect creates), is written once, and is written whole."""
    import ssl

    from prefect.settings import PREFECT_HOME, temporary_settings

    with temporary_settings(updates={PREFECT_HOME: str(tmp_path / "home")}):
        path = local_ca_file()
        assert path is not None and Path(path).parent == tmp_path / "home"
        text = Path(path).read_text()
        assert text.count("BEGIN CERTIFICATE") == 1 and text.rstrip().endswith("END CERTIFICATE-----")
        assert ssl.create_default_context(cafile=path).cert_store_stats()["x509_ca"] == 1
        before = Path(path).stat().st_mtime_ns
        assert local_ca_file() == path and Path(path).stat().st_mtime_ns == before
        assert [p.name for p in (tmp_path / "home").iterdir()] == [Path(path).name]  # no temporary left


def test_local_run_gives_the_api_client_the_small_ca_file_but_a_stewards_server_keeps_theirs(
    tmp_path: Path,
) -> None:
    from prefect.settings import (
        PREFECT_API_SSL_CERT_FILE,
        PREFECT_API_URL,
        PREFECT_HOME,
        get_current_settings,
        temporary_settings,
    )

    theirs = str(tmp_path / "their-ca.pem")
    updates = {PREFECT_HOME: str(tmp_path / "home"), PREFECT_API_SSL_CERT_FILE: theirs}
    with temporary_settings(updates=updates, restore_defaults={PREFECT_API_URL}):
        with local_run():  # no server is started until a flow runs
            assert get_current_settings().api.ssl_cert_file == local_ca_file()
        assert get_current_settings().api.ssl_cert_file == theirs
        with temporary_settings(updates={PREFECT_API_URL: "https://prefect.example.org/api"}), local_run():
            assert get_current_settings().api.ssl_cert_file == theirs


@pytest.mark.slow
def test_run_on_its_own_server_then_without_migration_check(tmp_path: Path, prefect_home: Path) -> None:
    """Without PREFECT_API_URL a run starts its own server, completes, and leaves no server behind; the
    first run marks the fresh Prefect home as migrated, and the second (which skips the check, and is
    verbose) works too."""
    write_corpus(tmp_path / "raw", 2)
    tag = uuid.uuid4().hex
    home = prefect_home
    env = _own_server_env(home, tag)
    args = [sys.executable, "-c", "from statlint.cli import app; app()", "run", str(tmp_path / "raw")]
    args += ["--warehouse", str(tmp_path / "w.duckdb"), "--reports", str(tmp_path / "reports")]
    first = subprocess.run(args, env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr[-2000:]
    assert "2 documents (2 loaded" in first.stdout
    assert list(home.glob("statlint-migrated-*")), "the migrated marker is written after a good run"
    assert _wait_gone(tag) == []
    write_corpus(tmp_path / "raw", 3)
    # Verbose: Prefect's INFO logs go to the server up to the run's last line; what it still queued is sent
    # before the server stops (sent after, it failed and the exit hung ~75 s).
    second = subprocess.run([*args, "-v"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr[-2000:]
    assert "3 documents (1 loaded, 2 unchanged" in second.stdout
    assert "Error logging to API" not in second.stdout + second.stderr
    assert _wait_gone(tag) == []


@pytest.mark.slow
def test_killed_run_leaves_no_server(tmp_path: Path, prefect_home: Path) -> None:
    """SIGKILL gives a run no chance to clean up: the server dies with it all the same (parent-death
    signal), so no orphaned Prefect server piles up under a scheduler that kills overrunning jobs."""
    write_corpus(tmp_path / "raw", 2)
    tag = uuid.uuid4().hex
    env = _own_server_env(prefect_home, tag)
    args = [sys.executable, "-c", "from statlint.cli import app; app()", "run", str(tmp_path / "raw")]
    args += ["--warehouse", str(tmp_path / "w.duckdb"), "--reports", str(tmp_path / "reports")]
    proc = subprocess.Popen(args, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not _servers(tag) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _servers(tag), "the run starts a server of its own"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert _wait_gone(tag) == []
    finally:
        if proc.poll() is None:
            proc.kill()
        for pid in _tagged(tag):
            os.kill(pid, signal.SIGKILL)
