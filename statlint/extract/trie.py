"""Word lists as trie-shaped regular expressions: one branch per character instead of one per word, so a
vocabulary of hundreds of names or units costs little more than a single word (Python's re has no
Aho-Corasick). Longest match first; an optional guard (a lookahead) can follow each word."""

from __future__ import annotations

import re


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
