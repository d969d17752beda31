"""Prefect settings for running offline and quietly, applied before Prefect is first imported."""

from __future__ import annotations

import os

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
