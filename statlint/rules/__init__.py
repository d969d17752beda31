"""The rule catalogue. Importing this package registers every rule; add a module here to add rules."""

from statlint.rules import window  # noqa: F401
from statlint.rules.base import REGISTRY, Finding, Rule, RuleContext, Span, rule

__all__ = ["REGISTRY", "Finding", "Rule", "RuleContext", "Span", "rule"]
