"""Descriptions that single someone out: the second half of the non-attribution check.

In a room of twelve, "a retired colonel from the DPRK side" is a name. Each attendee has
traits (category, title or rank, country, side, capacity), and each trait is written in
words (`descriptions_words.py`). A sentence's description words are read in one pass (the
same trie-shaped pattern as the names); the attendees who fit every one of them are
counted, one role word at a time, and a description that fits fewer than `k` attendees
(but at least one) is a finding. Countries and sides count only beside a word for a person
("the Russian former official", "a participant from the DPRK side"): alone they speak of a
state ("the United States' position").

Pure functions, no database: the caller passes the attendees with their side and capacity.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from mediation.records.descriptions_words import (
    CAPACITY_FORMS,
    CATEGORY_FORMS,
    COUNTRY_FORMS,
    NEEDS_BEFORE,
    PERSON_WORDS,
    TITLE_COMMON,
    TITLE_SKIPPED,
)
from mediation.records.folding import fold_term, words_matcher

DEFAULT_THRESHOLD = 2
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Attendee:
    label: str  # the name shown to anyone (a protected person's pseudonym)
    traits: frozenset[str]  # "role:academic", "title:colonel", "origin:lebanon", ...


@dataclass(frozen=True)
class Described:
    """A sentence whose description fits fewer attendees than the threshold."""

    begin: int
    end: int
    words: tuple[str, ...]  # the description's words, as written
    spans: tuple[tuple[int, int], ...]
    who: tuple[str, ...]


def attendee(person, *, side: str = "", capacity: str = "") -> Attendee:
    """The traits of a person (a Participant, or anything with `category`, `country`,
    `title`), with the side and capacity they come in."""
    traits = set()
    if getattr(person, "category", ""):
        traits.add(f"role:{person.category}")
    for word in re.findall(r"[^\W\d_]+", fold_term(getattr(person, "title", "") or "")):
        if len(word) >= 3 and word not in TITLE_SKIPPED:
            traits.add(f"title:{word}")
    country = fold_term(getattr(person, "country", "") or "")
    if country:
        traits.add(f"origin:{country}")
    if side:
        traits.add(f"side:{fold_term(side)}")
    if capacity:
        traits.add(f"capacity:{capacity}")
    label = getattr(person, "public_name", None) or getattr(person, "name", "")
    return Attendee(label=label, traits=frozenset(traits))


def _forms(attendees: list[Attendee]) -> dict[str, set[str]]:
    """Every description word or phrase (folded) and the traits it may mean."""
    forms: dict[str, set[str]] = {}

    def add(text: str, trait: str) -> None:
        folded = fold_term(text)
        if folded:
            forms.setdefault(folded, set()).add(trait)

    for category, words in CATEGORY_FORMS.items():
        for text in words:
            add(text, f"role:{category}")
    for capacity, words in CAPACITY_FORMS.items():
        for text in words:
            add(text, f"capacity:{capacity}")
    for one in attendees:
        for trait in one.traits:
            kind, _, value = trait.partition(":")
            if kind == "side" or (kind == "title" and value not in TITLE_COMMON):
                add(value, trait)
            elif kind == "origin":
                add(value, trait)
                for text in COUNTRY_FORMS.get(value, ()):
                    add(text, trait)
    for word in PERSON_WORDS:
        forms.setdefault(fold_term(word), set()).add("person")
    return forms


def description_count(attendees: list[Attendee]) -> int:
    """How many words and phrases describing these attendees are looked for."""
    return sum("person" not in traits for traits in _forms(attendees).values())


def _fits(attendees: list[Attendee], meanings: Iterable[set[str]]) -> list[Attendee]:
    fitting = attendees
    for traits in meanings:
        fitting = [a for a in fitting if a.traits & traits]
    return fitting


def find_descriptions(
    folded: str,
    origin: list[int],
    starts: list[int],
    attendees: list[Attendee],
    *,
    k: int = DEFAULT_THRESHOLD,
) -> dict[int, Described]:
    """Per sentence (its index), the description that fits fewer than `k` attendees.

    `folded` is the text folded sentence by sentence and joined by newlines, `origin` maps
    it back to the text, `starts` are where its sentences start (see
    attribution.find_attributions, which calls this).
    """
    if not attendees:
        return {}
    forms = _forms(attendees)
    matcher = words_matcher(list(forms))
    if matcher is None:
        return {}
    mentions: dict[int, list[tuple[str, set[str], tuple[int, int]]]] = {}
    for match in matcher.finditer(folded):
        index = bisect.bisect_right(starts, match.start()) - 1
        needed = NEEDS_BEFORE.get(match.group())
        if needed is not None:
            before = _WORD.findall(folded[max(starts[index], match.start() - 60) : match.start()])
            if not needed & set(before[-3:]):
                continue
        span = (origin[match.start()], origin[match.end() - 1] + 1)
        mentions.setdefault(index, []).append((match.group(), forms[match.group()], span))
    found: dict[int, Described] = {}
    for index, mentioned in mentions.items():
        roles = [m for m in mentioned if any(t.split(":")[0] in {"role", "title"} for t in m[1])]
        places = [m for m in mentioned if any(t.split(":")[0] in {"origin", "side"} for t in m[1])]
        capacities = [m for m in mentioned if any(t.startswith("capacity:") for t in m[1])]
        person = any("person" in m[1] for m in mentioned)
        if not roles and not capacities and not (person and places):
            continue
        others = [m[1] for m in places + capacities]
        for role in roles or [None]:
            meanings = ([role[1]] if role else []) + others
            fitting = _fits(attendees, meanings)
            if 1 <= len(fitting) < k:
                used = ([role] if role else []) + places + capacities
                found[index] = Described(
                    begin=min(span[0] for *_x, span in used),
                    end=max(span[1] for *_x, span in used),
                    words=tuple(dict.fromkeys(word for word, *_x in used)),
                    spans=tuple(sorted(span for *_x, span in used)),
                    who=tuple(a.label for a in fitting),
                )
                break
    return found
