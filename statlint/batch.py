"""Which files a run reads, which of them changed, and the run log: plain functions the flows call.

A run's plan compares the files found now with the `documents` rows of the warehouse:
- a file whose bytes (SHA-256) and settings (research-window override) match its row is skipped: no reading,
no extraction;
- a new or changed file is (re)processed and replaces its rows in one transaction;
- a row whose file is gone from the scanned folders is marked `removed`.
Document ids come from file names; a second file with the same name elsewhere gets a suffix from its path, and
a file keeps the id it was first given, so findings' fingerprints and editors' waivers stay attached to it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from statlint.read import doc_id_for

IGNORED_NAMES = {".gitkeep", ".DS_Store", "Thumbs.db"}
WINDOW_NOTE = "research window set by configuration"
SIZE_NOTE = "over the configured limit"


def new_run_id() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]


def discover(paths: Iterable[Path | str], exclude: Iterable[Path | str] = ()) -> list[Path]:
    """Every file under the given files and folders, sorted; hidden files and folders are skipped, and so is
    statlint's own output (`exclude`: the warehouse with its sidecar files, the reports folder) when it lies
    inside a scanned folder: `statlint run .` must not read last run's reports (HTML and Markdown, which it
    reads) or its DuckDB file as documents."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(
                f
                for f in sorted(p.rglob("*"))
                if f.is_file()
                and f.name not in IGNORED_NAMES
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
        else:
            found.append(p)
    own = [Path(e).resolve() for e in exclude]
    seen, out = set(), []
    for f in found:
        key = f.resolve()
        if key not in seen and not _is_own_output(key, own):
            seen.add(key)
            out.append(f)
    return out


# Files beside a DuckDB file that belong to it: DuckDB's WAL, statlint's run lock, an export's temporaries.
SIDECARS = (".wal", ".run-lock", ".tmp", ".tmp.wal")


def _is_own_output(path: Path, own: list[Path]) -> bool:
    """`path` is one of `own`, a sidecar of one (w.duckdb.wal, w.duckdb.run-lock), or inside one."""
    return any(
        path == o
        or path.is_relative_to(o)
        or (path.parent == o.parent and path.name in {o.name + x for x in SIDECARS})
        for o in own
    )


def database_path(con: duckdb.DuckDBPyConnection) -> str | None:
    """The file `con` is attached to (None in memory)."""
    row = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return row[0] if row else None


def file_sha256(path: Path) -> str | None:
    try:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def _key(path: Path | str) -> str:
    """Paths compare resolved, so `raw/x.txt` and `/abs/raw/x.txt` are one document."""
    return str(Path(path).resolve())


@dataclass(frozen=True)
class Job:
    """One file to (re)process: the id it loads under and the settings that apply to it."""

    path: str
    doc_id: str
    window: tuple[int, int] | None = None
    replaces: bool = False  # the warehouse has rows under this doc_id to delete first


@dataclass
class Plan:
    files: list[Path]
    todo: list[Job] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # paths
    skipped_ids: list[str] = field(default_factory=list)  # their doc_ids
    removed: list[str] = field(default_factory=list)  # doc_ids
    oversized: list[Job] = field(default_factory=list)  # refused by size without reading


def _under(key: str, roots: list[str]) -> bool:
    return any(key == r or key.startswith(r.rstrip("/") + "/") for r in roots)


def _settings_match(row: tuple, window: tuple[int, int] | None) -> bool:
    """The stored row was made with the window settings that apply now (else it is redone)."""
    _, _, status, reason, ws, we = row
    overridden = status == "ok" and (reason or "").startswith(WINDOW_NOTE)
    if window is None:
        return not overridden
    return overridden and (ws, we) == window


def plan_run(
    con: duckdb.DuckDBPyConnection,
    roots: list[str],
    force: bool = False,
    windows: dict[str, tuple[int, int]] | None = None,
    max_bytes: int | None = None,
    exclude: Iterable[Path | str] = (),
) -> Plan:
    """Decide, per file, skip / process / mark removed; hashing is the only per-file work for unchanged
    files. The warehouse's own files and `exclude` (the reports folder) are never read as documents."""
    windows = windows or {}
    own = [*exclude, *filter(None, [database_path(con)])]
    files = discover(roots, own)
    rows = con.execute(
        "SELECT doc_id, path, status, reason, window_start, window_end FROM documents"
    ).fetchall()
    by_path = {_key(r[1]): r for r in rows if r[1]}
    sha_of = dict(con.execute("SELECT doc_id, sha256 FROM documents").fetchall())
    present = {_key(f) for f in files}
    root_keys = [_key(r) for r in roots]
    # doc_id -> path key of the live document holding it. A row whose file is gone from the scanned folders
    # (or already removed) releases its id, so a moved file keeps its id, findings and waivers.
    taken = {
        r[0]: _key(r[1])
        for r in rows
        if r[2] != "removed" and r[1] and (_key(r[1]) in present or not _under(_key(r[1]), root_keys))
    }
    existing = {r[0] for r in rows}
    plan = Plan(files=files)
    seen: set[str] = set()
    for f in files:
        key = _key(f)
        seen.add(key)
        row = by_path.get(key)
        doc_id = row[0] if row else _new_doc_id(f, key, taken)
        taken[doc_id] = key
        window = windows.get(doc_id)
        job = Job(str(f), doc_id, window, doc_id in existing)
        if max_bytes is not None and _size(f) > max_bytes:
            if (
                not force
                and row
                and row[2] == "failed"
                and SIZE_NOTE in (row[3] or "")
                and sha_of.get(doc_id) == file_sha256(f)
            ):
                plan.skipped.append(str(f))
                plan.skipped_ids.append(doc_id)
            else:
                plan.oversized.append(job)
            continue
        unchanged = (
            not force
            and row is not None
            and row[2] != "removed"
            and sha_of.get(doc_id) is not None
            and sha_of[doc_id] == file_sha256(f)
            and _settings_match(row, window)
            and not (row[2] == "failed" and SIZE_NOTE in (row[3] or ""))
        )
        if unchanged:
            plan.skipped.append(str(f))
            plan.skipped_ids.append(doc_id)
        else:
            plan.todo.append(job)
    plan.removed = sorted(
        r[0]
        for r in rows
        if r[2] != "removed"
        and r[1]
        and _key(r[1]) not in seen
        and _under(_key(r[1]), root_keys)
        and r[0] not in taken
    )
    return plan


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _new_doc_id(path: Path, key: str, taken: dict[str, str]) -> str:
    """The file-name id if free, else the name plus a short hash of the full path (stable across runs)."""
    base = doc_id_for(path)
    if taken.get(base) in (None, key):
        return base
    return f"{base[:70]}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"


def chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), max(1, size)):
        yield items[i : i + size]


# Documents per chunk at most. At most 2 x workers chunks are in flight, each held by a worker and then by
# the writer (a seed-sized document's rows pickle to ~0.45 MB), so this bounds memory: 50 made the writer's
# process peak ~100 MB higher at 1,000 documents than 25. Validation's fast path made a chunk's fixed cost
# small (~0.5 ms of validation per document either way), and the total time did not grow.
MAX_CHUNK = 25


def chunk_size(n: int, workers: int) -> int:
    """Large enough to amortise per-task and per-validation overhead, small enough to balance the workers
    (at least two chunks each) and bound memory."""
    if n == 0:
        return 1
    return max(1, min(MAX_CHUNK, -(-n // (workers * 2))))


# --- the run log -------------------------------------------------------------------------------------------


def start_run(con: duckdb.DuckDBPyConnection, run_id: str) -> None:
    con.execute("INSERT INTO runs (run_id, started_at, status) VALUES (?, ?, 'running')", [run_id, utc_now()])


def close_interrupted_runs(con: duckdb.DuckDBPyConnection) -> int:
    """Runs left `running` by a killed process: the caller holds the run lock, so none of them is alive."""
    stale = con.execute("SELECT run_id FROM runs WHERE status = 'running'").fetchall()
    for (run_id,) in stale:
        con.execute(
            "UPDATE runs SET status = 'failed', failures = ? WHERE run_id = ?",
            [json.dumps([{"path": None, "reason": "interrupted: the run ended without finishing"}]), run_id],
        )
    return len(stale)


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str, **counts: object) -> None:
    failures = counts.pop("failures", None)
    cols = ["ended_at = ?", "status = ?"] + [f"{k} = ?" for k in counts]
    params: list[object] = [utc_now(), status, *counts.values()]
    cols.append("failures = ?")
    params.append(json.dumps(failures or [], ensure_ascii=False))
    con.execute(f"UPDATE runs SET {', '.join(cols)} WHERE run_id = ?", [*params, run_id])


def utc_now() -> dt.datetime:
    """Now in UTC as a naive timestamp, the way the warehouse's TIMESTAMP columns hold it."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# --- what findings and reports were computed from ----------------------------------------------------------


def _source_hash(*packages: str) -> str:
    """Hash of the Python sources of the given packages: a new rule or template invalidates stored results."""
    import importlib

    h = hashlib.sha256()
    for name in packages:
        root = Path(importlib.import_module(name).__file__).parent
        for f in sorted(root.rglob("*")):
            if f.is_file() and f.suffix in {".py", ".j2", ".html", ".css", ".js", ".tsv", ".toml", ".md"}:
                h.update(str(f.relative_to(root)).encode())
                h.update(f.read_bytes())
    return h.hexdigest()


def check_inputs(con: duckdb.DuckDBPyConnection, rule_overrides: dict, waivers: dict) -> str:
    """Fingerprint of everything the findings depend on: every document version (a reload changes
    ingested_at), the rule settings, the waivers and the rule code."""
    docs = con.execute(
        """SELECT coalesce(string_agg(concat_ws('|', doc_id, sha256, status, window_start, window_end,
                                                 ingested_at), ',' ORDER BY doc_id), '')
           FROM documents"""
    ).fetchone()[0]
    h = hashlib.sha256(docs.encode())
    h.update(
        json.dumps([sorted(rule_overrides.items()), sorted(waivers.items())], ensure_ascii=False).encode()
    )
    h.update(_source_hash("statlint.rules").encode())
    h.update(Path(__file__).with_name("check.py").read_bytes())
    return h.hexdigest()


def report_inputs(check_fingerprint: str) -> str:
    return hashlib.sha256((check_fingerprint + _source_hash("statlint.report")).encode()).hexdigest()
