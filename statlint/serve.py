"""`statlint serve`: the pipeline as a Prefect deployment on a cron schedule.

Prefect's ephemeral backend cannot schedule, so without PREFECT_API_URL this starts a local Prefect server on
127.0.0.1, waits until it answers, serves the deployment, and stops the server on exit (Ctrl-C included).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(
    api_url: str, timeout: float, proc: subprocess.Popen | None = None, poll: float = 0.5
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the Prefect server exited with code {proc.returncode} while starting")
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(poll)
    raise RuntimeError(f"the Prefect server did not answer at {api_url} within {timeout:.0f}s")


@contextlib.contextmanager
def local_server(port: int | None = None, timeout: float = 120.0, home: Path | None = None) -> Iterator[str]:
    """Run `prefect server start` on loopback for the duration of the block; yields the API URL."""
    port = port or free_port()
    env = dict(os.environ)
    if home is not None:
        env["PREFECT_HOME"] = str(home)
    env.pop("PREFECT_API_URL", None)
    cmd = [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(
        cmd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        preexec_fn=_die_with_parent,
    )
    api_url = f"http://127.0.0.1:{port}/api"
    try:
        wait_healthy(api_url, timeout, proc)
        yield api_url
    finally:
        if "prefect.logging" in sys.modules:  # this process talked to it: send what it still queues
            from statlint.prefect_env import drain_to_server

            drain_to_server()
        stop(proc)


def _die_with_parent() -> None:
    """In the server's process before exec: SIGTERM it when `statlint serve` dies, even by SIGKILL, so a
    killed serve never leaves an orphaned Prefect server behind (Linux; elsewhere a no-op)."""
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


def serve_pipeline(
    paths: list[str],
    warehouse: str,
    reports: str,
    cron: str | None,
    timezone: str,
    interval: float | None = None,
    name: str = "statlint-scheduled",
    workers: int = 1,
    config_path: str | None = None,
) -> None:
    """Serve the pipeline deployment until interrupted, starting a local server when none is configured.

    One run at a time (`limit=1`): a run that outlasts the interval delays the next instead of stacking
    processes that would only queue on the warehouse's run lock."""

    def _serve() -> None:
        from flows.pipeline import pipeline_flow

        params = {
            "paths": paths,
            "warehouse": warehouse,
            "reports_dir": reports,
            "workers": workers,
            "config_path": config_path,
        }
        if interval:
            pipeline_flow.serve(name=name, interval=interval, parameters=params, limit=1)
        else:
            from prefect.schedules import Cron

            pipeline_flow.serve(name=name, schedule=Cron(cron, timezone=timezone), parameters=params, limit=1)

    if os.environ.get("PREFECT_API_URL"):
        _serve()
        return
    with local_server() as api_url:
        os.environ["PREFECT_API_URL"] = api_url
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings({PREFECT_API_URL: api_url}):
            _serve()
