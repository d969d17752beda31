"""Render reports with Jinja2; autoescaping is on for HTML so document text can never become markup."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from statlint.report.charts import SEVERITY_COLORS, section_chart, sparkline, year_chart
from statlint.report.model import AnnotatedText, DocumentReport, FindingView, Quote
from statlint.report.text import Mark, Repair, Segment, merged_pieces


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
        auto_reload=False,  # package files: not checked on disk at every render
    )
    env.filters["md_escape"] = md_escape
    env.filters["report_stem"] = report_stem
    env.globals["text_html"] = text_html
    env.globals["quotes_html"] = quotes_html
    env.globals["quotes_md"] = quotes_md
    env.globals["severity_colors"] = SEVERITY_COLORS
    return env


RESERVED_STEMS = frozenset({"index", "findings"})  # index.html, index.md and findings.json are the run's


def report_stem(doc_id: str) -> str:
    """The file name (without suffix) of a document's report: doc ids are already slugs, but a report must
    never be written outside its folder or linked as a URL scheme, whatever the warehouse holds."""
    stem = re.sub(r"[^\w.-]+", "_", doc_id).strip("._") or "document"
    return f"{stem}_doc" if stem.lower() in RESERVED_STEMS else stem


_MD_ESCAPES = str.maketrans({**{ch: "\\" + ch for ch in "\\`*_{}[]<>()#+-!|~&"}, "\n": " "})
# Whether a text holds any character `_MD_ESCAPES` changes: a search is ten times quicker than a translate
# of Chinese text, which mostly has none.
_MD_SPECIAL = re.compile("[" + re.escape("".join(map(chr, _MD_ESCAPES))) + "]")


def md_escape(text: str) -> str:
    """Escape Markdown and HTML specials so quoted document text renders as text in git viewers."""
    text = str(text)
    return text.translate(_MD_ESCAPES) if _MD_SPECIAL.search(text) else text


# The per-sentence parts of a report (the annotated text, the findings' quotes) are built here as strings
# rather than by template calls: a report has hundreds of sentences and quotes and thousands of segments, and
# a Jinja macro call per segment list cost more than everything else in the report. Every value is escaped
# exactly as Jinja's autoescape (markupsafe) does.


try:
    # markupsafe's escaping of a str (what markupsafe.escape, so Jinja's autoescape, runs), without building
    # a Markup: in C, several times quicker than testing and replacing each special character in Python.
    from markupsafe import _escape_inner as _esc_str
except ImportError:  # markupsafe before 3.0

    def _esc_str(s: str, /) -> str:
        return str(escape(s))


def _esc(value: object) -> str:
    """markupsafe.escape for the plain strings and numbers a report holds, without building Markup objects."""
    return _esc_str(str(value))


def _marked_html(text: str, marks: tuple[Mark, ...]) -> str:
    """A marked piece: a <mark> of its marks' classes and titles, all escaped."""
    if len(marks) == 1:  # most marked pieces: the mark's own class and title
        kind, title = marks[0].kind, marks[0].title
    elif len(marks) == 2:  # most others (a statistic cited as evidence): the same, without dicts and joins
        (_, _, kind, title), (_, _, kind2, title2) = marks
        if kind2 != kind:
            kind = f"{kind} {kind2}"
        if title2 and title2 != title:
            title = f"{title} | {title2}" if title else title2
    else:
        kind = " ".join(dict.fromkeys(m.kind for m in marks))
        title = " | ".join(dict.fromkeys(m.title for m in marks if m.title))
    if title:
        return f'<mark class="{_esc_str(kind)}" title="{_esc_str(title)}">{_esc_str(text)}</mark>'
    return f'<mark class="{_esc_str(kind)}">{_esc_str(text)}</mark>'


def _append_segments_html(out: list[str], segs: list[Segment]) -> None:
    """Segments as HTML: marked pieces in <mark>s, all text escaped."""
    for text, marks in segs:
        out.append(_marked_html(text, marks) if marks else _esc_str(text))


def quotes_md(quotes: list[Quote]) -> str:
    """A finding's quotes as Markdown block quotes, a paragraph each: section, then the text, marked pieces
    in bold, all text escaped."""
    search, table = _MD_SPECIAL.search, _MD_ESCAPES  # md_escape, inlined for the pieces
    lines = []
    for q in quotes:
        parts = [f"> § {md_escape(q.section_path or '—')}"]
        if q.section_title:
            parts.append(f" {md_escape(q.section_title)}")
        parts.append(": ")
        for text, marks in q.segments:
            if search(text):
                text = text.translate(table)
            parts.append(f"**{text}**" if marks else text)
        lines.append("".join(parts))
    return "\n\n".join(lines)


def text_html(text: AnnotatedText) -> Markup:
    """The annotated text: a <p> per paragraph or heading, each sentence an anchor, back-links to the
    findings citing it; sentences showing nothing but blanks are left out. Sentence ids and heading levels
    are numbers (nothing to escape)."""
    near = text.index.near
    backlinks: dict[int, str] = {}  # id(finding) -> its link, the same wherever it cites a sentence
    out: list[str] = []
    block: tuple[int, bool] | None = None  # (paragraph, is_heading) of the block being written
    for sid, start, _end, sentence, path, paragraph, is_heading in text.sentences:
        first = len(out)
        out.append(f'<span class="s" id="s{sid}">')
        if not _append_sentence_html(out, sentence, start, near(start, start + len(sentence))):
            del out[first:]
            continue
        if block != (paragraph, bool(is_heading)) or is_heading:  # a new block starts with this sentence
            level = (path.count("/") + 1) if is_heading and path else (1 if is_heading else None)
            opening = f'<p class="h h{level}">' if level else "<p>"
            out[first] = ("</p>\n" if first else "") + opening + out[first]  # closing the block before
            block = (paragraph, bool(is_heading))
        fs = text.citing.get(sid)
        if fs:
            out.append('</span><sup class="back">')
            for f in fs:
                link = backlinks.get(id(f))
                if link is None:
                    link = backlinks[id(f)] = _backlink(f)
                out.append(link)
            out.append("</sup>")
        else:
            out.append("</span>")
    if not out:
        return Markup('<p class="muted">No text.</p>')
    out.append("</p>")
    return Markup("".join(out))


def _append_sentence_html(out: list[str], text: str, base: int, spans: list[Mark | Repair]) -> bool:
    """Append the segments of `text` (raw offset `base`) under `spans` as HTML; False, with nothing
    appended, if they show nothing but blanks (or nothing)."""
    first, shown = len(out), False
    for piece, marks in merged_pieces(text, base, spans):
        shown = shown or not piece.isspace()
        out.append(_marked_html(piece, marks) if marks else _esc_str(piece))
    if not shown:
        del out[first:]
    return shown


def _backlink(f: FindingView) -> str:
    title = f"{_esc(f.rule)} {_esc(f.severity)}: {_esc(f.message)}"
    return f'<a class="{_esc(f.severity)}" href="#f-{_esc(f.fingerprint)}" title="{title}">{_esc(f.rule)}</a>'


def quotes_html(quotes: list[Quote], doc_id: str) -> Markup:
    """A finding's quotes, a line each: where it is (section, other document, link to the sentence), then
    its text."""
    lines = []
    for q in quotes:
        other = q.doc_id != doc_id
        page = f"./{_esc(report_stem(q.doc_id))}.html" if other else ""
        parts = [f'<blockquote><div class="path">§ {_esc(q.section_path or "—")}']
        if q.section_title:
            parts.append(f" {_esc(q.section_title)}")
        if other:
            parts.append(f' · in <a href="{page}">{_esc(q.doc_id)}</a>')
        if q.sentence_id is not None:
            parts.append(f' · <a href="{page}#s{_esc(q.sentence_id)}">in the text ↓</a>')
        parts.append("</div>")
        _append_segments_html(parts, q.segments)
        parts.append("</blockquote>")
        lines.append("".join(parts))
    return Markup("\n".join(lines))


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
    # Counted here in one pass: a chain of Jinja filters per severity took most of the index's time.
    severity_totals = Counter(f.severity for r in reports for f in r.findings)
    return (
        _env()
        .get_template("index.html.j2")
        .render(reports=reports, sparks=sparks, severity_totals=severity_totals)
    )
