"""The staging table most rules read: every statistic with its grouping keys and its exact reading interval.

`rule_stats` (a TEMP table, built once per run) adds to `statistics` (whose `year` it replaces with
`context_year`, the section's year where the sentence states none):
- `metric_k`, `entity_k`: the extractor's `metric_key` / `entity_key`, or keys derived from the figure's
  clause (statlint.rules.text) where the extractor left them null;
- `full_year`: undated, but told as the whole year's (全年完成…): comparable with the document's other such
  figures;
- `basis_k`: '' for a change over the year before (按年, 同比, or nothing said), 'previous' for one over the
  period before (按季, 环比, 较上季);
- `period_k`: the part of the year its sentence names before it (一季度, 上半年, 1-5月, 6月末), or the span of
  years (2019—2023); for an undated figure in a sentence that dates nothing, the one the sentence before
  names (截至9月末…。其中，…); '' for none;
- `lo`, `hi`: the interval of true values the written figure allows, in exact DECIMAL: "41.5%" allows
  [41.45, 41.55] (its written precision), "超过8亿" allows [8亿, +inf), "约2000" allows ±10%. Two figures
  conflict only when their intervals do not meet, so 41.5% and 41.50%, or 超过8亿 and 8.2亿, never do;
- `unit_k`: the unit in Simplified, so 種 and 种 compare equal;
- `clause`, `after`: the words before and after the figure in its clause (thousands commas dropped from
  `clause`, so 47万2,130人之41.2% stays one clause);
- `sentence_text`, `sentence_start`: the figure's sentence as written and where it starts (`stat_details`).
"""

from __future__ import annotations

import re
from collections import Counter

import duckdb
import polars as pl

from statlint.extract.metric import STOCK_LEAD_RE, STOCK_TAIL_RE
from statlint.rules.base import RuleContext
from statlint.rules.text import clause_after, clause_before, metric_phrase, places, scope_key, simplify

# "约2000" / "2000余" / "2000左右": taken to allow this relative slack either way.
APPROX_SLACK = "0.10"
# Exact decimals wide enough for 10^16 with 8 decimal places.
DEC = "DECIMAL(38, 8)"
# A derived metric phrase shorter than this is a leftover word (而, 仅为): inherit the previous figure's.
MIN_METRIC_CHARS = 2
# The patterns below run in SQL on the raw text, so they carry both scripts (从/從, 增长/增長).
# A pinyin reading pasted after a character (發(fā)展), removed before reading a clause.
PINYIN_SQL = "\\([a-zàáèéìíòóùúüāēěīōūǎǐǒǔǖǘǚǜ]{1,7}\\)"
# A clause ending in 从/由 introduces the starting value of a change ("从25%降至8%", "从2021年的46503元").
FROM_WORDS = "(从|從|由)((19|20)[0-9]{2}年(底|末)?的?)?"
# A clause ending in a change verb introduces the size of a change, not a level ("材料减少60%").
CHANGE_WORDS = (
    "(提高|提升|增长|增長|增加|上升|下降|降低|减少|減少|缩短|縮短|压缩|壓縮|节省|節省|节约|節約|增收|增产|增產|"
    "扩大|擴大|回落|下滑|放缓|放緩|加快)(了|达|達|超过|超過|近|约|約|逾)?"
)
# The number as written at the start of number_text ("8.2" of "8.2億"), to find the magnitude applied.
WRITTEN_NUMBER = "[0-9][0-9,]*(\\.[0-9]+)?"
# A number written in two magnitudes (1兆2,190億元, 3万4000元): its last digits count units of the magnitude
# after them (億, or none), not of the first one, so 1兆2,190億 is precise to 0.5億, not to 0.5兆.
COMPOUND_NUMBER = "[0-9][0-9,.]*\\s*[兆亿億万萬]\\s*[0-9][0-9,.]*\\s*([兆亿億万萬]?)"
# A table row (广东  152.3  18.6): cells separated by tabs or spaces, no 年 of its own; its cells' year is the
# one its header or caption states.
TABLE_ROW_SQL = "NOT contains(s.text, '年') AND regexp_matches(s.text, '\\t|[^\\s] +[0-9]')"
# Characters of raw text read on each side of a figure: enough for its clause and its qualifiers.
CONTEXT_CHARS = 60
# Qualifiers the extractor may miss when a unit it does not know sits between the number and the word
# ("800亿斤以上", "稳定在…以上"): read again from the raw text around the figure, in both scripts.
AT_LEAST_AFTER = "^[^，,。；;、0-9]{0,2}(以上|及以上|多|余)"
AT_MOST_AFTER = "^[^，,。；;、0-9]{0,2}(以下|以內|以内)"
ABOUT_AFTER = "^[^，,。；;、0-9]{0,2}左右"
AT_LEAST_BEFORE = "(超過|超过|突破|逾|不少於|不少于|至少|高於|高于|多於|多于)$"
AT_MOST_BEFORE = "(不足|不到|低於|低于|少於|少于|不超過|不超过|控制在)$"
ABOUT_BEFORE = "(約|约|近|接近|將近|将近|大約|大约)$"
# A part of the figure's year stated before it in its sentence (2024年一季度, 第4季, 上半年, 前三季度, 1-5月,
# 6月末), or the span of years it is over (2019—2023年年均增长10.3%): figures of one year but different
# periods are different figures. Both scripts (個).
# What a change in the sentence is measured against, the last said before the figure: the same period a year
# before (按年, 同比: the default) or the period just before (按季, 环比, 较上季, 按月): 按年上升8.8% and 按季
# 上升2.1% are two figures.
CHANGE_BASIS = "按年|同比|按季|按月|[环環]比|[较較比]上[季月]"
PERIOD = (
    # (a fiscal year, 2025-26年度, is no calendar year)
    "((19|20)[0-9]{2} ?[-/／] ?[0-9]{2}(財政|财政|課稅|课税)?年度"
    "|(19|20)[0-9]{2} ?年? ?[-—–~至到] ?(19|20)[0-9]{2}"
    "|第?[一二三四1-4]季度?|[上下]半年|[前首][一二两兩三四五六七八九十0-9]{1,2}[个個]?(季度|季|月)"
    "|[0-9]{1,2} ?[-—–~至到] ?[0-9]{1,2}月|[0-9一二三四五六七八九十]{1,3}月(末|底|份)?)"
)
# A figure of "the whole year" (全年完成投资1068.5亿元) in a report that dates none: every such figure of a
# statistical bulletin is of its one year, so two of them of one measure are comparable.
FULL_YEAR = "(^|[，,。；;：:])(全年|全省全年|全市全年)"
# Roles that state a level at the figure's year (a `from` value belongs to an earlier time).
LEVEL_ROLES = ("level", "to")


def build_facts(ctx: RuleContext) -> None:
    """Create TEMP TABLE rule_stats for the documents in scope."""
    where, params = ctx.doc_filter("st.doc_id")
    # The sentences are filtered to the documents in scope as well as the statistics: DuckDB does not carry
    # the filter across the join, and hashed every sentence of the warehouse once per batch of documents.
    sentences = (
        f"(SELECT doc_id, sentence_id, start, text, paragraph FROM sentences WHERE {ctx.doc_filter()[0]})"
    )
    need = ctx.con.execute(
        f"""SELECT st.doc_id, st.stat_id, st.sentence_id, st.start - s.start, st."end" - s.start, s.text,
                   st.unit_family
            FROM statistics st JOIN {sentences} s USING (doc_id, sentence_id)
            WHERE {where} AND (st.metric_key IS NULL OR st.entity_key IS NULL)
            ORDER BY st.doc_id, st.sentence_id, st.start""",
        params + params,
    ).fetchall()
    derived = _derive_keys(need)
    ctx.con.register("rule_derived_keys", derived)
    units = [
        u
        for (u,) in ctx.con.execute(
            f"SELECT DISTINCT unit FROM statistics st WHERE {where}", params
        ).fetchall()
        if u is not None
    ]
    ctx.con.register(
        "rule_units",
        pl.DataFrame(
            {"unit": units, "unit_k": [simplify(u) for u in units]},
            schema={"unit": pl.String, "unit_k": pl.String},
        ),
    )
    ctx.con.register("rule_doc_scopes", _doc_scopes(ctx))
    ctx.con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE rule_stats AS
        WITH years AS (
            SELECT doc_id, sentence_id, year, bool_or(kind = 'target') AS has_target,
                   bool_or(kind <> 'base') AS dates
            FROM year_mentions st WHERE {where} GROUP BY ALL
        ), dated AS (
            SELECT DISTINCT doc_id, sentence_id FROM years WHERE dates
        ), earlier AS (
            -- the period the sentence before states, for an undated sentence that goes on with it
            -- (截至9月末，基站总数达1275万个。其中，5G基站总数达470.5万个)
            SELECT doc_id, sentence_id,
                   lag(regexp_extract_all(text, '{PERIOD}')[-1])
                       OVER (PARTITION BY doc_id, paragraph ORDER BY sentence_id) AS period
            FROM {sentences} s
        ), joined AS (
            SELECT st.* EXCLUDE (sentence, year), COALESCE(st.year, st.context_year) AS year, d.script,
                   u.unit_k, s.start AS sentence_start,
                   s.text AS sentence_text,
                   COALESCE(st.metric_key, k.metric_fb) AS metric_k,
                   COALESCE(st.entity_key, NULLIF(k.entity_fb, ''), ds.scope) AS entity_k,
                   COALESCE(st.entity_key, k.entity_own, '') AS entity_own,
                   substr(s.text, greatest(1, st.start - s.start - {CONTEXT_CHARS} + 1),
                          least(st.start - s.start, {CONTEXT_CHARS})) AS head,
                   substr(s.text, st."end" - s.start + 1, {CONTEXT_CHARS}) AS tail,
                   y.year IS NOT NULL OR (st.year IS NOT NULL AND {TABLE_ROW_SQL}) AS year_stated,
                   COALESCE(y.has_target, FALSE) AS has_target,
                   st.context_year IS NULL
                       AND regexp_matches(substr(s.text, 1, st.start - s.start), '{FULL_YEAR}') AS full_year,
                   COALESCE(
                       regexp_extract_all(substr(s.text, 1, st.start - s.start), '{PERIOD}')[-1],
                       CASE WHEN st.context_year IS NULL AND dt.sentence_id IS NULL THEN e.period END,
                       ''
                   ) AS period_k,
                   CASE WHEN COALESCE(regexp_extract_all(substr(s.text, 1, st.start - s.start),
                                                         '{CHANGE_BASIS}')[-1], '按年') IN ('按年', '同比')
                        THEN '' ELSE 'previous' END AS basis_k
            FROM statistics st
            JOIN documents d USING (doc_id)
            JOIN {sentences} s ON s.doc_id = st.doc_id AND s.sentence_id = st.sentence_id
            LEFT JOIN years y ON y.doc_id = st.doc_id AND y.sentence_id = st.sentence_id AND y.year = st.year
            LEFT JOIN dated dt ON dt.doc_id = st.doc_id AND dt.sentence_id = st.sentence_id
            LEFT JOIN earlier e ON e.doc_id = st.doc_id AND e.sentence_id = st.sentence_id
            LEFT JOIN rule_derived_keys k USING (doc_id, stat_id)
            LEFT JOIN rule_units u ON u.unit = st.unit
            LEFT JOIN rule_doc_scopes ds ON ds.doc_id = st.doc_id
            WHERE {where} AND d.status = 'ok'
        ), clauses AS (
            SELECT * EXCLUDE (head, tail),
                   regexp_extract({_clause_text("head")}, '[^，,；;。：:！!？?]*$') AS clause,
                   regexp_extract({_unpinyin("tail")}, '^[^，,；;。：:！!？?]*') AS after,
                   CASE WHEN qualifier <> '=' THEN qualifier
                        WHEN regexp_matches(tail, '{AT_LEAST_AFTER}') THEN '>='
                        WHEN regexp_matches(tail, '{AT_MOST_AFTER}') THEN '<='
                        WHEN regexp_matches(tail, '{ABOUT_AFTER}') THEN '~'
                        WHEN regexp_matches(head, '{AT_LEAST_BEFORE}') THEN '>'
                        WHEN regexp_matches(head, '{AT_MOST_BEFORE}') THEN '<'
                        WHEN regexp_matches(head, '{ABOUT_BEFORE}') THEN '~'
                        ELSE '=' END AS qualifier_k,
                   TRY_CAST(value_text AS {DEC}) AS v,
                   TRY_CAST(replace(regexp_extract(number_text, '{WRITTEN_NUMBER}'), ',', '') AS DOUBLE)
                       AS written
            FROM joined
        ), halves AS (
            SELECT *, CAST(0.5 * pow(10, -precision)
                           * CASE WHEN regexp_matches(number_text, '{COMPOUND_NUMBER}')
                                  THEN CASE regexp_extract(number_text, '{COMPOUND_NUMBER}', 1)
                                       WHEN '兆' THEN 1e12 WHEN '亿' THEN 1e8 WHEN '億' THEN 1e8
                                       WHEN '万' THEN 1e4 WHEN '萬' THEN 1e4 ELSE 1 END
                                  WHEN written > 0 AND value <> 0
                                  THEN pow(10, round(log10(abs(value) / written))) ELSE 1 END
                           AS {DEC}) AS half
            FROM clauses
        )
        SELECT * EXCLUDE (has_target),
               CASE WHEN role <> 'level' THEN role
                    WHEN has_target THEN 'target'
                    WHEN regexp_matches(clause, '{FROM_WORDS}$') THEN 'from'
                    WHEN regexp_matches(clause, '{CHANGE_WORDS}$') THEN 'delta'
                    ELSE 'level' END AS role_k,
               CASE WHEN qualifier_k IN ('<', '<=') THEN NULL
                    WHEN qualifier_k IN ('>', '>=') THEN v
                    WHEN qualifier_k = '~' THEN v * (1 - {APPROX_SLACK})
                    ELSE v - half END AS lo,
               CASE WHEN qualifier_k IN ('>', '>=') THEN NULL
                    WHEN qualifier_k IN ('<', '<=') THEN v
                    WHEN qualifier_k = '~' THEN COALESCE(CAST(value_high AS {DEC}), v) * (1 + {APPROX_SLACK})
                    WHEN value_high IS NOT NULL THEN CAST(value_high AS {DEC}) + half
                    ELSE v + half END AS hi
        FROM halves
        WHERE v IS NOT NULL
        """,
        params * 4,
    )
    ctx.con.unregister("rule_derived_keys")
    ctx.con.unregister("rule_units")
    ctx.con.unregister("rule_doc_scopes")


# The scope of a document whose title names no place (a national research report).
NATIONAL = "全国"
# Kinds of place a document can be about (its title names it: 2026年北京市政府工作报告).
DOC_SCOPE_KINDS = ("province", "city", "country", "region")
# A document whose title names no place is about the place its first sentences name most, if that place has
# at least this many mentions and this share of all of them.
OPENING_SENTENCES = 80
MIN_SCOPE_MENTIONS = 3
DOMINANT_SHARE = 0.6
NATIONAL_WORDS = re.compile("全国|我国")


def _clause_text(column: str) -> str:
    """SQL: the column without pasted pinyin readings and without the commas that group a number's thousands
    (47万2,130人), which would end a clause inside a figure (the comma test is on the raw column, so the
    cleaning runs once)."""
    expr = _unpinyin(column)
    dropped = f"regexp_replace({expr}, '([0-9]),([0-9]{{3}})', '\\1\\2', 'g')"
    return f"CASE WHEN contains({column}, ',') THEN {dropped} ELSE {expr} END"


def _unpinyin(column: str) -> str:
    """SQL: the column without pasted pinyin readings (the regex only runs where a '(' appears)."""
    stripped = f"regexp_replace({column}, '{PINYIN_SQL}', '', 'g')"
    return f"CASE WHEN contains({column}, '(') THEN {stripped} ELSE {column} END"


def _doc_scopes(ctx: RuleContext) -> pl.DataFrame:
    """Each document's own scope, for figures that name none: the first place in its title; else the place
    that dominates its opening sentences (a report titled only 政府工作报告); else 全国 when it speaks of
    全国/
    我国; else a scope of its own, so its unscoped figures are never compared with another document's."""
    where, params = ctx.doc_filter("d.doc_id")
    rows = ctx.con.execute(
        f"""SELECT d.doc_id, d.title, string_agg(s.text_simp, '。' ORDER BY s.sentence_id)
            FROM documents d LEFT JOIN sentences s ON s.doc_id = d.doc_id AND s.sentence_id <
                {OPENING_SENTENCES}
            WHERE {where}
            GROUP BY ALL""",
        params,
    ).fetchall()
    scopes = []
    for doc_id, title, opening in rows:
        found = [k for k, kind in places(simplify(title or "")) if kind in DOC_SCOPE_KINDS]
        if not found:
            mentions = Counter(k for k, kind in places(opening or "") if kind in ("province", "city"))
            top = mentions.most_common(1)
            total = sum(mentions.values())
            if top and top[0][1] >= MIN_SCOPE_MENTIONS and top[0][1] >= DOMINANT_SHARE * total:
                found = [top[0][0]]
            elif len(NATIONAL_WORDS.findall(opening or "")) >= MIN_SCOPE_MENTIONS:
                found = [NATIONAL]
        scopes.append(found[0] if found else f"@{doc_id}")
    return pl.DataFrame(
        {"doc_id": [r[0] for r in rows], "scope": scopes}, schema={"doc_id": pl.String, "scope": pl.String}
    )


def _derive_keys(rows: list[tuple]) -> pl.DataFrame:
    """Metric and scope keys from each figure's clause, for statistics the extractor left without them."""
    out = []
    prev: tuple[str, int, str, str] | None = None  # (doc, sentence, family, metric) of the previous figure
    simp_cache: dict[tuple[str, int], str] = {}
    for doc_id, stat_id, sentence_id, a, b, sentence, family in rows:
        sent_simp = simp_cache.get((doc_id, sentence_id))
        if sent_simp is None:
            sent_simp = simp_cache[(doc_id, sentence_id)] = simplify(sentence)
        before = simplify(clause_before(sentence, a))
        after = simplify(clause_after(sentence, b))
        metric = metric_phrase(before)
        after_m = metric_phrase(after)
        if (
            len(metric) < MIN_METRIC_CHARS
            and not after_m
            and prev
            and prev[:3] == (doc_id, sentence_id, family)
        ):
            metric = prev[3]  # parallel figures: "东部省份网办率达92%，而西部省份仅为65%"
        key = metric + ("|" + after_m if after_m else "")
        prev = (doc_id, sentence_id, family, metric)
        out.append(
            {
                "doc_id": doc_id,
                "stat_id": stat_id,
                "metric_fb": key if len(key) >= MIN_METRIC_CHARS else None,
                "entity_fb": scope_key(before, sent_simp, sentence_id),
                "clause": before,
                "after": after,
                "entity_own": scope_key(before + "，" + after, "", sentence_id),
            }
        )
    schema = {
        "doc_id": pl.String,
        "stat_id": pl.Int64,
        "metric_fb": pl.String,
        "entity_fb": pl.String,
        "clause": pl.String,
        "after": pl.String,
        "entity_own": pl.String,
    }
    return pl.DataFrame(out, schema=schema)


def ensure_facts(ctx: RuleContext) -> None:
    ctx.once("rule_stats", build_facts)


# The facts of several batches, spooled by `spool_facts`, read back as one rule_stats.
FACTS_VIEW = "CREATE OR REPLACE TEMP VIEW rule_stats AS SELECT * FROM read_parquet({}, union_by_name = true)"


def spool_facts(ctx: RuleContext, path: str) -> None:
    """Write this context's rule_stats (built if no rule needed it) to a Parquet file, for the cross-document
    rules: a document's facts depend only on its own rows, so the union of every batch's spooled facts is what
    building them over all documents at once gives, without a process holding all of them (at 1,000
    documents that build took the cross-document task to ~470 MB, the run's peak) or computing them twice."""
    ensure_facts(ctx)
    ctx.con.execute("COPY rule_stats TO ? (FORMAT parquet, COMPRESSION lz4)", [path])


def use_spooled_facts(ctx: RuleContext, paths: list[str]) -> None:
    """Make rule_stats a view over spooled facts (`spool_facts`), so `ensure_facts` builds nothing. A view
    cannot take parameters: the paths are the spool's own file names, quoted as SQL strings."""
    files = "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"
    ctx.con.execute(FACTS_VIEW.format(files))
    ctx.provide("rule_stats")


def drop_facts(con: duckdb.DuckDBPyConnection) -> None:
    """Remove a task's rule_stats (a table it built or a view over spooled facts), so the next task on the
    same connection builds its own."""
    kinds = con.execute(
        "SELECT table_type FROM information_schema.tables WHERE table_name = 'rule_stats' "
        "AND table_schema = 'main' AND table_catalog = 'temp'"
    ).fetchall()
    for (kind,) in kinds:
        con.execute("DROP VIEW rule_stats" if kind == "VIEW" else "DROP TABLE rule_stats")


# Figures grouped by a derived metric phrase shorter than this are too vague to compare (提高, 覆盖).
MIN_GROUP_METRIC = 3


def grouping_filter(alias: str = "") -> str:
    """SQL predicate: a figure has a usable measure, a scope that can be shared (not an anonymous 某省), and a
    year its own sentence states (a year inherited from a paragraph about "过去五年" is not comparable)."""
    p = f"{alias}." if alias else ""
    return f"{p}year_stated AND {measure_filter(alias)}"


def measure_filter(alias: str = "") -> str:
    """SQL predicate: a usable measure and a scope that can be shared, whatever the year."""
    p = f"{alias}." if alias else ""
    return (
        f"{p}metric_k IS NOT NULL AND length(replace({p}metric_k, '|', '')) >= {MIN_GROUP_METRIC} "
        f"AND NOT regexp_full_match(replace({p}metric_k, '|', ''), '{LINK_WORDS_ONLY}') "
        f"AND {p}entity_k NOT LIKE '%#%'"
    )


# A "measure" of only the words that link a change to its value (增至的, 降至为): it names nothing.
LINK_WORDS_ONLY = (
    "(增至|降至|升至|减至|提高到|提升至|提高至|增加到|减少到|下降到|上升到|的|之|为|達|达|约"
    # (平均每年增长: a change of what?)
    "|平均每年|每年|年均|平均|同比|比上年|增长|下降|提高|提升|增加|减少)+"
)


# The columns of rule_stats a message and its evidence need.
DETAIL_COLUMNS = (
    "doc_id",
    "stat_id",
    "start",
    "end",
    "number_text",
    "section_path",
    "sentence",
    "sentence_start",
    "metric_k",
    "entity_k",
    "entity_own",
    "year",
    "value_text",
    "qualifier_k",
    "unit",
    "unit_k",
    "unit_family",
    "role_k",
    "sentence_id",
    "metric",
    "entity",
    "lo",
    "hi",
    "clause",
)


def stat_details(
    ctx: RuleContext, keys: list[tuple[str, int]], columns: tuple[str, ...] = DETAIL_COLUMNS
) -> dict[tuple[str, int], dict]:
    """Everything a message and its evidence need about the given (doc_id, stat_id) figures: the
    DETAIL_COLUMNS, or only `columns` (which start with doc_id, stat_id) for a rule that reads few of them."""
    if not keys:
        return {}
    # Callers pass each figure once per pair it is in: look each up once (the same rows, without repeats).
    ctx.con.register("rule_wanted", _frame(list(dict.fromkeys(keys))))
    # The sentence comes with the facts (rule_stats.sentence_text): joining `sentences` again cost a scan of
    # the batch's whole row group of sentences at every call (~7 calls per batch).
    cols = ", ".join("r.sentence_text" if c == "sentence" else f'r."{c}"' for c in columns)
    rows = ctx.con.execute(
        f"SELECT {cols} FROM rule_stats r JOIN rule_wanted w USING (doc_id, stat_id)"
    ).fetchall()
    ctx.con.unregister("rule_wanted")
    return {(r[0], r[1]): dict(zip(columns, r, strict=True)) for r in rows}


def dict_rows(cur: duckdb.DuckDBPyConnection) -> list[dict]:
    """The rows of the query just run on `cur`, each as a dict keyed by the query's column names (a rule's
    SELECT list is then written once, not again as a list of names)."""
    names = [d[0] for d in cur.description or []]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _frame(keys: list[tuple[str, int]]) -> pl.DataFrame:
    return pl.DataFrame(
        {"doc_id": [k[0] for k in keys], "stat_id": [k[1] for k in keys]},
        schema={"doc_id": pl.String, "stat_id": pl.Int64},
    )


def measure_label(d: dict) -> str:
    """How a message names a figure's measure: the extractor's phrase, else the derived key."""
    return d.get("metric") or (d.get("metric_k") or "").replace("|", "")


def scope_label(d: dict) -> str:
    entity = d.get("entity") or (d.get("entity_k") or "").split("#")[0]
    return "全文" if not entity or entity.startswith("@") else entity


def context_phrase(d: dict) -> str:
    """What the text around a figure says it measures, derived from its own clause whatever the extractor's
    keys: used to confirm that two figures grouped by key really speak of the same thing."""
    sentence, offset = d["sentence"], d["start"] - d["sentence_start"]
    end = d["end"] - d["sentence_start"]
    before = metric_phrase(simplify(clause_before(sentence, offset)))
    after = metric_phrase(simplify(clause_after(sentence, end)))
    return before + after


# Characters that change nothing about what is measured (的, 部门 in 医保部门, 与/和 in lists).
NEUTRAL = set("的与和及等部门方面相关之其个")
# Two phrases name different things when each has at least this many characters the other lacks.
MIN_DIFFERENT = 2


# A line of a table: cells apart by tabs, runs of spaces or pipes, and no sentence punctuation.
TABLE_ROW = re.compile(r"\t|\S {2,}\S|\S\u3000+\S|\|[^|\n]*\|")
SENTENCE_MARK = re.compile(r"[，,。；;！？]")


def is_table_row(d: dict) -> bool:
    return is_table_text(d["sentence"] or "")


def is_table_text(row: str) -> bool:
    """Is this sentence a line of a table (cells apart, no sentence punctuation)?"""
    return TABLE_ROW.search(row) is not None and SENTENCE_MARK.search(row) is None


def _own_phrase(d: dict) -> str:
    """A table cell's row (全　国  43477  5.0) names no measure: the extractor read it from the headers."""
    key = simplify((d.get("metric_k") or "").replace("|", ""))
    if is_table_row(d):
        return key
    phrase = STOCK_WORDS.sub("", context_phrase(d))
    if key and len(set(key) & set(phrase)) * 2 < len(set(key)):
        return key  # 按可比价格计算增长5.6%: the measure was named in the clause before
    return phrase


# Words that count a stock rather than name it (已建成互联网医院 / 互联网医院数量为), as in the metric keys.
STOCK_WORDS = re.compile(f"{STOCK_LEAD_RE}|{STOCK_TAIL_RE}")


def same_thing(a: dict, b: dict) -> bool:
    """Do two figures' own clauses describe the same thing? One may add words the other lacks (粮食产量 /
    粮食产量稳定在), but not both (五大道公园和…口袋公园建成开放 / 新建提升…城市公园和…口袋公园)."""
    pa, pb = _own_phrase(a), _own_phrase(b)
    if pa == pb:
        return True
    ua, ub = set(pa) - set(pb) - NEUTRAL, set(pb) - set(pa) - NEUTRAL
    return min(len(ua), len(ub)) < MIN_DIFFERENT
