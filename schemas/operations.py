"""Run bookkeeping and the quarantine of rows that failed validation."""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa


class RejectedRowsSchema(pa.DataFrameModel):
    run_id: str = pa.Field(description="Run that rejected the row.")
    doc_id: str = pa.Field(nullable=True, description="Source document.")
    table_name: str = pa.Field(description="Table the row was meant for.")
    row_key: str = pa.Field(description="The row's key in its table, e.g. doc_id/stat_id.")
    row_json: str = pa.Field(description="The whole row as JSON.")
    failed_checks: str = pa.Field(description="JSON list of {column, check, failure_case}.")
    rejected_at: dt.datetime = pa.Field(description="When (UTC).")

    class Config:
        strict = True
        coerce = True


class RunsSchema(pa.DataFrameModel):
    run_id: str = pa.Field(unique=True, description="Run id.")
    started_at: dt.datetime = pa.Field(description="Start (UTC).")
    ended_at: dt.datetime = pa.Field(nullable=True, description="End (UTC).")
    status: str = pa.Field(isin=["running", "ok", "failed"], description="running, ok or failed.")
    n_documents: int = pa.Field(nullable=True, ge=0, description="Documents seen.")
    n_loaded: int = pa.Field(nullable=True, ge=0, description="Documents (re)loaded.")
    n_skipped: int = pa.Field(nullable=True, ge=0, description="Unchanged documents skipped.")
    n_failed: int = pa.Field(nullable=True, ge=0, description="Documents that failed.")
    n_removed: int = pa.Field(
        nullable=True, ge=0, description="Documents whose files disappeared, marked removed."
    )
    n_statistics: int = pa.Field(nullable=True, ge=0, description="Statistics loaded in this run.")
    n_rejected: int = pa.Field(nullable=True, ge=0, description="Rows quarantined in this run.")
    n_findings: int = pa.Field(nullable=True, ge=0, description="Findings after the run.")
    failures: str = pa.Field(nullable=True, description="JSON list of {path, reason} of failed documents.")

    class Config:
        strict = True
        coerce = True
