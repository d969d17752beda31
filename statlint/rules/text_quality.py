"""Category `text_quality`: damaged text an editor must repair before the report is published."""

from __future__ import annotations

from collections.abc import Iterator

from statlint.rules.base import Finding, RuleContext, Span, rule

# Pasted pinyin readings are reported once per document, quoting this many of them.
MAX_QUOTES = 5


@rule(
    "SL801",
    "mojibake",
    "text_quality",
    "error",
    bad="(4)協同發展路徑與對策建議?;趪鴥韧獾湫桶咐,提出…",
    good="(4)協同發展路徑與對策建議。基於國內外典型案例,提出…",
)
def mojibake(ctx: RuleContext) -> Iterator[Finding]:
    """Text decoded with the wrong character set (mojibake: 趪鴥韧獾 for 國內外典) is unreadable and cannot
    be published. Normalization recognises such spans and reads the repaired text for analysis; the raw file
    still carries the damage, so each span is reported with its repair as the suggested fix."""
    where, params = ctx.doc_filter("r.doc_id")
    rows = ctx.con.execute(
        f"""SELECT r.doc_id, r.start, r."end", r.raw_text, r.replacement, r.note,
                   (SELECT s.section_path FROM sentences s WHERE s.doc_id = r.doc_id AND s.start <= r.start
                    ORDER BY s.start DESC LIMIT 1)
            FROM text_repairs r WHERE {where} AND r.kind = 'mojibake' ORDER BY r.doc_id, r.start""",
        params,
    ).fetchall()
    for doc_id, a, b, raw, replacement, _note, path in rows:
        if replacement == raw:
            replacement = None  # flagged, not repairable: characters were lost
        fix = f"，应为“{replacement}”" if replacement else "（字符已丢失，需对照原件补全）"
        yield Finding(
            rule="SL801",
            doc_id=doc_id,
            message=ctx.say(f"乱码或丢失的字符“{raw}”{fix}。", doc_id),
            message_en=f"Mojibake '{raw}'"
            + (
                f", should read '{replacement}'."
                if replacement
                else " (characters lost; restore them from the original)."
            ),
            suggestion=ctx.say(
                f"把乱码替换为“{replacement}”。" if replacement else "按原文修复乱码。", doc_id
            ),
            evidence=[Span(doc_id, a, b, raw, path)],
            key=f"{raw}|{replacement or ''}",
        )


@rule(
    "SL802",
    "pasted-pinyin",
    "text_quality",
    "warning",
    bad="數字技術發(fā)展驅動治理變革",
    good="數字技術發展驅動治理變革",
)
def pasted_pinyin(ctx: RuleContext) -> Iterator[Finding]:
    """Some web sources print a character's pinyin after it (發(fā)展); copied into a report, the readings
    clutter the text. Normalization removes them for analysis, but the file still has them: reported once per
    document with the count and the first examples, since the fix is one search-and-replace."""
    where, params = ctx.doc_filter("doc_id")
    rows = ctx.con.execute(
        f"""
        WITH p AS (
            SELECT doc_id, start, "end", raw_text, row_number() OVER (PARTITION BY doc_id ORDER BY start)
                AS k,
                   count(*) OVER (PARTITION BY doc_id) AS n
            FROM text_repairs WHERE {where} AND kind = 'pinyin'
        )
        SELECT p.doc_id, any_value(p.n),
               list(struct_pack(a := p.start, b := p."end", t := p.raw_text,
                                s := (SELECT s.section_path FROM sentences s WHERE s.doc_id = p.doc_id
                                      AND s.start <= p.start ORDER BY s.start DESC LIMIT 1)) ORDER BY p.start)
        FROM p WHERE p.k <= {MAX_QUOTES} GROUP BY p.doc_id ORDER BY p.doc_id
        """,
        params,
    ).fetchall()
    for doc_id, n, quotes in rows:
        texts = [q["t"] for q in quotes]
        yield Finding(
            rule="SL802",
            doc_id=doc_id,
            message=ctx.say(f"正文中夹有{n}处拼音注音（如“{texts[0]}”），应删除。", doc_id),
            message_en=f"The text carries {n} pasted pinyin readings (e.g. '{texts[0]}'); remove them.",
            suggestion=ctx.say("删除汉字后括号内的拼音注音。", doc_id),
            evidence=[Span(doc_id, q["a"], q["b"], q["t"], q["s"]) for q in quotes],
            key="pinyin",
        )
