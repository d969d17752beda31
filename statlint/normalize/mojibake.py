"""Mojibake: runs of characters that are bytes decoded with the wrong codec, flagged and repaired if provable.

Detection scores each character for how unlikely it is in real prose:

* the replacement character, private-use and control characters (bytes no codec could place);
* an ASCII "?" standing inside Chinese text (where a lost character was), more so glued to punctuation;
* CJK characters outside common use (GB2312 level 2 or beyond, after a Traditional->Simplified mapping), and
  kana, box drawing or Cyrillic inside Chinese text: UTF-8 read as GBK, or GBK read one byte out of step,
  lands in exactly these.

Suspect characters close to each other form a run; a run is flagged when its evidence is strong enough that an
isolated rare character (a place name, 勠力) never is. A run is repaired only when the repair is verifiable:
re-encoding it with the codec that misread it and decoding it as UTF-8 gives strictly valid, entirely common
text. Otherwise the text is kept as it is and the run is only recorded, for an editor to look at.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from statlint.normalize.charclass import cjk_level, is_common
from statlint.normalize.codepoints import distinct_chars
from statlint.normalize.offsets import Edit
from statlint.normalize.script import to_simplified

# Punctuation a lost character's "?" is often glued to.
_PUNCT = set(",.;:!?，。；：、！？")
# Suspect characters at most this many ordinary characters apart belong to one run.
MAX_GAP = 3
# A run is flagged when its summed suspicion reaches this, with at least this density over its length.
MIN_SCORE = 2.0
MIN_DENSITY = 0.3
# How far past a detected run's edges a verifiable repair may reach.
REPAIR_SLACK = 3
# Latin-1/cp1252 mojibake of UTF-8 (数据 -> æ•°æ®): a lead-byte character, then continuation-byte characters;
# ASCII (digits, punctuation) passes through UTF-8 unchanged, so it may stand between such groups.
_LEAD = r"[\u00c2-\u00ef]"
_CONT = (
    r"[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    r"\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
LATIN_MOJIBAKE = re.compile(rf"{_LEAD}{_CONT}{{1,2}}(?:[ -~]{{0,8}}?{_LEAD}{_CONT}{{1,2}})+")
# The lead characters (_LEAD) one of which every LATIN_MOJIBAKE match holds: a text without any needs no scan.
LATIN_LEADS = frozenset(map(chr, range(0xC2, 0xF0)))
# Latin-1 mojibake of GBK (数字 -> Êý×Ö): two high Latin-1 characters a Chinese character, runs of at least
# two; verified by decoding the bytes back (_decode_back), so Latin words with accents (Café) stay.
GBK_LATIN_MOJIBAKE = re.compile(r"(?:[\u00a1-\u00fe]{2}){2,}")
GBK_LATIN_CHARS = frozenset(map(chr, range(0xA1, 0xFF)))


@dataclass(frozen=True)
class MojibakeRun:
    start: int
    end: int
    score: float
    repair: str | None
    lost: bool = False  # '?' or U+FFFD inside: bytes were lost, so it can never be repaired
    hint: str | None = None  # what part of an unrepairable run reads as, realigned: a clue for the editor


# Box drawing (U+2500-U+257F): misdecoded bytes land there one by one, a table's rules repeat one character.
_BOX_FIRST, _BOX_LAST = 0x2500, 0x257F


def _rule_line(text: str, i: int) -> bool:
    """Is text[i] a box-drawing character repeated next to itself (───── or ══: a table's rule line)?"""
    ch = text[i]
    if not _BOX_FIRST <= ord(ch) <= _BOX_LAST:
        return False
    return text[i - 1 : i] == ch or text[i + 1 : i + 2] == ch


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF


@lru_cache(maxsize=65536)
def _char_score(ch: str) -> float:
    """Suspicion of one character on its own (the '?' is judged in context)."""
    o = ord(ch)
    if o == 0xFFFD or 0xE000 <= o <= 0xF8FF or (o < 32 and ch not in "\t\n\r") or 0x80 <= o < 0xA0:
        return 2.0
    if _is_cjk(ch):
        level = min(cjk_level(to_simplified(ch)), cjk_level(ch))
        return {1: 0.0, 2: 0.5}.get(level, 1.0)
    if not is_common(ch):
        return 1.0  # kana, box drawing, Cyrillic ... inside Chinese text
    return 0.0


def _question_score(text: str, i: int) -> float:
    """An ASCII '?' between Chinese characters or digits stands for a lost character, not a question."""
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if prev.isspace() or nxt.isspace() or (prev.isascii() and prev.isalpha()):
        return 0.0
    if not (_is_cjk(nxt) or nxt in _PUNCT or nxt.isdigit()):
        return 0.0
    return 2.0 if prev in _PUNCT or nxt in _PUNCT else 1.0


def _scores(text: str) -> list[float]:
    """Suspicion of every character (0.0 for most); kept as the reference for _suspects."""
    out = [0.0] * len(text)
    for i, ch in enumerate(text):
        if ch == "?":
            out[i] = _question_score(text, i)
        elif not ch.isascii():
            out[i] = 0.0 if _rule_line(text, i) else _char_score(ch)
    return out


# Characters _suspect_chars has scored, and those of them that may be suspect ('?' is judged in context):
# keyed by character like _char_score's cache and as bounded, so that a document's distinct characters are
# sorted by two set operations, with a call only for the characters not seen before.
_SCORED: set[str] = {"?"}
_SUSPECT: set[str] = {"?"}
SCORED_MAX = 65536


def _suspect_chars(chars: Iterable[str]) -> set[str]:
    """Those of `chars` that are '?' or score above 0 on their own."""
    present = set(chars)
    unscored = present - _SCORED
    found = {ch for ch in unscored if not ch.isascii() and _char_score(ch) > 0}
    if len(_SCORED) + len(unscored) <= SCORED_MAX:
        _SCORED.update(unscored)
        _SUSPECT.update(found)
    return (present & _SUSPECT) | found


def _suspects(text: str, chars: Iterable[str] | None = None) -> tuple[list[int], list[float]]:
    """Positions with a score above 0, in order, and their scores: what _scores gives, without a pass in
    Python over every character (the distinct characters come from a code point column, or the caller's
    `chars`, and the few suspicious ones a text holds are found by one regex)."""
    bad = _suspect_chars(distinct_chars(text) if chars is None else chars)
    if not bad:
        return [], []
    positions: list[int] = []
    scores: list[float] = []
    for m in re.finditer("[" + "".join(re.escape(ch) for ch in sorted(bad)) + "]", text):
        i = m.start()
        ch = text[i]
        score = _question_score(text, i) if ch == "?" else (0.0 if _rule_line(text, i) else _char_score(ch))
        if score > 0:
            positions.append(i)
            scores.append(score)
    return positions, scores


def _extend(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in a ';'/':' and a lone capital glued to a run's end (?;A is one run, not three)."""
    while end + 1 < len(text) and text[end] in ";:" and not text[end + 1].isspace():
        end += 1
    if end < len(text) and text[end].isascii() and text[end].isupper():
        nxt = text[end + 1] if end + 1 < len(text) else " "
        if _is_cjk(nxt):
            end += 1
    return start, end


# (misread as, written in): UTF-8 read as a Chinese or Western codec, or GBK/Big5 read as Latin-1.
ROUND_TRIPS = (
    ("gb18030", "utf-8"),
    ("big5", "utf-8"),
    ("cp1252", "utf-8"),
    ("latin-1", "utf-8"),
    ("latin-1", "gb18030"),
    ("latin-1", "big5"),
)


def _decode_back(run: str) -> str | None:
    """The text `run` was misread from, if some codec round trip proves it."""
    for misread, written in ROUND_TRIPS:
        try:
            fixed = run.encode(misread).decode(written)
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != run and all(is_common(ch) for ch in fixed) and not fixed.isascii():
            return fixed
    return None


def verified_repair(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """(start, end, original) for the widest span around a run whose round trip proves the repair.

    Detection sees a run's edges only roughly (a misread character can be a common one), so spans reaching
    up to REPAIR_SLACK characters past each edge are tried; text that was never misread does not survive the
    round trip, so a wider proven span is still the damaged one (less any ASCII at its edges).
    """
    if "?" in text[start:end] or "\ufffd" in text[start:end]:
        return None  # bytes were lost: nothing to prove a repair against
    best: tuple[int, int, str] | None = None
    for a in range(max(0, start - REPAIR_SLACK), start + 1):
        for b in range(end, min(len(text), end + REPAIR_SLACK) + 1):
            if "\n" in text[a:b]:
                continue
            fixed = _decode_back(text[a:b])
            if fixed is not None and (best is None or b - a > best[1] - best[0]):
                best = (a, b, fixed)
    if best is None:
        return None
    a, b, fixed = best
    # ASCII at the edges survives the round trip unchanged: it was never damaged, so leave it out.
    while a < b and fixed and text[a] == fixed[0] and text[a].isascii():
        a, fixed = a + 1, fixed[1:]
    while a < b and fixed and text[b - 1] == fixed[-1] and text[b - 1].isascii():
        b, fixed = b - 1, fixed[:-1]
    return a, b, fixed


# Trimming up to this many bytes off each end of a damaged segment realigns a reading that slipped a byte.
HINT_TRIM = 3
# Where a lossy run is cut into segments that may still be read.
_LOST = re.compile(r"[?\ufffd]+")


def reading_hint(run: str) -> str | None:
    """The longest common-text reading of the run's longest intact segment, its bytes realigned.

    Bytes lost to '?' leave a segment whose reading slipped by a byte (GBK read one byte out of step) or lost
    the partial characters at its edges (UTF-8 read as GBK); trimming a few bytes off each end and decoding
    again often gives the intended characters back. That is a clue, not a repair: what the lost bytes were
    cannot be proven.
    """
    segment = max(_LOST.split(run), key=len).strip(";:,. ")
    try:
        data = segment.encode("gb18030")
    except UnicodeEncodeError:
        return None
    best: str | None = None
    for i in range(HINT_TRIM + 1):
        for j in range(HINT_TRIM + 1):
            for codec in ("utf-8", "gb18030"):
                try:
                    reading = data[i : len(data) - j].decode(codec)
                except UnicodeDecodeError:
                    continue
                cjk = sum(1 for ch in reading if _is_cjk(ch))
                plausible = reading not in segment and cjk >= 2 and all(is_common(ch) for ch in reading)
                if plausible and (best is None or len(reading) > len(best)):
                    best = reading
    return best


def find_runs(text: str, chars: Iterable[str] | None = None) -> list[MojibakeRun]:
    """Flagged runs, repaired where verifiable; `chars`, the text's distinct characters if the caller has
    them, saves finding them again."""
    if chars is None:
        chars = set(distinct_chars(text))
    suspects, suspect_scores = _suspects(text, chars)
    score_at = dict(zip(suspects, suspect_scores, strict=True))
    runs: list[MojibakeRun] = []
    clusters: list[list[int]] = []
    for i in suspects:
        if clusters and i - clusters[-1][-1] - 1 <= MAX_GAP and "\n" not in text[clusters[-1][-1] : i]:
            clusters[-1].append(i)
        else:
            clusters.append([i])
    candidates = (
        []
        if LATIN_LEADS.isdisjoint(chars)
        else [(m.start(), m.end(), 2.0) for m in LATIN_MOJIBAKE.finditer(text)]
    )
    if not GBK_LATIN_CHARS.isdisjoint(chars):
        for m in GBK_LATIN_MOJIBAKE.finditer(text):
            fixed = _decode_back(m.group())
            if fixed is not None and not any(a < m.end() and m.start() < b for a, b, _s in candidates):
                candidates.append((m.start(), m.end(), 2.0))
    for cl in clusters:
        start, end = _extend(text, cl[0], cl[-1] + 1)
        score = sum(suspect_scores[bisect.bisect_left(suspects, start) : bisect.bisect_left(suspects, end)])
        strong = len(cl) >= 2 or max(score_at[i] for i in cl) >= 2.0
        overlaps = any(a < end and start < b for a, b, _s in candidates)
        if score >= MIN_SCORE and strong and score / (end - start) >= MIN_DENSITY and not overlaps:
            candidates.append((start, end, score))
    for start, end, score in sorted(candidates):
        repair = verified_repair(text, start, end)
        if runs and repair and repair[0] < runs[-1].end:
            repair = None  # a widened span may not swallow the previous run
        if repair is not None:
            runs.append(MojibakeRun(repair[0], repair[1], score, repair[2]))
        else:
            lost = "?" in text[start:end] or "\ufffd" in text[start:end]
            runs.append(MojibakeRun(start, end, score, None, lost, reading_hint(text[start:end])))
    return runs


def find_mojibake(raw: str, chars: Iterable[str] | None = None) -> list[Edit]:
    """One Edit per flagged run: the repair when verified, else the text unchanged (note says so)."""
    edits = []
    for run in find_runs(raw, chars):
        original = raw[run.start : run.end]
        if run.repair is not None:
            edits.append(Edit(run.start, run.end, run.repair, "mojibake", "repaired: re-encoding verified"))
        else:
            why = "characters lost ('?')" if run.lost else "no verifiable repair"
            hint = f"; realigned bytes read “{run.hint}”" if run.hint else ""
            edits.append(Edit(run.start, run.end, original, "mojibake", f"flagged: {why}; kept as is{hint}"))
    return edits
