"""Helpers for the flow tests: run the CLI in a subprocess against the session's Prefect test server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def harness_env(**extra: str) -> dict[str, str]:
    """Environment for a subprocess that talks to this session's Prefect server (no server start of its
    own)."""
    from prefect.settings import PREFECT_API_URL

    env = dict(os.environ)
    env["PREFECT_API_URL"] = PREFECT_API_URL.value()
    env.pop("STATLINT_FAULT", None)
    env.pop("STATLINT_CONFIG", None)
    env.update(extra)
    return env


def cli(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "from statlint.cli import app; app()", *args],
        cwd=cwd,
        env=env or harness_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def run_args(raw: Path, work: Path, *more: str) -> list[str]:
    return ["run", str(raw), "--warehouse", str(work / "w.duckdb"), "--reports", str(work / "reports"), *more]
