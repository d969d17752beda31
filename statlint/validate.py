"""Validate table frames with their pandera schema; split valid rows from rejected ones, never drop a row.

Pandera's lazy validation gives a failure-case table (column, check, failure case, row index). Rows that a
check names are quarantined with every reason that applies to them; a failure that names no row (a missing
column, a wrong dtype that cannot be coerced) rejects the whole frame, since no row of it can be trusted.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from dataclasses import dataclass

import pandera.polars as pa
import polars as pl
from pandera.api.polars.types import PolarsData
from pandera.backends.polars.checks import PolarsCheckBackend
from pandera.constants import CHECK_OUTPUT_KEY

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


@dataclass(frozen=True)
class _Plan:
    """What pandera checks for a table, kept to test a frame's rows in one collect (see `_all_pass`)."""

    schema: pa.DataFrameSchema
    types: dict[str, pl.DataType]


@functools.cache
def _plan(table: str) -> _Plan | None:
    """The table's pandera schema when `_all_pass` can answer for it: only plain columns, checks and options
    (no regex or optional columns, defaults, parsers, element-wise or grouped checks); otherwise None and
    every frame goes to pandera alone."""
    pa.DataFrameSchema.register_default_backends(pl.LazyFrame)  # as validate does: builtin checks for polars
    if pa.Check.get_backend(pl.LazyFrame()) is not PolarsCheckBackend:
        return None
    schema = TABLES[table].model.to_schema()
    checks = [*schema.checks, *(k for c in schema.columns.values() for k in c.checks)]
    plain = (
        schema.strict is True
        and not schema.unique
        and not schema.add_missing_columns
        and not getattr(schema, "parsers", None)
        and not getattr(schema, "drop_invalid_rows", False)
        and all(
            not c.regex and c.required and c.default is None and not getattr(c, "parsers", None)
            for c in schema.columns.values()
        )
        and all(not k.element_wise and k.groupby is None for k in checks)
    )
    if not plain:
        return None
    return _Plan(schema, {name: col.dtype.type for name, col in schema.columns.items()})


def _check_pass(check: pa.Check, lf: pl.LazyFrame, key: str) -> pl.LazyFrame | bool:
    """Has every row passed `check`? Pandera's own check function and its null handling, aggregated to one
    row instead of collected on its own."""
    name = getattr(check._check_fn, "__name__", None)
    if name is not None and check.is_builtin_check(name):  # as Check.__call__ does: the polars variant
        check._check_fn = check.get_builtin_check_fn(name)
    out = PolarsCheckBackend(check).apply(PolarsData(lf, key))
    if isinstance(out, bool):
        return out
    col = pl.col(CHECK_OUTPUT_KEY)
    col = (col | col.is_null()) if check.ignore_na else col.fill_null(False)
    return out.select(col.all())


def _all_pass(table: str, df: pl.DataFrame) -> bool:
    """Would pandera accept every row of `df` unchanged? One collect for all of the table's checks (pandera
    collects each check, nullability and uniqueness test apart, ~0.2 ms each, ~60 per table).

    True only when the frame already has exactly the schema's columns and types (so coercion is a no-op) and
    every nullability, uniqueness, column and frame check passes; then pandera's result is `df` itself. On
    False, or anything unexpected, pandera validates the frame as before and names the failures."""
    plan = _plan(table)
    if plan is None or df.schema != plan.types:
        return False
    try:
        lf = df.lazy()
        parts: list[pl.LazyFrame] = []
        exprs: list[pl.Expr] = []
        for name, col in plan.schema.columns.items():
            if not col.nullable:
                ok = pl.col(name).is_not_null()
                if plan.types[name].is_float():
                    ok = ok & pl.col(name).is_not_nan()
                exprs.append(ok.all())
            if col.unique:
                exprs.append(pl.col(name).is_duplicated().any().not_())
            for check in col.checks:
                if check.raise_warning:
                    continue
                part = _check_pass(check, lf, name)
                if part is False:
                    return False
                if part is not True:
                    parts.append(part)
        for check in plan.schema.checks:
            if check.raise_warning:
                continue
            part = _check_pass(check, lf, "*")
            if part is False:
                return False
            if part is not True:
                parts.append(part)
        if exprs:
            parts.append(lf.select(e.alias(f"e{i}") for i, e in enumerate(exprs)))
        if not parts:
            return True
        row = pl.concat(
            [p.select(pl.all().name.prefix(f"{i}_")) for i, p in enumerate(parts)], how="horizontal"
        ).collect()
        return all(v is True for v in row.row(0))
    except Exception:  # pandera will say what is wrong
        return False


def validate_table(table: str, df: pl.DataFrame, run_id: str, doc_id: str | None = None) -> Validated:
    model = TABLES[table].model
    if _all_pass(table, df):
        return Validated(df, _rejected_frame([]))
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
