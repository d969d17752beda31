"""Validate one document's frames and load them: one transaction per document, rejected rows kept."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import polars as pl

from statlint.ingest import DocumentBundle
from statlint.validate import validate_table
from statlint.warehouse import insert_frame, replace_document, transaction


@dataclass
class LoadResult:
    doc_id: str
    status: str
    reason: str | None
    n_statistics: int
    n_rejected: int


def validate_bundle(bundle: DocumentBundle, run_id: str) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    valid: dict[str, pl.DataFrame] = {}
    rejected: list[pl.DataFrame] = []
    for table, df in bundle.frames.items():
        v = validate_table(table, df, run_id, bundle.doc_id)
        valid[table] = v.valid
        if v.rejected.height:
            rejected.append(v.rejected)
    rej = pl.concat(rejected) if rejected else None
    if rej is not None and "documents" in valid:
        n = rej.height
        valid["documents"] = valid["documents"].with_columns(pl.lit(n).alias("n_rejected"))
        if "statistics" in valid:
            valid["documents"] = valid["documents"].with_columns(
                pl.lit(valid["statistics"].height).alias("n_statistics"))
    return valid, rej if rej is not None else pl.DataFrame()


def load_bundle(con: duckdb.DuckDBPyConnection, bundle: DocumentBundle, run_id: str) -> LoadResult:
    valid, rejected = validate_bundle(bundle, run_id)
    if valid.get("documents") is None or valid["documents"].height == 0:
        # The document row itself is invalid: keep the failure visible as a failed document.
        from statlint.ingest import failed_bundle

        reason = "document row failed validation; see rejected_rows"
        valid = failed_bundle(__import__("pathlib").Path(bundle.path), reason, run_id).frames
    replace_document(con, bundle.doc_id, valid)
    if rejected.height:
        with transaction(con):
            con.execute("DELETE FROM rejected_rows WHERE doc_id = ? AND run_id = ?", [bundle.doc_id, run_id])
            insert_frame(con, "rejected_rows", rejected)
    stats = valid.get("statistics")
    return LoadResult(bundle.doc_id, bundle.status, bundle.reason, 0 if stats is None else stats.height,
                      rejected.height)
