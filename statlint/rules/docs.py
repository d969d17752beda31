"""The catalogue as Markdown (docs/rules.md, `statlint rules --format markdown`), generated from the
registry."""

from __future__ import annotations

from statlint.rules.base import CATEGORIES, Rule


def catalogue_markdown(rules: dict[str, Rule] | None = None) -> str:
    """Every rule: a summary table, then per category each rule's rationale and its bad and good example."""
    if rules is None:
        from statlint.rules.engine import load_rules

        rules = load_rules()
    lines = [
        "# Rule catalogue",
        "",
        "Generated from the rule registry (`statlint rules --format markdown`); do not edit by hand.",
        'Switch a rule off or re-grade it in `statlint.toml`: `[rules]` `SL101 = "off"` or '
        '`conflict = "error"`. Waive one finding with `statlint waive FINGERPRINT --reason ...`.',
        "",
        "| id | name | category | severity | what it finds |",
        "|---|---|---|---|---|",
    ]
    for r in rules.values():
        lines.append(f"| {r.id} | {r.name} | {r.category} | {r.severity} | {r.summary} |")
    for category in CATEGORIES:
        members = [r for r in rules.values() if r.category == category]
        if not members:
            continue
        lines += ["", f"## {category}"]
        for r in members:
            lines += [
                "",
                f"### {r.id} {r.name}",
                "",
                f"Default severity: **{r.severity}**.",
                "",
                r.rationale,
                "",
                "Anti-pattern:",
                "",
                f"> {r.bad}",
                "",
                "Best practice:",
                "",
                f"> {r.good}",
            ]
    return "\n".join(lines) + "\n"
