"""Prefect settings for running offline and quietly, applied before Prefect is first imported."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

QUIET_DEFAULTS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "180",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_UI_ENABLED": "false",
}


def configure(verbose: bool = False) -> None:
    for key, value in QUIET_DEFAULTS.items():
        if key == "PREFECT_LOGGING_LEVEL" and verbose:
            value = "INFO"
        os.environ.setdefault(key, value)


def current_api_url() -> str | None:
    """The Prefect API this process talks to, including the ephemeral server Prefect started on its own.

    Worker processes (Dask) must be told: without PREFECT_API_URL each would start an ephemeral server of its
    own, costing seconds and hundreds of MB per worker, and their task runs would not show in this run."""
    from prefect.settings import PREFECT_API_URL

    url = PREFECT_API_URL.value()
    if url:
        return url
    from prefect.server.api.server import SubprocessASGIServer

    server = SubprocessASGIServer._instances.get(None)
    if server is not None and server.running:
        return server.api_url
    return None


# In PREFECT_HOME: this Prefect version (the placeholder) has migrated the local database.
MIGRATED_MARKER = "statlint-migrated-{}"


@dataclass
class EarlyServer:
    """Prefect's local server for one run, started by `start_early_server` before Prefect is imported."""

    proc: subprocess.Popen
    api_url: str
    skip_migrations: bool

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_early_server() -> EarlyServer | None:
    """Start the server Prefect would start on its own (its ephemeral server: the same uvicorn command and
    environment) now, before this process imports Prefect and the pipeline.

    Prefect starts it at the first flow call, after ~2.5 s of imports, from a process that first imports
    the whole server package (~3 s of CPU and ~100 MB it never uses) and then waits ~4 s for it to answer.
    Started here, the server boots on the other core while this process imports, and this process never
    imports the server: start-up falls from ~10 s to ~6. `local_run(server)` then points Prefect at it, or
    stops it when Prefect's settings (a profile, prefect.toml) name a server of the steward's own. Returns
    None when PREFECT_API_URL is in the environment or Prefect is not installed."""
    if os.environ.get("PREFECT_API_URL") or os.environ.get("STATLINT_NO_EARLY_SERVER"):
        return None
    spec = importlib.util.find_spec("prefect")
    if spec is None or spec.origin is None:
        return None
    from statlint.serve import _die_with_parent, free_port

    marker = _migrated_marker_early()
    skip = (
        marker.is_file()
        and "PREFECT_API_DATABASE_MIGRATE_ON_START" not in os.environ
        and "PREFECT_API_DATABASE_CONNECTION_URL" not in os.environ
    )
    port = free_port()
    env = dict(os.environ, PREFECT_UI_ENABLED="0", PREFECT__SERVER_EPHEMERAL="1", PREFECT__SERVER_FINAL="1")
    if skip:
        env["PREFECT_API_DATABASE_MIGRATE_ON_START"] = "false"
    cmd = [
        sys.executable, "-m", "uvicorn", "--app-dir", str(Path(spec.origin).parent.parent),
        "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
        "--log-level", "error", "--lifespan", "on",
    ]  # fmt: skip
    proc = subprocess.Popen(cmd, env=env, preexec_fn=_die_with_parent)  # no threads yet
    return EarlyServer(proc, f"http://127.0.0.1:{port}/api", skip)


def _migrated_marker_early() -> Path:
    """`_migrated_marker()` without importing Prefect: PREFECT_HOME from the environment or its default (a
    home set only in a profile finds no marker, and the server then checks its migrations as usual)."""
    from importlib.metadata import version

    home = Path(os.environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()
    return home / MIGRATED_MARKER.format(version("prefect"))


@contextlib.contextmanager
def local_run(server: EarlyServer | None = None) -> Iterator[None]:
    """Settings for one `statlint run` on Prefect's ephemeral server (no PREFECT_API_URL), which lives and
    dies with the run: the one `start_early_server` started, when given, or the one Prefect starts. Nothing
    else applies when the run reports to a server of the steward's own (and an early server is stopped).

    - No flow-run heartbeats: they let a lasting server mark a crashed run, but nobody reads them here, and
      each flow's exit waits up to a second for the heartbeat thread (Prefect sleeps in 1 s steps): ~1 s for
      each of the four flows of a run.
    - No database migration check at the server's start once this Prefect version has migrated the local
      database (a marker in PREFECT_HOME after a successful run): the check costs ~1.5 s of every start-up.
    - A one-certificate CA file for the API client (`local_ca_file`).
    """
    from prefect.settings import get_current_settings, temporary_settings

    if get_current_settings().api.url:
        if server is not None:
            server.stop()
        yield
        return
    if server is not None:
        yield from _on_early_server(server)
        return
    marker = _migrated_marker()
    skip_migrations = (
        marker is not None
        and marker.is_file()
        and "PREFECT_API_DATABASE_MIGRATE_ON_START" not in os.environ
        and "PREFECT_API_DATABASE_CONNECTION_URL" not in os.environ
    )
    if skip_migrations:
        os.environ["PREFECT_API_DATABASE_MIGRATE_ON_START"] = "false"  # read by the server's process
    try:
        with temporary_settings(updates=_local_settings()):
            yield
    finally:
        if skip_migrations:
            del os.environ["PREFECT_API_DATABASE_MIGRATE_ON_START"]
    if marker is not None and not marker.is_file() and (marker.parent / "prefect.db").is_file():
        with contextlib.suppress(OSError):
            marker.touch()


def _local_settings() -> dict:
    """The settings `local_run` changes for a run on its own server: no flow-run heartbeats, and the
    one-certificate CA file (`local_ca_file`) when it could be written."""
    from prefect.settings import PREFECT_API_SSL_CERT_FILE, PREFECT_FLOWS_HEARTBEAT_FREQUENCY

    updates: dict = {PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}
    ca_file = local_ca_file()
    if ca_file:
        updates[PREFECT_API_SSL_CERT_FILE] = ca_file
    return updates


def _on_early_server(server: EarlyServer) -> Iterator[None]:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from statlint.serve import wait_healthy

    try:
        timeout = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180"))
        wait_healthy(server.api_url, timeout, server.proc, poll=0.05)
        with temporary_settings(updates={**_local_settings(), PREFECT_API_URL: server.api_url}):
            yield
    finally:
        drain_to_server()
        server.stop()
    marker = _migrated_marker()
    if marker is not None and not server.skip_migrations and (marker.parent / "prefect.db").is_file():
        with contextlib.suppress(OSError):
            marker.touch()


# In PREFECT_HOME: the CA file of `local_ca_file`.
LOCAL_CA_FILE = "statlint-local-api-ca.pem"


def local_ca_file() -> str | None:
    """A CA file of one certificate (the first of certifi's bundle) for the API client of a run on its own
    local server (None if it cannot be written).

    That server speaks plain HTTP on the loopback, so no certificate is ever checked; but Prefect builds a
    TLS context for every API client it creates (several per task, in every worker) and loads its CA file
    (SSL_CERT_FILE or certifi's) into each: ~30 ms of CPU for ~150 certificates, ~0.5 ms for one; ~5 s of
    CPU at 1,000 documents with two workers. A run on the steward's own server keeps their settings."""
    import certifi
    from prefect.settings import get_current_settings

    settings = get_current_settings()
    if not settings.home:
        return None
    path = Path(settings.home).expanduser() / LOCAL_CA_FILE
    if path.is_file():
        return str(path)
    bundle = Path(certifi.where()).read_text(encoding="ascii", errors="replace")
    begin, end = "-----BEGIN CERTIFICATE-----", "-----END CERTIFICATE-----"
    start = bundle.find(begin)
    stop = bundle.find(end, start)
    if start < 0 or stop < 0:
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(bundle[start : stop + len(end)] + "\n", encoding="ascii")
        os.replace(tmp, path)  # whole or absent, for a run starting beside this one
    except OSError:
        return None
    return str(path)


def drain_to_server(timeout: float = 5.0) -> None:
    """Send the logs and events Prefect still queues for the server, before the run stops it. Sent after,
    each batch is retried against a server that is gone: a verbose run's exit hung ~75 s on "Error logging to
    API: All connection attempts failed"."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogWorker

    for worker in (APILogWorker, EventsWorker):
        with contextlib.suppress(Exception):  # a worker that cannot drain must not fail a finished run
            worker.drain_all(timeout=timeout)


def _migrated_marker() -> Path | None:
    """PREFECT_HOME/statlint-migrated-<version>: this Prefect version has migrated the local database."""
    import prefect
    from prefect.settings import get_current_settings

    home = get_current_settings().home
    return Path(home) / MIGRATED_MARKER.format(prefect.__version__) if home else None
