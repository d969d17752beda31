"""Editors' waivers: a plain TOML file in the repository, so every waiver is reviewed in git."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

STATUSES = ("accepted", "not-a-problem")


@dataclass(frozen=True)
class Waiver:
    fingerprint: str
    reason: str
    status: str = "accepted"
    by: str | None = None
    date: str | None = None


def load_waivers(path: Path) -> list[Waiver]:
    if not path.is_file():
        return []
    data = tomllib.loads(path.read_text("utf-8"))
    return [Waiver(**{k: w.get(k) for k in ("fingerprint", "reason", "status", "by", "date") if k in w})
            for w in data.get("waiver", [])]


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def save_waivers(path: Path, waivers: list[Waiver]) -> None:
    lines = ["# Findings an editor has reviewed. `statlint waive FINGERPRINT --reason ...` adds one.", ""]
    for w in sorted(waivers, key=lambda w: w.fingerprint):
        lines += ["[[waiver]]", f"fingerprint = {_q(w.fingerprint)}", f"status = {_q(w.status)}",
                  f"reason = {_q(w.reason)}"]
        if w.by:
            lines.append(f"by = {_q(w.by)}")
        lines += [f"date = {_q(w.date or dt.date.today().isoformat())}", ""]
    path.write_text("\n".join(lines), "utf-8")


def add_waiver(path: Path, fingerprint: str, reason: str, status: str = "accepted", by: str | None = None) -> Waiver:
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    waivers = [w for w in load_waivers(path) if w.fingerprint != fingerprint]
    new = Waiver(fingerprint, reason, status, by, dt.date.today().isoformat())
    save_waivers(path, [*waivers, new])
    return new
