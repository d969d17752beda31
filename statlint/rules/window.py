"""Category `window`: what a report cites outside the research window it declares, or after its own date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter

from statlint.rules.base import Finding, RuleContext, Span, rule
from statlint.rules.text import simplify

# Words that report a result as already reached (已實現, 建成, 達到): such a result dated after the window
# contradicts the window more than a plain dated figure does.
# A negation before the word (未实现, 尚未完成, 没有达到) reports the opposite, so it does not count.
ACHIEVED = re.compile(r"(?<![未没不])(?:已|实现|达到|建成|完成|累计|突破|提升至|降至|缩短至)")
# Words that put a sentence in the future (a plan, a target, an aim), whatever kind the year was given:
# 力争2030年达到, 锚定2030年…目标, 为2035年基本实现…奠定基础, 2035年要如期建成.
FUTURE = re.compile(
    r"力争|确保|锚定|争取|预计|预期|计划|目标|将|要|努力|奋斗|展望|远景|如期|面向|奠定|"
    r"到(?:19|20)\d\d年|(?:19|20)\d\d年(?:底)?前"
)
# Words that can only report the past (已, 累计, 截至, 同比): a plan never uses them, so a year after the
# publication date with one of these is a result that cannot have been known.
PAST = re.compile(r"已|累计|截至|截止|完成了|实现了|建成了|达到了|突破了|同比|比上年|较上年")
# A document title 《…》: a year inside it names the document, it does not date a figure.
TITLE = re.compile(r"《[^》]{1,120}》")
# A year that is part of a name rather than a date: 2035年远景目标, 2030年愿景, 2030年前碳达峰行动方案.
NAMED_YEAR_AFTER = re.compile(r"^(?:年)?(?:远景目标|远景|愿景|议程|可持续发展议程|行动方案|规划纲要|纲要)")
# A line that is a report's own title (B.1 2025年中国城市数字化发展指数评估总报告): its year names the report.
REPORT_TITLE_LINE = re.compile(
    r"\s*(?:[A-Z]\.\d+\s*)?(?:19|20)\d{2}年?[\u4e00-\u9fffA-Za-z（）()]{2,40}"
    r"(?:总报告|报告|蓝皮书|白皮书|年鉴|公报)[（(]?[^）)]{0,10}[）)]?\s*"
)
# (its first sieve in SQL, in either script)
REPORT_LINE_SQL = (
    ".{0,8}(19|20)[0-9]{2}.{2,44}(报告|報告|蓝皮书|藍皮書|白皮书|白皮書|年鉴|年鑑|公报|公報).{0,12}"
)
# Kinds of year mention that date a figure or an event (not the window declaration, a range end or a base).
DATING_KINDS = ("date", "target", "relative")
# Characters after a year that `NAMED_YEAR_AFTER` reads (its longest name and a 年 fit).
AFTER_CHARS = 8


def _named(sentence: str, sentence_start: int, start: int, end: int) -> bool:
    """The year at raw [start, end) sits inside a 《title》 or is part of a name like 2035年远景目标."""
    a, b = start - sentence_start, end - sentence_start
    return (
        _in_title(sentence, a, b)
        or _names_after(sentence[b : b + AFTER_CHARS])
        or REPORT_TITLE_LINE.fullmatch(simplify(sentence)) is not None
    )


def _in_title(sentence: str, a: int, b: int) -> bool:
    """The sentence's characters [a, b) sit inside a 《title》."""
    return any(m.start() < a and b <= m.end() for m in TITLE.finditer(sentence))


def _names_after(after: str) -> bool:
    """The text right after a year makes the year part of a name (2035年远景目标)."""
    return bool(NAMED_YEAR_AFTER.match(simplify(after)))


def _re2(pattern: re.Pattern[str]) -> str:
    r"""A pattern as DuckDB's RE2 reads it for a search (a match anywhere), so SQL grades sentences with the
    very patterns SL501 uses in Python: Python's Unicode \d is \p{Nd}, and a leading (?<![…]) becomes
    (?:^|[^…]) (RE2 has no lookarounds; that match starts the text or follows another character)."""
    out = pattern.pattern.replace(r"\d", r"\p{Nd}")
    if out.startswith("(?<!["):
        out = "(?:^|[^" + out[len("(?<![") :]
    if any(look in out for look in ("(?<", "(?=", "(?!")) or "'" in out:
        raise ValueError(f"no RE2 form for {pattern.pattern!r}")
    return out


def _mentions_sql(extra: str) -> str:
    """SQL: the year mentions y of the documents $docs that date something and meet `extra` (over y, its
    document d and its sentence s), with their sentence's text and the characters after them (a name's
    place)."""
    return f"""
        SELECT y.doc_id, y.mention_id, y.sentence_id, y.year, y.kind, y.start, y."end", y.text,
               d.window_start, d.window_end, d.pub_date, s.text AS sentence, s.start AS sentence_start,
               s.text_simp, s.section_path, substr(s.text, y."end" - s.start + 1, {AFTER_CHARS}) AS after
        FROM year_mentions y
        JOIN documents d USING (doc_id)
        JOIN sentences s ON s.doc_id = y.doc_id AND s.sentence_id = y.sentence_id
        WHERE y.doc_id IN (SELECT unnest($docs::VARCHAR[])) AND d.status = 'ok' AND y.kind IN {DATING_KINDS}
          AND ({extra})"""


def _graded(
    ctx: RuleContext, docs: list[str], extra: str, limit: str, select: str, keep: str = "TRUE"
) -> list[tuple]:
    """`select` over what a window rule judges in the documents `docs`:
    - m: the mentions of `_mentions_sql(extra)` that date something (not a name or inside a title),
    - st: the statistics of their sentences dated in one of the years those mentions cite,
    - graded: each such sentence that meets `keep` (SQL over its text_simp) (doc_id, sentence_id, top: its
      latest cited year, text_simp, section_path, window_start, window_end, pub_date) with its severity:
      'info' for targets (only target mentions and figures, or future words), 'background' for events
      before the window that date no figure (早在2019年…印发了《…》), 'error' for a result reported as
      reached in a year past `limit` (SQL over m), else 'warning',
    - ev: the evidence, mentions and figures (doc_id, sentence_id, start, "end", text, year, is_stat, id).
    Sentences are grouped and graded in SQL, so Python touches only the evidence it quotes."""
    mentions = _mentions_sql(extra)
    params = _name_filter(ctx, mentions, docs, keep)
    if params is None:
        return []
    return ctx.con.execute(
        f"""
        WITH m AS (
            SELECT * FROM ({mentions}) y
            ANTI JOIN (SELECT unnest($titled_docs::VARCHAR[]) AS doc_id,
                              unnest($titled_ids::BIGINT[]) AS mention_id) t USING (doc_id, mention_id)
            WHERE NOT list_contains($names::VARCHAR[], after)
        ), st AS (
            SELECT st.doc_id, st.sentence_id, st.stat_id, st.start, st."end", st.number_text, st.role, st.year
            FROM statistics st
            SEMI JOIN m ON m.doc_id = st.doc_id AND m.sentence_id = st.sentence_id AND m.year = st.year
        ), targets AS (
            SELECT doc_id, sentence_id, bool_and(role IS NOT DISTINCT FROM 'target') AS only_targets
            FROM st GROUP BY ALL
        ), graded AS (
            SELECT y.doc_id, y.sentence_id, y.top, y.text_simp, y.section_path, y.window_start, y.window_end,
                   y.pub_date,
                   CASE WHEN (y.only_targets AND COALESCE(t.only_targets, TRUE))
                             OR regexp_matches(y.text_simp, '{_re2(FUTURE)}')
                             -- (我们预计2026年…；2027年…: the clause after a semicolon goes on forecasting)
                             OR EXISTS (
                                SELECT 1 FROM sentences c JOIN sentences p
                                  ON p.doc_id = c.doc_id AND p.sentence_id = c.sentence_id - 1
                                 AND p.paragraph = c.paragraph
                                WHERE c.doc_id = y.doc_id AND c.sentence_id = y.sentence_id
                                  AND regexp_matches(p.text, '[；;][ \t]*$')
                                  AND regexp_matches(p.text_simp, '{_re2(FUTURE)}')) THEN 'info'
                        WHEN y.top < y.window_start AND t.only_targets IS NULL THEN 'background'
                        WHEN y.beyond AND regexp_matches(y.text_simp, '{_re2(ACHIEVED)}') THEN 'error'
                        ELSE 'warning' END AS severity
            FROM (
                SELECT doc_id, sentence_id, max(year) AS top, bool_and(kind = 'target') AS only_targets,
                       bool_or(year > {limit}) AS beyond, any_value(text_simp) AS text_simp,
                       any_value(section_path) AS section_path, any_value(window_start) AS window_start,
                       any_value(window_end) AS window_end, any_value(pub_date) AS pub_date
                FROM m GROUP BY doc_id, sentence_id
            ) y
            LEFT JOIN targets t USING (doc_id, sentence_id)
            WHERE {keep}
        ), ev AS (
            SELECT doc_id, sentence_id, start, "end", text, year, FALSE AS is_stat, mention_id AS id FROM m
            UNION ALL
            SELECT doc_id, sentence_id, start, "end", number_text, year, TRUE, stat_id FROM st
        )
        {select}
        """,
        params,
    ).fetchall()


def _name_filter(ctx: RuleContext, mentions: str, docs: list[str], keep: str) -> dict[str, list] | None:
    """The parameters of a query over `mentions` that leave out years that are names, not dates (`_named`):
    $names, the texts after a year that continue a name, and $titled_docs/$titled_ids, the mentions inside a
    《title》; None when no mention's sentence meets `keep` (nothing to judge). The tests run in Python on
    what can differ only: each distinct text after a mention, and the mentions in sentences that cite a
    title (not every mention with its whole sentence)."""
    # `keep` is read as an aggregate's input: as a WHERE on the sentence's text, DuckDB would run it on every
    # sentence of the documents before the join.
    rows = ctx.con.execute(
        f"""SELECT after, list(struct_pack(doc_id, mention_id, sentence, a := start - sentence_start,
                                           b := "end" - sentence_start))
                          FILTER (WHERE contains(sentence, '《')
                                         OR regexp_full_match(sentence, $report_line)),
                   bool_or({keep})
            FROM ({mentions}) GROUP BY after""",
        {"docs": docs, "report_line": REPORT_LINE_SQL},
    ).fetchall()
    if not any(kept for *_, kept in rows):
        return None
    names, titled = [], []
    for after, cited, _ in rows:
        if _names_after(after):
            names.append(after)
        else:
            titled += [
                (c["doc_id"], c["mention_id"])
                for c in cited or ()
                if _in_title(c["sentence"], c["a"], c["b"])
                or REPORT_TITLE_LINE.fullmatch(simplify(c["sentence"])) is not None
            ]
    return {
        "docs": docs,
        "names": names,
        "titled_docs": [d for d, _ in titled],
        "titled_ids": [i for _, i in titled],
    }


# Documents a per-document rule reads in one query.
DOC_BATCH = 50


def _docs_in_scope(ctx: RuleContext) -> list[str]:
    """The documents in scope, in doc_id order (the order findings come in)."""
    where, params = ctx.doc_filter("doc_id")
    return [
        d
        for (d,) in ctx.con.execute(
            f"SELECT doc_id FROM documents WHERE {where} ORDER BY doc_id", params
        ).fetchall()
    ]


# A plan or a policy (行动计划, 规划, 实施方案, 指导意见, 通知) speaks of its years ahead throughout: what it
# says will be done (2024年…分别完成900亿元) is not a result, whatever the verb.
PLAN_TITLE = (
    "(计划|計劃|规划|規劃|方案|纲要|綱要|意见|意見|通知|办法|辦法)[）)]?\\s*$|(计划|計劃|规划|規劃|方案)[（(]"
)
# What a graded sentence cites, by severity: (Chinese, English).
GRADES = {
    "info": ("目标年份", "target year"),
    "background": ("背景事件", "background event"),
    "error": ("已实现的结果", "result reported as reached"),
    "warning": ("数据或事件", "data or event"),
}


@rule(
    "SL101",
    "year-outside-window",
    "window",
    "warning",
    bad="時間範圍：本報告研究數據主要來源於2018年至2023年。…2025年全國電子證照庫已實現200類證照互認。",
    good="時間範圍：2018年至2023年。…2023年全國電子證照庫實現200類證照互認。",
)
def year_outside_window(ctx: RuleContext) -> Iterator[Finding]:
    """A report that declares its research window (時間範圍：2018年至2023年) but cites figures or events dated
    outside it either has a wrong window or figures its readers cannot trace to the data it describes.
    Results reported as reached after the window are errors; other dated figures and events are warnings;
    target years past the window, and events before it that date no figure (早在2019年…印發了《…》, the
    policy background), are notes. One finding per year and grade, quoting every sentence, so an
    editor fixes one cause once instead of reading the same finding a hundred times. Years inside a cited
    title (《…2035年遠景目標綱要》) or in names such as 2035年遠景目標 are not dates and are ignored."""
    # Findings are per document: read and judge a batch of documents at a time (the same findings, in the
    # same order), so the sentences held do not grow with the warehouse.
    docs = _docs_in_scope(ctx)
    for i in range(0, len(docs), DOC_BATCH):
        yield from _outside_window(ctx, docs[i : i + DOC_BATCH])


def _outside_window(ctx: RuleContext, docs: list[str]) -> Iterator[Finding]:
    # A sentence joins the group (document, severity, latest out-of-window year it cites), so no sentence is
    # quoted twice; SQL returns each group's evidence together, in text order.
    rows = _graded(
        ctx,
        docs,
        "d.window_start IS NOT NULL AND (y.year > d.window_end OR y.year < d.window_start) "
        "AND y.sentence_id IS DISTINCT FROM d.window_sentence_id "
        # (the sentence that dates the report itself: 发布日期为2026年3月18日)
        "AND y.sentence_id IS DISTINCT FROM d.pub_date_sentence_id "
        "AND NOT regexp_matches(s.text_simp, '(发布|印发|编制|成文)(日期|时间)|发布于')",
        "window_end",
        """SELECT g.doc_id, g.severity, g.top, g.window_start, g.window_end, ev.start, ev."end", ev.text,
                  g.section_path, ev.sentence_id, ev.is_stat
           FROM graded g JOIN ev USING (doc_id, sentence_id)
           ORDER BY g.doc_id, g.severity, g.top, ev.start, ev.sentence_id, ev.is_stat, ev.id""",
    )
    for (doc_id, grade, year, ws, we), group in groupby(rows, key=itemgetter(0, 1, 2, 3, 4)):
        items = list(group)
        evidence = [Span(doc_id, r[5], r[6], r[7], r[8]) for r in items]
        n_sent, n_stats = len({r[9] for r in items}), sum(r[10] for r in items)
        what, what_en = GRADES[grade]
        severity = "info" if grade == "background" else grade
        side, side_en = ("晚于", "after") if year > we else ("早于", "before")
        figs = f"，涉及{n_stats}个统计数字" if n_stats else ""
        figs_en = f", dating {n_stats} figure(s)" if n_stats else ""
        yield Finding(
            rule="SL101",
            doc_id=doc_id,
            severity=severity,
            message=ctx.say(
                f"{n_sent}处引用{year}年的{what}，{side}报告声明的研究时间范围{ws}—{we}年{figs}。", doc_id
            ),
            message_en=f"{n_sent} sentence(s) cite a {what_en} of {year}, {side_en} the declared research "
            f"window {ws}–{we}{figs_en}.",
            suggestion=ctx.say(
                f"核实数据年份；若确实引用{year}年的数据，应修改“时间范围”声明，或注明数据来源年份。", doc_id
            ),
            evidence=evidence,
            key=f"{year}|{grade}",
        )


# A window is contradicted, not merely exceeded, when at least this share of the dated figures lie outside
# it (and there are enough of them to judge).
WINDOW_MAJORITY = 0.5
WINDOW_MIN_DATED = 5


@rule(
    "SL103",
    "window-contradicted-by-figures",
    "window",
    "error",
    bad="時間範圍：2018年至2023年。（而全文有年份的數字多數是2024、2025年的）",
    good="時間範圍：2018年至2025年。（與全文數字的年份一致）",
)
def window_contradicted(ctx: RuleContext) -> Iterator[Finding]:
    """When most of a report's dated figures fall outside the research window it declares, the declaration
    itself is what is wrong: readers are told the data stop in one year while the figures come from later
    ones. The finding points at the declaration and says where the figures actually sit."""
    where, params = ctx.doc_filter("d.doc_id")
    rows = ctx.con.execute(
        f"""
        SELECT d.doc_id, d.window_start, d.window_end, s.start, s."end", s.text, s.section_path,
               count(*) AS dated,
               count(*) FILTER (WHERE st.year NOT BETWEEN d.window_start AND d.window_end) AS outside,
               min(st.year), max(st.year)
        FROM documents d
        JOIN sentences s ON s.doc_id = d.doc_id AND s.sentence_id = d.window_sentence_id
        JOIN statistics st ON st.doc_id = d.doc_id AND st.year IS NOT NULL AND st.role <> 'target'
        WHERE {where} AND d.status = 'ok' AND d.window_start IS NOT NULL
        GROUP BY ALL
        """,
        params,
    ).fetchall()
    for doc_id, ws, we, start, end, text, path, dated, outside, lo, hi in rows:
        if dated < WINDOW_MIN_DATED or outside / dated < WINDOW_MAJORITY:
            continue
        share = round(100 * outside / dated)
        yield Finding(
            rule="SL103",
            doc_id=doc_id,
            message=ctx.say(
                f"报告声明研究数据来源于{ws}—{we}年，但{dated}个标有年份的统计数字中有{outside}个（{share}%）"
                f"在此范围之外（所引年份为{lo}—{hi}年）。",
                doc_id,
            ),
            message_en=f"The report declares its data come from {ws}–{we}, but {outside} of its {dated} "
            f"dated figures ({share}%) fall outside that window (years cited: {lo}–{hi}).",
            suggestion=ctx.say(
                f"将“时间范围”改为与所引数据一致的{min(lo, ws)}—{max(hi, we)}年，或更换过时的数据。", doc_id
            ),
            evidence=[Span(doc_id, start, end, text, path)],
            key=f"window|{ws}-{we}",
        )


@rule(
    "SL102",
    "dated-after-publication",
    "window",
    "error",
    bad="（發布日期：2024年3月）…2025年全國智慧城市試點城市已超過500個。",
    good="（發布日期：2024年3月）…到2025年，全國智慧城市試點城市將超過500個。",
)
def dated_after_publication(ctx: RuleContext) -> Iterator[Finding]:
    """A report cannot describe as fact what happened after it was published (nor a whole year, 2024年全年,
    that had not ended when it was). A figure or event dated in a
    year after the document's publication date, told with words only the past takes (已, 累計, 截至, 同比), is
    either a mistyped year or a forecast written as a result. Plans and targets (到2025年, 力爭,
    2030年達到…) are
    how reports speak of later years and are not reported, nor is anything in a plan or a policy (a title
    ending in 計劃, 規劃, 方案, 意見, 通知), which speaks of its later years throughout."""
    # A plan or a target for a later year (future words, or no word only the past takes: 达到 alone is how
    # plans are written too) is not reported. Few years come after the publication date: all documents are
    # read in one query.
    rows = _graded(
        ctx,
        _docs_in_scope(ctx),
        "d.pub_date IS NOT NULL AND y.kind <> 'target' AND (y.year > CAST(substr(d.pub_date, 1, 4) AS INT) "
        # (2024年全年… in a report of January 2024: the whole year had not passed)
        "OR y.year = CAST(substr(d.pub_date, 1, 4) AS INT) AND CAST(substr(d.pub_date, 6, 2) AS INT) < 12 "
        "AND starts_with(substr(s.text, y.\"end\" - s.start + 1, 2), '全年') "
        # (截至2026年6月底 in a report of March 2026: a month that had not come)
        "OR y.year = CAST(substr(d.pub_date, 1, 4) AS INT) AND regexp_matches(y.text, '^[0-9]') "
        "AND TRY_CAST(regexp_extract(substr(s.text, "
        "y.\"end\" - s.start + 1, 6), '^\\s*([0-9]{1,2})\\s*月', 1) AS INT) "
        "> TRY_CAST(substr(d.pub_date, 6, 2) AS INT)) "
        f"AND NOT regexp_matches(COALESCE(d.title, ''), '{PLAN_TITLE}')",
        "CAST(substr(pub_date, 1, 4) AS INT)",
        """SELECT g.doc_id, g.sentence_id, g.severity, g.text_simp, g.pub_date, ev.start, ev."end", ev.text,
                  g.section_path, ev.year
           FROM graded g JOIN ev USING (doc_id, sentence_id)
           ORDER BY g.doc_id, g.sentence_id, ev.start, ev.is_stat, ev.id""",
        keep=f"NOT regexp_matches(text_simp, '{_re2(FUTURE)}') AND regexp_matches(text_simp, '{_re2(PAST)}')",
    )
    for (doc_id, _, severity, sentence_simp, pub), group in groupby(rows, key=itemgetter(0, 1, 2, 3, 4)):
        items = list(group)
        if severity == "info":
            continue  # a plan for a later year (its figures are targets): what reports after their date say
        years = sorted({r[9] for r in items})
        what, what_en = GRADES[severity]
        ys = "、".join(f"{y}年" for y in years)
        yield Finding(
            rule="SL102",
            doc_id=doc_id,
            severity=severity,
            message=ctx.say(f"{ys}的{what}晚于报告的发布日期{pub}。", doc_id),
            message_en=f"{', '.join(map(str, years))}: {what_en} dated after the document's "
            f"publication date {pub}.",
            suggestion=ctx.say("核实年份是否笔误；若为预测或目标，应写明“预计”“到…年”。", doc_id),
            evidence=[Span(doc_id, r[5], r[6], r[7], r[8]) for r in items],
            key=f"{sentence_simp}|{','.join(map(str, years))}",
        )
