"""Settings from `statlint.toml` (or `[tool.statlint]` in pyproject.toml), overridden by CLI flags.

Every setting has a default here, so statlint runs with no configuration file at all.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from statlint.rules.engine import RuleConfig


@dataclass
class Config:
    raw: list[str] = field(default_factory=lambda: ["raw"])  # folders or files to ingest
    warehouse: str = "warehouse/statlint.duckdb"  # the DuckDB file
    reports: str = "reports"  # where reports are written
    waivers_file: str = "waivers.toml"  # editors' waivers, reviewable in git
    cron: str = "0 6 * * *"  # schedule of `statlint serve`
    timezone: str = "UTC"  # timezone of the schedule
    max_bytes: int = 50 * 1024 * 1024  # files larger than this are refused
    rules: dict[str, str] = field(default_factory=dict)  # rule id or category -> off|error|warning|info
    source: str | None = None  # the file these settings came from

    def rule_config(self) -> RuleConfig:
        return RuleConfig(dict(self.rules))

    def waivers(self) -> dict[str, str]:
        from statlint.waivers import load_waivers

        return {w.fingerprint: w.reason for w in load_waivers(Path(self.waivers_file))}


def find_config_file(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / "statlint.toml").is_file():
            return d / "statlint.toml"
        pp = d / "pyproject.toml"
        if pp.is_file() and "tool" in (data := tomllib.loads(pp.read_text("utf-8"))) and "statlint" in data["tool"]:
            return pp
    return None


def load_config(path: Path | None = None) -> Config:
    path = path or find_config_file()
    if path is None:
        return Config()
    data = tomllib.loads(path.read_text("utf-8"))
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("statlint", {})
    known = {f.name for f in fields(Config)}
    unknown = set(data) - known
    if unknown:
        raise ValueError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}")
    if isinstance(data.get("raw"), str):
        data["raw"] = [data["raw"]]
    return Config(**data, source=str(path))
