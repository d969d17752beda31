"""What a rule is and what it yields: the registry's vocabulary.

A rule is data (id, name, category, severity, rationale, a bad and a good example) plus one function that
reads
the warehouse and yields Findings. Rules register themselves with @rule; `statlint rules`, docs/rules.md
and the
fixture tests all read the same registry, so the documentation cannot drift from the code.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import duckdb

SEVERITIES = ("error", "warning", "info")
# Category -> the hundreds digit of its rule ids (SL1xx window ... SL9xx cross_document).
CATEGORIES = {
    "window": 1,
    "conflict": 2,
    "attribution": 3,
    "restatement": 4,
    "target_vs_actual": 5,
    "arithmetic": 6,
    "cited_document": 7,
    "text_quality": 8,
    "cross_document": 9,
}
RULE_ID = re.compile(r"^SL([1-9])\d\d$")


@dataclass(frozen=True)
class Span:
    """A quoted piece of a document: raw-file offsets, the text there, and the section it sits in."""

    doc_id: str
    start: int
    end: int
    text: str
    section_path: str | None = None

    def as_dict(self) -> dict:
        return {
            "doc_id": self.doc_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "section_path": self.section_path,
        }


@dataclass
class Finding:
    """One place where the report cannot be right as written.

    `key` is built from normalized content (metric, scope, year, values, quoted words), never from offsets, so
    the fingerprint survives re-ingestion and edits elsewhere in the document."""

    rule: str
    doc_id: str | None
    message: str
    message_en: str
    evidence: list[Span]
    key: str
    suggestion: str | None = None
    severity: str | None = None  # overrides the rule's default for this finding (graded rules)

    def fingerprint(self) -> str:
        """Same rule, document and key -> same fingerprint, whatever the offsets or the run."""
        h = hashlib.sha256(json.dumps([self.rule, self.doc_id, self.key], ensure_ascii=False).encode())
        return h.hexdigest()[:16]


@dataclass
class RuleContext:
    """What a rule reads: the warehouse connection, the documents in scope, options, and shared staging."""

    con: duckdb.DuckDBPyConnection
    doc_ids: list[str] | None = None  # None: all documents
    options: dict = field(default_factory=dict)
    _prepared: set[str] = field(default_factory=set)
    _scripts: dict[str, str | None] | None = None

    def doc_filter(self, column: str = "doc_id") -> tuple[str, list]:
        """A SQL predicate and its parameters restricting a query to the documents in scope."""
        if self.doc_ids is None:
            return "TRUE", []
        marks = ", ".join("?" for _ in self.doc_ids) or "NULL"
        return f"{column} IN ({marks})", list(self.doc_ids)

    def once(self, name: str, build: Callable[[RuleContext], None]) -> None:
        """Build a shared staging table the first time a rule asks for it (facts used by several rules)."""
        if name not in self._prepared:
            build(self)
            self._prepared.add(name)

    def provide(self, name: str) -> None:
        """Record that a staging table `once` would build is already there (made by the caller)."""
        self._prepared.add(name)

    def script(self, doc_id: str | None) -> str | None:
        """The document's script, so messages are written the way the document is."""
        if self._scripts is None:
            self._scripts = dict(self.con.execute("SELECT doc_id, script FROM documents").fetchall())
        return self._scripts.get(doc_id) if doc_id else None

    def say(self, message: str, doc_id: str | None) -> str:
        """A Simplified Chinese message in the document's own script."""
        from statlint.rules.language import in_script

        return in_script(message, self.script(doc_id))


RuleFunc = Callable[[RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    category: str
    severity: str
    rationale: str
    bad: str
    good: str
    func: RuleFunc

    @property
    def summary(self) -> str:
        return self.rationale.strip().split(". ")[0].rstrip(".") + "."


REGISTRY: dict[str, Rule] = {}


def rule(
    id: str, name: str, category: str, severity: str, bad: str, good: str
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule; its docstring is its rationale (the user documentation)."""

    def register(func: RuleFunc) -> RuleFunc:
        m = RULE_ID.match(id)
        if not m or CATEGORIES.get(category) != int(m.group(1)):
            raise ValueError(
                f"rule id {id} does not fit category {category} (SL{CATEGORIES.get(category)}xx)"
            )
        if severity not in SEVERITIES:
            raise ValueError(f"rule {id}: severity must be one of {SEVERITIES}")
        if id in REGISTRY:
            raise ValueError(f"rule id {id} registered twice")
        if not func.__doc__:
            raise ValueError(f"rule {id} needs a docstring: it is the rule's documentation")
        REGISTRY[id] = Rule(id, name, category, severity, unwrap(func.__doc__), bad, good, func)
        return func

    return register


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def unwrap(doc: str) -> str:
    """A docstring as one paragraph: wrapped lines joined with a space, except between two Chinese characters
    (Chinese has no spaces, so a line break there must not become one)."""
    out = ""
    for line in (part.strip() for part in doc.splitlines()):
        if not line:
            continue
        out += ("" if not out or (_wide(out[-1]) and _wide(line[0])) else " ") + line
    return out


def spans(doc_id: str, rows: Iterable[tuple[int, int, str, str | None]]) -> list[Span]:
    """Evidence spans from (start, end, text, section_path) rows, in document order, without duplicates."""
    out = {(a, b): Span(doc_id, a, b, t, p) for a, b, t, p in rows}
    return [out[k] for k in sorted(out)]
