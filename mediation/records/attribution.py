"""The non-attribution check: does a summary say who said what?

Under the Chatham House Rule and off the record, a summary shared with participants must
not name anyone who was there. Before such a summary is shared, every sentence that names an
attendee (by full name, surname, pseudonym or affiliation) is found, so the facilitator can
rewrite it or confirm, finding by finding, that it attributes nothing.

Pure functions, no database: the caller passes the attendees' terms. Matching is done on
the folded text (folding.py: case and accents folded), whole words only, so a name inside
another word ("Lee" in "fleet" or "Leeway") is not a match.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from mediation.records import affiliations, descriptions
from mediation.records.affiliations import Case
from mediation.records.attribution_words import (
    ARABIC_PROCLITICS,
    COMMON_WORDS,
    HANGUL_PARTICLES,
    HONORIFICS,
    TITLES,
)
from mediation.records.folding import fold, fold_term, words_matcher


class Kind(StrEnum):
    NAME = "name"
    PSEUDONYM = "pseudonym"
    AFFILIATION = "affiliation"
    DESCRIPTION = "description"  # fits fewer attendees than the threshold (descriptions.py)


@dataclass(frozen=True)
class Term:
    """A word or phrase that identifies an attendee: `who` are those it points to, by the
    name shown to anyone (a protected person's pseudonym, `Participant.public_name`)."""

    text: str
    kind: Kind
    who: tuple[str, ...] = ()
    # How it must be written to count: an affiliation's abbreviation in capitals ("KPA", not
    # "kpa"), its distinctive word capitalised ("Kyungnam"); see affiliations.py.
    case: Case = Case.ANY


@dataclass(frozen=True)
class Checked:
    """What a summary was checked against, for the page to say (not a bare all-clear)."""

    attendees: int
    names: int
    pseudonyms: int
    affiliations: int
    descriptions: int  # words and phrases that may describe an attendee
    k: int

    @classmethod
    def of(cls, terms: Iterable[Term], attendees: list, k: int) -> Checked:
        kinds = [term.kind for term in terms]
        return cls(
            attendees=len(attendees),
            names=kinds.count(Kind.NAME),
            pseudonyms=kinds.count(Kind.PSEUDONYM),
            affiliations=kinds.count(Kind.AFFILIATION),
            descriptions=descriptions.description_count(attendees),
            k=k,
        )


@dataclass(frozen=True)
class Finding:
    """A sentence naming an attendee. `spans` are (start, end) offsets in the whole text."""

    id: str
    sentence: str
    term: str
    kind: Kind
    spans: tuple[tuple[int, int], ...]
    who: tuple[str, ...] = ()
    # For a name that is also a common word: why this place was read as the name.
    note: str = ""

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[0][1]


MIN_SURNAME_LETTERS = 3


def terms_for(people: Iterable) -> list[Term]:
    """Every term naming these people: full name, given names, surname, the names they
    are also known as (and their parts), pseudonym and affiliation.

    `people` are objects with `name`, `pseudonym` and `affiliation` (Participants). A
    given name or surname shorter than three letters ("Li", "Ri") is not a term on its own:
    it would flag every sentence with the syllable; the full name still is one.
    """
    terms: dict[tuple[str, Kind], Term] = {}
    label = ""

    def add(text: str, kind: Kind, case: Case = Case.ANY) -> None:
        text = " ".join((text or "").split())
        if not text or not fold_term(text):
            return
        key = (fold_term(text), kind)
        term = terms.setdefault(key, Term(text=text, kind=kind, case=case))
        if label and label not in term.who:
            terms[key] = replace(term, who=(*term.who, label))

    for person in people:
        label = getattr(person, "public_name", None) or person.name or ""
        for name in [person.name or "", *getattr(person, "alias_list", ())]:
            name = " ".join(name.split())
            add(name, Kind.NAME)
            words = name.split(" ")
            if len(words) > 1:
                for word in words:
                    if sum(c.isalpha() for c in word) >= MIN_SURNAME_LETTERS:
                        add(word, Kind.NAME)
        add(getattr(person, "pseudonym", ""), Kind.PSEUDONYM)
        for form in affiliations.forms_of(getattr(person, "affiliation", "")):
            add(form.text, Kind.AFFILIATION, form.case)
    return list(terms.values())


_STOPS = re.compile(r"[.!?]+|\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: ends at ., ! or ? followed by a space, or a newline.

    One pass: each run of stops is matched once (a run followed by something else, as in
    "3.5" or "e.g.x", ends nothing), so a long run of dots cannot make it backtrack.
    """
    spans = []
    start = 0
    for match in _STOPS.finditer(text):
        end = match.end()
        if match.group() != "\n" and end < len(text) and not text[end].isspace():
            continue
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    result = []
    for begin, end in spans:
        chunk = text[begin:end]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        result.append((begin + lead, begin + lead + len(stripped)))
    return result


def finding_id(sentence: str, term: Term) -> str:
    return _finding_id(fold(sentence)[0], term)


def _finding_id(folded_sentence: str, term: Term) -> str:
    key = "\x00".join([folded_sentence, fold_term(term.text), term.kind])
    return hashlib.sha256(key.encode()).hexdigest()[:16]


_HANGUL = re.compile("[\uac00-\ud7a3]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_WORD = re.compile(r"\w+")


def _written_forms(term: Term) -> list[str]:
    """The folded forms a term is written in: itself, with a Korean particle joined after
    a name in Hangul, with a one-letter Arabic word joined before a name in Arabic."""
    text = term.text
    forms = [fold_term(text)]
    if _HANGUL.search(text[-1:]):
        forms += [fold_term(text + particle) for particle in HANGUL_PARTICLES]
    if _ARABIC.search(text[:1]):
        forms += [fold_term(proclitic + text) for proclitic in ARABIC_PROCLITICS]
    return forms


def _reads_as_name(text: str, folded: str, start: int, sentence_start: int, origin) -> str:
    """For a name that is also a common word ("Park", "Said"): why this place reads as the
    name ("" if it does not). Capitalised after a title or in the middle of a sentence, or
    after an honorific whatever its case ("mr park")."""
    before = _WORD.findall(folded[max(sentence_start, start - 40) : start])
    previous = before[-1] if before else ""
    capitalised = text[origin[start]].isupper()
    if previous in HONORIFICS or (capitalised and previous in TITLES):
        return "after a title"
    if previous and capitalised:
        return "capitalised mid-sentence"
    return ""


def _written_in_case(written: str, case: Case, *, sentence_start: bool) -> bool:
    if case == Case.CAPITALS:
        return written.isupper()
    if case == Case.CAPITALISED:  # scripts without case count as capitalised
        return not sentence_start and not written[:1].islower()
    return True


def find_attributions(
    text: str,
    terms: Iterable[Term],
    attendees: Iterable[descriptions.Attendee] = (),
    k: int = descriptions.DEFAULT_THRESHOLD,
) -> list[Finding]:
    """Every sentence naming one of the terms, one finding per (sentence, term); and with
    `attendees`, every sentence whose description fits fewer than `k` of them.

    At each place the longest term is matched ("Amina Haddad" is the full name, not also
    "Haddad" inside it). Linear in the text: it is folded once and read in one pass of one
    pattern (and one more for descriptions), whatever the number of sentences, terms or
    matches.
    """
    attendees = list(attendees)
    text = text or ""
    by_form: dict[str, Term] = {}
    common: set[Term] = set()  # names that are also common words ("Park")
    for term in sorted(terms, key=lambda t: len(fold_term(t.text)), reverse=True):
        for form in _written_forms(term):
            by_form.setdefault(form, term)
        if fold_term(term.text) in COMMON_WORDS:
            common.add(term)
    matcher = words_matcher(list(by_form))
    if (matcher is None and not attendees) or not text:
        return []
    # Each sentence folded on its own, then joined by newlines (which folding never leaves
    # inside a sentence): a match cannot run from one sentence into the next.
    parts: list[str] = []
    origin: list[int] = []
    starts: list[int] = []  # where each sentence starts in the joined folded text
    position = 0
    sentences = split_sentences(text)
    for begin, end in sentences:
        part, part_origin = fold(text[begin:end])
        starts.append(position)
        parts.append(part)
        origin.extend(begin + offset for offset in part_origin)
        origin.append(end)
        position += len(part) + 1
    folded = "\n".join(parts)
    spans: dict[tuple[int, Term], list[tuple[int, int]]] = {}
    notes: dict[tuple[int, Term], str] = {}
    for match in matcher.finditer(folded) if matcher else ():
        index = bisect.bisect_right(starts, match.start()) - 1
        term = by_form[match.group()]
        key = (index, term)
        written = text[origin[match.start()] : origin[match.end() - 1] + 1]
        if not _written_in_case(written, term.case, sentence_start=match.start() == starts[index]):
            continue
        if term in common:
            why = _reads_as_name(text, folded, match.start(), starts[index], origin)
            if not why:
                continue
            notes.setdefault(key, why)
        span = (origin[match.start()], origin[match.end() - 1] + 1)
        spans.setdefault(key, []).append(span)
    findings = []
    for (index, term), found in spans.items():
        begin, end = sentences[index]
        findings.append(
            Finding(
                id=_finding_id(parts[index], term),
                sentence=text[begin:end],
                term=term.text,
                kind=term.kind,
                spans=tuple(found),
                who=term.who,
                note=notes.get((index, term), ""),
            )
        )
    described = descriptions.find_descriptions(folded, origin, starts, attendees, k=k)
    for index, found in described.items():
        begin, end = sentences[index]
        term = Term(text=", ".join(found.words), kind=Kind.DESCRIPTION, who=found.who)
        findings.append(
            Finding(
                id=_finding_id(parts[index], term),
                sentence=text[begin:end],
                term=term.text,
                kind=term.kind,
                spans=found.spans,
                who=found.who,
            )
        )
    return sorted(findings, key=lambda f: f.start)


def highlight(text: str, findings: Iterable[Finding]) -> SafeString:
    """The text, escaped, with every finding's words wrapped in <mark>."""
    spans = sorted({span for finding in findings for span in finding.spans})
    merged: list[list[int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    parts = []
    cursor = 0
    for start, end in merged:
        parts.append(escape(text[cursor:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    parts.append(escape(text[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece escaped just above)


def unconfirmed(findings: Iterable[Finding], confirmed: Iterable[str]) -> tuple[set, set]:
    """(finding ids not confirmed, confirmed ids that match no current finding: stale)."""
    current = {f.id for f in findings}
    ticked = set(confirmed)
    return current - ticked, ticked - current
