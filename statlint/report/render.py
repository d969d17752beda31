"""Render reports with Jinja2; autoescaping is on for HTML so document text can never become markup."""

from __future__ import annotations

import re
from functools import lru_cache

from jinja2 import Environment, PackageLoader

from statlint.report.charts import SEVERITY_COLORS, section_chart, sparkline, year_chart
from statlint.report.model import DocumentReport


def _autoescape(name: str | None) -> bool:
    """HTML-escape everything except Markdown templates, which escape with `md_escape` instead.

    (HTML entities in Markdown would show literally as `&lt;` in a git viewer.)
    """
    return name is None or not name.endswith(".md.j2")


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("statlint.report", "templates"),
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["md_escape"] = md_escape
    env.filters["report_stem"] = report_stem
    env.globals["severity_colors"] = SEVERITY_COLORS
    return env


RESERVED_STEMS = frozenset({"index", "findings"})  # index.html, index.md and findings.json are the run's


def report_stem(doc_id: str) -> str:
    """The file name (without suffix) of a document's report: doc ids are already slugs, but a report must
    never be written outside its folder or linked as a URL scheme, whatever the warehouse holds."""
    stem = re.sub(r"[^\w.-]+", "_", doc_id).strip("._") or "document"
    return f"{stem}_doc" if stem.lower() in RESERVED_STEMS else stem


def md_escape(text: str) -> str:
    """Escape Markdown and HTML specials so quoted document text renders as text in git viewers."""
    out = []
    for ch in str(text):
        if ch in "\\`*_{}[]<>()#+-!|~&":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def render_html(rep: DocumentReport) -> str:
    return (
        _env()
        .get_template("document.html.j2")
        .render(
            rep=rep,
            years_svg=year_chart(rep.year_counts, rep.window),
            sections_svg=section_chart(rep.findings_by_section()),
        )
    )


def render_markdown(rep: DocumentReport) -> str:
    return _env().get_template("document.md.j2").render(rep=rep)


def render_index(reports: list[DocumentReport]) -> str:
    sparks = {r.doc_id: sparkline(r.year_totals, r.window) for r in reports}
    return _env().get_template("index.html.j2").render(reports=reports, sparks=sparks)
