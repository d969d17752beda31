"""Which extractor runs: the compiled modules only while they match their source (see statlint/native.py).

Kept apart from the build so that `statlint/__init__.py` can ask cheaply at import time.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
EXTRACT_DIR = PACKAGE_DIR / "extract"
ROOT = PACKAGE_DIR.parent
STAMP = EXTRACT_DIR / ".compiled.json"
# The shared runtime of the compiled group sits beside the package (mypyc puts it at the top level).
GROUP = "statlint_extract"
PURE_ENV = "STATLINT_PURE_PYTHON"


def sources() -> list[Path]:
    """Every module of the extract package: all of it is compiled, so calls between them stay in C."""
    return sorted(EXTRACT_DIR.glob("*.py"))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def current_hashes() -> dict[str, str]:
    return {p.name: _digest(p) for p in sources()}


def compiled_files() -> list[Path]:
    """The extension modules a build leaves (per module, plus the group's shared runtime)."""
    suffix = ".so" if os.name != "nt" else ".pyd"
    return sorted(EXTRACT_DIR.glob(f"*{suffix}")) + sorted(ROOT.glob(f"{GROUP}__mypyc*{suffix}"))


def is_current() -> bool:
    """Do the compiled modules match the source on disk (and this interpreter)?"""
    if os.environ.get(PURE_ENV) or not STAMP.is_file():
        return False
    try:
        stamp = json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return stamp.get("cache_tag") == sys.implementation.cache_tag and stamp.get("sources") == current_hashes()


def in_use() -> bool:
    """Is the imported extractor the compiled one?"""
    import statlint.extract.numbers as numbers

    return not str(numbers.__file__).endswith(".py")
