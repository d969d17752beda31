"""One document from file to table rows: read -> normalize -> structure -> extract.

`process_path` is pure (no warehouse, no Prefect) so it can run in any worker process; it never raises for a
bad file: the failure becomes a `failed` documents row naming the reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

import polars as pl

from schemas import TABLES
from statlint.batch import WINDOW_NOTE
from statlint.extract import extract_statistics, find_year_mentions
from statlint.normalize import CleanText, normalize
from statlint.read import DEFAULT_MAX_BYTES, IngestError, RawDocument, doc_id_for, read_document
from statlint.structure import Structure, analyse


@dataclass
class DocumentBundle:
    """Everything one document contributes to the warehouse, table name -> rows."""

    doc_id: str
    path: str
    status: str
    reason: str | None = None
    frames: dict[str, pl.DataFrame] = field(default_factory=dict)


@functools.cache
def _polars_types(table: str) -> dict[str, pl.DataType]:
    """Column name -> Polars type of a table (cached: building the pandera schema costs milliseconds)."""
    schema = TABLES[table].model.to_schema()
    return {name: col.dtype.type for name, col in schema.columns.items()}


def empty_frame(table: str) -> pl.DataFrame:
    return pl.DataFrame(schema=_polars_types(table))


def frame(table: str, rows: list[dict]) -> pl.DataFrame:
    """Rows to a frame with exactly the table's columns and types (validation decides what is acceptable).

    Keys a row lacks become nulls and keys the table lacks are dropped, in Polars' constructor rather than a
    per-row Python copy: this runs for every row of every document."""
    types = _polars_types(table)
    if not rows:
        return pl.DataFrame(schema=types)
    return pl.DataFrame(rows, schema=types, strict=False)


def column_frame(table: str, columns: dict[str, list]) -> pl.DataFrame:
    """Columns of equal length to a frame, as `frame` makes one from rows: exactly the table's columns and
    types, a column it lacks all nulls. For rows read off objects (sentences, sections, repairs) a list per
    column is cheaper than a dict per row. Each column is made a typed Series first: the DataFrame constructor
    given the lists and a schema converts the same values about 1.8 x slower (~0.8 ms a document)."""
    types = _polars_types(table)
    n = len(next(iter(columns.values()), []))
    return pl.DataFrame(
        [
            pl.Series(name, columns.get(name, [None] * n), dtype=dtype, strict=False)
            for name, dtype in types.items()
        ]
    )


def extraction_records(doc: RawDocument, clean: CleanText, st: Structure) -> list[dict]:
    """Statistics with raw offsets and quoted sentence: the `statlint extract` contract."""
    return _extraction_records(doc, clean, st, _sentence_spans(clean, st))


def _sentence_spans(clean: CleanText, st: Structure) -> list[tuple[int, int]]:
    """Raw span of each sentence, mapped once: the sentences table and every statistic's quote use them."""
    return clean.raw_spans((s.start, s.end) for s in st.sentences)


def _extraction_records(
    doc: RawDocument, clean: CleanText, st: Structure, sentence_spans: list[tuple[int, int]]
) -> list[dict]:
    records, computed = _statistic_columns(doc, clean, st, sentence_spans)
    return [
        {**dict(zip(computed, values, strict=True)), **rec}
        for rec, values in zip(records, zip(*computed.values(), strict=True), strict=True)
    ]


def _statistic_columns(
    doc: RawDocument, clean: CleanText, st: Structure, sentence_spans: list[tuple[int, int]]
) -> tuple[list[dict], dict[str, list]]:
    """The extractor's records (raw offsets taken out) and, as columns, what a statistic adds to its record:
    ids, raw offsets, the figure as written, its sentence as written and its section (the extractor's records
    never hold these columns)."""
    records = extract_statistics(clean, st)
    spans = clean.raw_spans([(rec.pop("clean_start"), rec.pop("clean_end")) for rec in records])
    quotes = {s.sentence_id: span for s, span in zip(st.sentences, sentence_spans, strict=True)}
    sections = {s.sentence_id: s.section_path for s in st.sentences}
    sentence_ids = [rec["sentence_id"] for rec in records]
    text = doc.text
    quoted = [quotes[i] for i in sentence_ids]
    return records, {
        "doc_id": [doc.doc_id] * len(records),
        "stat_id": list(range(len(records))),
        "start": [a for a, _ in spans],
        "end": [b for _, b in spans],
        "number_text": [text[a:b] for a, b in spans],
        "sentence": [text[a:b] for a, b in quoted],
        "section_path": [sections[i] for i in sentence_ids],
    }


def _record_columns(table: str, records: list[dict], computed: dict[str, list]) -> dict[str, list]:
    """`computed` plus, for each other column of the table, its values read off the extractor's records (a
    key a record lacks is null): the columns of the rows `{**computed_row, **record}` would make. One
    itemgetter call per record reads them in C, ~0.2 ms a report less than a `get` per value, which is left
    for records lacking a key."""
    columns = dict(computed)
    names = [name for name in _polars_types(table) if name not in columns]
    if len(names) > 1 and records:
        try:
            values = zip(*map(itemgetter(*names), records), strict=True)
            columns.update(zip(names, map(list, values), strict=True))
            return columns
        except KeyError:
            pass
    for name in names:
        columns[name] = [rec.get(name) for rec in records]
    return columns


def _statistics_frame(
    doc: RawDocument, clean: CleanText, st: Structure, sentence_spans: list[tuple[int, int]]
) -> pl.DataFrame:
    """The statistics table: the rows `_extraction_records` gives, built as columns. A report has hundreds of
    statistics, and a dict per row read back by Polars cost ~1 ms a document more than reading each column
    off the records once."""
    records, computed = _statistic_columns(doc, clean, st, sentence_spans)
    return column_frame("statistics", _record_columns("statistics", records, computed))


def analyse_document(doc: RawDocument) -> tuple[CleanText, Structure]:
    clean = normalize(doc.text)
    return clean, analyse(clean)


def process_document(doc: RawDocument, run_id: str | None = None) -> DocumentBundle:
    clean, st = analyse_document(doc)
    text = doc.text
    doc_id = doc.doc_id
    sentence_spans = _sentence_spans(clean, st)
    sentences = column_frame(
        "sentences",
        {
            "doc_id": [doc_id] * len(st.sentences),
            "sentence_id": [s.sentence_id for s in st.sentences],
            "start": [a for a, _ in sentence_spans],
            "end": [b for _, b in sentence_spans],
            "text": [text[a:b] for a, b in sentence_spans],
            "text_simp": [s.simp for s in st.sentences],
            "section_path": [s.section_path for s in st.sentences],
            "paragraph": [s.paragraph for s in st.sentences],
            "is_heading": [s.is_heading for s in st.sentences],
        },
    )
    section_spans = clean.raw_spans((sec.start, max(sec.start + 1, sec.end)) for sec in st.sections)
    sections = column_frame(
        "sections",
        {
            "doc_id": [doc_id] * len(st.sections),
            "section_id": [sec.section_id for sec in st.sections],
            "parent_id": [sec.parent_id for sec in st.sections],
            "level": [sec.level for sec in st.sections],
            "marker": [sec.marker for sec in st.sections],
            "title": [sec.title for sec in st.sections],
            "path": [sec.path for sec in st.sections],
            "start": [a for a, _ in section_spans],
            "end": [b for _, b in section_spans],
        },
    )
    repairs = clean.repairs
    text_repairs = column_frame(
        "text_repairs",
        {
            "doc_id": [doc_id] * len(repairs),
            "repair_id": list(range(len(repairs))),
            "kind": [r.kind for r in repairs],
            "start": [r.raw_start for r in repairs],
            "end": [r.raw_end for r in repairs],
            "raw_text": [text[r.raw_start : r.raw_end] for r in repairs],
            "replacement": [r.replacement for r in repairs],
            "note": [r.note for r in repairs],
        },
    )
    statistics = _statistics_frame(doc, clean, st, sentence_spans)
    mentions = find_year_mentions(clean, st)
    mention_spans = clean.raw_spans([(y.pop("clean_start"), y.pop("clean_end")) for y in mentions])
    years = _record_columns(
        "year_mentions",
        mentions,
        {
            "doc_id": [doc_id] * len(mentions),
            "mention_id": list(range(len(mentions))),
            "start": [a for a, _ in mention_spans],
            "end": [b for _, b in mention_spans],
            "text": [text[a:b] for a, b in mention_spans],
        },
    )
    document = {
        "doc_id": doc.doc_id,
        "path": doc.path,
        "sha256": doc.sha256,
        "format": doc.format,
        "encoding": doc.encoding,
        "script": clean.script,
        "title": st.title,
        "window_start": st.window[0] if st.window else None,
        "window_end": st.window[1] if st.window else None,
        "window_sentence_id": st.window_sentence_id,
        "pub_date": st.pub_date,
        "pub_date_sentence_id": st.pub_date_sentence_id,
        "pub_date_kind": st.pub_date_kind,
        "status": "ok",
        "reason": None,
        "n_chars": len(text),
        "n_sentences": len(st.sentences),
        "n_statistics": statistics.height,
        "n_rejected": 0,
        "raw_text": text,
        "ingested_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "run_id": run_id,
    }
    return DocumentBundle(
        doc_id=doc.doc_id,
        path=doc.path,
        status="ok",
        frames={
            "documents": frame("documents", [document]),
            "sections": sections,
            "sentences": sentences,
            "text_repairs": text_repairs,
            "statistics": statistics,
            "year_mentions": column_frame("year_mentions", years),
        },
    )


def failed_bundle(
    path: Path, reason: str, run_id: str | None, sha256: str | None = None, doc_id: str | None = None
) -> DocumentBundle:
    doc_id = doc_id or doc_id_for(path)
    row = {
        "doc_id": doc_id,
        "path": str(path),
        "sha256": sha256,
        "status": "failed",
        "reason": reason,
        "ingested_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
        "run_id": run_id,
    }
    return DocumentBundle(
        doc_id=doc_id,
        path=str(path),
        status="failed",
        reason=reason,
        frames={"documents": frame("documents", [row])},
    )


def override_window(bundle: DocumentBundle, window: tuple[int, int]) -> DocumentBundle:
    """Apply a configured research window; the reason column keeps what the text itself declares."""
    docs = bundle.frames["documents"]
    ws, we = docs["window_start"][0], docs["window_end"][0]
    declared = f"{ws}–{we}" if ws is not None else "none found"
    note = f"{WINDOW_NOTE}: {window[0]}–{window[1]} (the text declares: {declared})"
    bundle.frames["documents"] = docs.with_columns(
        pl.lit(window[0], pl.Int64).alias("window_start"),
        pl.lit(window[1], pl.Int64).alias("window_end"),
        pl.lit(note).alias("reason"),
    )
    return bundle


def process_path(
    path: Path | str,
    run_id: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    doc_id: str | None = None,
    window: tuple[int, int] | None = None,
) -> DocumentBundle:
    """Read and analyse one file. A bad file becomes a failed bundle with its reason; only OSError escapes, so
    the caller can retry transient I/O (a network share that hiccups) before recording it as failed."""
    path = Path(path)
    try:
        doc = read_document(path, max_bytes=max_bytes)
    except IngestError as exc:
        return failed_bundle(path, exc.reason, run_id, doc_id=doc_id)
    except OSError:
        raise
    except (
        Exception
    ) as exc:  # a reader bug (or RecursionError, MemoryError on hostile input) stays one file's
        return failed_bundle(
            path, f"internal error while reading: {type(exc).__name__}: {exc}", run_id, doc_id=doc_id
        )
    if doc_id is not None and doc_id != doc.doc_id:
        doc = dataclasses.replace(doc, doc_id=doc_id)
    try:
        bundle = process_document(doc, run_id)
    except Exception as exc:  # a bug on one document must not stop the batch; the reason is kept
        return failed_bundle(
            path,
            f"internal error while analysing: {type(exc).__name__}: {exc}",
            run_id,
            doc.sha256,
            doc_id=doc.doc_id,
        )
    return override_window(bundle, window) if window else bundle
