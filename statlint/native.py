"""Compile the extractor to C with mypyc, and fall back to its Python source whenever that is safer.

Extraction is per-figure Python glue around many small regex calls (about 50 µs a figure); the regex work is
already C, the glue is not. mypyc compiles the same typed source, so the compiled and the plain modules give
identical rows (a test compares them) and the source stays the only thing anyone edits.

Safety rules, enforced by `statlint/__init__.py` at import time:
- the compiled modules are used only when `statlint/extract/.compiled.json` records the SHA-256 of every
  source file they were built from and the files still have those hashes (an edited .py is never shadowed
  by a stale .so);
- `STATLINT_PURE_PYTHON=1` forces the source (to compare, to debug, or where a compiler is missing);
- a failed build leaves no stamp, so the plain source runs (same results, slower).

`make` builds it after installing the environment (`python -m statlint.native build`); `clean` removes it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

from statlint.compiled import (
    GROUP,
    PURE_ENV,
    ROOT,
    STAMP,
    compiled_files,
    current_hashes,
    in_use,
    is_current,
    sources,
)

# Run in a child interpreter: setuptools' setup() owns its process (argv, logging, exit on error).
BUILD_SCRIPT = """
import sys
from mypyc.build import mypycify
from setuptools import setup

tmp, group, files = sys.argv[1], sys.argv[2], sys.argv[3:]
flags = ["--follow-imports=silent", "--ignore-missing-imports", "--cache-dir", tmp + "/mypy"]
modules = mypycify([*flags, *files], opt_level="3", group_name=group, target_dir=tmp + "/c")
setup(
    name="statlint-native",
    packages=[],
    py_modules=[],
    ext_modules=modules,
    script_args=["-q", "build_ext", "--inplace", "--build-temp", tmp + "/o"],
)
"""


def clean() -> None:
    STAMP.unlink(missing_ok=True)
    for p in compiled_files():
        p.unlink(missing_ok=True)


def build(quiet: bool = True) -> None:
    """Compile statlint/extract in place and write the stamp; raises CalledProcessError on failure (and
    leaves no stamp, so the source keeps running)."""
    clean()
    hashes = current_hashes()
    files = [str(p.relative_to(ROOT)) for p in sources()]
    with tempfile.TemporaryDirectory(prefix="statlint-native-") as tmp:
        subprocess.run(
            [sys.executable, "-c", BUILD_SCRIPT, tmp, GROUP, *files],
            cwd=ROOT,
            check=True,
            stdout=subprocess.DEVNULL if quiet else None,
        )
    if current_hashes() != hashes:
        clean()  # a source changed while compiling: the result may not match it
        raise RuntimeError("statlint/extract changed during the build; run it again")
    STAMP.write_text(
        json.dumps({"cache_tag": sys.implementation.cache_tag, "sources": hashes}, indent=1, sort_keys=True),
        encoding="utf-8",
    )


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "status"
    if command == "build":
        try:
            build(quiet="-v" not in argv)
        except (subprocess.CalledProcessError, OSError, RuntimeError, ImportError) as exc:
            failed = isinstance(exc, subprocess.CalledProcessError)
            reason = f"exit status {exc.returncode}" if failed else exc
            print(
                f"statlint: compiling the extractor failed ({reason}); it runs as plain Python "
                "(same results, slower)",
                file=sys.stderr,
            )
            return 0 if "--allow-fail" in argv else 1
        print("statlint: extractor compiled with mypyc")
        return 0
    if command == "clean":
        clean()
        return 0
    if command == "status":
        if os.environ.get(PURE_ENV):
            state = f"{PURE_ENV} is set"
        else:
            state = "compiled, current" if is_current() else ("stale" if STAMP.exists() else "not compiled")
        print(f"statlint extractor: {state}; in use: {'compiled' if in_use() else 'Python source'}")
        return 0
    print("usage: python -m statlint.native [build [--allow-fail] [-v] | clean | status]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
