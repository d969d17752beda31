"""`python -m statlint` and `python -m statlint.cli` run the same CLI as the `statlint` script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from statlint.cli import app

TEXT = "2022年我国数字经济规模达50.2万亿元，占GDP比重41.5%。\n"


@pytest.mark.parametrize("module", ["statlint", "statlint.cli"])
def test_module_entry_points_extract_like_the_script(tmp_path: Path, module: str) -> None:
    from typer.testing import CliRunner

    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, "utf-8")
    expected = CliRunner().invoke(app, ["extract", str(doc)]).stdout
    out = subprocess.run(
        [sys.executable, "-m", module, "extract", str(doc)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    rows = [json.loads(line) for line in out.stdout.splitlines() if line.strip()]
    assert [r["number_text"] for r in rows] == ["50.2万亿元", "41.5%"]
    assert out.stdout == expected
