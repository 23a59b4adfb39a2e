"""The ways an affiliation is written short: its parts, its abbreviations, its proper names.

A summary rarely repeats "Institute for Far Eastern Studies, Kyungnam University (IFES)" in
full. It says "Kyungnam University", "the Kyungnam team" or "IFES", and in a room of twelve
each of those names the one person who came from there. `forms_of` lists them, each with
the case it must be written in to count:

- the whole affiliation and each of its parts (split at commas, brackets, slashes and
  dashes) of two words or more, in any case;
- the initials of each part of three words or more ("Korean People's Army" → "KPA") and
  any word written in capitals ("IFES"), in capitals only: "kpa" is no one;
- the proper name that heads a part ("Kyungnam" of "Kyungnam University", "Carnegie" of
  "Carnegie Endowment"), capitalised in mid-sentence only: the first word of a part, of
  four letters or more, followed by an everyday word of institutions ("University",
  "Endowment"), and not itself such a word, a common word, a title or a country and its
  people ("Korean", "Seoul"), which the description check (descriptions.py) weighs.
  Not at the start of a sentence, where every word is capitalised: "Water sharing was
  discussed" does not name the Valley Water Alliance.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from mediation.records.attribution_words import COMMON_WORDS, INSTITUTION_WORDS, TITLES
from mediation.records.descriptions_words import COUNTRY_FORMS
from mediation.records.folding import fold_term


class Case(StrEnum):
    ANY = "any"
    CAPITALISED = "capitalised"  # capitalised in mid-sentence: "the Kyungnam team"
    CAPITALS = "capitals"  # all capitals: "KPA"


@dataclass(frozen=True)
class Form:
    text: str
    case: Case


_SMALL_WORDS = {"of", "the", "for", "and", "de", "du", "des", "la", "le", "on", "in", "at"}
_NOT_OF_THE_NAME = {"former", "retired", "ex"}  # "Former State Department" is not "FSD"
_PARTS = re.compile(r"\s*(?:[,;()\[\]/]|\s[-–—]\s)\s*")
_WORDS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_COUNTRY_WORDS = frozenset(
    word
    for country, forms in COUNTRY_FORMS.items()
    for text in (country, *forms)
    for word in _WORDS.findall(text)
)
_EVERYDAY = INSTITUTION_WORDS | COMMON_WORDS | TITLES | _COUNTRY_WORDS | _SMALL_WORDS
DISTINCTIVE_LETTERS = 4
ABBREVIATION_LETTERS = 3  # "US", "UN", "EU" name too many things to name one person


def initials_of(part: str) -> str:
    """The abbreviation a name of three or more capitalised words goes by: "Korean People's
    Army" → "KPA" (small words such as "of" and "the" are skipped)."""
    found = _WORDS.findall(re.sub(r"['’]s\b", "", part))
    words = [w for w in found if w.lower() not in _SMALL_WORDS]
    while words and words[0].lower() in _NOT_OF_THE_NAME:
        words.pop(0)
    if len(words) < 3 or not all(w[0].isupper() for w in words):
        return ""
    return "".join(w[0] for w in words)


def _is_abbreviation(word: str) -> bool:
    return (
        len(word) >= ABBREVIATION_LETTERS
        and word.isupper()
        and fold_term(word) not in _COUNTRY_WORDS
    )


def _heading_name(part: str) -> str:
    """The proper name heading `part`, if it heads an institution's name ("Kyungnam")."""
    words = _WORDS.findall(part)
    if len(words) < 2 or fold_term(words[1]) not in INSTITUTION_WORDS:
        return ""
    first = words[0]
    if (
        len(first) < DISTINCTIVE_LETTERS
        or not first[0].isupper()
        or first.isupper()
        or fold_term(re.sub(r"['’]s$", "", first)) in _EVERYDAY
    ):
        return ""
    return first


def forms_of(affiliation: str) -> list[Form]:
    """Every way `affiliation` may be written in a summary, the whole of it first."""
    whole = " ".join((affiliation or "").split())
    if not whole:
        return []
    forms = [Form(whole, Case.ANY)]
    parts = [part for part in _PARTS.split(whole) if part]
    for part in parts:
        if len(parts) > 1 and len(_WORDS.findall(part)) >= 2:
            forms.append(Form(part, Case.ANY))
        if initials := initials_of(part):
            forms.append(Form(initials, Case.CAPITALS))
        if name := _heading_name(part):
            forms.append(Form(name, Case.CAPITALISED))
    forms += [Form(w, Case.CAPITALS) for w in _WORDS.findall(whole) if _is_abbreviation(w)]
    seen: set[str] = set()
    unique = []
    for form in forms:
        key = fold_term(form.text)
        if key not in seen:
            seen.add(key)
            unique.append(form)
    return unique
