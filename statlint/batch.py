"""Which files a run reads, which of them changed, and the run log: plain functions the flows call."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable
from pathlib import Path

import duckdb

IGNORED_NAMES = {".gitkeep", ".DS_Store", "Thumbs.db"}


def new_run_id() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def discover(paths: Iterable[Path | str]) -> list[Path]:
    """Every file under the given files and folders, sorted; hidden files and folders are skipped."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(
                f for f in sorted(p.rglob("*"))
                if f.is_file() and f.name not in IGNORED_NAMES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        else:
            found.append(p)
    seen, out = set(), []
    for f in found:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def file_sha256(path: Path) -> str | None:
    try:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def unchanged(con: duckdb.DuckDBPyConnection, paths: list[Path]) -> set[str]:
    """Paths whose content hash equals what the warehouse loaded last time (status ok or failed alike)."""
    known = {p: s for p, s in con.execute("SELECT path, sha256 FROM documents WHERE status <> 'removed'").fetchall()}
    return {str(p) for p in paths if known.get(str(p)) is not None and known[str(p)] == file_sha256(p)}


def start_run(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    con.execute("INSERT INTO runs (run_id, started_at, status) VALUES (?, ?, 'running')", [run_id, _now()])


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str, **counts: object) -> None:
    failures = counts.pop("failures", None)
    cols = ["ended_at = ?", "status = ?"] + [f"{k} = ?" for k in counts]
    params: list[object] = [_now(), status, *counts.values()]
    cols.append("failures = ?")
    params.append(json.dumps(failures or [], ensure_ascii=False))
    con.execute(f"UPDATE runs SET {', '.join(cols)} WHERE run_id = ?", [*params, run_id])


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
