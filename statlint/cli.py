"""The `statlint` command. Heavy imports (Prefect, DuckDB) happen inside commands so `extract` starts fast."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Check the statistics in policy and research reports.", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False)

EXTRACT_FIELDS = ["start", "end", "number_text", "value", "unit", "qualifier", "year", "entity", "metric",
                  "role", "sentence"]
EXTRACT_EXTRA = ["value_text", "value_high", "precision", "unit_family", "base_year", "entity_key", "metric_key",
                 "direction", "link_id", "section_path", "confidence", "needs_review"]


class Fmt(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


@app.callback()
def _root() -> None:
    """statlint: ingest reports, extract their statistics, check them, report the findings."""


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"statlint: {message}", err=True)
    raise typer.Exit(code)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="A document to read.")],
    format: Annotated[Fmt, typer.Option("--format", "-f", help="Output format.")] = Fmt.jsonl,
) -> None:
    """Extract statistics from one file (no warehouse): one record per statistic with raw-file offsets."""
    from statlint.ingest import analyse_document, extraction_records
    from statlint.read import IngestError, read_document

    try:
        doc = read_document(file)
    except IngestError as exc:
        _fail(str(exc))
    clean, st = analyse_document(doc)
    records = [{k: r[k] for k in EXTRACT_FIELDS + EXTRACT_EXTRA} for r in extraction_records(doc, clean, st)]
    _emit(records, format, EXTRACT_FIELDS + EXTRACT_EXTRA)


def _emit(records: list[dict], fmt: Fmt, columns: list[str]) -> None:
    if fmt is Fmt.jsonl:
        out = sys.stdout
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    elif fmt is Fmt.csv:
        w = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(records)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False)
        shown = [c for c in columns if c not in {"sentence", "evidence"}]
        for c in shown:
            table.add_column(c, overflow="fold")
        for r in records:
            table.add_row(*("" if r.get(c) is None else str(r.get(c)) for c in shown))
        Console().print(table)


def main() -> None:  # pragma: no cover
    app()
