"""Validate table frames with their pandera schema; split valid rows from rejected ones, never drop a row.

Pandera's lazy validation gives a failure-case table (column, check, failure case, row index). Rows that a
check names are quarantined with every reason that applies to them; a failure that names no row (a missing
column, a wrong dtype that cannot be coerced) rejects the whole frame, since no row of it can be trusted.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pandera.polars as pa
import polars as pl

from schemas import TABLES


@dataclass
class Validated:
    valid: pl.DataFrame
    rejected: pl.DataFrame  # rows in the shape of RejectedRowsSchema


def _rejected_frame(rows: list[dict]) -> pl.DataFrame:
    from statlint.ingest import frame

    return frame("rejected_rows", rows)


def row_key(table: str, row: dict) -> str:
    return "/".join(str(row.get(k)) for k in TABLES[table].key)


def validate_table(table: str, df: pl.DataFrame, run_id: str, doc_id: str | None = None) -> Validated:
    model = TABLES[table].model
    try:
        return Validated(model.validate(df, lazy=True), _rejected_frame([]))
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    except Exception as exc:  # the frame cannot even be checked (e.g. a missing column): no row is trusted
        cases = pl.DataFrame(
            {
                "failure_case": [str(exc).splitlines()[0]],
                "column": [None],
                "check": [f"frame:{type(exc).__name__}"],
                "index": [None],
            },
            schema_overrides={"index": pl.Int64, "column": pl.String},
        )
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    by_row: dict[int, list[dict]] = {}
    frame_level: list[dict] = []
    for case in cases.iter_rows(named=True):
        reason = {
            "column": case.get("column"),
            "check": case.get("check"),
            "failure_case": None if case.get("failure_case") is None else str(case["failure_case"]),
        }
        idx = case.get("index")
        if idx is None:
            frame_level.append(reason)
        else:
            by_row.setdefault(int(idx), []).append(reason)
    bad = set(range(df.height)) if frame_level else set(by_row)
    rows = df.with_row_index("_row").to_dicts()
    rejected = []
    for r in rows:
        i = r.pop("_row")
        if i not in bad:
            continue
        rejected.append(
            {
                "run_id": run_id,
                "doc_id": r.get("doc_id", doc_id),
                "table_name": table,
                "row_key": row_key(table, r),
                "row_json": json.dumps(r, ensure_ascii=False, default=str),
                "failed_checks": json.dumps(frame_level + by_row.get(i, []), ensure_ascii=False),
                "rejected_at": now,
            }
        )
    keep = df.with_row_index("_row").filter(~pl.col("_row").is_in(sorted(bad))).drop("_row")
    valid = model.validate(keep, lazy=True) if keep.height else keep
    return Validated(valid, _rejected_frame(rejected))
