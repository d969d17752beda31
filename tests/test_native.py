"""The compiled extractor is used only while it matches its source, and gives the same rows as the source."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from statlint import compiled

ROOT = compiled.ROOT


@pytest.fixture
def fake_package(tmp_path, monkeypatch):
    """A stand-in extract directory with two sources and a stamp that matches them."""
    d = tmp_path / "extract"
    d.mkdir()
    (d / "__init__.py").write_text("x = 1\n", encoding="utf-8")
    (d / "numbers.py").write_text("y = 2\n", encoding="utf-8")
    monkeypatch.setattr(compiled, "EXTRACT_DIR", d)
    monkeypatch.setattr(compiled, "STAMP", d / ".compiled.json")
    monkeypatch.delenv(compiled.PURE_ENV, raising=False)
    stamp = {"cache_tag": sys.implementation.cache_tag, "sources": compiled.current_hashes()}
    compiled.STAMP.write_text(json.dumps(stamp), encoding="utf-8")
    return d


def test_stamp_matching_the_sources_is_current(fake_package):
    assert compiled.current_hashes().keys() == {"__init__.py", "numbers.py"}
    assert compiled.is_current()


def test_an_edited_source_makes_the_build_stale(fake_package):
    (fake_package / "numbers.py").write_text("y = 3\n", encoding="utf-8")
    assert not compiled.is_current()


def test_a_new_source_makes_the_build_stale(fake_package):
    (fake_package / "scope.py").write_text("z = 1\n", encoding="utf-8")
    assert not compiled.is_current()


def test_another_interpreter_makes_the_build_stale(fake_package):
    stamp = json.loads(compiled.STAMP.read_text(encoding="utf-8"))
    stamp["cache_tag"] = "cpython-399"
    compiled.STAMP.write_text(json.dumps(stamp), encoding="utf-8")
    assert not compiled.is_current()


def test_a_damaged_or_missing_stamp_means_source(fake_package):
    compiled.STAMP.write_text("{not json", encoding="utf-8")
    assert not compiled.is_current()
    compiled.STAMP.unlink()
    assert not compiled.is_current()


def test_pure_python_switch_overrides_a_current_build(fake_package, monkeypatch):
    monkeypatch.setenv(compiled.PURE_ENV, "1")
    assert not compiled.is_current()


def _run(code: str, pure: bool) -> str:
    env = {k: v for k, v in os.environ.items() if k != compiled.PURE_ENV}
    if pure:
        env[compiled.PURE_ENV] = "1"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_pure_python_switch_loads_every_extract_module_from_source():
    code = (
        "import statlint.extract as e, statlint.extract.numbers as n, statlint.extract.metric as m\n"
        "print(e.__file__); print(n.__file__); print(m.__file__)"
    )
    files = _run(code, pure=True).split()
    assert [f.rsplit("/", 1)[1] for f in files] == ["__init__.py", "numbers.py", "metric.py"]


EXTRACT_SEED = (
    "import json\n"
    "from pathlib import Path\n"
    "from statlint.extract import extract_statistics, find_year_mentions\n"
    "from statlint.normalize import normalize\n"
    "from statlint.structure import analyse\n"
    "import statlint.compiled as c\n"
    "clean = normalize(Path('raw/digital_government_society_report.txt').read_text(encoding='utf-8'))\n"
    "st = analyse(clean)\n"
    "print(json.dumps({'compiled': c.in_use(), 'stats': extract_statistics(clean, st),\n"
    "                  'years': find_year_mentions(clean, st)}, ensure_ascii=False, default=str))\n"
)


@pytest.mark.skipif(not compiled.is_current(), reason="the extractor is not compiled here (make native)")
def test_compiled_and_source_extractors_give_identical_rows():
    native = json.loads(_run(EXTRACT_SEED, pure=False))
    source = json.loads(_run(EXTRACT_SEED, pure=True))
    assert native["compiled"] is True and source["compiled"] is False
    assert len(native["stats"]) > 300
    assert native["stats"] == source["stats"]
    assert native["years"] == source["years"]


@pytest.mark.skipif(
    not (shutil.which("cc") or shutil.which("gcc")) or os.environ.get(compiled.PURE_ENV),
    reason="no C compiler here, or the source is forced",
)
def test_the_extractor_is_compiled_and_current_where_a_compiler_exists():
    """`make` compiles the extractor before the tests; a build that failed (a type error mypyc rejects) or
    went stale would otherwise pass unnoticed, only slower."""
    assert compiled.is_current(), "the compiled extractor is missing or stale: run `make native`"
    assert compiled.in_use()
