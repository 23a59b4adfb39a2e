"""Linking the rest of the product, and the glossary's own text, to glossary entries.

`KEY_TO_SLUG` says which entry explains each value the dialogue work stores (a session's
confidentiality rule, a process's track, a participant's category), so templates can link a
value without knowing any slug. `LinkIndex` holds every term's name, other names, slug and
one-line definition, loaded in one query (see `selectors.link_index`), and answers both
"which entry is this key?" and "link every term named in this text".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from uuid import uuid4

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

# Values stored by the mediation app (DialogueSession.Confidentiality, DialogueProcess.Track,
# Participant.Category). Kept here, as plain strings, so the glossary decides what explains
# what and the mediation app need not import the glossary.
CONFIDENTIALITY_SLUGS = {
    "on_record": "on-the-record",
    "chatham_house": "chatham-house-rule",
    "off_record": "off-the-record",
    "no_record": "no-written-record",
}
TRACK_SLUGS = {
    "1": "track-i",
    "1.5": "track-1-5",
    "2": "track-ii",
    "3": "track-iii",
}
PARTICIPANT_CATEGORY_SLUGS = {
    "academic": "academic",
    "retired_civil": "retired-official",
    "retired_military": "retired-official",
    "public_figure": "public-figure",
    "social_activist": "social-activist",
    # "other" says nothing a glossary entry could explain: it stays a plain label.
}
KEY_TO_SLUG = {**CONFIDENTIALITY_SLUGS, **TRACK_SLUGS, **PARTICIPANT_CATEGORY_SLUGS}


@dataclass(frozen=True)
class Entry:
    slug: str
    name: str
    definition: str

    @cached_property
    def url(self) -> str:
        return reverse("glossary:term", args=[self.slug])


class LinkIndex:
    """Every term's names, slug and definition, for linking without further queries."""

    def __init__(self, rows: Iterable[tuple[str, str, str, str]]):
        """`rows`: (slug, name, aliases, definition) for every term; aliases comma-separated."""
        self._by_slug: dict[str, Entry] = {}
        # Keyed by the escaped, lower-cased name: autolink matches in escaped text.
        self._by_phrase: dict[str, Entry] = {}
        for slug, name, aliases, definition in rows:
            entry = Entry(slug=slug, name=name, definition=definition)
            self._by_slug[slug] = entry
            for phrase in [name, *aliases.split(",")]:
                phrase = escape(phrase.strip()).lower()
                if phrase:
                    self._by_phrase.setdefault(phrase, entry)

    def __len__(self) -> int:
        return len(self._by_slug)

    def entry(self, key: object) -> Entry | None:
        """The entry for a stored value (see KEY_TO_SLUG) or for a slug; None if none."""
        if key is None:
            return None
        key = str(key)
        return self._by_slug.get(KEY_TO_SLUG.get(key, key))

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        if not self._by_phrase:
            return None
        # Longest first, so "Track II diplomacy" wins over "Track II" at the same place.
        phrases = sorted(self._by_phrase, key=len, reverse=True)
        alternatives = "|".join(re.escape(phrase) for phrase in phrases)
        # Whole words only; "&" and "#" before and ";" after keep matches out of the
        # character references that escaping produced (&amp; &#x27; &quot;).
        return re.compile(rf"(?<![\w&#])(?:{alternatives})(?![\w;])", re.IGNORECASE)

    def autolink(self, text: str, *, exclude: str | None = None) -> SafeString:
        """`text`, escaped, with the first mention of each other term linked to its entry.

        Escaping comes first and links are inserted into the escaped text, so nothing in
        `text` can become markup. Only the first mention of each term is linked, so a
        paragraph is not a wall of links; the term whose slug is `exclude` (the page's own
        term) is never linked.
        """
        escaped = escape(text or "")
        if self._pattern is None:
            return escaped
        seen: set[str] = set()

        def link(match: re.Match[str]) -> str:
            # .get: the regex's case folding and str.lower can disagree on rare letters.
            entry = self._by_phrase.get(match.group(0).lower())
            if entry is None or entry.slug == exclude or entry.slug in seen:
                return match.group(0)
            seen.add(entry.slug)
            # The matched text is already escaped: mark it safe so it is not escaped twice.
            # The same markup as {% glossary_link %}: the definition shows on focus and touch
            # too (static/js/a11y.js), not only on hover.
            tip_id = f"glossary-tip-{uuid4().hex[:12]}"
            return format_html(
                '<span class="glossary-term"><a href="{}" class="glossary-link" title="{}"'
                ' aria-describedby="{}">{}</a><span id="{}" class="glossary-tip"'
                ' role="tooltip" hidden>{}</span></span>',
                entry.url,
                entry.definition,
                tip_id,
                mark_safe(match.group(0)),  # noqa: S308
                tip_id,
                entry.definition,
            )

        return mark_safe(self._pattern.sub(link, escaped))  # noqa: S308
