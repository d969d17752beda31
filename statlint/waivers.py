"""Editors' waivers: a plain TOML file in the repository, so every waiver is reviewed in git.

A waiver names a finding by its fingerprint (stable across runs and re-ingestion), says why it is accepted,
and stays in the file until an editor removes it. Waived findings are still reported, marked as waived. A
waiver whose fingerprint matches no current finding is *stale*: the text changed or the rule no longer fires,
and the editor should remove it (`statlint waive --list` shows them).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from pathlib import Path

STATUSES = ("accepted", "not-a-problem")
# The shortest fingerprint prefix `statlint waive` accepts (git-style abbreviation).
MIN_PREFIX = 6


@dataclass(frozen=True)
class Waiver:
    fingerprint: str
    reason: str
    status: str = "accepted"
    by: str | None = None
    date: str | None = None


def load_waivers(path: Path) -> list[Waiver]:
    """The waivers in `path` ([] when the file does not exist); a malformed file raises ValueError naming
    it."""
    if not path.is_file():
        return []
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML ({exc}); fix or remove the broken waiver") from exc
    out = []
    for i, w in enumerate(data.get("waiver", [])):
        if not w.get("fingerprint") or not w.get("reason"):
            raise ValueError(f"{path}: waiver #{i + 1} needs a fingerprint and a reason")
        out.append(Waiver(**{k: w[k] for k in ("fingerprint", "reason", "status", "by", "date") if k in w}))
    return out


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def save_waivers(path: Path, waivers: list[Waiver]) -> None:
    lines = ["# Findings an editor has reviewed. `statlint waive FINGERPRINT --reason ...` adds one.", ""]
    for w in sorted(waivers, key=lambda w: w.fingerprint):
        lines += [
            "[[waiver]]",
            f"fingerprint = {_q(w.fingerprint)}",
            f"status = {_q(w.status)}",
            f"reason = {_q(w.reason)}",
        ]
        if w.by:
            lines.append(f"by = {_q(w.by)}")
        lines += [f"date = {_q(w.date or dt.date.today().isoformat())}", ""]
    path.write_text("\n".join(lines), "utf-8")


def add_waiver(
    path: Path, fingerprint: str, reason: str, status: str = "accepted", by: str | None = None
) -> Waiver:
    """Add or replace the waiver of one finding."""
    if status not in STATUSES:
        raise ValueError(f"status must be one of {', '.join(STATUSES)}")
    if not reason.strip():
        raise ValueError("a waiver needs a reason an editor can review")
    waivers = [w for w in load_waivers(path) if w.fingerprint != fingerprint]
    new = Waiver(fingerprint, reason, status, by, dt.date.today().isoformat())
    save_waivers(path, [*waivers, new])
    return new


def remove_waiver(path: Path, fingerprint: str) -> bool:
    """Remove the waiver of `fingerprint`; False when there was none."""
    waivers = load_waivers(path)
    kept = [w for w in waivers if w.fingerprint != fingerprint]
    if len(kept) == len(waivers):
        return False
    save_waivers(path, kept)
    return True


def resolve_fingerprint(prefix: str, known: set[str]) -> str:
    """A full fingerprint from a unique prefix of a current finding's (as git abbreviates commits); a prefix
    matching nothing is returned unchanged, so a finding not yet in this warehouse can still be waived."""
    matches = sorted(f for f in known if f.startswith(prefix))
    if len(matches) > 1:
        raise ValueError(
            f"{prefix} matches {len(matches)} findings ({', '.join(matches[:5])}...); give more digits"
        )
    if matches and len(prefix) >= MIN_PREFIX:
        return matches[0]
    return prefix


def stale_waivers(waivers: list[Waiver], fingerprints: set[str]) -> list[Waiver]:
    """Waivers that match no current finding: the text changed or the rule no longer fires."""
    return [w for w in waivers if w.fingerprint not in fingerprints]


def as_mapping(waivers: list[Waiver]) -> dict[str, str]:
    """fingerprint -> "status: reason", as findings store it."""
    return {w.fingerprint: f"{w.status}: {w.reason}" for w in waivers}
