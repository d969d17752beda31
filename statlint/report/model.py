"""What a report shows, read from the warehouse with parameterized SQL."""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import dataclass, field

import duckdb

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass
class Quote:
    """A sentence quoted in the document's own characters, split into plain and highlighted segments."""

    section_path: str
    segments: list[tuple[str, bool]]
    start: int

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.segments)


@dataclass
class FindingView:
    fingerprint: str
    rule: str
    rule_name: str
    category: str
    severity: str
    message: str
    message_en: str
    suggestion: str | None
    waived: bool
    waiver_reason: str | None
    position: int
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class DocumentReport:
    doc_id: str
    title: str | None
    path: str
    status: str
    reason: str | None
    window: tuple[int, int] | None
    pub_date: str | None
    script: str | None
    n_statistics: int
    findings: list[FindingView]
    year_counts: dict[int, int]
    section_counts: dict[str, int]

    def counts(self, attr: str) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.findings:
            out[getattr(f, attr)] = out.get(getattr(f, attr), 0) + 1
        return out


def highlight(text: str, base: int, spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Split `text` (starting at raw offset `base`) into segments, highlighting the given raw spans."""
    cuts: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        s, e = max(s, base) - base, min(e, base + len(text)) - base
        if e <= s:
            continue
        if cuts and s < cuts[-1][1]:
            cuts[-1] = (cuts[-1][0], max(cuts[-1][1], e))
        else:
            cuts.append((s, e))
    out, pos = [], 0
    for s, e in cuts:
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[s:e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def _quotes(con: duckdb.DuckDBPyConnection, evidence: list[dict], sentence_cache: dict) -> list[Quote]:
    by_sentence: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for ev in evidence:
        doc = ev["doc_id"]
        if doc not in sentence_cache:
            rows = con.execute(
                'SELECT start, "end", text, section_path FROM sentences WHERE doc_id = ? ORDER BY start', [doc]
            ).fetchall()
            sentence_cache[doc] = (rows, [r[0] for r in rows])
        rows, starts = sentence_cache[doc]
        i = bisect_right(starts, ev["start"]) - 1
        if i >= 0 and rows[i][0] <= ev["start"] < max(rows[i][1], rows[i][0] + 1):
            by_sentence.setdefault((doc, i), []).append((ev["start"], ev["end"]))
    quotes = []
    for (doc, i), spans in sorted(by_sentence.items(), key=lambda kv: sentence_cache[kv[0][0]][0][kv[0][1]][0]):
        s, _e, text, path = sentence_cache[doc][0][i]
        quotes.append(Quote(path or "", highlight(text, s, spans), s))
    return quotes


def load_document_reports(con: duckdb.DuckDBPyConnection) -> list[DocumentReport]:
    docs = con.execute(
        """SELECT doc_id, title, path, status, reason, window_start, window_end, pub_date, script,
                  coalesce(n_statistics, 0)
           FROM documents WHERE status <> 'removed' ORDER BY doc_id"""
    ).fetchall()
    cache: dict = {}
    reports = []
    for doc_id, title, path, status, reason, ws, we, pub, script, n_stats in docs:
        rows = con.execute(
            """SELECT fingerprint, rule, rule_name, category, severity, message, message_en, suggestion,
                      waived, waiver_reason, coalesce(position, 0), evidence
               FROM findings WHERE doc_id = ?""",
            [doc_id],
        ).fetchall()
        findings = [
            FindingView(*r[:11], quotes=_quotes(con, json.loads(r[11]), cache)) for r in rows
        ]
        findings.sort(key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.position, f.rule))
        years = dict(con.execute(
            "SELECT year, count(*) FROM year_mentions WHERE doc_id = ? AND kind <> 'declaration' "
            "GROUP BY year ORDER BY year", [doc_id]).fetchall())
        sections: dict[str, int] = {}
        for f in findings:
            top = (f.quotes[0].section_path.split("/")[0] if f.quotes else "") or "—"
            sections[top] = sections.get(top, 0) + 1
        reports.append(DocumentReport(doc_id, title, path, status, reason, (ws, we) if ws else None, pub, script,
                                      n_stats, findings, years, sections))
    return reports
