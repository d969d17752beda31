"""Findings of the rule catalogue and their evidence."""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa

SEVERITIES = ["error", "warning", "info"]
CATEGORIES = [
    "window",
    "conflict",
    "attribution",
    "restatement",
    "target_vs_actual",
    "arithmetic",
    "cited_document",
    "text_quality",
    "cross_document",
    "rule_error",
]


class FindingsSchema(pa.DataFrameModel):
    fingerprint: str = pa.Field(
        unique=True, description="Stable id: same finding, same fingerprint across runs."
    )
    rule: str = pa.Field(str_matches=r"^SL\d{3}$", description="Rule id, e.g. SL101.")
    rule_name: str = pa.Field(description="Rule name.")
    category: str = pa.Field(isin=CATEGORIES, description="Rule category.")
    severity: str = pa.Field(isin=SEVERITIES, description="error, warning or info (after configuration).")
    doc_id: str = pa.Field(nullable=True, description="Document (null for cross-document findings).")
    message: str = pa.Field(description="What is wrong, in the document's language.")
    message_en: str = pa.Field(description="The same in English.")
    suggestion: str = pa.Field(nullable=True, description="Suggested fix.")
    evidence: str = pa.Field(description="JSON list of {doc_id, start, end, text, section_path} spans.")
    position: int = pa.Field(
        nullable=True, description="Raw offset of the first evidence span (for sorting)."
    )
    waived: bool = pa.Field(description="An editor accepted this finding (see waivers file).")
    waiver_reason: str = pa.Field(nullable=True, description="The editor's reason.")
    run_id: str = pa.Field(nullable=True, description="Run that produced it.")
    created_at: dt.datetime = pa.Field(nullable=True, description="When it was produced (UTC).")

    class Config:
        strict = True
        coerce = True


class FindingEvidenceSchema(pa.DataFrameModel):
    fingerprint: str = pa.Field(description="Finding.")
    ordinal: int = pa.Field(ge=0, description="Order of the span in the finding.")
    doc_id: str = pa.Field(description="Document the span is in.")
    start: int = pa.Field(ge=0, description="Raw offset.")
    end: int = pa.Field(ge=0, description="Raw offset after the span.")
    text: str = pa.Field(description="Quoted text.")
    section_path: str = pa.Field(nullable=True, description="Section path.")

    class Config:
        strict = True
        coerce = True
