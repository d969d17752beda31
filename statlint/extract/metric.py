"""The metric a figure quantifies: the noun phrase it belongs to, as written, and a key to group on.

Built from the figure's clause: the subject before the figure (数字经济规模达50.2万亿元), the noun after a
count (200类高频证照) or after 的 (覆盖90%的三甲医院), with time words, places, quotes, adverbs and
comparison words removed. The result is a list of spans of the sentence so it can be quoted in either script.
"""

from __future__ import annotations

import re

# Words that end the subject: linking verbs, comparison words and the verb of a change's end (提升至).
TRAIL = re.compile(
    r"(?:(?:提升|提高|增长|增加|上升|扩大|下降|降低|减少|缩短|压缩|缩小|降|增|升|减|延长|回落)(?:为|了)?(?:至|到)"
    r"|从|由|达到|达|为|是|约为|约|将近|近|超过|超出|超|突破|逾|不足|不到|低于|高于|仅为|仅有|仅|只有|高达|多达|"
    r"平均|了|已经|已|分别|共计|共有|共|合计|总计|有|占比|占|仍有|仍|均|都|也|将|要|保持在|保持|稳定在|控制在|"
    r"实现|在|于|以|中|较[^,]{0,6}|比[^,]{0,6})$"
)
# The longest trailing predicate TRAIL can strip at once (较2020年同期 and the like): it is searched only
# in that many characters.
TRAIL_WINDOW = 12
# Words that start a clause without being part of the metric: discourse markers, time phrases, sources.
LEAD = re.compile(
    r"(?:例如|比如|其中|同时|此外|另外|目前|当前|截至目前|截至[^,]{0,10}?(?:底|末|月)|近年来|近期|全年|"
    r"年内|期间|据[^,]{0,24}?(?:显示|统计|数据|测算)|典型案例是|典型案例为|案例显示|如|(?:19|20)\d{2}\s*年(?:底|末|上半年|前三季度)?(?:前|以前|之前|以来)?|"
    r"今年|去年|上年|明年|过去一年|一年来|过去五年|五年来|[“\"「]?十[一二三四五六]五[”\"」]?(?:时期|期间)?|"
    r"在此基础上|与此同时|并且|并|且|而|但|其|总体上|整体上|已经|已|仍有|仍|共有|共|累计共|还有|还|也|均|都|"
    r"[“\"「『]|实现了?|推动|帮助|助力|使|让|通过|依托|导致|造成|使得|致使|因此|因而|所以|(?:较|比|相比|与|相较于?)[^,]{0,8}?年(?:相比|同期)?|[^,]{1,8}(?:方面|层面|领域)|和|及|与|、)"
)
# Adverbs that may sit inside the subject and are not what is measured.
ADVERB = re.compile(r"已经|已|正在|持续|逐步|进一步|仍然|仍")
# Characters dropped from the metric: quotes, book-title marks, brackets, spaces.
DROP = set("“”‘’\"'「」『』《》〈〉()（） \t")
DROP_RE = re.compile("[" + re.escape("".join(sorted(DROP))) + "]+")
# Both in one pass: their characters never overlap, so the matches are those of each pattern alone.
ADVERB_OR_DROP = re.compile(f"{ADVERB.pattern}|{DROP_RE.pattern}")
# Where the subject of a change stops: 从/由 start the change itself.
FROM_MARK = re.compile(r"从|由")
# After a figure: 以上/左右 then 的 then the noun it describes (覆盖90%以上的政务服务事项); a percentage may
# also run straight into what it is a share of (70%老人放弃就餐, 仅28%设立专职数据管理机构).
OF_NOUN = re.compile(r"(?:以上|以下|以内|左右|多|余)?的")
SHARE_OF = re.compile(
    r"(?:以上|以下|以内|左右|多|余)?(?=[\u4e00-\u9fff])(?!以上|以下|左右|以内|和|及|与|或|、)"
)
# The phrase after 的 or a share runs to the next punctuation.
PHRASE_STOP = set(',，。；;:：()（）"')
PHRASE_MAX = 18
# The noun after a count ends at punctuation, a function word or a verb-like character.
NOUN_STOP = set(",，。；;:：、()（）的全均都已将被把在等和及或并使让获覆为是达")
NOUN_MAX = 12
# Qualifier words between a count and its noun (30户以上智能工厂).
POST_QUALIFIER = re.compile(r"以上|以下|以内|左右|多|余")
# The characters OF_NOUN and POST_QUALIFIER matches start with: the patterns are tried only after one.
OF_NOUN_FIRST = "以左多余的"
SUBJECT_MAX = 24


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) of text: leading clause words, trailing predicate words, repeatedly."""
    while start < end:
        m = LEAD.match(text, start, end)
        if not m or m.end() == start:
            break
        start = m.end()
    while start < end:
        m = TRAIL.search(text, max(start, end - TRAIL_WINDOW), end)
        if not m or m.start() == m.end():
            break
        end = m.start()
    return start, end


def _noun_after(s: str, pos: int, pat: re.Pattern[str]) -> tuple[int, int] | None:
    m = pat.match(s, pos)
    return m.span() if m and m.end() - m.start() >= 2 else None


def _run_of(stop: set[str], limit: int) -> re.Pattern[str]:
    """A run of up to `limit` characters that are neither stop characters nor digits."""
    return re.compile("[^" + re.escape("".join(sorted(stop))) + "\\d]{1," + str(limit) + "}")


NOUN_RE = _run_of(NOUN_STOP, NOUN_MAX)
PHRASE_RE = _run_of(PHRASE_STOP, PHRASE_MAX)


def metric_spans(
    s: str,
    clause_start: int,
    q_start: int,
    q_end: int,
    count: bool,
    cut_from: bool,
    holes: list[tuple[int, int]],
    share: bool = False,
) -> list[tuple[int, int]]:
    """Spans of sentence s that make up the metric of the figure s[q_start:q_end].

    `holes` are spans to leave out (places, years). `cut_from` cuts the subject at 从/由 (both ends of a
    change share the subject).
    """
    start, end = clause_start, q_start
    if cut_from:
        m = FROM_MARK.search(s, start, end)
        if m:
            end = m.start()
    start, end = _strip(s, start, end)
    if end - start > SUBJECT_MAX:
        start = end - SUBJECT_MAX
    nxt = s[q_end : q_end + 1]
    after = OF_NOUN.match(s, q_end) if nxt and nxt in OF_NOUN_FIRST else None
    if after is None and share:
        after = SHARE_OF.match(s, q_end)
    noun = None
    if after:
        noun = _noun_after(s, after.end(), PHRASE_RE)
    elif count:
        post = POST_QUALIFIER.match(s, q_end) if nxt and nxt in OF_NOUN_FIRST else None
        noun = _noun_after(s, post.end() if post else q_end, NOUN_RE)
        if noun:
            return _cut(s, [noun], holes)
    spans = _cut(s, [(start, end)], holes) if end > start else []
    if noun:
        spans += _cut(s, [noun], [])  # places after 的 are what is counted (覆盖60%的城市社区)
    return spans


def _cut(s: str, spans: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Remove holes, dropped characters and adverbs from spans, keeping the pieces in order."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        gone = [(max(a, h0), min(b, h1)) for h0, h1 in holes if h0 < b and h1 > a]
        gone += [m.span() for m in ADVERB_OR_DROP.finditer(s, a, b)]
        gone.sort()
        pos = a
        for g0, g1 in gone:
            if g0 > pos:
                out.append((pos, g0))
            pos = max(pos, g1)
        if pos < b:
            out.append((pos, b))
    return out


def join(text: str, spans: list[tuple[int, int]]) -> str:
    return "".join(text[a:b] for a, b in spans).strip(" ,，、:：")


# Characters a grouping key leaves out: spaces and punctuation.
# (A regex substitution: str.translate with a deletion table costs twice as much on these short strings.)
KEY_DROP = re.compile("[ \t\n,，、:：;；.。]+")


def metric_key(simp_metric: str) -> str:
    """Grouping key: Simplified, without spaces and punctuation."""
    return KEY_DROP.sub("", simp_metric)


def skip_lead(s: str, start: int, end: int) -> int:
    """Position after the clause-opening words (time, connectives, 例如) at s[start:end]."""
    while start < end:
        m = LEAD.match(s, start, end)
        if not m or m.end() == start:
            break
        start = m.end()
    return start


def only_lead(s: str, start: int, end: int) -> bool:
    """Is s[start:end] nothing but clause-opening words?"""
    return skip_lead(s, start, end) >= end


TRAILING_VERB = re.compile(
    r"(?:提升|提高|增长|增加|上升|扩大|下降|降低|减少|缩短|压缩|缩小|节约|节省|节水|增收|降|增|减)$"
)


def carry(
    prev_metric: str, prev_key: str | None, text: str, s: str, spans: list[tuple[int, int]]
) -> tuple[str, str]:
    """Metric of a figure whose own clause names only a verb (较2020年提高25个百分点, 、增收15%): the previous
    figure's subject plus this verb."""
    verb_text, verb_simp = join(text, spans), join(s, spans)
    key = prev_key or prev_metric
    m = TRAILING_VERB.search(key)
    cut = m.start() if m else len(key)
    return prev_metric[:cut] + verb_text, key[:cut] + verb_simp
