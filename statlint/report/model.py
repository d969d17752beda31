"""What a report shows, read from the warehouse with parameterized SQL into plain dataclasses.

The templates only lay out what is here; every text span is cut in raw-file offsets (quotes arrive as
`Segment`s, the annotated text as sentences with the spans to cut them at), so quotes, highlights and the
annotated text agree with the warehouse to the character.
"""

from __future__ import annotations

import itertools
import json
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from functools import cached_property, partial
from operator import itemgetter
from typing import Generic, TypeVar

import duckdb

from statlint.report.text import HIDDEN_REPAIRS, Mark, Repair, Segment, merge_spans, segments

SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITIES = list(SEVERITY_ORDER)
NO_SECTION = "(before the first heading)"
SpanT = TypeVar("SpanT", bound=Mark | Repair)
# Marks and repairs made from tuples (rows) in C (tuple.__new__) rather than by the named tuples'
# constructors, Python functions: a report makes hundreds of each.
_as_mark: Callable[[tuple[int, int, str, str]], Mark] = partial(tuple.__new__, Mark)
_as_repair: Callable[[tuple[int, int, str]], Repair] = partial(tuple.__new__, Repair)
_START, _END, _SPAN = itemgetter(0), itemgetter(1), itemgetter(0, 1)  # of a Mark or a Repair


@dataclass
class Quote:
    """One evidence sentence, in the document's own characters, with the cited figures highlighted."""

    doc_id: str
    sentence_id: int | None
    section_path: str
    section_title: str
    segments: list[Segment]
    start: int

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.segments)


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
    doc_id: str | None
    quotes: list[Quote] = field(default_factory=list)

    @property
    def top_section(self) -> str:
        path = self.quotes[0].section_path if self.quotes else ""
        return path.split("/")[0] if path else ""


@dataclass
class AnnotatedText:
    """A document's text as its report shows it: its sentences as the warehouse has them (sentence_id, start,
    end, text, section_path, paragraph, is_heading), the spans to highlight (statistics, cited evidence) or
    to hide (repairs) merged by start (`merge_spans`), and the findings citing each sentence. The page cuts
    each sentence into its segments (`merged_segments`) as it writes it (`render.text_html`)."""

    sentences: list[tuple]
    spans: list[Mark | Repair]
    citing: dict[int, list[FindingView]]

    @cached_property
    def index(self) -> _SpanIndex[Mark | Repair]:
        return _SpanIndex(self.spans)


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
    year_counts: dict[int, dict[str, int]]
    section_labels: dict[str, str] = field(default_factory=dict)
    # The annotated text is the bulk of a report: reports read for the index and the summary leave it to
    # `_load_text` (called on use, not kept) so that only the document being written holds its text.
    _text: AnnotatedText | None = field(default=None, repr=False)
    _load_text: Callable[[], AnnotatedText] | None = field(default=None, repr=False, compare=False)

    @property
    def text(self) -> AnnotatedText:
        if self._text is not None:
            return self._text
        return self._load_text() if self._load_text is not None else AnnotatedText([], [], {})

    @text.setter
    def text(self, text: AnnotatedText | None) -> None:
        self._text = text

    def counts(self, attr: str) -> dict[str, int]:
        """Findings per value of `attr`, severities in severity order, others by frequency."""
        out: dict[str, int] = {}
        for f in self.findings:
            out[getattr(f, attr)] = out.get(getattr(f, attr), 0) + 1
        if attr == "severity":
            return {s: out[s] for s in sorted(out, key=lambda s: SEVERITY_ORDER.get(s, 9))}
        return dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0])))

    @property
    def categories(self) -> list[str]:
        return sorted({f.category for f in self.findings})

    @property
    def severities(self) -> list[str]:
        return [s for s in SEVERITIES if any(f.severity == s for f in self.findings)]

    @property
    def n_open(self) -> int:
        return sum(not f.waived for f in self.findings)

    @property
    def year_totals(self) -> dict[int, int]:
        return {y: sum(k.values()) for y, k in self.year_counts.items()}

    @property
    def n_out_of_window(self) -> int:
        if not self.window:
            return 0
        lo, hi = self.window
        return sum(n for y, n in self.year_totals.items() if not lo <= y <= hi)

    def section_label(self, path: str) -> str:
        return self.section_labels.get(path, path) if path else NO_SECTION

    def findings_by_section(self) -> dict[str, dict[str, int]]:
        """Top-level section label -> severity -> findings, in document order."""
        order = {p: i for i, p in enumerate(self.section_labels)}
        out: dict[str, dict[str, int]] = {}
        for f in sorted(self.findings, key=lambda f: order.get(f.top_section, -1)):
            label = self.section_label(f.top_section)
            out.setdefault(label, {})
            out[label][f.severity] = out[label].get(f.severity, 0) + 1
        return out


# A statistic's highlight, a `Mark`'s fields: its span, its kind, and its hover text, the number as written,
# then its reading (value, unit, year, scope, metric; a missing one as —; the role unless it is a level).
# DuckDB writes the text: one column to read per statistic instead of eight to format in Python.
_STAT_MARK = """start, "end", 'stat', concat(
    coalesce(number_text, 'None'), ' · value ',
    CASE WHEN qualifier IS NULL OR qualifier = '=' THEN '' ELSE qualifier END, coalesce(value_text, 'None'),
    ' · unit ', coalesce(nullif(unit, ''), '—'), ' · year ', coalesce(nullif(year, 0)::VARCHAR, '—'),
    ' · scope ', coalesce(nullif(entity, ''), '—'), ' · metric ', coalesce(nullif(metric, ''), '—'),
    CASE WHEN role <> '' AND role <> 'level' THEN ' · role ' || role ELSE '' END)"""
# The kinds of repairs a report hides (`HIDDEN_REPAIRS`), the only ones it reads.
_HIDDEN_KINDS = "({})".format(", ".join(f"'{k}'" for k in sorted(HIDDEN_REPAIRS)))


class _DocText:
    """One document's sentences, statistics and repairs, loaded once for its quotes and its text view."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        doc_id: str,
        rows: tuple[list[tuple], list[tuple], list[tuple]] | None = None,
    ) -> None:
        """`rows` (sentences, repairs, sections, as `_load_texts` reads them for many documents at once) saves
        the three queries."""
        self.con = con
        self.doc_id = doc_id
        if rows is None:
            rows = (
                con.execute(
                    'SELECT sentence_id, start, "end", text, section_path, paragraph, is_heading '
                    "FROM sentences WHERE doc_id = ? ORDER BY start, sentence_id",
                    [doc_id],
                ).fetchall(),
                con.execute(
                    "SELECT start, \"end\", coalesce(replacement, '') FROM text_repairs "
                    f"WHERE doc_id = ? AND kind IN {_HIDDEN_KINDS} ORDER BY start, repair_id",
                    [doc_id],
                ).fetchall(),
                con.execute(
                    "SELECT path, marker, title FROM sections WHERE doc_id = ? ORDER BY section_id", [doc_id]
                ).fetchall(),
            )
        sentences, repairs, sections = rows
        self.sentences = sentences
        self.starts = [r[1] for r in self.sentences]
        self.repairs = list(map(_as_repair, repairs))
        self.labels = {path: f"{marker}{title}" for path, marker, title in sections}

        self.repair_index = _SpanIndex(self.repairs)

    @cached_property
    def stats(self) -> list[Mark]:
        """The statistics' highlights, read only for the annotated text (quotes do not need them)."""
        rows = self.con.execute(
            f"SELECT {_STAT_MARK} FROM statistics WHERE doc_id = ? ORDER BY start, stat_id", [self.doc_id]
        ).fetchall()
        return list(map(_as_mark, rows))

    def repairs_near(self, start: int, end: int) -> list[Repair]:
        """The repairs that can overlap raw [start, end), in their order: `segments` and `_visible` give the
        same result on these as on all the document's repairs, without scanning them all per sentence."""
        return self.repair_index.near(start, end)

    def sentence_at(self, offset: int) -> tuple | None:
        """The sentence holding `offset`: the last starting at or before it, if it ends after it (or is empty
        and starts there)."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0:
            sent = self.sentences[i]
            if offset < sent[2] or offset == sent[1]:
                return sent
        return None


class _TextCache:
    """Documents' `_DocText`s for quotes: those of the batch of documents being reported, plus the few most
    recently cited others (cross-document findings), so memory stays bounded however many documents a run
    reports."""

    def __init__(self, con: duckdb.DuckDBPyConnection, size: int = 8) -> None:
        self.con = con
        self.size = size
        self.batch: dict[str, _DocText] = {}
        self.quoted: dict[str, _DocText] = {}  # other documents, only the sentences the batch quotes
        self.others: OrderedDict[str, _DocText] = OrderedDict()

    def __getitem__(self, doc_id: str) -> _DocText:
        if doc_id in self.batch:
            return self.batch[doc_id]
        if doc_id in self.quoted:
            return self.quoted[doc_id]
        if doc_id in self.others:
            self.others.move_to_end(doc_id)
            return self.others[doc_id]
        dt = self.others[doc_id] = _DocText(self.con, doc_id)
        if len(self.others) > self.size:
            self.others.popitem(last=False)
        return dt


def _visible(repairs: list[Repair], evidence: Collection[Mark]) -> list[Repair]:
    """Repairs to hide, except those a finding cites: a finding about the noise must show the noise."""
    if not evidence or not repairs:
        return list(repairs)
    if len(repairs) * len(evidence) <= 16:  # a quoted sentence's few: compared pairwise, nothing sorted
        kept = []
        for r in repairs:
            for m in evidence:
                if m.start < r.end and r.start < m.end:
                    break
            else:
                kept.append(r)
        return kept
    # A repair overlaps some mark iff, among the marks starting before the repair ends, the furthest end
    # lies past the repair's start.
    spans = sorted(map(_SPAN, evidence))
    starts = list(map(_START, spans))
    reach = list(itertools.accumulate(map(_END, spans), max))
    out = []
    for r in repairs:
        i = bisect_left(starts, r.end)
        if i == 0 or reach[i - 1] <= r.start:
            out.append(r)
    return out


class _SpanIndex(Generic[SpanT]):
    """Spans (marks or repairs) sorted by start, cut to those that can overlap a stretch of text: a slice of
    the list, in its order, holding every span that overlaps (so `segments` and `_visible` give the same
    result on it as on the whole list). A few long spans (a boilerplate block) do not widen every slice:
    the slice starts at the first span whose end, or an earlier span's, reaches past the stretch's start."""

    def __init__(self, spans: list[SpanT]) -> None:
        self.spans: list[SpanT] = spans
        self.starts = list(map(_START, spans))  # in C: a document has thousands of spans
        self.reach = list(itertools.accumulate(map(_END, spans), max))

    def near(self, start: int, end: int) -> list[SpanT]:
        return self.spans[bisect_right(self.reach, start) : bisect_left(self.starts, end)]


def _quotes(evidence: list[dict], texts: _TextCache, severity: str) -> list[Quote]:
    """Group a finding's evidence spans by sentence, highlight them, in document order."""
    kind = f"ev {severity}"
    docs: dict[str, _DocText] = {}  # the texts cited, looked up once each
    by_sentence: dict[tuple[str, int | None, int], tuple[tuple | None, list[Mark], list[dict]]] = {}
    for ev in evidence:
        doc, start = ev["doc_id"], ev["start"]
        dt = docs.get(doc)
        if dt is None:
            dt = docs[doc] = texts[doc]
        sent = dt.sentence_at(start)
        key = (doc, sent[0], sent[1]) if sent else (doc, None, start)
        found = by_sentence.get(key)
        if found is None:
            found = by_sentence[key] = (sent, [], [])
        found[1].append(_as_mark((start, ev["end"], kind, "")))
        found[2].append(ev)
    quotes = []
    in_order = sorted(by_sentence.items(), key=lambda kv: (kv[0][0], kv[0][2]))  # by document, then start
    for (doc, sid, start), (sent, marks, evs) in in_order:
        dt = docs[doc]
        if sent is None:  # evidence outside any sentence (e.g. in a heading the structure skipped)
            segs = [Segment(e.get("text", ""), (m,)) for e, m in zip(evs, marks, strict=True)]
            path = evs[0].get("section_path") or ""
        else:
            text = sent[3]
            near = dt.repairs_near(start, start + len(text))
            segs = segments(text, start, marks, _visible(near, marks))
            path = sent[4] or ""
        quotes.append(Quote(doc, sid, path, dt.labels.get(path, ""), segs, start))
    return quotes


def _annotated_text(dt: _DocText, findings: list[FindingView]) -> AnnotatedText:
    """The document's sentences, statistics highlighted, cited evidence highlighted and linked back, noise
    hidden unless cited."""
    citing: dict[int, list[FindingView]] = {}
    ev_marks: set[Mark] = set()
    for f in findings:
        title = f"{f.rule} {f.severity}: {f.message}"
        for q in f.quotes:
            if q.doc_id == dt.doc_id and q.sentence_id is not None:
                cited = citing.setdefault(q.sentence_id, [])
                if not cited or cited[-1] is not f:  # a finding's quotes come together: listed once
                    cited.append(f)
                ev_marks.update(
                    [_as_mark((m.start, m.end, "ev", title)) for seg in q.segments for m in seg.marks]
                )
    marks = sorted({*dt.stats, *ev_marks})  # by start, end, kind, title
    return AnnotatedText(dt.sentences, merge_spans(marks, _visible(dt.repairs, ev_marks)), citing)


# Documents are read in batches: one query per table for a batch instead of one per document (each query
# costs about a millisecond however few rows it returns), while memory holds one batch's rows at most.
BATCH_SIZE = 32
# The range lets DuckDB skip the row groups of other documents (rows are stored in load order, documents
# are loaded in doc_id order); the list keeps exactly the batch's documents.
_IN_BATCH = "doc_id BETWEEN ? AND ? AND doc_id IN (SELECT unnest(?::VARCHAR[]))"


def _batch(doc_ids: list[str]) -> list:
    """Parameters of `_IN_BATCH` for doc_ids in the warehouse's doc_id order (as `ORDER BY doc_id` gives)."""
    return [doc_ids[0], doc_ids[-1], doc_ids]


_DOC_ID, _AFTER_DOC_ID = itemgetter(0), itemgetter(slice(1, None))


def _by_doc(rows: list[tuple]) -> dict[str, list[tuple]]:
    """Rows whose first column is doc_id, grouped (in their order) without the doc_id. The queries order
    rows by doc_id: a document's run of rows is cut in C (groupby, map) rather than row by row."""
    out: dict[str, list[tuple]] = {}
    for doc_id, rows_of_doc in itertools.groupby(rows, _DOC_ID):
        out.setdefault(doc_id, []).extend(map(_AFTER_DOC_ID, rows_of_doc))
    return out


def _load_texts(con: duckdb.DuckDBPyConnection, doc_ids: list[str], stats: bool) -> dict[str, _DocText]:
    """`_DocText`s of several documents from one query per table (the same rows, in the same order, as
    `_DocText(con, doc_id)` reads for each)."""
    if not doc_ids:
        return {}
    sentences = _by_doc(
        con.execute(
            'SELECT doc_id, sentence_id, start, "end", text, section_path, paragraph, is_heading '
            f"FROM sentences WHERE {_IN_BATCH} ORDER BY doc_id, start, sentence_id",
            _batch(doc_ids),
        ).fetchall()
    )
    repairs = _by_doc(
        con.execute(
            "SELECT doc_id, start, \"end\", coalesce(replacement, '') FROM text_repairs "
            f"WHERE {_IN_BATCH} AND kind IN {_HIDDEN_KINDS} ORDER BY doc_id, start, repair_id",
            _batch(doc_ids),
        ).fetchall()
    )
    sections = _by_doc(
        con.execute(
            f"SELECT doc_id, path, marker, title FROM sections WHERE {_IN_BATCH} ORDER BY doc_id, section_id",
            _batch(doc_ids),
        ).fetchall()
    )
    out = {
        d: _DocText(con, d, (sentences.get(d, []), repairs.get(d, []), sections.get(d, []))) for d in doc_ids
    }
    if stats:
        marks = _by_doc(
            con.execute(
                f"SELECT doc_id, {_STAT_MARK} FROM statistics WHERE {_IN_BATCH} "
                "ORDER BY doc_id, start, stat_id",
                _batch(doc_ids),
            ).fetchall()
        )
        for d, dt in out.items():
            dt.__dict__["stats"] = list(map(_as_mark, marks.get(d, [])))
    return out


def _load_quoted(con: duckdb.DuckDBPyConnection, evidence: list[tuple[str, int]]) -> dict[str, _DocText]:
    """`_DocText`s of other documents holding just what quoting the given (doc_id, raw offset) evidence
    needs: for each offset the sentences starting where the last sentence at or before it starts (the one
    `sentence_at` picks), the hidden repairs overlapping those sentences and the documents' section labels.
    Three queries for a batch's cross-document evidence, instead of three full reads per cited document;
    each reads only the cited documents' rows (`_IN_BATCH`), and the sentences' spans go back as parameters
    rather than through a temporary table."""
    if not evidence:
        return {}
    docs = sorted({d for d, _ in evidence})
    rows = con.execute(
        "WITH ev AS (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::BIGINT[]) AS pos), "
        'cited AS (SELECT doc_id, sentence_id, start, "end", text, section_path, paragraph, is_heading '
        f"         FROM sentences WHERE {_IN_BATCH}), "
        "hit AS (SELECT DISTINCT ev.doc_id, s.start FROM ev ASOF JOIN cited s "
        "        ON ev.doc_id = s.doc_id AND ev.pos >= s.start) "
        "SELECT s.* FROM cited s JOIN hit ON s.doc_id = hit.doc_id AND s.start = hit.start "
        "ORDER BY s.doc_id, s.start, s.sentence_id",
        [[d for d, _ in evidence], [o for _, o in evidence], *_batch(docs)],
    ).fetchall()
    sentences = _by_doc(rows)
    repairs = _by_doc(
        con.execute(
            "WITH q AS (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::BIGINT[]) AS lo, "
            "                  unnest(?::BIGINT[]) AS hi) "
            "SELECT DISTINCT r.doc_id, r.start, r.\"end\", coalesce(r.replacement, ''), r.repair_id "
            'FROM text_repairs r JOIN q ON r.doc_id = q.doc_id AND r."end" > q.lo AND r.start < q.hi '
            f"WHERE r.kind IN {_HIDDEN_KINDS} AND r.doc_id BETWEEN ? AND ? "
            "ORDER BY r.doc_id, r.start, r.repair_id",
            [
                [r[0] for r in rows],
                [r[2] for r in rows],
                [max(r[3], r[2] + len(r[4])) for r in rows],  # its end or its text's, whichever is further
                docs[0],
                docs[-1],
            ],
        ).fetchall()
    )
    sections = _by_doc(
        con.execute(
            f"SELECT doc_id, path, marker, title FROM sections WHERE {_IN_BATCH} ORDER BY doc_id, section_id",
            _batch(docs),
        ).fetchall()
    )
    return {
        d: _DocText(
            con,
            d,
            (sentences.get(d, []), [r[:3] for r in repairs.get(d, [])], sections.get(d, [])),
        )
        for d in docs
    }


def _load_findings(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> dict[str, list[tuple]]:
    """doc_id -> the findings its report shows: its own and those citing it (cross-document findings)."""
    rows = con.execute(
        f"""WITH shown AS (
                SELECT fingerprint, doc_id AS shown_in FROM findings WHERE {_IN_BATCH}
                UNION
                SELECT fingerprint, doc_id AS shown_in FROM finding_evidence WHERE {_IN_BATCH})
            SELECT s.shown_in, f.fingerprint, f.rule, f.rule_name, f.category, f.severity, f.message,
                   f.message_en, f.suggestion, f.waived, f.waiver_reason, coalesce(f.position, 0), f.doc_id,
                   f.evidence
            FROM shown s JOIN findings f ON f.fingerprint = s.fingerprint
            ORDER BY s.shown_in, f.fingerprint""",
        [*_batch(doc_ids), *_batch(doc_ids)],
    ).fetchall()
    return _by_doc(rows)


def report_doc_ids(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The documents that get a report, in report order."""
    return [
        d
        for (d,) in con.execute(f"SELECT doc_id FROM documents WHERE {_REPORTED} ORDER BY doc_id").fetchall()
    ]


_REPORTED = "status <> 'removed'"


def iter_document_reports(
    con: duckdb.DuckDBPyConnection, *, text: bool = True, doc_ids: list[str] | None = None
) -> Iterator[DocumentReport]:
    """Each document's report in doc_id order, one at a time: a caller that writes and drops each report
    holds one batch of documents in memory, not the whole warehouse. With `text=False` the annotated text is
    not built but read back from `con` when `rep.text` is used (so `con` must still be open then).
    `doc_ids` limits the reports to those documents (a share of the work for one process)."""
    only = "" if doc_ids is None else " AND doc_id IN (SELECT unnest(?::VARCHAR[]))"
    docs = con.execute(
        f"""SELECT doc_id, title, path, status, reason, window_start, window_end, pub_date, script,
                  coalesce(n_statistics, 0)
           FROM documents WHERE {_REPORTED}{only} ORDER BY doc_id""",
        [] if doc_ids is None else [doc_ids],
    ).fetchall()
    texts = _TextCache(con)
    for b in range(0, len(docs), BATCH_SIZE):
        batch = docs[b : b + BATCH_SIZE]
        ids = [d[0] for d in batch]
        texts.batch = _load_texts(con, [d[0] for d in batch if d[3] == "ok"], stats=text)
        findings_of = _load_findings(con, ids)
        years_of = _by_doc(
            con.execute(
                f"SELECT doc_id, year, kind, count(*) FROM year_mentions WHERE {_IN_BATCH} "
                "AND kind <> 'declaration' GROUP BY doc_id, year, kind ORDER BY doc_id, year, kind",
                _batch(ids),
            ).fetchall()
        )
        evidence_of = {doc_id: [json.loads(r[12]) for r in rows] for doc_id, rows in findings_of.items()}
        texts.quoted = _load_quoted(
            con,
            sorted(
                {
                    (ev["doc_id"], ev["start"])
                    for evidence in evidence_of.values()
                    for spans in evidence
                    for ev in spans
                    if ev["doc_id"] not in texts.batch
                }
            ),
        )
        for doc_id, title, path, status, reason, ws, we, pub, script, n_stats in batch:
            rows = findings_of.get(doc_id, [])
            findings = [FindingView(*r[:12]) for r in rows]
            for f, evidence in zip(findings, evidence_of.get(doc_id, []), strict=True):
                f.quotes = _quotes(evidence, texts, f.severity)
            findings.sort(
                key=lambda f: (SEVERITY_ORDER.get(f.severity, 9), f.position, f.rule, f.fingerprint)
            )
            years: dict[int, dict[str, int]] = {}
            for year, kind, n in years_of.get(doc_id, []):
                years.setdefault(year, {})[kind] = n
            rep = DocumentReport(
                doc_id,
                title,
                path,
                status,
                reason,
                (ws, we) if ws is not None and we is not None else None,
                pub,
                script,
                n_stats,
                findings,
                years,
            )
            if status == "ok":
                dt = texts[doc_id]
                rep.section_labels = dt.labels
                if text:
                    rep.text = _annotated_text(dt, findings)
                else:
                    rep._load_text = _text_loader(con, doc_id, findings)
            yield rep
        texts.batch, texts.quoted = {}, {}


def _text_loader(
    con: duckdb.DuckDBPyConnection, doc_id: str, findings: list[FindingView]
) -> Callable[[], AnnotatedText]:
    return lambda: _annotated_text(_DocText(con, doc_id), findings)


def load_document_reports(con: duckdb.DuckDBPyConnection) -> list[DocumentReport]:
    """Every document's report, for the index and the run summary. Annotated texts are built when used
    (`write_reports` builds, writes and drops them one document at a time), so `con` must stay open until
    the reports are written."""
    return list(iter_document_reports(con, text=False))
