"""What a rule is and what it yields: the registry's vocabulary.

A rule is data (id, name, category, severity, rationale, a bad and a good example) plus one function that reads
the warehouse and yields Findings. Rules register themselves with @rule; the README table, `statlint rules` and
the fixture tests all read the same registry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import duckdb


@dataclass(frozen=True)
class Span:
    doc_id: str
    start: int
    end: int
    text: str
    section_path: str | None = None

    def as_dict(self) -> dict:
        return {"doc_id": self.doc_id, "start": self.start, "end": self.end, "text": self.text,
                "section_path": self.section_path}


@dataclass
class Finding:
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
    con: duckdb.DuckDBPyConnection
    doc_ids: list[str] | None = None  # None: all documents
    options: dict = field(default_factory=dict)

    def doc_filter(self, column: str = "doc_id") -> tuple[str, list]:
        """A SQL predicate and its parameters restricting a query to the documents in scope."""
        if self.doc_ids is None:
            return "TRUE", []
        marks = ", ".join("?" for _ in self.doc_ids) or "NULL"
        return f"{column} IN ({marks})", list(self.doc_ids)


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
        return self.rationale.strip().split("\n")[0]


REGISTRY: dict[str, Rule] = {}


def rule(id: str, name: str, category: str, severity: str, bad: str, good: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule; its docstring is its rationale (the user documentation)."""

    def register(func: RuleFunc) -> RuleFunc:
        if id in REGISTRY:
            raise ValueError(f"rule id {id} registered twice")
        REGISTRY[id] = Rule(id, name, category, severity, " ".join((func.__doc__ or "").split()), bad, good, func)
        return func

    return register
