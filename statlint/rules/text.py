"""Text helpers the rules share: the Simplified reading of a raw clause, and the grouping keys derived from
it.

The extractor is meant to give every statistic a `metric_key` and an `entity_key`; where it has not (yet), the
rules fall back to keys derived here from the clause that holds the figure, so grouping stays principled
(same words, same scope) instead of guessing from single characters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import opencc

# A pinyin reading pasted after a character by some web sources: 發(fā)展. Tone-marked Latin letters only, so
# real parentheses such as (一) or (GaaS) are kept.
PINYIN_NOTE = re.compile(
    r"\((?=[a-z\u00e0-\u00fc\u0100-\u01dc]*[\u00e0-\u00fc\u0100-\u01dc])"
    r"[a-z\u00e0-\u00fc\u0100-\u01dc]{1,7}\)"
)
# Where a clause ends: the figure's measure is named between the previous clause mark and the figure.
CLAUSE_MARK = re.compile(r"[，,；;。：:！!？?、（）()]")
CLAUSE_BREAK = re.compile(r"[，,；;。：:！!？?]")
# A year or a date written in the clause ("2024年", "2025年底前"): not part of what is measured.
YEAR_WORD = re.compile(r"(?:19|20)\d{2}年(?:底前|底|前|以来|起|上半年|下半年|末|初|度)?")
NUMBER_WORD = re.compile(r"\d+(?:[.,]\d+)*(?:万亿|亿|万|千|百)?")
# Words that say how a figure is reported, not what is measured: 达, 提升至, 超过, 仅为 ... Removed from
# keys so
# "网办率达82%" and "网办率提升至82%" group together. Multi-character words are removed anywhere; single
# characters only where they end the clause (达, 为) or start it (而, 但), so 共享 and 普及率 keep their
# characters.
REPORTING_WORDS = re.compile(
    "提升至|提高至|提高到|提升到|增长至|增加至|增至|升至|上升至|下降至|降至|降低至|缩短至|压缩至|减少至|扩大至|延长至|"
    "达到|高达|多达|已达|约为|仅为|仅有|不足|超过|突破|以上|以下|左右|接近|将近|大约|累计|共计|合计|已经|其中|同比|"
    "的"
)
TRAILING_WORDS = re.compile("[达为超逾近约仅有共已较比从至到在是]+$")
LEADING_WORDS = re.compile(
    "^(?:而且|而|但是|但|并且|并|且|其中|同时|以及|和|与|及|仍有|仍|还有|还|均|都|也)+"
)
PUNCT = re.compile(r"[\s“”\"'‘’「」『』《》〈〉【】\[\]()（）·•\-—–~～/、，,；;。：:！!？?%％]")
# Punctuation that never carries meaning when comparing passages.
NON_WORD = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9]")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


# Rules read the same sentences and clauses many times (every candidate pair re-reads both figures'
# clauses): the pure text helpers below are cached.
TEXT_CACHE = 1 << 16


@lru_cache(maxsize=TEXT_CACHE)
def simplify(text: str) -> str:
    """Simplified reading of raw text, without pasted pinyin readings (發(fā)展 -> 发展)."""
    return _t2s().convert(PINYIN_NOTE.sub("", text))


def clause_before(sentence: str, offset: int) -> str:
    """The clause of `sentence` that ends at `offset` (where a figure starts)."""
    head = sentence[: max(0, offset)]
    parts = CLAUSE_BREAK.split(head)
    return parts[-1] if parts else ""


def clause_after(sentence: str, offset: int) -> str:
    """The rest of the clause after `offset` (where a figure ends)."""
    m = CLAUSE_BREAK.search(sentence, offset)
    return sentence[offset : m.start() if m else len(sentence)]


# The extractor's gazetteer (name, key, kind per line). Read here directly so the rules depend on the data
# contract, not on the extractor's code; without the file no scope is derived.
PLACES_FILE = Path(__file__).resolve().parents[1] / "extract" / "data" / "places.tsv"
# An anonymous place kept as written: 某省, 某市, 某西部地州.
ANONYMOUS_PLACE = r"某[\u4e00-\u9fff]{0,3}?(?:省|市|县|区|州|镇|乡|村|社区|街道|园区|自贸区|新区|地区)"


# Common short forms the gazetteer lacks (reported to the extractor's owner; remove once places.tsv has them).
EXTRA_PLACES = {
    "成渝": ("成渝地区", "region"),
    "长三角地区": ("长三角", "region"),
    "京津冀地区": ("京津冀", "region"),
}


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[str, str]]:
    """Simplified name -> (key, kind)."""
    out: dict[str, tuple[str, str]] = dict(EXTRA_PLACES)
    try:
        lines = PLACES_FILE.read_text("utf-8").splitlines()
    except OSError:
        return out
    for line in lines:
        parts = [p.strip() for p in line.split("\t")]
        if line.startswith("#") or len(parts) < 3 or not parts[0]:
            continue
        out[parts[0]] = (parts[1] or parts[0], parts[2])
    return out


@lru_cache(maxsize=1)
def place_pattern() -> re.Pattern[str]:
    names = sorted(gazetteer(), key=len, reverse=True)
    return re.compile("|".join([ANONYMOUS_PLACE, *map(re.escape, names)]))


def places(text_simp: str) -> list[tuple[str, str]]:
    """(key, kind) of every place named in Simplified text; kind 'anonymous' for 某省 and the like."""
    gaz = gazetteer()
    out = []
    for m in place_pattern().finditer(text_simp):
        key, kind = gaz.get(m.group(), (m.group(), "anonymous" if m.group().startswith("某") else "city"))
        out.append((key, kind))
    return out


def strip_places(text_simp: str) -> str:
    return place_pattern().sub("", text_simp)


@lru_cache(maxsize=TEXT_CACHE)
def metric_phrase(clause_simp: str) -> str:
    """What a clause says is measured, with places, years, numbers and reporting words removed."""
    s = YEAR_WORD.sub("", clause_simp)
    s = strip_places(s)
    s = NUMBER_WORD.sub("", s)
    s = PUNCT.sub("", s)
    s = REPORTING_WORDS.sub("", s)
    s = TRAILING_WORDS.sub("", s)
    return LEADING_WORDS.sub("", s)


def scope_key(clause_simp: str, sentence_simp: str, sentence_id: int) -> str:
    """The scope a figure describes: places named in its clause, else in its sentence, else '' (the
    document's).

    An anonymous place (某省, 某市) is a different place each time it is written, so its key carries the
    sentence id: two 某省 figures are never grouped as the same scope."""
    found = places(clause_simp) or places(sentence_simp)
    keys = []
    for key, kind in found:
        keys.append(f"{key}#{sentence_id}" if kind == "anonymous" else key)
    return "+".join(dict.fromkeys(keys))


def compact(text_simp: str) -> str:
    """Text without punctuation or spaces, for comparing passages."""
    return NON_WORD.sub("", text_simp)
