"""Run every benchmarks/bench_*.py module's `main()` in name order and print its figures.

`python -m benchmarks` runs them all; `python -m benchmarks extract` only those whose name contains
"extract". A module that fails is reported and the others still run.
"""

from __future__ import annotations

import importlib
import json
import sys
import traceback
from pathlib import Path


def discover() -> list[str]:
    here = Path(__file__).parent
    return sorted(p.stem for p in here.glob("bench_*.py"))


def main(argv: list[str]) -> int:
    wanted = argv[1:]
    failed = 0
    for name in discover():
        if wanted and not any(w in name for w in wanted):
            continue
        print(f"== {name}", flush=True)
        try:
            module = importlib.import_module(f"benchmarks.{name}")
            result = module.main()
        except Exception:  # one broken benchmark must not hide the others
            failed += 1
            traceback.print_exc()
            continue
        if result:
            print(json.dumps(result, ensure_ascii=False), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
