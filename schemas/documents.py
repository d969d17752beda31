"""Documents and the structure read from them."""

from __future__ import annotations

import datetime as dt

import pandera.polars as pa
import polars as pl
from pandera.api.polars.types import PolarsData


class DocumentsSchema(pa.DataFrameModel):
    doc_id: str = pa.Field(
        unique=True,
        description="Stable id from the file name; reports are named after it.",
        metadata={"example": "digital_government_society_report"},
    )
    path: str = pa.Field(description="Path of the source file as given to the run.")
    sha256: str = pa.Field(
        nullable=True,
        str_length={"min_value": 64, "max_value": 64},
        description="SHA-256 of the file's bytes; unchanged files are skipped by it.",
    )
    format: str = pa.Field(nullable=True, description="txt, md, html, docx or pdf.")
    encoding: str = pa.Field(nullable=True, description="Detected text encoding (utf-8, gb18030, big5, ...).")
    script: str = pa.Field(
        nullable=True,
        isin=["traditional", "simplified", "unknown"],
        description="Chinese script of the text.",
    )
    title: str = pa.Field(nullable=True, description="Title read from the text.")
    window_start: int = pa.Field(
        nullable=True, ge=1800, le=2200, description="First year of the declared research window."
    )
    window_end: int = pa.Field(
        nullable=True, ge=1800, le=2200, description="Last year of the declared research window."
    )
    window_sentence_id: int = pa.Field(nullable=True, description="Sentence that declares the window.")
    pub_date: str = pa.Field(
        nullable=True,
        str_matches=r"^\d{4}-\d{2}(?:-\d{2})?$",
        description="Publication date read from the text (ISO: 2024-03-01, or 2024-06 when the text gives "
        "only the month).",
    )
    pub_date_sentence_id: int = pa.Field(
        nullable=True, description="Sentence the publication date was read from."
    )
    pub_date_kind: str = pa.Field(
        nullable=True,
        isin=["release", "delivered", "signed", "page", "cover"],
        description="Which cue gave pub_date: a release label (发布日期), the delivery line "
        "of a speech (——…在…会议上), a closing date line, web-page metadata, or a month line under the "
        "title (cover).",
    )
    status: str = pa.Field(
        isin=["ok", "failed", "removed"], description="ok, failed (see reason) or removed."
    )
    reason: str = pa.Field(nullable=True, description="Why a failed document failed.")
    n_chars: int = pa.Field(nullable=True, ge=0, description="Characters of raw text.")
    n_sentences: int = pa.Field(nullable=True, ge=0, description="Sentences analysed.")
    n_statistics: int = pa.Field(nullable=True, ge=0, description="Statistics loaded.")
    n_rejected: int = pa.Field(nullable=True, ge=0, description="Rows quarantined in rejected_rows.")
    raw_text: str = pa.Field(nullable=True, description="The raw text all offsets point into.")
    ingested_at: dt.datetime = pa.Field(nullable=True, description="When this version was loaded (UTC).")
    run_id: str = pa.Field(nullable=True, description="Run that loaded this version.")

    class Config:
        strict = True
        coerce = True


class SectionsSchema(pa.DataFrameModel):
    doc_id: str = pa.Field(description="Document.")
    section_id: int = pa.Field(ge=0, description="Ordinal of the heading in the document.")
    parent_id: int = pa.Field(nullable=True, description="Enclosing section.")
    level: int = pa.Field(ge=1, le=6, description="1 for 一、, 2 for (一), 3 for 1., 4 for (1).")
    marker: str = pa.Field(description="The heading's numbering as written.")
    title: str = pa.Field(description="Heading text.")
    path: str = pa.Field(description="Section path, e.g. 三/一/1.", metadata={"example": "三/一/1"})
    start: int = pa.Field(ge=0, description="Raw offset where the section starts.")
    end: int = pa.Field(ge=0, description="Raw offset where the section ends.")

    class Config:
        strict = True
        coerce = True


class SentencesSchema(pa.DataFrameModel):
    doc_id: str = pa.Field(description="Document.")
    sentence_id: int = pa.Field(ge=0, description="Ordinal of the sentence in the document.")
    start: int = pa.Field(ge=0, description="Raw offset of the first character.")
    end: int = pa.Field(ge=0, description="Raw offset after the last character.")
    text: str = pa.Field(description="The sentence as the raw file has it (document's own characters).")
    text_simp: str = pa.Field(description="Clean Simplified shadow used for analysis and search.")
    section_path: str = pa.Field(description="Section path of the sentence ('' before the first heading).")
    paragraph: int = pa.Field(ge=0, description="Paragraph ordinal.")
    is_heading: bool = pa.Field(description="The sentence is a heading line.")

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check
    def span_ordered(cls, data: PolarsData) -> pl.LazyFrame:
        """A span never ends before it starts."""
        return data.lazyframe.select(pl.col("end") >= pl.col("start"))


class TextRepairsSchema(pa.DataFrameModel):
    doc_id: str = pa.Field(description="Document.")
    repair_id: int = pa.Field(ge=0, description="Ordinal.")
    kind: str = pa.Field(
        isin=["pinyin", "boilerplate", "mojibake", "full_width", "other"],
        description="What kind of damage was repaired or set aside.",
    )
    start: int = pa.Field(ge=0, description="Raw offset of the damaged span.")
    end: int = pa.Field(ge=0, description="Raw offset after it.")
    raw_text: str = pa.Field(description="The damaged text as in the raw file.")
    replacement: str = pa.Field(
        nullable=True,
        description="What analysis reads instead ('' when removed; the "
        "text itself for a flagged, unrepaired run).",
    )
    note: str = pa.Field(
        nullable=True,
        description="Detail: the pinyin syllable, header/footer, or for mojibake "
        "'repaired: …' or 'flagged: …' (kept as is, for an editor).",
    )

    class Config:
        strict = True
        coerce = True
