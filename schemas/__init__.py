"""Pandera models: the single definition of every warehouse table's columns, types and checks.

The warehouse DDL, the validation step and the data dictionary (docs/warehouse.md) are all generated from
these models, so a column is added in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandera.polars as pa

from schemas.documents import DocumentsSchema, SectionsSchema, SentencesSchema, TextRepairsSchema
from schemas.findings import FindingEvidenceSchema, FindingsSchema
from schemas.operations import RejectedRowsSchema, RunsSchema
from schemas.statistics import StatisticsSchema, YearMentionsSchema

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Table:
    name: str
    model: type[pa.DataFrameModel]
    key: tuple[str, ...]
    doc_scoped: bool
    description: str


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "documents",
            DocumentsSchema,
            ("doc_id",),
            True,
            "One row per input file, good or failed, with its provenance and what was read from it.",
        ),
        Table(
            "sections",
            SectionsSchema,
            ("doc_id", "section_id"),
            True,
            "The heading hierarchy of each document.",
        ),
        Table(
            "sentences",
            SentencesSchema,
            ("doc_id", "sentence_id"),
            True,
            "Every sentence of the analysed text with its section path.",
        ),
        Table(
            "text_repairs",
            TextRepairsSchema,
            ("doc_id", "repair_id"),
            True,
            "What normalization removed or repaired (pinyin, boilerplate, mojibake), with raw spans.",
        ),
        Table(
            "statistics",
            StatisticsSchema,
            ("doc_id", "stat_id"),
            True,
            "Every statistic extracted, with its reading and raw-file provenance.",
        ),
        Table(
            "year_mentions",
            YearMentionsSchema,
            ("doc_id", "mention_id"),
            True,
            "Every year the text cites, as a date, a range end, a target or a base year.",
        ),
        Table(
            "findings",
            FindingsSchema,
            ("fingerprint",),
            False,
            "Inconsistencies found by the rule catalogue.",
        ),
        Table(
            "finding_evidence",
            FindingEvidenceSchema,
            ("fingerprint", "ordinal"),
            False,
            "The quoted spans that back each finding, one row per span.",
        ),
        Table(
            "rejected_rows",
            RejectedRowsSchema,
            ("run_id", "table_name", "row_key"),
            False,
            "Rows that failed validation, kept with every failed check.",
        ),
        Table("runs", RunsSchema, ("run_id",), False, "One row per pipeline run."),
    )
}

__all__ = ["SCHEMA_VERSION", "TABLES", "Table"]
