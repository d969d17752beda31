"""Word lists as trie-shaped regular expressions: one branch per character instead of one per word, so a
vocabulary of hundreds of names or units costs little more than a single word (Python's re has no
Aho-Corasick). Longest match first; an optional guard (a lookahead) can follow each word."""

from __future__ import annotations

import re
from typing import Final


def trie_pattern(words: dict[str, str] | list[str]) -> str:
    """Regex source matching any of `words` (a list, or word -> guard lookahead), longest first."""
    guards = words if isinstance(words, dict) else dict.fromkeys(words, "")
    trie: dict = {}
    for w, guard in guards.items():
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = guard

    def conv(node: dict) -> str:
        alts = [re.escape(ch) + conv(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append(node[""])
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return conv(trie)


# Prefilters. A pattern made of plain words (较|比|相较于?) can only match where one of its words starts or
# ends, so a caller may test one character before paying for the regex call. These read the characters off
# the pattern itself so the two cannot drift apart.
_WORD: Final = re.compile(r"[\u4e00-\u9fff]+\??")
_LOOKAROUND: Final = re.compile(r"\(\?<?[=!][^)]*\)")


def _words(pattern: str) -> list[str]:
    return _WORD.findall(_LOOKAROUND.sub("", pattern))


def word_ends(pattern: str) -> frozenset[str]:
    """Characters a word of `pattern` can end with (a trailing optional character counts both ways)."""
    out: set[str] = set()
    for w in _words(pattern):
        if w.endswith("?"):
            out.add(w[-2])
            if len(w) > 2:
                out.add(w[-3])
        else:
            out.add(w[-1])
    return frozenset(out)


def word_starts(pattern: str) -> frozenset[str]:
    """Characters a word of `pattern` can start with."""
    return frozenset(w[0] for w in _words(pattern))
