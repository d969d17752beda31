"""A finding's quotes are built in Python (`quotes_html`, `quotes_md`); they must read exactly as the plain
template loops they replaced, escaping included, on every branch: other documents, no sentence, no section."""

from __future__ import annotations

import random

from jinja2 import Environment

from statlint.report.model import Quote
from statlint.report.render import md_escape, quotes_html, quotes_md, report_stem
from statlint.report.text import Mark, Segment

SEGMENTS = (
    '{% for s in q.segments %}{% if s.marks %}<mark class="{{ s.classes }}"{% if s.title %} '
    'title="{{ s.title }}"{% endif %}>{{ s.text }}</mark>{% else %}{{ s.text }}{% endif %}{% endfor %}'
)
HTML = (
    "{% for q in quotes %}\n"
    '<blockquote><div class="path">§ {{ q.section_path or "—" }}{% if q.section_title %} '
    '{{ q.section_title }}{% endif %}{% if q.doc_id != doc_id %} · in <a href="./{{ q.doc_id|report_stem }}'
    '.html">{{ q.doc_id }}</a>{% endif %}{% if q.sentence_id is not none %} · <a href="'
    '{% if q.doc_id != doc_id %}./{{ q.doc_id|report_stem }}.html{% endif %}#s{{ q.sentence_id }}">'
    "in the text ↓</a>{% endif %}</div>"
    f"{SEGMENTS}</blockquote>\n"
    "{% endfor %}\n"
)
MD = (
    "{% for q in quotes %}\n"
    '> § {{ (q.section_path or "—")|md_escape }}{% if q.section_title %} {{ q.section_title|md_escape }}'
    "{% endif %}: {{ q.segments|segs_md }}\n"
    "\n"
    "{% endfor %}\n"
)


def _segments_md(segs: list[Segment]) -> str:
    return "".join(f"**{md_escape(s.text)}**" if s.marks else md_escape(s.text) for s in segs)


def _env(autoescape: bool) -> Environment:
    env = Environment(autoescape=autoescape, trim_blocks=True, lstrip_blocks=True)
    env.filters["md_escape"] = md_escape
    env.filters["report_stem"] = report_stem
    env.filters["segs_md"] = _segments_md
    return env


def _quote(rng: random.Random) -> Quote:
    words = ["規模", "50.2萬億元", "<b>", "&amp;", '"x"', "'y'", "(一)", "*a*", "\n", " "]
    segments = []
    for _ in range(rng.randint(1, 4)):
        marks = tuple(
            Mark(0, 1, rng.choice(["ev error", "stat", "ev"]), rng.choice(["", "t<1>", 'a "b"', "c & d"]))
            for _ in range(rng.choice([0, 0, 1, 2]))
        )
        segments.append(Segment("".join(rng.choices(words, k=rng.randint(1, 3))), marks))
    return Quote(
        doc_id=rng.choice(["doc", "doc", "other_doc", "index", "a b/c"]),
        sentence_id=rng.choice([None, 0, 7, 123]),
        section_path=rng.choice(["", "一", "一/二/3", "<i>/&"]),
        section_title=rng.choice(["", "(一)總論", "<i>分析</i>", "a & b"]),
        segments=segments,
        start=0,
    )


def test_quotes_read_as_the_template_loops_they_replaced() -> None:
    rng = random.Random(5)
    html, md = _env(True).from_string(HTML), _env(False).from_string(MD)
    for _ in range(500):
        quotes = [_quote(rng) for _ in range(rng.randint(1, 4))]
        assert quotes_html(quotes, "doc") + "\n" == html.render(quotes=quotes, doc_id="doc")
        assert quotes_md(quotes) + "\n\n" == md.render(quotes=quotes)
