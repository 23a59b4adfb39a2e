"""Folding text for matching, and the one-pass pattern the attribution check reads with.

Matching is done on a folded copy of the text (case folded, accents and repeated spaces
dropped, typographic apostrophes made plain) with a map back to the original offsets, so
"ÉLODIE" matches "Élodie" and "Jose" matches "José". Names (attribution.py) and
descriptions (descriptions.py) both use it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Typographic apostrophes read as the typed one: "People’s Army" is "People's Army".
_APOSTROPHES = str.maketrans(dict.fromkeys("’ʼ‘", "'"))


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch.casefold().translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the offset it came from."""
    out: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        if ch.isspace():
            if out and out[-1] == " ":
                continue
            out.append(" ")
            origin.append(index)
            continue
        for folded in _fold_char(ch):
            out.append(folded)
            origin.append(index)
    return "".join(out), origin


def fold_term(term: str) -> str:
    return fold(term.strip())[0]


def _trie_pattern(needles: Iterable[str]) -> str:
    """One regular expression matching any of `needles`, longest first at each place.

    Built as a trie (one branch per next character), so trying it at a place costs the
    length of the longest needle, not the number of needles.
    """
    trie: dict = {}
    for needle in needles:
        node = trie
        for ch in needle:
            node = node.setdefault(ch, {})
        node[""] = True

    def pattern(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + pattern(child) for ch, child in node.items() if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            # Greedy: the longer needle is tried first, the shorter one if it fails.
            return f"(?:{body})?"
        return body

    return pattern(trie)


def words_matcher(needles: list[str]) -> re.Pattern | None:
    """A pattern finding any of `needles` (folded) as whole words in a folded text."""
    if not needles:
        return None
    # Whole words only: no letter, digit or underscore just before or after.
    return re.compile(rf"(?<!\w)(?:{_trie_pattern(needles)})(?!\w)")
