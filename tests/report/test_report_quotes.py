"""A finding's quotes (`quotes_html`, `quotes_md`) and the annotated text (`text_html`) are built in Python;
they must read exactly as the plain template loops they replaced, escaping included, on every branch: other
documents, no sentence, no section, headings, blank sentences, overlapping and repeated marks, repairs,
back-links."""

from __future__ import annotations

import random
from typing import NamedTuple

from jinja2 import Environment

from statlint.report.model import AnnotatedText, FindingView, Quote
from statlint.report.render import md_escape, quotes_html, quotes_md, report_stem, text_html
from statlint.report.text import Mark, Repair, Segment, merge_spans, segments

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
    "{% for sid, segs, fs in b.sentences %}"
    f'<span class="s" id="s{{{{ sid }}}}">{SEGMENTS.replace("q.segments", "segs")}</span>'
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


def _blocks(text: AnnotatedText) -> list[tuple[int | None, list[tuple]]]:
    """The annotated text as (heading level, [(sentence id, segments, citing findings)]) blocks, as the model
    built it before `text_html` cut the sentences itself: non-blank sentences grouped by paragraph, each
    heading a block of its own."""
    blocks: list[tuple[int | None, list[tuple]]] = []
    current = None
    for sid, start, _end, sentence, path, paragraph, is_heading in text.sentences:
        segs = segments(sentence, start, *_split(text.index.near(start, start + len(sentence))))
        if not any(s.text.strip() for s in segs):
            continue
        level = (path.count("/") + 1) if is_heading and path else (1 if is_heading else None)
        if current != (paragraph, bool(is_heading)) or is_heading:
            blocks.append((level, []))
            current = (paragraph, bool(is_heading))
        blocks[-1][1].append((sid, segs, text.citing.get(sid, [])))
    return blocks


def _split(spans: list[Mark | Repair]) -> tuple[list[Mark], list[Repair]]:
    return [s for s in spans if isinstance(s, Mark)], [s for s in spans if isinstance(s, Repair)]


def _text(rng: random.Random, findings: list[FindingView]) -> AnnotatedText:
    """A few sentences of words with markup, quotes, blanks; marks and repairs anywhere in them (disjoint,
    nested, overlapping, repeated, empty, across sentences); some sentences cited."""
    sentences = []
    pos = rng.randint(0, 5)
    paragraph = 0
    for sid in range(rng.randint(0, 6)):
        sentence = "".join(rng.choices([*WORDS, "  ", "\n"], k=rng.randint(0, 4)))
        paragraph += rng.random() < 0.4
        path = rng.choice(["", "一", "一/二", "<i>/&"])
        sentences.append((sid, pos, pos + len(sentence), sentence, path, paragraph, rng.random() < 0.2))
        pos += len(sentence) + rng.choice([0, 0, 1])
    marks = sorted(
        Mark(
            a,
            a + rng.randint(-1, 9),
            rng.choice(["stat", "ev", "<i>"]),
            rng.choice(["", "t<1>", 'a "b" & c']),
        )
        for a in (rng.randint(0, pos + 2) for _ in range(rng.randint(0, 8)))
    )
    if marks and rng.random() < 0.3:
        marks.insert(0, marks[0])
    repairs = sorted(
        (
            Repair(a, a + rng.randint(0, 6), rng.choice(["", "", "X", " ", "<r>&"]))
            for a in (rng.randint(0, pos + 2) for _ in range(rng.randint(0, 5)))
        ),
        key=lambda r: r.start,
    )
    citing = {s[0]: rng.sample(findings, rng.randint(1, 2)) for s in sentences if rng.random() < 0.3}
    return AnnotatedText(sentences, merge_spans(marks, repairs), citing)


def test_annotated_text_reads_as_the_template_loop_it_replaced() -> None:
    """`text_html` cuts each sentence and writes it in one pass; it must read as the segments `segments`
    cuts, grouped into blocks and written by the template loop: document text with markup, ampersands and
    quotes in plain and highlighted pieces, in replacements, in hover texts and in the findings linked back
    escaped as Jinja's autoescape escapes it, blank sentences left out."""
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
    for _ in range(5_000):
        text = _text(rng, findings)
        blocks = [TextBlock(level, sentences) for level, sentences in _blocks(text)]
        expected = template.render(blocks=blocks) if blocks else '<p class="muted">No text.</p>'
        assert text_html(text) == expected, text


class TextBlock(NamedTuple):
    heading_level: int | None
    sentences: list[tuple]
