"""The `statlint` command. Heavy imports (Prefect, DuckDB) happen inside commands so `extract` starts fast."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from statlint.config import Config

app = typer.Typer(
    help="Check the statistics in policy and research reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXTRACT_FIELDS = [
    "start",
    "end",
    "number_text",
    "value",
    "unit",
    "qualifier",
    "year",
    "entity",
    "metric",
    "role",
    "sentence",
]
EXTRACT_EXTRA = [
    "value_text",
    "value_high",
    "precision",
    "unit_family",
    "context_year",
    "base_year",
    "entity_key",
    "metric_key",
    "direction",
    "link_id",
    "section_path",
    "confidence",
    "needs_review",
]


class Fmt(StrEnum):
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


SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
FINDING_FIELDS = [
    "fingerprint",
    "rule",
    "category",
    "severity",
    "message",
    "message_en",
    "doc",
    "suggestion",
    "waived",
    "waiver_reason",
    "evidence",
]


def _config():
    from statlint.config import load_config

    try:
        return load_config()
    except (ValueError, OSError) as exc:
        _fail(f"configuration: {exc}")


def _use_config_file(config: Path | None) -> None:
    """`--config FILE` for this process and the flows it runs (they read STATLINT_CONFIG)."""
    if config is not None:
        if not config.is_file():
            _fail(f"no such configuration file: {config}")
        import os

        os.environ["STATLINT_CONFIG"] = str(config.resolve())


NO_WARM_ENV = "STATLINT_NO_WARM_CLUSTER"  # set: the ingest flow starts its cluster itself, as before


def _warm_cluster(
    api_url: str,
    workers: int,
    warehouse: str,
    targets: list[str],
    force: bool,
    max_file_size: str | None,
    reports_dir: str,
    cfg: Config | None = None,
) -> None:
    """Start the run's Dask cluster while its Prefect server boots (`warm_cluster`), when the run will parse
    in parallel on this machine and report to that server (no server named by a Prefect profile). `cfg`: the
    configuration the run already read."""
    from prefect.settings import get_current_settings

    from flows.pipeline import MIN_PARALLEL_DOCUMENTS
    from statlint import warm_cluster
    from statlint.config import parse_size

    cfg = cfg if cfg is not None else _config()
    if workers <= 1 or cfg.dask_address or get_current_settings().api.url or os.environ.get(NO_WARM_ENV):
        return
    max_bytes = parse_size(max_file_size) if max_file_size is not None else cfg.max_bytes
    windows = {k: (v[0], v[1]) for k, v in cfg.windows.items()}
    n = warm_cluster.documents_to_load(warehouse, targets, force, windows, max_bytes, [reports_dir])
    if n is not None and n >= MIN_PARALLEL_DOCUMENTS:
        warm_cluster.start(workers, api_url)


@app.command()
def run(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (default: raw/ from config).")
    ] = None,
    warehouse: Annotated[Path | None, typer.Option(help="DuckDB warehouse file.")] = None,
    reports: Annotated[Path | None, typer.Option(help="Folder for the reports.")] = None,
    force: Annotated[bool, typer.Option(help="Re-read documents even when unchanged.")] = False,
    fail_on: Annotated[
        str | None,
        typer.Option(
            help="Exit 1 when an unwaived finding at or above this severity exists (error, warning, info)."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            help="Processes working in parallel: parsing (Dask), and the rules and reports of a large "
            "warehouse; 1 = in-process.",
        ),
    ] = None,
    max_file_size: Annotated[str | None, typer.Option(help="Refuse larger files, e.g. '20 MB'.")] = None,
    lock_wait: Annotated[
        float | None, typer.Option(min=0, help="Seconds to wait for another run's warehouse lock.")
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(help="Configuration file (default: nearest statlint.toml or [tool.statlint])."),
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's logs.")] = False,
) -> None:
    """Run the whole pipeline: ingest, check, report.

    Exit codes: 0 ok; 1 an unwaived finding at or above --fail-on; 2 usage or input errors (bad flag or
    configuration, missing path, warehouse locked by another run, or a file that could not be read); 3 an
    internal error (see the message)."""
    _use_config_file(config)
    cfg = _config()
    fail_on = fail_on or cfg.fail_on
    if fail_on is not None and fail_on not in SEVERITY_RANK:
        _fail(f"--fail-on must be one of {', '.join(SEVERITY_RANK)}")
    if max_file_size is not None:
        from statlint.config import ConfigError, parse_size

        try:
            parse_size(max_file_size)
        except ConfigError as exc:
            _fail(f"--max-file-size: {exc}")
    targets = [str(p) for p in (paths or [Path(p) for p in cfg.raw])]
    missing = [t for t in targets if not Path(t).exists()]
    if missing:
        _fail(f"no such file or folder: {', '.join(missing)}")
    from statlint.prefect_env import configure, start_early_server

    configure(verbose)
    server = start_early_server()  # boots while the pipeline's modules import
    from flows.pipeline import pipeline_flow
    from statlint.prefect_env import local_run
    from statlint.warehouse import WarehouseError

    wh = str(warehouse or cfg.warehouse)
    reports_dir = str(reports or cfg.reports)
    if server is not None:
        _warm_cluster(
            server.api_url, workers or cfg.workers, wh, targets, force, max_file_size, reports_dir, cfg
        )
    try:
        with local_run(server):
            summary = pipeline_flow(
                targets, wh, reports_dir, force, workers, max_file_size, cfg.source, lock_wait
            )
    except WarehouseError as exc:
        _fail(str(exc))
    except Exception as exc:  # a bug: not a finding (1) nor the user's input (2)
        _fail(f"internal error: {type(exc).__name__}: {exc}", 3)
    finally:
        from statlint import warm_cluster

        warm_cluster.close()
    for f in summary["failures"]:
        typer.echo(f"failed: {f['path']}: {f['reason']}", err=True)
    typer.echo(
        f"{summary['n_documents']} documents ({summary['n_loaded']} loaded, "
        f"{summary['n_skipped']} unchanged, {summary['n_removed']} removed, {summary['n_failed']} failed), "
        f"{summary['n_statistics']} statistics loaded, {summary['n_rejected']} rows rejected, "
        f"{summary['n_findings']} findings; reports in {reports or cfg.reports}/"
    )
    t = summary.get("timings", {})
    typer.echo(
        f"stage seconds: ingest {t.get('ingest')}, check {t.get('check')}, report {t.get('report')}", err=True
    )
    if summary["n_unreadable"]:
        _fail(f"{summary['n_unreadable']} input file(s) could not be read; see `statlint status`", 2)
    if fail_on is not None:
        from statlint.warehouse import connect

        con = connect(wh, read_only=True)
        sevs = [
            r[0] for r in con.execute("SELECT DISTINCT severity FROM findings WHERE NOT waived").fetchall()
        ]
        con.close()
        if any(SEVERITY_RANK.get(s, 0) >= SEVERITY_RANK[fail_on] for s in sevs):
            typer.echo(f"statlint: unwaived findings at or above {fail_on}", err=True)
            raise typer.Exit(1)


@app.command()
def status(
    warehouse: Annotated[Path | None, typer.Option(help="DuckDB warehouse file.")] = None,
    last: Annotated[int, typer.Option(min=1, help="How many recent runs to list.")] = 10,
    format: Annotated[Fmt, typer.Option("--format", "-f", help="Output format.")] = Fmt.table,
    config: Annotated[Path | None, typer.Option(help="Configuration file.")] = None,
) -> None:
    """Summarize the warehouse and the last runs: counts, failures with reasons, whether a run is going on."""
    from statlint.status import collect_status, render_status
    from statlint.warehouse import WarehouseError

    _use_config_file(config)
    wh = str(warehouse or _config().warehouse)
    try:
        st = collect_status(wh, last)
    except WarehouseError as exc:
        _fail(str(exc))
    if format is Fmt.table:
        render_status(st)
    elif format is Fmt.jsonl:
        typer.echo(json.dumps(st, ensure_ascii=False, default=str))
    else:
        _emit(st["runs"], format, list(st["runs"][0]) if st["runs"] else ["run_id"])


@app.command()
def findings(
    format: Annotated[Fmt, typer.Option("--format", "-f", help="Output format.")] = Fmt.table,
    doc: Annotated[str | None, typer.Option("--doc", help="Only this document id.")] = None,
    warehouse: Annotated[Path | None, typer.Option(help="DuckDB warehouse file.")] = None,
) -> None:
    """List the findings stored in the warehouse."""
    from statlint.warehouse import WarehouseError, connect

    cfg = _config()
    try:
        con = connect(str(warehouse or cfg.warehouse), read_only=True)
    except WarehouseError as exc:
        _fail(str(exc))
    rows = con.execute(
        """SELECT fingerprint, rule, category, severity, message, message_en, doc_id AS doc, suggestion,
                  waived, waiver_reason, evidence
           FROM findings WHERE (? IS NULL OR doc_id = ?)
           ORDER BY doc_id, CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, position""",
        [doc, doc],
    ).fetchall()
    con.close()
    records = []
    for r in rows:
        rec = dict(zip(FINDING_FIELDS, r, strict=True))
        rec["evidence"] = json.loads(rec["evidence"])
        records.append(rec)
    _emit(records, format, FINDING_FIELDS)


@app.command("rules")
def rules_cmd(
    format: Annotated[str, typer.Option("--format", "-f", help="table, jsonl, csv or markdown.")] = "table",
) -> None:
    """List the rule catalogue (`--format markdown` prints docs/rules.md)."""
    from statlint.rules import catalogue_markdown
    from statlint.rules.engine import load_rules

    if format == "markdown":
        typer.echo(catalogue_markdown(), nl=False)
        return
    if format not in Fmt.__members__:
        _fail(f"--format must be one of {', '.join(Fmt.__members__)}, markdown")
    records = [
        {
            "id": r.id,
            "name": r.name,
            "category": r.category,
            "severity": r.severity,
            "rationale": r.rationale,
            "bad": r.bad,
            "good": r.good,
        }
        for r in load_rules().values()
    ]
    _emit(records, Fmt(format), ["id", "name", "category", "severity", "rationale"])


@app.command()
def waive(
    fingerprint: Annotated[
        str | None,
        typer.Argument(
            help="Fingerprint (or a unique prefix of at least 6 "
            "digits) of the finding; see `statlint findings`."
        ),
    ] = None,
    reason: Annotated[str | None, typer.Option(help="Why this finding is accepted.")] = None,
    status: Annotated[str, typer.Option(help="accepted or not-a-problem.")] = "accepted",
    by: Annotated[str | None, typer.Option(help="Who reviewed it.")] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Remove the waiver of FINGERPRINT.")] = False,
    list_: Annotated[
        bool,
        typer.Option("--list", help="List the waivers, marking stale ones (matching no current finding)."),
    ] = False,
    warehouse: Annotated[Path | None, typer.Option(help="DuckDB warehouse file.")] = None,
) -> None:
    """Mark a finding as reviewed; the waiver is kept in the waivers file for review in git. Waived findings
    stay in reports, marked as waived; `--list` shows which waivers no longer match any finding."""
    from statlint.waivers import add_waiver, remove_waiver, resolve_fingerprint

    cfg = _config()
    path = Path(cfg.waivers_file)
    known: set[str] | None = None
    wh = Path(warehouse or cfg.warehouse)
    if wh.exists():
        from statlint.check import current_fingerprints, waiver_status
        from statlint.warehouse import WarehouseError, connect

        try:
            con = connect(str(wh), read_only=True)
        except WarehouseError as exc:
            _fail(str(exc))
        known = current_fingerprints(con)
        statuses = waiver_status(con, path) if list_ else []
        con.close()
    if list_:
        if known is None:
            _fail(f"{wh}: no warehouse yet; run `statlint run` first")
        for fp, state, why, rule_id in statuses:
            typer.echo(f"{fp}  {state:6}  {rule_id or '-':5}  {why}")
        stale = sum(1 for s in statuses if s[1] == "stale")
        typer.echo(f"{len(statuses)} waivers, {stale} stale (matching no current finding)", err=True)
        return
    if not fingerprint:
        _fail("give a FINGERPRINT (or --list)")
    try:
        fp = resolve_fingerprint(fingerprint, known or set())
        if remove:
            if not remove_waiver(path, fp):
                _fail(f"no waiver for {fp} in {path}")
            typer.echo(f"removed the waiver of {fp} from {path}")
            return
        if not reason:
            _fail("--reason is required: say why the finding is accepted")
        w = add_waiver(path, fp, reason, status, by)
    except ValueError as exc:
        _fail(str(exc))
    typer.echo(f"waived {w.fingerprint} ({w.status}) in {path}")
    if known is not None and w.fingerprint not in known:
        typer.echo(
            f"note: {w.fingerprint} matches no finding in {wh}; it is stale until a run produces it", err=True
        )


@app.command()
def serve(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (default: raw/ from config).")
    ] = None,
    cron: Annotated[str | None, typer.Option(help="Cron schedule (default from config: daily).")] = None,
    timezone: Annotated[str | None, typer.Option(help="Timezone of the schedule.")] = None,
    interval: Annotated[
        float | None, typer.Option(min=1, help="Run every N seconds instead of a cron.")
    ] = None,
    warehouse: Annotated[Path | None, typer.Option(help="DuckDB warehouse file.")] = None,
    reports: Annotated[Path | None, typer.Option(help="Folder for the reports.")] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Processes working in parallel (parsing, rules, reports).")
    ] = None,
    config: Annotated[Path | None, typer.Option(help="Configuration file.")] = None,
) -> None:
    """Serve the pipeline on a schedule (starts a local Prefect server when PREFECT_API_URL is unset)."""
    from statlint.prefect_env import configure

    _use_config_file(config)
    cfg = _config()
    configure(verbose=True)
    from statlint.serve import serve_pipeline

    targets = [str(Path(p).resolve()) for p in (paths or cfg.raw)]
    typer.echo(
        f"serving the statlint pipeline on {(interval and f'every {interval}s') or (cron or cfg.cron)}; "
        "Ctrl-C stops",
        err=True,
    )
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a steward stops serving
        serve_pipeline(
            targets,
            str(Path(warehouse or cfg.warehouse).resolve()),
            str(Path(reports or cfg.reports).resolve()),
            cron or cfg.cron,
            timezone or cfg.timezone,
            interval,
            workers=workers or cfg.workers,
            config_path=str(Path(cfg.source).resolve()) if cfg.source else None,
        )
    typer.echo("stopped", err=True)


class SqlFmt(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _open_for_reading(warehouse: Path | None):
    """A read-only connection, or a clear exit saying how to query while a run writes."""
    from statlint.warehouse import WarehouseError, connect, run_lock_holder

    path = str(warehouse or _config().warehouse)
    holder = run_lock_holder(path)
    if holder:  # even a reader would hold DuckDB's file lock and stall the run's next write
        _fail(
            f"{path}: a statlint run is writing it ({holder}); query a snapshot or Parquet export "
            "instead (see docs/warehouse.md), or wait for the run to finish"
        )
    try:
        return connect(path, read_only=True, wait_seconds=5)
    except WarehouseError as exc:
        hint = "\n(while a run writes, query a snapshot or Parquet export: see docs/warehouse.md)"
        _fail(f"{exc}{hint if 'in use' in str(exc) else ''}")


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL to run on a read-only connection to the warehouse.")],
    format: Annotated[SqlFmt, typer.Option("--format", "-f", help="Output format.")] = SqlFmt.table,
    warehouse: Annotated[Path | None, typer.Option(help="DuckDB warehouse file (or a snapshot).")] = None,
) -> None:
    """Query the warehouse (tables and v_* views, see docs/warehouse.md); it is opened read-only."""
    import duckdb

    from statlint.export import format_csv, format_json, run_query

    con = _open_for_reading(warehouse)
    try:
        columns, rows = run_query(con, query)
    except duckdb.Error as exc:
        _fail(f"query failed: {exc}")
    finally:
        con.close()
    if format is SqlFmt.csv:
        sys.stdout.write(format_csv(columns, rows))
    elif format is SqlFmt.json:
        sys.stdout.write(format_json(columns, rows))
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False)
        for c in columns:
            table.add_column(c, overflow="fold")
        for r in rows:
            table.add_row(*("" if v is None else str(v) for v in r))
        Console().print(table)
        typer.echo(f"{len(rows)} row(s)", err=True)


@app.command()
def export(
    parquet: Annotated[Path | None, typer.Option(help="Write each table and view to DIR as Parquet.")] = None,
    snapshot: Annotated[Path | None, typer.Option(help="Copy the warehouse to this DuckDB file.")] = None,
    warehouse: Annotated[Path | None, typer.Option(help="DuckDB warehouse file.")] = None,
) -> None:
    """Export the warehouse for reading while runs write it: Parquet files and/or a snapshot copy."""
    if parquet is None and snapshot is None:
        _fail("say what to export: --parquet DIR and/or --snapshot FILE")
    from statlint.export import export_parquet
    from statlint.export import snapshot as make_snapshot

    con = _open_for_reading(warehouse)
    try:
        if parquet is not None:
            files = export_parquet(con, parquet)
            typer.echo(f"wrote {len(files)} Parquet files to {parquet}/")
        if snapshot is not None:
            typer.echo(f"wrote snapshot {make_snapshot(con, snapshot)}")
    finally:
        con.close()


@app.command()
def docs(
    check: Annotated[bool, typer.Option(help="Only check the file is up to date (exit 1 if not).")] = False,
    out: Annotated[Path, typer.Option(help="Where the data dictionary goes.")] = Path("docs/warehouse.md"),
) -> None:
    """Regenerate the generated docs: data dictionary, rule catalogue and the README's tables."""
    from statlint.datadict import render_data_dictionary
    from statlint.readme import render
    from statlint.rules.docs import catalogue_markdown

    readme = Path("README.md")
    targets = {out: render_data_dictionary(), out.parent / "rules.md": catalogue_markdown()}
    if readme.exists():
        targets[readme] = render(readme.read_text("utf-8"))
    stale = [p for p, text in targets.items() if not p.exists() or p.read_text("utf-8") != text]
    if check:
        if stale:
            _fail(f"{', '.join(map(str, stale))} out of date; run `statlint docs`", code=1)
        typer.echo("generated docs are up to date")
        return
    for p in stale:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(targets[p], "utf-8")
        typer.echo(f"wrote {p}")


def main() -> None:  # pragma: no cover
    app()


if __name__ == "__main__":  # `python -m statlint.cli ...` as well as the `statlint` script
    main()
