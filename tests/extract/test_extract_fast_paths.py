"""Fast paths must give what the slow forms gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from statlint.extract import changes, metric, numbers, qualifiers, time
from statlint.extract.trie import word_ends, word_starts

SENTENCES = [
    "截至2024年底，全市已经建成“一网通办”平台（二期），仍有  3个区正在持续推进。",
    "十四五时期以来，去年全市数字经济规模进一步扩大，仍然保持《规划》目标。",
    "平台“随申办”已逐步覆盖全部事项",
    "",
]


def test_adverb_or_drop_is_the_union_of_both_patterns():
    for s in SENTENCES:
        both = sorted(m.span() for m in metric.ADVERB_OR_DROP.finditer(s))
        apart = sorted(
            [m.span() for m in metric.ADVERB.finditer(s)] + [m.span() for m in metric.DROP_RE.finditer(s)]
        )
        assert both == apart


def test_year_mentions_need_nian_or_shi():
    for s in ["全市共建成5G基站3万个", "今年增长5%", "十四五时期增长", "2024年增长"]:
        has_years = bool(time.YEAR.search(s) or time.RELATIVE.search(s))
        assert bool(time.year_mentions(s, 2025)) == has_years


# Prefilters: a pattern is tried only when a character every one of its matches needs is present. Each set
# must cover every string the pattern can match, or a figure would silently lose its qualifier, role or kind.
# Hypothesis generates matches of the patterns themselves, so a word added to a pattern is covered at once.


def _matches(pattern):
    return st.from_regex(pattern, fullmatch=True)


def test_word_ends_and_starts_read_optional_characters_and_skip_lookarounds():
    assert word_ends(r"(?:较|比|相较于?)$") == {"较", "比", "于"}
    assert word_starts(r"^(?:以内|内(?![容部]))") == {"以", "内"}


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_ending_sets_cover_every_match(data):
    cases = [
        (time.BASE_BEFORE, time.BASE_ENDS),
        (time.TARGET_BEFORE, time.TARGET_ENDS),
        (numbers.ORDINAL_BEFORE, frozenset(numbers.ORDINAL_LAST)),
        *((pat, qualifiers.BEFORE_LAST) for pat, _ in qualifiers.QUAL_BEFORE),
    ]
    for pat, ends in cases:
        s = data.draw(_matches(pat.pattern.rstrip("$")))
        assert s.rstrip("了")[-1:] in ends or s[-1:] in ends, (pat.pattern, s)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_starting_sets_cover_every_match(data):
    cases = [
        (time.TARGET_AFTER.pattern.lstrip("^"), time.TARGET_AFTER_STARTS),
        (metric.OF_NOUN.pattern, frozenset(metric.OF_NOUN_FIRST)),
        (metric.POST_QUALIFIER.pattern, frozenset(metric.OF_NOUN_FIRST)),
        (changes.JOIN_ONLY.pattern.strip("^$"), frozenset(changes.JOIN_CHARS)),
        *((p.pattern.lstrip("^"), qualifiers.AFTER_FIRST) for p, _ in qualifiers.QUAL_AFTER),
    ]
    for pattern, starts in cases:
        s = data.draw(_matches(pattern))
        assert s[:1] in starts, (pattern, s)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_every_role_cue_holds_a_cue_start_character(data):
    for pat in (
        changes.TO_VERB,
        changes.DELTA_VERB,
        changes.DELTA_NOUN,
        changes.DELTA_OBJECT,
        changes.FROM_BEFORE,
        changes.DOUBLING,
        changes.VERB_AT_END,
    ):
        s = data.draw(_matches(pat.pattern.rstrip("$")))
        assert changes.CUE_START.search(s), (pat.pattern, s)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_label_and_range_prefilters_cover_their_patterns(data):
    label = data.draw(_matches(numbers.LABEL_AFTER.pattern))
    assert label[:1] in numbers.LABEL_WORDS or "圈" in label
    tail = data.draw(_matches(r"[ \t]?(?:" + "|".join(numbers.RANGE_SEPARATORS) + r")"))
    head = tail.lstrip(" \t")[:1]
    assert head in numbers.RANGE_SEPARATORS and len(tail) - len(tail.lstrip(" \t")) <= 1


# Pieces that meet at sentence boundaries in awkward ways: numbers, numerals, units, separators, colons.
PIECES = [
    "2024年",
    "12",
    "3.5",
    "1,100",
    "万",
    "亿元",
    "%",
    "个",
    "三",
    "十几",
    "百分之",
    "一半",
    ":",
    "1",
    "/",
    "-",
    "至",
    "成",
    "倍",
    "。",
    ".",
    "，",
    "增长",
    "达",
    "第",
    "A",
    " ",
    "数字",
    "上",
]


def _scanned_alone(s, patterns):
    """Every pattern run on the sentence by itself, leftmost first, the earlier pattern first at a tie."""
    found = [(m.start(), rank, pat) for rank, pat, _ in patterns for m in pat.finditer(s)]
    return [(start, pat) for start, _, pat in sorted(found, key=lambda x: (x[0], x[1]))]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PIECES), max_size=8).map("".join), min_size=1, max_size=6))
def test_one_scan_of_joined_sentences_finds_what_each_sentence_scan_finds(sentences):
    patterns = numbers.active_patterns("".join(sentences))
    joined = numbers.candidates(sentences, patterns)
    for s, found in zip(sentences, joined, strict=True):
        alone = _scanned_alone(s, patterns)
        assert [(start, pat) for start, _, pat in found] == alone
        assert numbers.find_quantities(s, patterns, found) == numbers.find_quantities(s, patterns)


PLACE_PIECES = [
    "上海市",
    "浙江",
    "某省",
    "两江新区",
    "全国",
    "东部省份",
    "数字",
    "、",
    "1.",
    "农村",
    "新区",
    "某",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PLACE_PIECES), max_size=6).map("".join), max_size=6))
def test_places_of_many_headings_from_one_scan_equal_one_scan_each(texts):
    from statlint.extract import scope

    each = [[(p.start, p.end, p.key, p.kind) for p in scope.find_places(t)] for t in texts]
    joined = [[(p.start, p.end, p.key, p.kind) for p in ps] for ps in scope.find_places_each(texts)]
    assert joined == each


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from([*PIECES, "∶", "近"]), max_size=8).map("".join), min_size=1, max_size=6)
)
def test_kept_matches_read_as_matching_again(sentences):
    patterns = numbers.active_patterns("".join(sentences))
    kept = numbers.candidate_matches(sentences, patterns)
    for s, matched in zip(sentences, kept, strict=True):
        assert [(start, pat) for start, _, pat, _ in matched] == _scanned_alone(s, patterns)
        assert numbers.find_quantities(s, patterns, matched=matched) == numbers.find_quantities(s, patterns)


def test_pattern_cues_are_in_every_match():
    """A pattern with cues is searched only in sentences holding one: each of its matches holds one."""
    probes = ["3.5∶1", "12:1", "1/3", "百分之十二", "近一半", "2.21∶1的", "1∶1,2:1"]
    for pat, needs in zip(numbers.TOKENS, numbers.TOKEN_NEEDS, strict=True):
        for s in probes:
            for m in pat.finditer(s) if needs else ():
                assert any(n in m.group() for n in needs)


def test_relative_first_characters_cover_the_pattern():
    words = time.RELATIVE.pattern.split("(?P<rel>", 1)[1].split(")", 1)[0].split("|")
    assert {w[0] for w in words} | {"十"} == set(time.RELATIVE_FIRST)


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_metric_lookaheads_admit_every_match(data):
    """TRAIL and ADVERB_OR_DROP open with a class of the characters their matches start with."""
    trail = data.draw(_matches(metric.TRAIL_SOURCE.rstrip("$")))
    assert metric.TRAIL.fullmatch(trail), trail
    dropped = data.draw(_matches(f"{metric.ADVERB.pattern}|{metric.DROP_RE.pattern}"))
    assert metric.ADVERB_OR_DROP.fullmatch(dropped), dropped
