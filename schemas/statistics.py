"""Statistics and year mentions: what the extractor produces."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl
from pandera.api.polars.types import PolarsData

QUALIFIERS = ["=", ">", ">=", "<", "<=", "~"]
ROLES = ["level", "from", "to", "delta", "target", "ratio"]
UNIT_FAMILIES = [
    "currency",
    "percent",
    "permille",
    "percentage_point",
    "count",
    "duration",
    "ratio",
    "age",
    "area",
    "mass",
    "energy",
    "length",
    "volume",
    "power",
    "data",
    "concentration",
    "temperature",
    "score",
    "compute",
    "other",
    "none",
]


class StatisticsSchema(pa.DataFrameModel):
    doc_id: str = pa.Field(description="Document.")
    stat_id: int = pa.Field(ge=0, description="Ordinal of the statistic in the document.")
    start: int = pa.Field(ge=0, description="Raw offset of the number (raw_text[start:end] is number+unit).")
    end: int = pa.Field(ge=1, description="Raw offset after the unit.")
    number_text: str = pa.Field(
        str_length={"min_value": 1},
        description="The number with its unit, as written.",
        metadata={"example": "50.2萬億元"},
    )
    value: float = pa.Field(
        nullable=False,
        description="Value with magnitude applied (萬=1e4, 億=1e8).",
        metadata={"example": 5.02e13},
    )
    value_text: str = pa.Field(description="Exact decimal of value, for arithmetic without float drift.")
    value_high: float = pa.Field(
        nullable=True, description="Upper end of a vague amount (500多亿); a range is two figures."
    )
    precision: int = pa.Field(ge=0, le=12, description="Decimal places as written (41.50% -> 2).")
    unit: str = pa.Field(description="Unit without magnitude, in the document's characters ('' if none).")
    unit_family: str = pa.Field(
        isin=UNIT_FAMILIES, description="What kind of quantity, so rules compare like with like."
    )
    qualifier: str = pa.Field(isin=QUALIFIERS, description="=, >, >=, <, <= or ~ from 超過/以上/不足/約 ...")
    year: int = pa.Field(
        nullable=True,
        ge=1800,
        le=2200,
        description="Year the figure refers to, as its sentence states it (2024年…, 本年, a table caption).",
    )
    context_year: int = pa.Field(
        nullable=True,
        ge=1800,
        le=2200,
        description="`year`, or when the sentence states none the year its section is about (一、2025年工作"
        "回顾): what the rules compare.",
    )
    base_year: int = pa.Field(
        nullable=True, ge=1800, le=2200, description="Base year of a change (較2020年)."
    )
    entity: str = pa.Field(
        nullable=True, description="Scope the figure describes, as written (全國, 上海市)."
    )
    entity_key: str = pa.Field(nullable=True, description="Normalized scope (Simplified, 上海 -> 上海市).")
    metric: str = pa.Field(nullable=True, description="Phrase saying what is measured, as written.")
    metric_key: str = pa.Field(nullable=True, description="Normalized metric for grouping (Simplified).")
    role: str = pa.Field(isin=ROLES, description="level, from, to, delta, target or ratio.")
    direction: str = pa.Field(nullable=True, isin=["up", "down"], description="Direction of a change.")
    link_id: int = pa.Field(nullable=True, description="stat_id of the other end of a from/to pair.")
    sentence_id: int = pa.Field(ge=0, description="Sentence holding the figure.")
    sentence: str = pa.Field(description="The sentence as written in the raw file.")
    section_path: str = pa.Field(description="Section path of the sentence.")
    confidence: float = pa.Field(ge=0, le=1, description="How sure the reading is.")
    needs_review: bool = pa.Field(description="The reading is ambiguous; an editor should look.")

    class Config:
        strict = True
        coerce = True

    @pa.dataframe_check
    def span_ordered(cls, data: PolarsData) -> pl.LazyFrame:
        """A statistic's span is not empty."""
        return data.lazyframe.select(pl.col("end") > pl.col("start"))

    @pa.dataframe_check
    def range_ordered(cls, data: PolarsData) -> pl.LazyFrame:
        """A range's upper end is not below its value."""
        return data.lazyframe.select(
            pl.col("value_high").is_null() | (pl.col("value_high") >= pl.col("value"))
        )


class YearMentionsSchema(pa.DataFrameModel):
    doc_id: str = pa.Field(description="Document.")
    mention_id: int = pa.Field(ge=0, description="Ordinal.")
    year: int = pa.Field(ge=1800, le=2200, description="The year cited.")
    start: int = pa.Field(ge=0, description="Raw offset of the year expression.")
    end: int = pa.Field(ge=1, description="Raw offset after it.")
    text: str = pa.Field(description="The year expression as written (2025年, 2025年底前).")
    kind: str = pa.Field(
        isin=["date", "target", "range", "base", "declaration", "relative"],
        description="date (a figure's or event's year), target (到2025年), range end, base year, "
        "the window declaration itself, or resolved from 今年/去年.",
    )
    sentence_id: int = pa.Field(ge=0, description="Sentence citing it.")

    class Config:
        strict = True
        coerce = True
