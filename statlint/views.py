"""SQL views for the analyst's common questions, (re)created whenever a writer opens the warehouse.

Views hold no data, so replacing them on every writable open keeps them in step with the code at no cost
and needs no migration. Read-only connections see the views the last writer created. The SQL here is fixed
text: no value is ever formatted into it.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class View:
    name: str
    description: str
    sql: str


VIEWS: tuple[View, ...] = (
    View(
        "v_statistics",
        "Every statistic with its document's title and window, its section's title and its sentence; "
        "`in_window` says whether its year (`context_year`, its section's when its sentence states none) "
        "falls inside the declared research window (null when either is unknown).",
        """
        SELECT s.doc_id, d.title AS doc_title, d.path AS doc_path, s.stat_id, s.number_text, s.value,
               s.value_text, s.value_high, s.unit, s.unit_family, s.qualifier, s.year, s.context_year,
               s.base_year, s.entity,
               s.entity_key, s.metric, s.metric_key, s.role, s.direction, s.link_id, s.confidence,
               s.needs_review, s.section_path, sec.title AS section_title, s.sentence_id, s.sentence,
               se.text_simp AS sentence_simp, s.start, s."end", d.window_start, d.window_end,
               CASE WHEN s.context_year IS NULL OR d.window_start IS NULL THEN NULL
                    ELSE s.context_year BETWEEN d.window_start AND d.window_end END AS in_window
        FROM statistics s
        JOIN documents d USING (doc_id)
        LEFT JOIN sections sec ON sec.doc_id = s.doc_id AND sec.path = s.section_path
        LEFT JOIN sentences se ON se.doc_id = s.doc_id AND se.sentence_id = s.sentence_id
        """,
    ),
    View(
        "v_findings",
        "Findings with their evidence, one row per evidence span (a finding without evidence has one row "
        "with null span columns), with the document title and the sentence that holds the span.",
        """
        SELECT f.fingerprint, f.rule, f.rule_name, f.category, f.severity, f.waived, f.waiver_reason,
               f.doc_id, d.title AS doc_title, f.message, f.message_en, f.suggestion, f.position,
               e.ordinal AS evidence_ordinal, e.doc_id AS evidence_doc_id, e.start AS evidence_start,
               e."end" AS evidence_end, e.text AS evidence_text, e.section_path AS evidence_section_path,
               se.sentence_id AS evidence_sentence_id, se.text AS evidence_sentence,
               f.run_id, f.created_at
        FROM findings f
        LEFT JOIN documents d ON d.doc_id = f.doc_id
        LEFT JOIN finding_evidence e ON e.fingerprint = f.fingerprint
        LEFT JOIN sentences se ON se.doc_id = e.doc_id AND e.start >= se.start AND e.start < se."end"
        """,
    ),
    View(
        "v_year_coverage",
        "Years each document cites (the window declaration itself excluded), with how often and how: "
        "`position` is before, inside or after the declared window, or 'no window'.",
        """
        WITH m AS (
            SELECT doc_id, year, count(*) AS n_mentions,
                   count(*) FILTER (WHERE kind = 'date') AS n_dates,
                   count(*) FILTER (WHERE kind = 'target') AS n_targets,
                   count(*) FILTER (WHERE kind NOT IN ('date', 'target')) AS n_other
            FROM year_mentions WHERE kind <> 'declaration' GROUP BY doc_id, year
        ), s AS (
            SELECT doc_id, year, count(*) AS n_statistics FROM statistics WHERE year IS NOT NULL
            GROUP BY doc_id, year
        )
        SELECT m.doc_id, d.title AS doc_title, m.year, m.n_mentions, m.n_dates, m.n_targets, m.n_other,
               coalesce(s.n_statistics, 0) AS n_statistics, d.window_start, d.window_end,
               CASE WHEN d.window_start IS NULL THEN 'no window'
                    WHEN m.year < d.window_start THEN 'before'
                    WHEN m.year > d.window_end THEN 'after'
                    ELSE 'inside' END AS position,
               CASE WHEN d.window_start IS NULL THEN NULL
                    ELSE m.year BETWEEN d.window_start AND d.window_end END AS in_window
        FROM m JOIN documents d USING (doc_id)
        LEFT JOIN s ON s.doc_id = m.doc_id AND s.year = m.year
        """,
    ),
    View(
        "v_rejected_checks",
        "Rows that failed validation, one row per failed check: the source document, the table and key the "
        "row was meant for, the column, the check and the failing value. The whole row is in `row_json`.",
        """
        SELECT r.run_id, r.doc_id, r.table_name, r.row_key, c.column AS column_name, c.check AS check_name,
               c.failure_case, r.row_json, r.rejected_at
        FROM rejected_rows r,
             unnest(from_json(
                 r.failed_checks, '[{"column": "VARCHAR", "check": "VARCHAR", "failure_case": "VARCHAR"}]'
             )) AS t(c)
        """,
    ),
)


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create or replace every view; call on a writable connection after the tables exist."""
    for view in VIEWS:
        con.execute(f'CREATE OR REPLACE VIEW "{view.name}" AS {view.sql}')
