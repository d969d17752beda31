"""Prefect settings for running offline and quietly, applied before Prefect is first imported."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
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


@contextlib.contextmanager
def local_run() -> Iterator[None]:
    """Settings for one `statlint run` on Prefect's ephemeral server (no PREFECT_API_URL), which lives and
    dies with the run. Nothing else applies when the run reports to a server of the steward's own.

    - No flow-run heartbeats: they let a lasting server mark a crashed run, but nobody reads them here, and
      each flow's exit waits up to a second for the heartbeat thread (Prefect sleeps in 1 s steps): ~1 s for
      each of the four flows of a run.
    - No database migration check at the server's start once this Prefect version has migrated the local
      database (a marker in PREFECT_HOME after a successful run): the check costs ~1.5 s of every start-up.
    """
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, get_current_settings, temporary_settings

    if get_current_settings().api.url:
        yield
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
        with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield
    finally:
        if skip_migrations:
            del os.environ["PREFECT_API_DATABASE_MIGRATE_ON_START"]
    if marker is not None and not marker.is_file() and (marker.parent / "prefect.db").is_file():
        with contextlib.suppress(OSError):
            marker.touch()


def _migrated_marker() -> Path | None:
    """PREFECT_HOME/statlint-migrated-<version>: this Prefect version has migrated the local database."""
    import prefect
    from prefect.settings import get_current_settings

    home = get_current_settings().home
    return Path(home) / f"statlint-migrated-{prefect.__version__}" if home else None
