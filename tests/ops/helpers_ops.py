"""Shared helpers for the operations tests: small corpora and table dumps that ignore run bookkeeping."""

from __future__ import annotations

from pathlib import Path

import duckdb

from schemas import TABLES

SEED = Path(__file__).resolve().parents[2] / "raw" / "digital_government_society_report.txt"

# Tables that must be equal between a clean run and an interrupted-then-resumed one. Columns that record when
# or in which run a row was written differ by nature and are left out.
DATA_TABLES = [t for t in TABLES if t != "runs"]
VOLATILE = {"ingested_at", "run_id", "created_at", "rejected_at"}


def small_doc(i: int, years: str = "2018年至2023年") -> str:
    """A short report of our own, quick to process, with a window and a few dated figures."""
    return (
        f"第{i}號報告\n一、總論\n時間範圍：本報告研究數據主要來源於{years}。\n"
        f"2022年全市數字經濟規模達{50 + i}.2億元，同比增長{3 + i}.5%。\n"
        f"2025年已實現{200 + i}類證照互認。\n二、結論\n全市共建成{10 + i}個服務中心。\n"
    )


def write_corpus(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = folder / f"doc_{i:03d}.txt"
        p.write_text(small_doc(i), "utf-8")
        out.append(p)
    return out


def dump(db: Path | str, tables: list[str] = DATA_TABLES) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for t in tables:
            cols = [r[0] for r in con.execute(f'DESCRIBE "{t}"').fetchall() if r[0] not in VOLATILE]
            names = ", ".join(f'"{c}"' for c in cols)
            out[t] = sorted(map(repr, con.execute(f'SELECT {names} FROM "{t}"').fetchall()))
        return out
    finally:
        con.close()
