"""Category `window`: what a report cites outside the research window it declares, or after its own date."""

from __future__ import annotations

import re
from collections.abc import Iterator

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
# Kinds of year mention that date a figure or an event (not the window declaration, a range end or a base).
DATING_KINDS = ("date", "target", "relative")


def _named(sentence: str, sentence_start: int, start: int, end: int) -> bool:
    """The year at raw [start, end) sits inside a 《title》 or is part of a name like 2035年远景目标."""
    a, b = start - sentence_start, end - sentence_start
    if any(m.start() < a and b <= m.end() for m in TITLE.finditer(sentence)):
        return True
    return bool(NAMED_YEAR_AFTER.match(simplify(sentence[b : b + 8])))


def _dated_mentions(ctx: RuleContext, extra: str) -> dict[tuple[str, int], list[tuple]]:
    """Year mentions that date something, grouped by sentence, with names and titles removed."""
    where, params = ctx.doc_filter("d.doc_id")
    rows = ctx.con.execute(
        f"""
        SELECT y.doc_id, y.sentence_id, y.year, y.kind, y.start, y."end", y.text,
               d.window_start, d.window_end, d.pub_date, s.text AS sentence, s.text_simp, s.section_path,
                   s.start
        FROM year_mentions y
        JOIN documents d USING (doc_id)
        JOIN sentences s ON s.doc_id = y.doc_id AND s.sentence_id = y.sentence_id
        WHERE {where} AND d.status = 'ok' AND y.kind IN {DATING_KINDS} AND ({extra})
        ORDER BY y.doc_id, y.sentence_id, y.start
        """,
        params,
    ).fetchall()
    groups: dict[tuple[str, int], list[tuple]] = {}
    for r in rows:
        if not _named(r[10], r[13], r[4], r[5]):
            groups.setdefault((r[0], r[1]), []).append(r)
    return groups


def _dated_stats(ctx: RuleContext, extra: str) -> dict[tuple[str, int], list[tuple]]:
    """The dated statistics of every sentence `_dated_mentions(ctx, extra)` can return, in one query:
    (doc_id, sentence_id) -> [(start, end, number_text, role, year)] in text order. Callers keep those
    dated in one of the sentence's cited years (`_cited_stats`)."""
    where, params = ctx.doc_filter("d.doc_id")
    rows = ctx.con.execute(
        f"""
        WITH m AS (
            SELECT DISTINCT y.doc_id, y.sentence_id
            FROM year_mentions y
            JOIN documents d USING (doc_id)
            WHERE {where} AND d.status = 'ok' AND y.kind IN {DATING_KINDS} AND ({extra})
        )
        SELECT st.doc_id, st.sentence_id, st.start, st."end", st.number_text, st.role, st.year
        FROM statistics st
        JOIN m ON m.doc_id = st.doc_id AND m.sentence_id = st.sentence_id
        WHERE st.year IS NOT NULL
        ORDER BY st.doc_id, st.sentence_id, st.start
        """,
        params,
    ).fetchall()
    out: dict[tuple[str, int], list[tuple]] = {}
    for r in rows:
        out.setdefault((r[0], r[1]), []).append(r[2:])
    return out


def _cited_stats(
    stats: dict[tuple[str, int], list[tuple]], key: tuple[str, int], years: list[int]
) -> list[tuple]:
    wanted = set(years)
    return [s for s in stats.get(key, ()) if s[4] in wanted]


def _grade(mentions: list[tuple], stats: list[tuple], sentence_simp: str, limit: int) -> tuple[str, str, str]:
    """(severity, what, what_en): a result reported as reached past the limit is an error, other dated
    figures and events are warnings, target years are notes."""
    only_targets = (all(m[3] == "target" for m in mentions) and all(s[3] == "target" for s in stats)) or bool(
        FUTURE.search(sentence_simp)
    )
    achieved = bool(ACHIEVED.search(sentence_simp)) and any(m[2] > limit for m in mentions)
    if only_targets:
        return "info", "目标年份", "target year"
    if achieved:
        return "error", "已实现的结果", "result reported as reached"
    return "warning", "数据或事件", "data or event"


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
    target years past the window are notes. One finding per year and grade, quoting every sentence, so an
    editor fixes one cause once instead of reading the same finding a hundred times. Years inside a cited
    title (《…2035年遠景目標綱要》) or in names such as 2035年遠景目標 are not dates and are ignored."""
    # Findings are per document: read and judge a batch of documents at a time (the same findings, in the
    # same order), so the sentences held do not grow with the warehouse.
    for sub in _doc_batches(ctx):
        yield from _outside_window(sub)


# Documents a per-document rule reads in one query.
DOC_BATCH = 50


def _doc_batches(ctx: RuleContext) -> Iterator[RuleContext]:
    """The documents in scope, in doc_id order, as contexts of up to DOC_BATCH documents each.

    For rules whose every query and finding is per document and that build no shared staging table (a
    sub-context's ensure_facts would stage only its own documents)."""
    where, params = ctx.doc_filter("doc_id")
    docs = [
        d
        for (d,) in ctx.con.execute(
            f"SELECT doc_id FROM documents WHERE {where} ORDER BY doc_id", params
        ).fetchall()
    ]
    if ctx._scripts is None:
        ctx.script(None)
    for i in range(0, len(docs), DOC_BATCH):
        yield RuleContext(ctx.con, docs[i : i + DOC_BATCH], ctx.options, _scripts=ctx._scripts)


def _outside_window(ctx: RuleContext) -> Iterator[Finding]:
    extra = (
        "d.window_start IS NOT NULL AND (y.year > d.window_end OR y.year < d.window_start) "
        "AND y.sentence_id IS DISTINCT FROM d.window_sentence_id"
    )
    groups = _dated_mentions(ctx, extra)
    all_stats = _dated_stats(ctx, extra) if groups else {}
    # (doc, severity, year) -> [(sentence_simp, evidence, n_stats)]: a sentence joins the group of the latest
    # out-of-window year it cites, so no sentence is quoted twice.
    merged: dict[tuple[str, str, int], list[tuple[str, list[Span], int]]] = {}
    labels: dict[str, tuple[str, str]] = {}
    windows: dict[str, tuple[int, int]] = {}
    for (doc_id, sentence_id), mentions in groups.items():
        first = mentions[0]
        ws, we, sentence_simp, section_path = first[7], first[8], first[11], first[12]
        windows[doc_id] = (ws, we)
        years = sorted({m[2] for m in mentions})
        stats = _cited_stats(all_stats, (doc_id, sentence_id), years)
        evidence = [Span(doc_id, m[4], m[5], m[6], section_path) for m in mentions]
        evidence += [Span(doc_id, s[0], s[1], s[2], section_path) for s in stats]
        severity, what, what_en = _grade(mentions, stats, sentence_simp, we)
        labels[severity] = (what, what_en)
        merged.setdefault((doc_id, severity, years[-1]), []).append((sentence_simp, evidence, len(stats)))
    for (doc_id, severity, year), items in sorted(merged.items()):
        ws, we = windows[doc_id]
        what, what_en = labels[severity]
        evidence = sorted((sp for _, ev, _ in items for sp in ev), key=lambda sp: sp.start)
        n_sent, n_stats = len(items), sum(n for _, _, n in items)
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
            key=f"{year}|{severity}",
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
    """A report cannot describe as fact what happened after it was published. A figure or event dated in a
    year after the document's publication date, told with words only the past takes (已, 累計, 截至, 同比), is
    either a mistyped year or a forecast written as a result. Plans and targets (到2025年, 力爭,
    2030年達到…) are
    how reports speak of later years and are not reported."""
    extra = "d.pub_date IS NOT NULL AND y.kind <> 'target' AND y.year > CAST(substr(d.pub_date, 1, 4) AS INT)"
    groups = _dated_mentions(ctx, extra)
    all_stats = _dated_stats(ctx, extra) if groups else {}
    for (doc_id, sentence_id), mentions in groups.items():
        first = mentions[0]
        pub, sentence_simp, section_path = first[9], first[11], first[12]
        if FUTURE.search(sentence_simp) or not PAST.search(sentence_simp):
            continue  # a plan or a target for a later year (達到 alone is how plans are written too)
        pub_year = int(pub[:4])
        years = sorted({m[2] for m in mentions})
        stats = _cited_stats(all_stats, (doc_id, sentence_id), years)
        evidence = [Span(doc_id, m[4], m[5], m[6], section_path) for m in mentions]
        evidence += [Span(doc_id, s[0], s[1], s[2], section_path) for s in stats]
        evidence.sort(key=lambda s: s.start)
        severity, what, what_en = _grade(mentions, stats, sentence_simp, pub_year)
        ys = "、".join(f"{y}年" for y in years)
        yield Finding(
            rule="SL102",
            doc_id=doc_id,
            severity=severity,
            message=ctx.say(f"{ys}的{what}晚于报告的发布日期{pub}。", doc_id),
            message_en=f"{', '.join(map(str, years))}: {what_en} dated after the document's "
            f"publication date {pub}.",
            suggestion=ctx.say("核实年份是否笔误；若为预测或目标，应写明“预计”“到…年”。", doc_id),
            evidence=evidence,
            key=f"{sentence_simp}|{','.join(map(str, years))}",
        )
