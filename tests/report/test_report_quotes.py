"""A finding's quotes (`quotes_html`, `quotes_md`) and the annotated text (`text_html`) are built in Python;
they must read exactly as the plain template loops they replaced, escaping included, on every branch: other
documents, no sentence, no section, headings, several marks on one piece, back-links."""

from __future__ import annotations

import random

from jinja2 import Environment

from statlint.report.model import FindingView, Quote, TextBlock
from statlint.report.render import md_escape, quotes_html, quotes_md, report_stem, text_html
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


TEXT = (
    "{% for b in blocks %}"
    '<p{% if b.heading_level %} class="h h{{ b.heading_level }}"{% endif %}>'
    "{% for sid, q, fs in b.sentences %}"
    f'<span class="s" id="s{{{{ sid }}}}">{SEGMENTS}</span>'
    '{% if fs %}<sup class="back">{% for f in fs %}<a class="{{ f.severity }}" href="#f-{{ f.fingerprint }}" '
    'title="{{ f.rule }} {{ f.severity }}: {{ f.message }}">{{ f.rule }}</a>{% endfor %}</sup>{% endif %}'
    "{% endfor %}</p>{{ '\\n' if not loop.last else '' }}{% endfor %}"
)
WORDS = [
    "規模",
    "50.2萬億元",
    "<b>",
    "<script>alert(1)</script>",
    "&amp;",
    "&",
    '"x"',
    "'y'",
    "(一)",
    "*a*",
    "\n",
    " ",
]


def _segments(rng: random.Random) -> list[Segment]:
    segments = []
    for _ in range(rng.randint(1, 4)):
        marks = tuple(
            Mark(
                0,
                1,
                rng.choice(["ev error", "stat", "ev", "<i>"]),
                rng.choice(["", "t<1>", 'a "b"', "c & d"]),
            )
            for _ in range(rng.choice([0, 0, 1, 2, 3]))
        )
        segments.append(Segment("".join(rng.choices(WORDS, k=rng.randint(1, 3))), marks))
    return segments


def _quote(rng: random.Random) -> Quote:
    segments = _segments(rng)
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


def test_annotated_text_reads_as_the_template_loop_it_replaced() -> None:
    """Document text with markup, ampersands and quotes in plain and highlighted pieces, in hover texts and
    in the findings linked back, is escaped as Jinja's autoescape escapes it."""
    rng = random.Random(9)
    template = _env(True).from_string(TEXT)
    findings = [
        FindingView(
            rng.choice(["0f3a", '"><script>']),
            rng.choice(["SL101", "SL<b>"]),
            "name",
            "category",
            rng.choice(["error", "warning", "x'y"]),
            rng.choice(["規模 & 增速", '"<i>"']),
            "message",
            None,
            False,
            None,
            0,
            "doc",
        )
        for _ in range(4)
    ]
    for _ in range(500):
        blocks = [
            TextBlock(
                rng.choice([None, None, 1, 2, 3]),
                [
                    (
                        rng.randint(0, 500),
                        _segments(rng),
                        rng.sample(findings, rng.choice([0, 0, 0, 1, 2])),
                    )
                    for _ in range(rng.randint(1, 3))
                ],
            )
            for _ in range(rng.randint(1, 4))
        ]
        # The template's loop variable is named `q` so that SEGMENTS reads q.segments from it.
        html = template.render(blocks=[_as_quotes(b) for b in blocks])
        assert text_html(blocks) == html
    assert text_html([]) == '<p class="muted">No text.</p>'


def _as_quotes(block: TextBlock) -> TextBlock:
    """`block` with each sentence's segments wrapped as a quote's, for the shared SEGMENTS loop."""
    return TextBlock(
        block.heading_level,
        [(sid, Quote("doc", sid, "", "", segs, 0), fs) for sid, segs, fs in block.sentences],
    )
