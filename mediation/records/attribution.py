"""The non-attribution check: does a summary say who said what?

Under the Chatham House Rule and off the record, a summary shared with participants must
not name anyone who was there. Before such a summary is shared, every sentence that names an
attendee (by full name, surname, pseudonym or affiliation) is found, so the facilitator can
rewrite it or confirm, finding by finding, that it attributes nothing.

Pure functions, no database: the caller passes the attendees' terms. Matching is done on a
folded copy of the text (case folded, accents and repeated spaces dropped) with a map back
to the original offsets, so "ÉLODIE" matches "Élodie", "Jose" matches "José", and a name
inside another word ("Lee" in "fleet" or "Leeway") is not a match.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


class Kind(StrEnum):
    NAME = "name"
    PSEUDONYM = "pseudonym"
    AFFILIATION = "affiliation"


@dataclass(frozen=True)
class Term:
    """A word or phrase that identifies an attendee."""

    text: str
    kind: Kind


@dataclass(frozen=True)
class Finding:
    """A sentence naming an attendee. `spans` are (start, end) offsets in the whole text."""

    id: str
    sentence: str
    term: str
    kind: Kind
    spans: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.spans[0][0]

    @property
    def end(self) -> int:
        return self.spans[0][1]


MIN_SURNAME_LETTERS = 3


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch.casefold())
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


def terms_for(people: Iterable) -> list[Term]:
    """Every term naming these people: name, surname, pseudonym and affiliation.

    `people` are objects with `name`, `pseudonym` and `affiliation` (Participants).
    """
    terms: dict[tuple[str, Kind], Term] = {}

    def add(text: str, kind: Kind) -> None:
        text = " ".join((text or "").split())
        if not text or not fold_term(text):
            return
        terms.setdefault((fold_term(text), kind), Term(text=text, kind=kind))

    for person in people:
        name = " ".join((person.name or "").split())
        add(name, Kind.NAME)
        words = name.split(" ")
        if len(words) > 1:
            surname = words[-1]
            if sum(c.isalpha() for c in surname) >= MIN_SURNAME_LETTERS:
                add(surname, Kind.NAME)
        add(getattr(person, "pseudonym", ""), Kind.PSEUDONYM)
        add(getattr(person, "affiliation", ""), Kind.AFFILIATION)
    return list(terms.values())


_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: ends at ., ! or ? followed by a space, or a newline."""
    spans = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.end()))
        start = match.end()
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


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _matches(folded: str, needle: str) -> Iterable[tuple[int, int]]:
    """Where `needle` occurs in `folded` as whole words."""
    start = folded.find(needle)
    while start != -1:
        end = start + len(needle)
        before = folded[start - 1] if start > 0 else " "
        after = folded[end] if end < len(folded) else " "
        if not _is_word_char(before) and not _is_word_char(after):
            yield start, end
        start = folded.find(needle, start + 1)


def finding_id(sentence: str, term: Term) -> str:
    key = "\x00".join([fold(sentence)[0], fold_term(term.text), term.kind])
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def find_attributions(text: str, terms: Iterable[Term]) -> list[Finding]:
    """Every sentence naming one of the terms, one finding per (sentence, term).

    Longer terms are matched first, and a match inside an earlier one is not counted again
    ("Haddad" inside "Amina Haddad" is the full name, not a second finding).
    """
    text = text or ""
    ordered = sorted(terms, key=lambda t: len(fold_term(t.text)), reverse=True)
    findings: dict[str, Finding] = {}
    order: list[str] = []
    for begin, end in split_sentences(text):
        sentence = text[begin:end]
        folded, origin = fold(sentence)
        taken: list[tuple[int, int]] = []
        for term in ordered:
            needle = fold_term(term.text)
            for f_start, f_end in _matches(folded, needle):
                if any(f_start < t_end and t_start < f_end for t_start, t_end in taken):
                    continue
                taken.append((f_start, f_end))
                span = (begin + origin[f_start], begin + origin[f_end - 1] + 1)
                fid = finding_id(sentence, term)
                if fid in findings:
                    old = findings[fid]
                    findings[fid] = Finding(
                        id=fid,
                        sentence=old.sentence,
                        term=old.term,
                        kind=old.kind,
                        spans=(*old.spans, span),
                    )
                else:
                    findings[fid] = Finding(
                        id=fid, sentence=sentence, term=term.text, kind=term.kind, spans=(span,)
                    )
                    order.append(fid)
    return sorted((findings[fid] for fid in order), key=lambda f: f.start)


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
