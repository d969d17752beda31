"""Settings from `statlint.toml` (or `[tool.statlint]` in pyproject.toml), overridden by CLI flags.

Every setting has a default, so statlint runs with no configuration file at all. The file is looked up from
the working directory upwards; `--config FILE` (or $STATLINT_CONFIG) names one explicitly. Relative paths in
a file are relative to the folder holding that file, so a scheduled run started elsewhere reads the same data.

| setting | default | CLI flag | what it does |
|---|---|---|---|
| `raw` | `["raw"]` | `run PATH...` | folders (recursive, hidden files skipped) or files to ingest |
| `warehouse` | `"warehouse/statlint.duckdb"` | `--warehouse` | the DuckDB warehouse file |
| `reports` | `"reports"` | `--reports` | folder for the HTML and Markdown reports |
| `waivers_file` | `"waivers.toml"` | | editors' waivers (`statlint waive`), reviewed in git |
| `cron` | `"0 6 * * *"` | `serve --cron` | schedule of `statlint serve` |
| `timezone` | `"UTC"` | `serve --timezone` | timezone of the cron schedule |
| `max_file_size` | `"50 MB"` | `--max-file-size` | larger files are recorded as failed, unread |
| `workers` | `1` | `--workers` | parallel processes: parsing (Dask), rules, reports (200+ documents) |
| `fail_on` | none | `--fail-on` | `run` exits 1 on an unwaived finding at/above this severity |
| `lock_wait` | `30` | `--lock-wait` | seconds to wait for another run's lock, then exit 2 |
| `dask_address` | none | | a Dask scheduler (`tcp://host:8786`) to parse on instead of local processes |
| `[rules]` | all on | | rule id or category -> `off`, `on`, `error`, `warning`, `info` |
| `[windows]` | none | | doc_id -> `[first_year, last_year]`, replacing the declared window |
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from statlint.rules.engine import RuleConfig

SEVERITIES = ("info", "warning", "error")
RULE_LEVELS = ("off", "on", *SEVERITIES)
_UNITS = {"": 1, "b": 1, "kb": 1024, "k": 1024, "mb": 1024**2, "m": 1024**2, "gb": 1024**3, "g": 1024**3}


class ConfigError(ValueError):
    """A setting is unknown or malformed; the message names the file and the setting."""


def parse_size(value: int | str) -> int:
    """Bytes from an int or a string like '50 MB' (binary units: 1 MB = 1024 KB), so files read naturally."""
    if isinstance(value, bool):
        raise ConfigError(f"not a size: {value!r}")
    if isinstance(value, int):
        if value <= 0:
            raise ConfigError(f"size must be positive: {value}")
        return value
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?b?)\s*", str(value).lower())
    if not m or float(m.group(1)) <= 0:
        raise ConfigError(f"not a size: {value!r} (use bytes or e.g. '50 MB')")
    return int(float(m.group(1)) * _UNITS[m.group(2)])


@dataclass
class Config:
    raw: list[str] = field(default_factory=lambda: ["raw"])
    warehouse: str = "warehouse/statlint.duckdb"
    reports: str = "reports"
    waivers_file: str = "waivers.toml"
    cron: str = "0 6 * * *"
    timezone: str = "UTC"
    max_file_size: int | str = 50 * 1024 * 1024
    workers: int = 1
    fail_on: str | None = None
    lock_wait: float = 30.0
    dask_address: str | None = None
    rules: dict[str, str] = field(default_factory=dict)
    windows: dict[str, list[int]] = field(default_factory=dict)
    source: str | None = None  # the file these settings came from (not a setting)

    def __post_init__(self) -> None:
        where = self.source or "settings"
        if isinstance(self.raw, str):
            self.raw = [self.raw]
        try:
            self.max_file_size = parse_size(self.max_file_size)
        except ConfigError as exc:
            raise ConfigError(f"{where}: max_file_size: {exc}") from None
        if not isinstance(self.workers, int) or self.workers < 1:
            raise ConfigError(f"{where}: workers must be a whole number >= 1, not {self.workers!r}")
        if self.fail_on is not None and self.fail_on not in SEVERITIES:
            raise ConfigError(f"{where}: fail_on must be one of {', '.join(SEVERITIES)}")
        if not isinstance(self.lock_wait, int | float) or self.lock_wait < 0:
            raise ConfigError(f"{where}: lock_wait must be a number of seconds >= 0")
        for key, level in self.rules.items():
            if level not in RULE_LEVELS:
                raise ConfigError(
                    f"{where}: rules.{key} must be one of {', '.join(RULE_LEVELS)}, not {level!r}"
                )
        for doc_id, window in self.windows.items():
            if (
                not isinstance(window, list)
                or len(window) != 2
                or not all(isinstance(y, int) for y in window)
                or not 1800 <= window[0] <= window[1] <= 2200
            ):
                raise ConfigError(
                    f"{where}: windows.{doc_id} must be [first_year, last_year], e.g. [2018, 2023]"
                )

    @property
    def max_bytes(self) -> int:
        return int(self.max_file_size)

    def window_for(self, doc_id: str) -> tuple[int, int] | None:
        w = self.windows.get(doc_id)
        return (w[0], w[1]) if w else None

    def rule_config(self) -> RuleConfig:
        return RuleConfig({k: v for k, v in self.rules.items() if v != "on"})

    def waivers(self) -> dict[str, str]:
        from statlint.waivers import load_waivers

        return {w.fingerprint: w.reason for w in load_waivers(Path(self.waivers_file))}


SETTINGS = tuple(f.name for f in fields(Config) if f.name != "source")
_PATH_SETTINGS = ("warehouse", "reports", "waivers_file")


def find_config_file(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        if (d / "statlint.toml").is_file():
            return d / "statlint.toml"
        pp = d / "pyproject.toml"
        if pp.is_file() and "statlint" in tomllib.loads(pp.read_text("utf-8")).get("tool", {}):
            return pp
    return None


def _relative_to(base: Path, value: str) -> str:
    p = Path(value).expanduser()
    return str(p if p.is_absolute() else base / p)


def load_config(path: Path | str | None = None) -> Config:
    """Settings from `path`, else $STATLINT_CONFIG, else the nearest statlint.toml / [tool.statlint], else
    defaults."""
    path = path or os.environ.get("STATLINT_CONFIG")
    path = Path(path) if path else find_config_file()
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("statlint", {})
    unknown = set(data) - set(SETTINGS)
    if unknown:
        raise ConfigError(
            f"{path}: unknown setting(s) {', '.join(sorted(unknown))}; known: {', '.join(SETTINGS)}"
        )
    base = path.resolve().parent
    if "raw" in data:
        raw = [data["raw"]] if isinstance(data["raw"], str) else data["raw"]
        data["raw"] = [_relative_to(base, r) for r in raw]
    for key in _PATH_SETTINGS:
        if key in data:
            data[key] = _relative_to(base, data[key])
    try:
        return Config(**data, source=str(path))
    except TypeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
