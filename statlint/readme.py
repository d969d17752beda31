"""The README's generated sections (rule table, warehouse tables, CLI), kept between marker comments.

The registry, the schemas and the CLI are the single sources; `statlint docs` rewrites the marked sections and
a test fails when the README has drifted from them.
"""

from __future__ import annotations

import re


def rules_table() -> str:
    from statlint.rules.engine import load_rules

    lines = ["| id | name | category | severity | what it finds |", "|---|---|---|---|---|"]
    for r in load_rules().values():
        lines.append(f"| {r.id} | {r.name} | {r.category} | {r.severity} | {r.summary} |")
    return "\n".join(lines)


def tables_table() -> str:
    from schemas import TABLES

    lines = ["| table | key | what it holds |", "|---|---|---|"]
    for t in TABLES.values():
        lines.append(f"| `{t.name}` | {', '.join(t.key)} | {t.description} |")
    return "\n".join(lines)


def cli_table() -> str:
    import typer.main

    from statlint.cli import app

    group = typer.main.get_command(app)
    lines = ["| command | what it does |", "|---|---|"]
    for name, cmd in sorted(group.commands.items()):  # type: ignore[attr-defined]
        paragraph = " ".join((cmd.help or "").strip().split("\n\n")[0].split())
        summary = re.split(r"(?<=[.;])\s", paragraph, maxsplit=1)[0]
        lines.append(f"| `statlint {name}` | {summary} |")
    return "\n".join(lines)


SECTIONS = {"rules": rules_table, "tables": tables_table, "cli": cli_table}


def render(readme: str) -> str:
    """The README with every marked section regenerated."""
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n)(?:.*?\n)?(<!-- {name}:end -->)", re.S)
        if not pattern.search(readme):
            raise ValueError(f"README has no <!-- {name}:start --> ... <!-- {name}:end --> section")
        readme = pattern.sub(lambda m, make=make: m.group(1) + make() + "\n" + m.group(2), readme)
    return readme
