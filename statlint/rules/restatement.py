"""Category `restatement`: a summary that repeats an earlier figure but changes what it is a figure of."""

from __future__ import annotations

import re
from collections.abc import Iterator

import polars as pl

from statlint.rules.base import Finding, RuleContext, Span, rule
from statlint.rules.facts import ensure_facts, is_table_row, stat_details
from statlint.rules.text import PINYIN_NOTE, clause_after, clause_before, metric_phrase, places, simplify

# Section titles that announce a summary of what came before.
# Summaries set before the body they restate.
ABSTRACT_TITLE = re.compile(r"摘要|概要|提要|要点|核心观点|^\s*(?:综\s*述|概\s*述)\s*$")
SUMMARY_TITLE = re.compile(
    r"结论|总结|结语|小结|展望|摘要|概要|启示|综述|主要发现|核心观点|发展成就|主要成就"
)
# The end of a measure's name: 错误率, 调用量, 销售额, 用户数 ... Two phrases ending in the same such head
# measure
# the same kind of thing, so different words before it mean a different measure.
MEASURE_HEAD = re.compile(r"(?:率|量|额|数|比重|占比|比例|规模|指数|时间|周期|成本|人次|用户)$")
RATE = "率"
# Two phrases name the same thing when they share a run of at least this many characters...
MIN_SHARED = 4
# ...and differ in substance when each has at least this many characters the other lacks.
MIN_DIFFERENT = 2
# Places that can be a figure's subject.
SUBJECT_KINDS = ("nation", "province", "city", "region", "country")
# Characters that change nothing about what is measured (的, 部门 in 医保部门, 与/和 in lists).
NEUTRAL = set("的与和及等部门方面相关之其")


def summary_paths(ctx: RuleContext) -> pl.DataFrame:
    """(doc_id, section_path, leading) of every sentence under a summary heading (七、結論與展望 and its
    children); `leading` for an abstract (摘要, 核心观点), which restates the figures that follow it."""
    where, params = ctx.doc_filter("doc_id")
    heads = ctx.con.execute(f"SELECT doc_id, path, title FROM sections WHERE {where}", params).fetchall()
    roots = [
        (d, p)
        for d, p, t in heads
        if SUMMARY_TITLE.search(re.sub(r"\s", "", simplify(t))) or ABSTRACT_TITLE.search(simplify(t))
    ]
    leading = {(d, p) for d, p, t in heads if ABSTRACT_TITLE.search(simplify(t))}
    in_scope, _ = ctx.doc_filter("s.doc_id")
    # A path is under a root when it is the root or continues it with '/' (a child section): joined in SQL,
    # not tested prefix by prefix in Python for every path.
    rows = ctx.con.execute(
        f"""SELECT s.doc_id, s.section_path, bool_or(r.leading) FROM sentences s
            JOIN (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::VARCHAR[]) AS path,
                         unnest(?::BOOLEAN[]) AS leading) r
                 ON r.doc_id = s.doc_id
                AND (s.section_path = r.path OR starts_with(s.section_path, r.path || '/'))
            WHERE {in_scope}
            GROUP BY ALL""",
        [[d for d, _ in roots], [p for _, p in roots], [(d, p) in leading for d, p in roots], *params],
    ).fetchall()
    return pl.DataFrame(
        rows, schema={"doc_id": pl.String, "section_path": pl.String, "leading": pl.Boolean}, orient="row"
    )


def _grams(text: str) -> set[str]:
    """The text's runs of MIN_SHARED characters: two texts share a run that long (their longest common
    substring, what difflib's find_longest_match measures) exactly when these sets meet."""
    return {text[i : i + MIN_SHARED] for i in range(len(text) - MIN_SHARED + 1)}


def _common_suffix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return a[len(a) - n :] if n else ""


def _named(entity_k: str) -> set[str]:
    return {e for e in entity_k.split("+") if e and "#" not in e}


def _phrases(d: dict) -> tuple[str, str]:
    """The measure named before a figure and after it, from its own clause (whatever the extractor's keys)."""
    offset, end = d["start"] - d["sentence_start"], d["end"] - d["sentence_start"]
    before = metric_phrase(simplify(clause_before(d["sentence"], offset)))
    after = metric_phrase(simplify(clause_after(d["sentence"], end)))
    return before, after


def _subjects(d: dict) -> set[str]:
    """Places named in the figure's own clause (not elsewhere in its sentence)."""
    offset, end = d["start"] - d["sentence_start"], d["end"] - d["sentence_start"]
    own = simplify(clause_before(d["sentence"], offset) + "，" + clause_after(d["sentence"], end))
    own = WHOLE_REFERENCE.sub("", own)  # 占全国的65.7%: the whole the share is of, not its subject
    return {k for k, kind in places(own) if kind in SUBJECT_KINDS}


WHOLE_REFERENCE = re.compile(r"(?:占|高于|低于|超过|相当于)(?:全国|全省|全市|全区|全县|我国|全球|全世界)")


def changes(earlier: dict, later: dict, memo: dict | None = None) -> list[str] | None:
    """What a later mention of the same number changed ('unit', 'role', 'metric', 'subject'); [] if it means
    the same thing; None if the two are not about the same thing at all. `memo` keeps each figure's phrases
    and subjects across calls (a summary figure is compared with every earlier mention of its value)."""
    memo = {} if memo is None else memo
    if is_table_row(earlier):
        return (
            None  # a table row's cell (2023年第四季  4.3  0.3): its meaning is in headers this rule can't see
        )
    ma, ga = _read(earlier, memo)
    mb, gb = _read(later, memo)
    related = not ga.isdisjoint(gb)
    head = _common_suffix(ma, mb)
    # (two rates of one subject share only 率: 政务服务覆盖率 and 政务服务使用率 are different measures)
    same_head = (len(head) >= 2 and bool(MEASURE_HEAD.search(head))) or (head == RATE and related)
    if not (related or same_head):
        return None
    out = []
    if related and (earlier["unit_k"] or "") != (later["unit_k"] or ""):
        out.append("unit")
    if related and _is_change(earlier) != _is_change(later):
        out.append("role")  # 覆盖率达到87.5% restated as 提升了87.5%: a level became a change, or back
    if same_head:
        ua = set(ma[: len(ma) - len(head)]) - set(mb) - NEUTRAL
        ub = set(mb[: len(mb) - len(head)]) - set(ma) - NEUTRAL
        if min(len(ua), len(ub)) >= MIN_DIFFERENT:
            out.append("metric")
    if not out:  # a changed subject is reported only when nothing else changed
        ea, eb = _memo_subjects(earlier, memo), _memo_subjects(later, memo)
        if ea and eb and not ea & eb:
            out.append("subject")
    return out


# Words of a comparison and its verb only (比上年同期下降): no measure of their own.
COMPARISON_WORDS = re.compile(
    r"(?:比|较|与|同比|环比)?(?:上年|去年|上年同期|去年同期|同期|上月|上季度)?(?:相比)?"
    r"(?:增长|增加|提高|提升|上升|下降|降低|减少|回落|扩大|缩小)?(?:了)?"
)
# A level that names a rate of change (增速为5% says what 增长5% says).
RATE_OF_CHANGE = re.compile(r"增速|增幅|涨幅|降幅|增长率|增长幅度|减幅")


def _is_change(d: dict) -> bool:
    return d["role_k"] == "delta" or RATE_OF_CHANGE.search(simplify(d["metric_k"] or "")) is not None


def _read(d: dict, memo: dict) -> tuple[str, set[str]]:
    """A figure's measure before it, and the runs of its measure before and after it (once per figure)."""
    key = ("phrases", d["doc_id"], d["stat_id"])
    got = memo.get(key)
    if got is None:
        before, after = _phrases(d)
        grams = _grams(before + after)
        if len(COMPARISON_WORDS.sub("", before)) < MIN_SHARED:
            # a clause that names no measure (，同比增长12.5%, 比上年同期下降): the measure carried to it
            grams |= _grams(simplify(d["metric_k"] or "").replace("|", ""))
        got = memo[key] = (before, grams)
    return got


def _memo_subjects(d: dict, memo: dict) -> set[str]:
    key = ("subjects", d["doc_id"], d["stat_id"])
    got = memo.get(key)
    if got is None:
        got = memo[key] = _subjects(d)
    return got


CHANGE_ZH = {"unit": "单位", "role": "含义（数值与变化幅度）", "metric": "指标", "subject": "主体"}


@rule(
    "SL401",
    "summary-changes-earlier-figure",
    "restatement",
    "warning",
    bad="全國不同地區政務系統採用的數據加密標準多達12種。…七、結論：全國採用不同數據加密標準的地區達12個。",
    good="全國不同地區政務系統採用的數據加密標準多達12種。…七、結論：全國政務系統採用的數據加密標準多達12種。",
)
def summary_changes_earlier_figure(ctx: RuleContext) -> Iterator[Finding]:
    """A conclusion or summary should repeat the body's figures as they are. When a summary section (結論,
    總結, 啟示, 展望, a work report's 發展成就 …)
    repeats an earlier number about the same thing but changes its unit (12種 standards
    become 12個 regions), what kind of figure it is (覆蓋率達到87.5% becomes 提升了87.5%: a level told as a
    change; 增速保持在18.5% and 增長18.5% say the same), its measure (a data-transfer error rate becomes a
    business-handling error rate) or its
    subject (a figure of one province becomes another's), a reader of the summary alone is misinformed. A
    figure repeated with the same meaning is not reported. Candidates are pairs with the same written value in
    the same document, one in a summary section and one before it, found by an SQL join on the value."""
    ensure_facts(ctx)
    ctx.con.register("rule_summary", summary_paths(ctx))
    pairs = ctx.con.execute(
        """
        SELECT e.doc_id, e.stat_id, l.stat_id
        FROM rule_stats l
        JOIN rule_summary s ON s.doc_id = l.doc_id AND s.section_path = l.section_path
        JOIN rule_stats e ON e.doc_id = l.doc_id AND e.value_text = l.value_text
             -- (a conclusion restates what came before it; an abstract, 摘要, what follows it)
             AND (e.start < l.start OR s.leading)
        WHERE NOT EXISTS (SELECT 1 FROM rule_summary s2 WHERE s2.doc_id = e.doc_id
                          AND s2.section_path = e.section_path)
          AND (e.year IS NULL OR l.year IS NULL OR e.year = l.year)
          AND e.metric_k IS NOT NULL AND l.metric_k IS NOT NULL
        ORDER BY e.doc_id, l.start, e.start
        """
    ).fetchall()
    ctx.con.unregister("rule_summary")
    # Pairs come ordered by document and never cross documents: read the figures' details (each with its
    # sentence) a batch of documents at a time, so memory does not grow with the warehouse.
    batch: list[tuple[str, int, int]] = []
    n_docs = 0
    for i, row in enumerate(pairs):
        batch.append(row)
        last_of_doc = i + 1 == len(pairs) or pairs[i + 1][0] != row[0]
        n_docs += last_of_doc
        if last_of_doc and (n_docs >= DOC_BATCH or i + 1 == len(pairs)):
            yield from _batch_findings(ctx, batch)
            batch, n_docs = [], 0


# The figures' details this rule reads (of facts.DETAIL_COLUMNS; fewer columns, less to fetch).
DETAILS = (
    "doc_id",
    "stat_id",
    "start",
    "end",
    "number_text",
    "section_path",
    "sentence",
    "sentence_start",
    "metric_k",
    "unit_k",
    "value_text",
    "role_k",
)
# Documents whose candidate pairs are judged together.
DOC_BATCH = 50


def _batch_findings(ctx: RuleContext, pairs: list[tuple[str, int, int]]) -> Iterator[Finding]:
    details = stat_details(ctx, [(d, a) for d, a, _ in pairs] + [(d, b) for d, _, b in pairs], DETAILS)
    candidates: dict[tuple[str, int], list[int]] = {}
    for doc_id, a_id, b_id in pairs:
        candidates.setdefault((doc_id, b_id), []).append(a_id)
    memo: dict = {}
    for (doc_id, b_id), earlier_ids in candidates.items():
        later = details[(doc_id, b_id)]
        found = _closest_change([details[(doc_id, a)] for a in earlier_ids], later, memo)
        if found is None:
            continue  # unrelated to anything earlier, or a faithful repeat of some earlier mention
        earlier, changed = found
        what = "、".join(CHANGE_ZH[c] for c in changed)
        ea, la = _excerpt(earlier), _excerpt(later)
        yield Finding(
            rule="SL401",
            doc_id=doc_id,
            message=ctx.say(
                f"总结部分重复了前文的数字{later['number_text']}，但改变了其{what}：前文为“{ea}”，"
                f"总结为“{la}”。",
                doc_id,
            ),
            message_en=f"The summary repeats the earlier figure {later['number_text']} with a changed "
            f"{', '.join(changed)}: earlier '{simplify(ea)}', summary '{simplify(la)}'.",
            suggestion=ctx.say(
                "按前文的原意改写总结中的表述（单位、指标和主体应与前文一致），或核实前文数据。", doc_id
            ),
            evidence=[
                Span(doc_id, d["start"], d["end"], d["number_text"], d["section_path"])
                for d in (earlier, later)
            ],
            key=f"{earlier['metric_k']}|{earlier['unit_k']}|"
            f"{later['metric_k']}|{later['value_text']}|{'+'.join(changed)}",
        )


def _closest_change(earlier: list[dict], later: dict, memo: dict) -> tuple[dict, list[str]] | None:
    """The closest (last) of the `earlier` mentions about the same thing as `later`, and what `later` changed;
    None when it is about none of them or repeats one faithfully. Stops at the first faithful repeat: the
    mentions after it cannot change the answer."""
    found = None
    for e in earlier:
        changed = changes(e, later, memo)
        if changed == []:
            return None
        if changed is not None:
            found = (e, changed)
    return found


def _excerpt(d: dict) -> str:
    """The clause around a figure, as written (without pasted pinyin readings)."""
    sentence, at = d["sentence"], d["start"] - d["sentence_start"]
    left = max(sentence.rfind(c, 0, at) for c in "，,；;。：:") + 1
    right = min([i for i in (sentence.find(c, at) for c in "，,；;。") if i >= 0] or [len(sentence)])
    return PINYIN_NOTE.sub("", sentence[left:right])
