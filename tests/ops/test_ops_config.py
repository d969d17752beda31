"""statlint.toml: every setting parsed, validated with a message naming it, paths relative to the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from statlint.config import SETTINGS, Config, ConfigError, load_config, parse_size

ROOT = Path(__file__).resolve().parents[2]


def test_sizes_read_naturally() -> None:
    assert parse_size(1000) == 1000
    assert parse_size("20 MB") == 20 * 1024**2
    assert parse_size("512kb") == 512 * 1024
    for bad in ("lots", "-1 MB", 0, True):
        with pytest.raises(ConfigError):
            parse_size(bad)


def test_file_settings_paths_relative_to_the_file(tmp_path: Path) -> None:
    cfg_file = tmp_path / "statlint.toml"
    cfg_file.write_text(
        'raw = ["in"]\nwarehouse = "wh/x.duckdb"\nmax_file_size = "1 MB"\nworkers = 2\n'
        'fail_on = "error"\n[rules]\nSL101 = "off"\nwindow = "info"\n'
        "[windows]\nreport_a = [2019, 2022]\n",
        "utf-8",
    )
    cfg = load_config(cfg_file)
    assert cfg.raw == [str(tmp_path / "in")]
    assert cfg.warehouse == str(tmp_path / "wh/x.duckdb")
    assert cfg.max_bytes == 1024**2 and cfg.workers == 2 and cfg.fail_on == "error"
    assert cfg.window_for("report_a") == (2019, 2022) and cfg.window_for("other") is None
    assert cfg.rule_config().overrides == {"SL101": "off", "window": "info"}


@pytest.mark.parametrize(
    "text, word",
    [
        ("colour = 1\n", "unknown setting"),
        ("workers = 0\n", "workers"),
        ('fail_on = "fatal"\n', "fail_on"),
        ('[rules]\nSL101 = "loud"\n', "rules.SL101"),
        ("[windows]\nx = [2023, 2018]\n", "windows.x"),
        ('max_file_size = "huge"\n', "max_file_size"),
        ("raw = [\n", "not valid TOML"),
    ],
)
def test_bad_settings_are_named(tmp_path: Path, text: str, word: str) -> None:
    f = tmp_path / "statlint.toml"
    f.write_text(text, "utf-8")
    with pytest.raises(ConfigError, match=word.replace("[", r"\[")):
        load_config(f)


def test_environment_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "other.toml"
    f.write_text("workers = 3\n", "utf-8")
    monkeypatch.setenv("STATLINT_CONFIG", str(f))
    assert load_config().workers == 3


def test_example_file_documents_every_setting() -> None:
    """The shipped statlint.toml and the settings table in config.py mention every setting."""
    example = (ROOT / "statlint.toml").read_text("utf-8")
    import statlint.config as mod

    for name in SETTINGS:
        assert name in example, f"statlint.toml does not document {name}"
        assert f"`{name}`" in mod.__doc__ or f"`[{name}]`" in mod.__doc__, f"config.py table lacks {name}"
    assert isinstance(load_config(ROOT / "statlint.toml"), Config)
