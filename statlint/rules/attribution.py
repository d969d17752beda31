"""Category `attribution`: the same distinctive figure or fact credited to different subjects."""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import Match, SequenceMatcher
from functools import lru_cache

from statlint.rules.base import Finding, RuleContext, Span, rule
from statlint.rules.text import CLAUSE_BREAK, TEXT_CACHE, places

# Passages are compared as character n-grams of this length (Chinese has no spaces to split words on).
GRAM = 8
# Two sentences tell the same fact when they share a run of at least this many characters...
MIN_PASSAGE = 12
# ...that at most three sentences of the document contain (a slogan repeated everywhere is not distinctive).
# `_pairs` reads a gram's sentences as its lowest, middle and highest: it holds for three, no more.
MAX_SENTENCES_PER_GRAM = 3
# Kinds of place that can be credited with a fact (not 全国 or 本报告, which frame rather than credit).
CREDITABLE = ("province", "city", "region", "country", "anonymous")
# Punctuation and spaces, removed before comparing passages (RE2 syntax, used in SQL).
NON_WORD_SQL = r"[^\p{Han}A-Za-z0-9]"
# ...mostly in Chinese characters (a file name or a table row of codes is not a fact)...
MIN_PASSAGE_HAN = 8
HAN = re.compile(r"[\u4e00-\u9fff]")
WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
NON_WORD_CHAR = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")
CITED_TITLE = re.compile(r"《([^》]+)》")
# ...about no place named inside it (a project named after 梅州 is 梅州's wherever it is mentioned)...
# ...and the two sentences tell it in mostly the same words: matched runs cover this share of the shorter one.
# A slogan inside two long, different sentences (坚持以…思想为指导) is not one fact told twice.
MIN_COVERAGE = 0.35
# Runs shorter than this do not count towards the coverage.
MIN_RUN = 4
# Documents whose sentences are compared in one query (pairs never cross documents).
DOC_BATCH = 50
# Regions and the province-level places inside them: a region and one of its members may share a fact.
REGION_MEMBERS = {
    "长三角": {"上海市", "江苏省", "浙江省", "安徽省"},
    "京津冀": {"北京市", "天津市", "河北省"},
    "成渝地区": {"四川省", "重庆市"},
    "粤港澳大湾区": {"广东省", "香港特别行政区", "澳门特别行政区"},
    "珠三角": {"广东省"},
    "东北地区": {"辽宁省", "吉林省", "黑龙江省"},
}
# The statistical regions (National Bureau of Statistics): 东部, 中部, 西部 and 东北, in any of their names.
_EAST = {"北京市", "天津市", "河北省", "上海市", "江苏省", "浙江省", "福建省", "山东省", "广东省", "海南省"}
_CENTRAL = {"山西省", "安徽省", "江西省", "河南省", "湖北省", "湖南省"}
_WEST = {
    "内蒙古自治区",
    "广西壮族自治区",
    "重庆市",
    "四川省",
    "贵州省",
    "云南省",
    "西藏自治区",
    "陕西省",
    "甘肃省",
    "青海省",
    "宁夏回族自治区",
    "新疆维吾尔自治区",
}
for _names, _members in (
    (("东部", "东部地区", "东部省份"), _EAST),
    (("中部", "中部地区", "中部省份"), _CENTRAL),
    (("西部", "西部地区", "西部省份"), _WEST),
    (("东北", "东北三省"), REGION_MEMBERS["东北地区"]),
):
    for _name in _names:
        REGION_MEMBERS[_name] = set(_members)
# A lead clause that only links the sentence to the one before (例如，…): the subject is in the next clause.
CONNECTIVE = re.compile(
    r"\s*(?:例如|比如|譬如|如|其中|同时|此外|另外|另一方面|与此同时|具体来看|具体而言|总体来看|总的来看|"
    r"从区域看|分地区看|分区域看|从实践看|实践中|近年来|目前|当前|截至目前)\s*[，,：:]?\s*"
)
# An anonymous place's level: 某省 can only be a 省, 某市 only a 市.
ANON_LEVEL = re.compile(r"(省|市|县|区|州|镇|乡|村|社区|街道|园区|自贸区|新区|地区)$")


@rule(
    "SL301",
    "fact-credited-to-different-subjects",
    "attribution",
    "warning",
    bad="浙江省「數據共享負面清單」制度，明確不予共享的23類數據。…2024年成渝建立「數據共享負面清單」，明確不予共享的23類數據。",
    good="浙江省「數據共享負面清單」制度，明確不予共享的23類數據。…成渝地區借鑒浙江省的負面清單制度。",
)
def fact_credited_to_different_subjects(ctx: RuleContext) -> Iterator[Finding]:
    """A distinctive figure or fact belongs to one subject. When two sentences of a report tell the same
    distinctive passage (at least twelve characters that no other sentence contains, such as
    「數據共享負面清單」，
    明確不予共享的23類數據) but credit it to different places (浙江省 here, 成渝地區 there), one attribution
    is wrong. The subject is the place named in the sentence's lead clause or around the passage, else in its
    section heading; an unnamed 某省 can be any province but not a city. Candidate pairs come from an SQL
    join on rare character 8-grams, never from comparing every sentence with every other."""
    # Everything below is per document (n-grams, pairs, subjects, clusters), so documents are taken a batch
    # at a time: the same findings in the same order, with memory bounded by a batch instead of growing with
    # the warehouse (every 8-gram of every sentence of a thousand reports is tens of millions of rows).
    where, params = ctx.doc_filter("doc_id")
    docs = [
        d
        for (d,) in ctx.con.execute(
            f"SELECT DISTINCT doc_id FROM sentences WHERE {where} ORDER BY doc_id", params
        ).fetchall()
    ]
    for i in range(0, len(docs), DOC_BATCH):
        yield from _batch_findings(ctx, docs[i : i + DOC_BATCH])


def _pairs(ctx: RuleContext, docs: list[str]) -> list[tuple[str, int, int]]:
    """(doc_id, a, b) with a < b: the sentences of one document that share at least MIN_PASSAGE - GRAM + 1
    rare 8-grams (each written 2 to MAX_SENTENCES_PER_GRAM times in the document), by document and ids."""
    # Documents are numbered by their place in `docs` (sorted), so the n-grams are grouped on a small integer
    # instead of the doc_id string (same pairs, same order). A rare gram is written at most three times, so
    # one grouping gives all its sentences: the lowest id, the highest, and the sum less those two (the
    # middle one, when there are three), each distinct pair of them sharing the gram once; no join of every
    # gram with its sentences again.
    rows = ctx.con.execute(
        f"""
        WITH s AS (
            SELECT list_position($docs, doc_id) AS k, sentence_id,
                   regexp_replace(text_simp, '{NON_WORD_SQL}', '', 'g') AS t
            FROM sentences
            WHERE doc_id IN (SELECT unnest($docs)) AND NOT is_heading
              AND length(text_simp) >= {MIN_PASSAGE}
        ), g AS (
            SELECT k, sentence_id, hash(substr(t, i::INT, {GRAM})) AS h
            FROM (SELECT k, sentence_id, t, unnest(range(1, length(t) - {GRAM} + 2)) AS i FROM s)
        ), rare AS (
            SELECT k, min(sentence_id) AS lo, max(sentence_id) AS hi,
                   CASE WHEN count(*) = 3
                        THEN sum(sentence_id) - min(sentence_id) - max(sentence_id) END AS mid
            FROM g GROUP BY k, h HAVING count(*) BETWEEN 2 AND {MAX_SENTENCES_PER_GRAM}
        ), shares AS (
            SELECT k, lo AS a, hi AS b FROM rare WHERE lo < hi
            UNION ALL SELECT k, lo, mid FROM rare WHERE lo < mid AND mid < hi
            UNION ALL SELECT k, mid, hi FROM rare WHERE lo < mid AND mid < hi
        )
        SELECT k, a, b FROM shares
        GROUP BY ALL
        HAVING count(*) >= {MIN_PASSAGE - GRAM + 1}
        ORDER BY 1, 2, 3
        """,
        {"docs": docs},
    ).fetchall()
    return [(docs[k - 1], a, b) for k, a, b in rows]


def _batch_findings(ctx: RuleContext, docs: list[str]) -> Iterator[Finding]:
    pairs = _pairs(ctx, docs)
    if not pairs:
        return
    credit = _Credits(ctx, sorted({(d, s) for d, a, b in pairs for s in (a, b)}))
    clusters: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    parent: dict[tuple[str, int], tuple[str, int]] = {}
    fired: list[tuple[str, int, int, str]] = []
    for doc_id, a, b in pairs:
        ca, cb = credit.compact(doc_id, a), credit.compact(doc_id, b)
        longest = _longest_match(ca, cb)
        if longest is None:
            continue
        passage = ca[longest.a : longest.a + longest.size]
        if (
            len(HAN.findall(passage)) < MIN_PASSAGE_HAN
            or credit.place_in(passage)
            or _different_figures(ca, cb, passage)
            or credit.is_title(doc_id, passage)
        ):
            continue
        ea, eb = credit.subjects(doc_id, a, passage), credit.subjects(doc_id, b, passage)
        # The coverage (the costliest test: difflib over both sentences) last: all tests must pass.
        if not ea or not eb or _compatible(ea, eb):
            continue
        if _coverage(SequenceMatcher(None, ca, cb, autojunk=False), longest) < MIN_COVERAGE:
            continue
        root = _find(parent, (doc_id, a))
        parent[_find(parent, (doc_id, b))] = root
        fired.append((doc_id, a, b, passage))
    for doc_id, a, b, passage in fired:
        clusters.setdefault(_find(parent, (doc_id, a)), []).append((a, b, passage))
    for (doc_id, _), members in clusters.items():
        ids = sorted({i for a, b, _ in members for i in (a, b)})
        passage = max((p for _, _, p in members), key=len)
        subjects = [credit.subjects(doc_id, i, passage) for i in ids]
        names = "、".join(dict.fromkeys("/".join(sorted(k.split("#")[0] for k, _ in s)) for s in subjects))
        rows = [credit.sentence(doc_id, i) for i in ids]
        shown = credit.as_written(doc_id, ids[0], passage)
        yield Finding(
            rule="SL301",
            doc_id=doc_id,
            message=ctx.say(f"同一事实“{shown}”在文中被分别归于不同主体（{names}）。", doc_id),
            message_en=f"The same fact '{shown}' is credited to different subjects ({names}).",
            suggestion=ctx.say(
                "核实该事实的真实主体，统一归属；若确为不同地方的相同做法，应分别写明各自的数据。", doc_id
            ),
            evidence=[Span(doc_id, r[0], r[1], r[2], r[3]) for r in rows],
            key=f"{passage}|{'/'.join(sorted(names.split('、')))}",
        )


def _longest_match(a: str, b: str) -> Match | None:
    """The longest run the two texts share, the earliest in `a` and then in `b` (what difflib's
    `find_longest_match` returns without junk), if it has at least MIN_PASSAGE characters; else None.
    Found by extending the MIN_PASSAGE-grams they share: difflib indexed every character of `b` and walked
    all of `a` for each candidate pair, though only a run that long can make a finding."""
    n = MIN_PASSAGE
    la, lb = len(a), len(b)
    starts: dict[str, list[int]] = {}
    for j in range(lb - n + 1):
        starts.setdefault(b[j : j + n], []).append(j)
    best = Match(0, 0, 0)
    for i in range(la - n + 1):
        for j in starts.get(a[i : i + n], ()):
            if i and j and a[i - 1] == b[j - 1]:
                continue  # inside the run that starts one character earlier in both, which is longer
            k = n
            while i + k < la and j + k < lb and a[i + k] == b[j + k]:
                k += 1
            if k > best.size:
                best = Match(i, j, k)
    return best if best.size else None


def _in_text(i: int, gaps: list[int]) -> int:
    """Where the i-th character of a compacted text sits in the text, given the (ascending) offsets of the
    characters compacting removed."""
    for g in gaps:
        if g > i:
            break
        i += 1
    return i


def _find(parent: dict, x: tuple[str, int]) -> tuple[str, int]:
    """Union-find root: sentences that share one fact form one finding."""
    while parent.get(x, x) != x:
        x = parent[x]
    return x


def _different_figures(a: str, b: str, passage: str) -> bool:
    """The passage is a common phrase around different numbers (带动销售额突破3000亿 / 突破800亿): not one
    fact."""
    ia, ib = a.find(passage), b.find(passage)
    after_a = re.match(r"\d[\d.]*", a[ia + len(passage) :])
    after_b = re.match(r"\d[\d.]*", b[ib + len(passage) :])
    before_a = re.search(r"\d[\d.]*$", a[:ia])
    before_b = re.search(r"\d[\d.]*$", b[:ib])
    differ_after = bool(after_a and after_b and after_a.group() != after_b.group())
    differ_before = bool(
        before_a
        and before_b
        and before_a.group() != before_b.group()
        and not re.search(r"(19|20)\d\d$", before_a.group() + before_b.group())
    )
    return differ_after or differ_before


def _coverage(matcher: SequenceMatcher, longest: Match) -> float:
    """Share of the shorter sentence covered by runs it shares with the other: what
    `sum(m.size for m in matcher.get_matching_blocks() if m.size >= MIN_RUN) / shorter` gives, but starting
    from the longest match the caller already found (difflib's own first step), so it is not searched twice.
    """
    a, b = matcher.a, matcher.b
    la, lb = len(a), len(b)
    blocks = []
    queue = [(0, la, 0, lb, longest)]
    while queue:  # difflib.SequenceMatcher.get_matching_blocks, step for step
        alo, ahi, blo, bhi, found = queue.pop()
        i, j, k = found or matcher.find_longest_match(alo, ahi, blo, bhi)
        if k:
            blocks.append((i, j, k))
            if alo < i and blo < j:
                queue.append((alo, i, blo, j, None))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi, None))
    blocks.sort()
    covered = 0
    i1 = j1 = k1 = 0
    for i2, j2, k2 in blocks:  # adjacent blocks are one run
        if i1 + k1 == i2 and j1 + k1 == j2:
            k1 += k2
        else:
            if k1 >= MIN_RUN:
                covered += k1
            i1, j1, k1 = i2, j2, k2
    if k1 >= MIN_RUN:
        covered += k1
    return covered / max(1, min(la, lb))


def _level(key: str) -> str:
    m = ANON_LEVEL.search(key.split("#")[0])
    return m.group(1) if m else ""


def _compatible(ea: frozenset[tuple[str, str]], eb: frozenset[tuple[str, str]]) -> bool:
    """Could the two sets of subjects be the same? Only places of one level that exclude each other are
    incompatible: two provinces, two cities, two countries, a region and a province outside it, or an
    anonymous place and a named one of another level (某省 is never 深圳市). A province and a city may contain
    one another, and an unknown region may contain anything, so those are given the benefit of the doubt."""
    if {k for k, _ in ea} & {k for k, _ in eb}:
        return True
    return any(_may_be_same(a, b) for a in ea for b in eb)


def _may_be_same(a: tuple[str, str], b: tuple[str, str]) -> bool:
    (ka, kind_a), (kb, kind_b) = sorted((a, b), key=lambda p: p[1])
    if kind_a == kind_b == "anonymous":
        return True
    if "anonymous" in (kind_a, kind_b):
        return _level(ka) == _level(kb)
    if kind_a == kind_b:
        return False
    if {kind_a, kind_b} == {"city", "province"}:
        return True
    if {kind_a, kind_b} == {"province", "region"}:
        region, province = (ka, kb) if kind_a == "region" else (kb, ka)
        return region not in REGION_MEMBERS or province in REGION_MEMBERS[region]
    return kind_a == "region" or kind_b == "region"


class _Credits:
    """Who each sentence credits: the places in its lead clause and the passage's clauses, else its
    heading's."""

    def __init__(self, ctx: RuleContext, wanted: list[tuple[str, int]]) -> None:
        self.ctx = ctx
        docs = sorted({d for d, _ in wanted})
        marks = ", ".join("?" for _ in docs)
        # Only the candidate sentences are read in full; of the others, only those that can cite a title.
        rows = ctx.con.execute(
            """SELECT doc_id, sentence_id, start, "end", text, section_path, text_simp, paragraph, is_heading
               FROM sentences
               SEMI JOIN (SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::BIGINT[]) AS sentence_id) w
                    USING (doc_id, sentence_id)
               ORDER BY doc_id, sentence_id""",
            [[d for d, _ in wanted], [i for _, i in wanted]],
        ).fetchall()
        self.rows = {(r[0], r[1]): r for r in rows}
        self.cited = ctx.con.execute(
            f"""SELECT doc_id, text_simp FROM sentences
                WHERE doc_id IN ({marks}) AND contains(text_simp, '《') ORDER BY doc_id, sentence_id""",
            docs,
        ).fetchall()
        heads = ctx.con.execute(
            f"SELECT doc_id, path, title FROM sections WHERE doc_id IN ({marks})", docs
        ).fetchall()
        from statlint.rules.text import simplify

        self.heads = {(d, p): simplify(t) for d, p, t in heads}
        self.titles: dict[str, str] | None = None
        self._compact: dict[tuple[str, int], tuple[str, list[int]]] = {}
        self._subjects: dict[tuple[str, int, str], frozenset[tuple[str, str]]] = {}

    def place_in(self, passage: str) -> bool:
        """The passage names a place itself: the fact is that place's wherever it is told."""
        return bool(self._places(passage))

    def is_title(self, doc_id: str, passage: str) -> bool:
        """The passage is (part of) a cited document's name: citing one document twice is not an
        attribution."""
        if self.titles is None:  # every document's cited titles at once: one pass over the rows
            found: dict[str, list[str]] = {}
            for d, simp in self.cited:
                found.setdefault(d, []).extend(NON_WORD_CHAR.sub("", t) for t in CITED_TITLE.findall(simp))
            # One string per document: a passage (word characters only) is inside one of the titles exactly
            # when it is inside their join on a non-word separator.
            self.titles = {d: "\n".join(ts) for d, ts in found.items()}
        return passage in self.titles.get(doc_id, "")

    def sentence(self, doc_id: str, sid: int) -> tuple[int, int, str, str]:
        r = self.rows[(doc_id, sid)]
        return r[2], r[3], r[4], r[5]

    def as_written(self, doc_id: str, sid: int, passage: str) -> str:
        """The passage with the punctuation compacting removed (4.7万家, not 47万家), for messages."""
        compact, gaps = self._compacted(doc_id, sid)
        at = compact.find(passage)
        if at < 0:
            return passage
        simp = self.rows[(doc_id, sid)][6]
        return simp[_in_text(at, gaps) : _in_text(at + len(passage) - 1, gaps) + 1]

    def compact(self, doc_id: str, sid: int) -> str:
        return self._compacted(doc_id, sid)[0]

    def _compacted(self, doc_id: str, sid: int) -> tuple[str, list[int]]:
        """The sentence's word characters, and where its other characters sit in its Simplified text (read
        once per sentence, not once per pair)."""
        got = self._compact.get((doc_id, sid))
        if got is None:
            simp = self.rows[(doc_id, sid)][6]
            gaps = [m.start() for m in NON_WORD_CHAR.finditer(simp)]
            got = self._compact[(doc_id, sid)] = (NON_WORD_CHAR.sub("", simp), gaps)
        return got

    def subjects(self, doc_id: str, sid: int, passage: str) -> frozenset[tuple[str, str]]:
        got = self._subjects.get((doc_id, sid, passage))
        if got is None:
            got = self._subjects[(doc_id, sid, passage)] = self._find_subjects(doc_id, sid, passage)
        return got

    def _find_subjects(self, doc_id: str, sid: int, passage: str) -> frozenset[tuple[str, str]]:
        r = self.rows[(doc_id, sid)]
        own = self._places(self._subject_text(r[6], passage, *self._compacted(doc_id, sid)))
        if own:
            return own
        parts = r[5].split("/") if r[5] else []
        for i in range(len(parts), 0, -1):
            found = self._places(self.heads.get((doc_id, "/".join(parts[:i])), ""))
            if found:
                return found
        return frozenset()

    @staticmethod
    def _subject_text(simp: str, passage: str, compact: str, gaps: list[int]) -> str:
        """The sentence's lead clause and the clauses the passage spans, without the passage itself: where a
        Chinese sentence names who did what (浙江省「浙里辦」接入…，居民掃碼開門…). `compact` is `simp`
        without the characters at `gaps`."""
        at = compact.find(passage)
        if at < 0:
            return simp
        ps, pe = _in_text(at, gaps), _in_text(at + len(passage) - 1, gaps) + 1
        bounds = [0, *(m.end() for m in CLAUSE_BREAK.finditer(simp)), len(simp) + 1]
        clauses = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
        lead = 0
        while lead + 1 < len(clauses) and CONNECTIVE.fullmatch(simp[clauses[lead][0] : clauses[lead][1]]):
            lead += 1  # 例如，湖北省建成的…平台: the clause after a connective names who did it
        chosen = [c for i, c in enumerate(clauses) if i <= lead or (c[0] < pe and ps < c[1])]
        text = "，".join(simp[a:b] for a, b in chosen)
        return text.replace(simp[ps:pe], "，")

    @staticmethod
    @lru_cache(maxsize=TEXT_CACHE)
    def _places(text_simp: str) -> frozenset[tuple[str, str]]:
        """Creditable places named in the text (headings and clauses recur: cached)."""
        return frozenset((k, kind) for k, kind in places(text_simp) if kind in CREDITABLE)
