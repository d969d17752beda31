"""Run the rule catalogue over the warehouse: configuration applied, crashes contained, findings framed."""

from __future__ import annotations

import datetime as dt
import json
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from json.encoder import encode_basestring

import polars as pl

from statlint.rules.base import REGISTRY, Finding, Rule, RuleContext, Span

# What `[rules]` in statlint.toml may say of a rule id or a category.
SETTINGS = ("on", "off", "error", "warning", "info")


@dataclass
class RuleConfig:
    """Which rules run and at what severity: {'SL101': 'off' | 'on' | 'error' | 'warning' | 'info'}, keyed by
    rule id or by category (`conflict = "error"`); a rule's own entry wins over its category's."""

    overrides: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        bad = {k: v for k, v in self.overrides.items() if v not in SETTINGS}
        if bad:
            raise ValueError(
                f"[rules]: {', '.join(f'{k} = {v!r}' for k, v in bad.items())}: "
                f"each value must be one of {', '.join(SETTINGS)}"
            )

    def unknown(self) -> list[str]:
        """Keys that name no rule and no category (a typo would otherwise silently do nothing)."""
        from statlint.rules.base import CATEGORIES

        rules = load_rules()
        return sorted(k for k in self.overrides if k not in rules and k not in CATEGORIES)

    def enabled(self, r: Rule) -> bool:
        return self.overrides.get(r.id, self.overrides.get(r.category, "on")) != "off"

    def severity(self, r: Rule, finding: Finding) -> str:
        forced = self.overrides.get(r.id, self.overrides.get(r.category))
        if forced in {"error", "warning", "info"}:
            return forced
        return finding.severity or r.severity


def load_rules() -> dict[str, Rule]:
    import statlint.rules  # noqa: F401 - importing the package registers every rule module

    return dict(sorted(REGISTRY.items()))


def run_rules(ctx: RuleContext, config: RuleConfig | None = None) -> list[tuple[Rule, Finding]]:
    """Run every enabled rule; a rule that raises becomes one error finding of category rule_error and the
    others still run. Seconds per rule are left in ctx.options['timings'] (the benchmark reads them)."""
    config = config or RuleConfig()
    out: list[tuple[Rule, Finding]] = []
    timings = ctx.options.setdefault("timings", {})
    for r in load_rules().values():
        if not config.enabled(r):
            continue
        started = time.perf_counter()
        try:
            found = list(r.func(ctx))
        except Exception as exc:  # a broken rule is reported as a finding of that rule; the run goes on
            found = [_crash_finding(r, exc)]
            out.extend((_crashed(r), f) for f in found)
            timings[r.id] = time.perf_counter() - started
            continue
        timings[r.id] = time.perf_counter() - started
        for f in found:
            f.severity = config.severity(r, f)
            out.append((r, f))
    return out


# Findings are turned into frames this many at a time by `stream_frames`: Finding and Span objects cost far
# more memory than their columns (at 1,000 documents, 28,000 findings quote 400,000 spans).
FRAME_CHUNK = 2000


def stream_frames(
    ctx: RuleContext,
    config: RuleConfig | None,
    run_id: str,
    waivers: dict[str, str] | None = None,
    chunk: int = FRAME_CHUNK,
    select: Callable[[Rule], bool] | None = None,
    now: dt.datetime | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """What `findings_frames(run_rules(...))` gives, without ever holding every finding as objects: each
    rule's findings become frames a chunk at a time. A rule that raises still contributes only its crash
    finding (the chunks it produced before are dropped), as in `run_rules`. `select` runs a subset of the
    enabled rules (the per-document ones, say)."""
    config = config or RuleConfig()
    timings = ctx.options.setdefault("timings", {})
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    seen: set[str] = set()
    finding_frames: list[pl.DataFrame] = []
    evidence_frames: list[pl.DataFrame] = []
    for r in load_rules().values():
        if not config.enabled(r) or (select is not None and not select(r)):
            continue
        started = time.perf_counter()
        mine: list[tuple[pl.DataFrame, pl.DataFrame]] = []
        mine_seen: set[str] = set()
        batch: list[tuple[Rule, Finding]] = []
        try:
            for f in r.func(ctx):
                f.severity = config.severity(r, f)
                batch.append((r, f))
                if len(batch) >= chunk:
                    mine.append(findings_frames(batch, run_id, waivers, seen | mine_seen, mine_seen, now))
                    batch = []
            if batch:
                mine.append(findings_frames(batch, run_id, waivers, seen | mine_seen, mine_seen, now))
        except Exception as exc:  # as in run_rules: the rule's one crash finding, the others go on
            crash = _crash_finding(r, exc)
            mine_seen = set()
            mine = [findings_frames([(_crashed(r), crash)], run_id, waivers, seen, mine_seen, now)]
        timings[r.id] = timings.get(r.id, 0.0) + time.perf_counter() - started
        seen |= mine_seen
        for fr, ev in mine:
            finding_frames.append(fr)
            evidence_frames.append(ev)
    if not finding_frames:
        return findings_frames([], run_id, waivers, now=now)
    return pl.concat(finding_frames, how="vertical"), pl.concat(evidence_frames, how="vertical")


def _crash_finding(r: Rule, exc: Exception) -> Finding:
    """The one finding a rule that raised leaves (category rule_error once paired with `_crashed(r)`)."""
    return Finding(
        rule=r.id,
        doc_id=None,
        severity="error",
        message=f"规则 {r.id} 运行失败：{type(exc).__name__}: {exc}",
        message_en=f"rule {r.id} crashed: {type(exc).__name__}: {exc}",
        evidence=[],
        key=f"crash|{type(exc).__name__}",
        suggestion="".join(traceback.format_exception_only(exc)).strip(),
    )


def _crashed(r: Rule) -> Rule:
    return Rule(r.id, r.name, "rule_error", "error", r.rationale, r.bad, r.good, r.func)


def findings_frames(
    results: list[tuple[Rule, Finding]],
    run_id: str,
    waivers: dict[str, str] | None = None,
    skip: set[str] | None = None,
    added: set[str] | None = None,
    now: dt.datetime | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The findings and finding_evidence frames of these results, the first of each fingerprint kept;
    `skip` holds fingerprints already taken (by earlier chunks), and `added` receives the ones taken here."""
    from statlint.ingest import _polars_types, frame

    waivers = waivers or {}
    now = now or dt.datetime.now(dt.UTC).replace(tzinfo=None)
    rows: list[dict] = []
    seen: set[str] = set(skip) if skip else set()
    # Evidence rows are many (one per quoted span: ~400 per document at 1,000 documents): built as columns,
    # not as one dict per row, so memory stays a fraction of the dicts'.
    ev_types = _polars_types("finding_evidence")
    ev: dict[str, list] = {c: [] for c in ev_types}
    ev_extra = [c for c in ev_types if c not in _EV_COLUMNS]
    ev_fp, ev_ordinal, ev_doc, ev_start, ev_end, ev_text, ev_path = (ev[c] for c in _EV_COLUMNS)
    for r, f in results:
        fp = f.fingerprint()
        if fp in seen:
            continue
        seen.add(fp)
        if added is not None:
            added.add(fp)
        spans = f.evidence
        n = len(spans)
        starts = [sp.start for sp in spans]
        rows.append(
            {
                "fingerprint": fp,
                "rule": r.id,
                "rule_name": r.name,
                "category": r.category,
                "severity": f.severity or r.severity,
                "doc_id": f.doc_id,
                "message": f.message,
                "message_en": f.message_en,
                "suggestion": f.suggestion,
                "evidence": evidence_json(spans),
                "position": min(starts, default=None),
                "waived": fp in waivers,
                "waiver_reason": waivers.get(fp),
                "run_id": run_id,
                "created_at": now,
            }
        )
        # A column at a time per finding rather than seven appends per span (SL101 alone quotes 365,000
        # spans at 1,000 documents).
        ev_fp += [fp] * n
        ev_ordinal += range(n)
        ev_doc += [sp.doc_id for sp in spans]
        ev_start += starts
        ev_end += [sp.end for sp in spans]
        ev_text += [sp.text for sp in spans]
        ev_path += [sp.section_path for sp in spans]
        for c in ev_extra:  # columns the evidence table may gain: null, as frame() makes them
            ev[c] += [None] * n
    evidence = (
        pl.DataFrame(ev, schema=ev_types, strict=False)
        if ev["fingerprint"]
        else frame("finding_evidence", [])
    )
    return frame("findings", rows), evidence


# The finding_evidence columns filled from a finding and its spans.
_EV_COLUMNS = ("fingerprint", "ordinal", "doc_id", "start", "end", "text", "section_path")


def evidence_json(spans: list[Span]) -> str:
    """`json.dumps([s.as_dict() for s in spans], ensure_ascii=False)`, written directly when every field has
    the type a span is declared with (str, int, str|None): the same text in well under half the time, which
    mattered at 400,000 spans. Anything else goes through json.dumps."""
    if not all(
        type(s.doc_id) is str
        and type(s.start) is int
        and type(s.end) is int
        and type(s.text) is str
        and (s.section_path is None or type(s.section_path) is str)
        for s in spans
    ):
        return json.dumps([s.as_dict() for s in spans], ensure_ascii=False)
    q = encode_basestring  # the C function json.dumps quotes strings with when ensure_ascii is False
    return (
        "["
        + ", ".join(
            f'{{"doc_id": {q(s.doc_id)}, "start": {s.start}, "end": {s.end}, "text": {q(s.text)}, '
            f'"section_path": {"null" if s.section_path is None else q(s.section_path)}}}'
            for s in spans
        )
        + "]"
    )
