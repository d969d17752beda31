"""The rule catalogue. Importing this package registers every rule; add a module here to add rules.

One module per category (window, conflict, attribution, ...), each rule one decorated function whose docstring
is its documentation. `catalogue_markdown()` renders the catalogue for docs/rules.md and `statlint rules`.
"""

from statlint.rules import (  # noqa: F401  (importing registers the rules)
    arithmetic,
    attribution,
    cited_document,
    conflict,
    cross_document,
    restatement,
    target_vs_actual,
    text_quality,
    window,
)
from statlint.rules.base import REGISTRY, Finding, Rule, RuleContext, Span, rule
from statlint.rules.docs import catalogue_markdown

__all__ = ["REGISTRY", "Finding", "Rule", "RuleContext", "Span", "catalogue_markdown", "rule"]
