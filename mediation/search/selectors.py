"""One search across the dialogue work and the glossary, grouped by kind.

Each kind is one query, scoped by `mediation.access` exactly as the page a result links to,
ordered by relevance (`text.relevance`: a match in the name or title first; ranked only by
the text the searcher may match on, so the order tells nothing of what they may not read),
and cut at LIMIT rows (one more is fetched to say that there are more): a search costs the
same number of queries whatever the number of rows. Results name people only by the name
the searcher is shown them under: a protected person's real name never appears in a
result (their own page in the admin shows it, and audits that), and is matched only for
those cleared to see it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce
from operator import and_

from django.db.models import Case, Exists, F, OuterRef, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from glossary.models import (
    Example,
    ExampleTranslation,
    QuestionTranslation,
    QuickFact,
    QuickFactTranslation,
    Term,
    TermTranslation,
)
from glossary.models import Question as TermQuestion
from glossary.selectors import content_language, show_translated, translated
from mediation import access
from mediation.models import ItemRecord, Participant

from .text import matches, relevance, words_of

LIMIT = 10

PROCESS_FIELDS = ["title", "conflict"]
SESSION_FIELDS = ["title", "public_title", "objectives", "venue"]
TOPIC_FIELDS = ["title", "description"]
PERSON_FIELDS = [
    "name",
    "pseudonym",
    "aliases",
    "email",
    "title",
    "affiliation",
    "country",
    "languages",
    "expertise",
]
RECORD_FIELDS = ["summary", "outcomes", "internal_notes"]
ITEM_RECORD_FIELDS = ["discussion", "convergence", "divergence"]
TERM_FIELDS = ["name", "aliases", "definition", "explanation", "guidance"]
TERM_TRANSLATED = list(TermTranslation.TRANSLATED_FIELDS)
# (field, weight) for ordering by relevance: the name or title A, the rest lower.
PROCESS_RANK = [("title", "A"), ("conflict", "B")]
SESSION_RANK = [("title", "A"), ("public_title", "A"), ("objectives", "B"), ("venue", "C")]
TOPIC_RANK = [("title", "A"), ("description", "B")]
TERM_RANK = [
    ("name", "A"),
    ("aliases", "A"),
    ("definition", "B"),
    ("explanation", "C"),
    ("guidance", "C"),
]


def _shown_name(prefix: str = ""):
    """A person's name as anyone may read it: the pseudonym of a protected person."""
    return Case(
        When(**{f"{prefix}identity_protected": True}, then=F(f"{prefix}pseudonym")),
        default=F(f"{prefix}name"),
        output_field=TextField(),
    )


def _only_if(flag: str, field: str):
    """`field`'s text where the row's `flag` annotation holds, none elsewhere."""
    return Case(When(**{flag: True}, then=F(field)), default=Value(""), output_field=TextField())


@dataclass(frozen=True)
class Hit:
    title: str
    url: str = ""
    detail: str = ""


@dataclass
class Group:
    kind: str
    label: str
    hits: list[Hit] = field(default_factory=list)
    more: bool = False


@dataclass
class Results:
    query: str
    groups: list[Group]

    @property
    def count(self) -> int:
        return sum(len(group.hits) for group in self.groups)

    @property
    def searched(self) -> bool:
        return bool(words_of(self.query))


def _cut(rows: QuerySet) -> tuple[list, bool]:
    rows = list(rows[: LIMIT + 1])
    return rows[:LIMIT], len(rows) > LIMIT


def _every_word(query: str, found_by_word) -> Q:
    """Rows where each word is found somewhere in their text, spread over several tables
    (`found_by_word(word)`: the condition for one word)."""
    return reduce(and_, (found_by_word(word) for word in words_of(query)), Q())


def _processes(user, query: str) -> Group:
    rows, more = _cut(
        access.processes_visible_to(user)
        .filter(matches(PROCESS_FIELDS, query))
        .annotate(relevance=relevance(PROCESS_RANK, query))
        .order_by("-relevance", "title")
    )
    hits = [
        Hit(p.title, p.get_absolute_url(), f"{p.get_track_display()} · {p.get_status_display()}")
        for p in rows
    ]
    return Group("processes", _("Processes"), hits, more)


def _sessions(user, query: str) -> Group:
    rows, more = _cut(
        access.sessions_visible_to(user)
        .filter(matches(SESSION_FIELDS, query))
        .annotate(relevance=relevance(SESSION_RANK, query))
        .order_by("-relevance", "-starts_at")
    )
    hits = [
        Hit(s.title, s.get_absolute_url(), f"{s.local_starts_at:%Y-%m-%d} ({s.time_zone})")
        for s in rows
    ]
    return Group("sessions", _("Sessions"), hits, more)


def _topics(user, query: str) -> Group:
    rows, more = _cut(
        access.topics_readable_by(user)
        .filter(matches(TOPIC_FIELDS, query))
        .annotate(relevance=relevance(TOPIC_RANK, query))
        .select_related("process")
        .order_by("-relevance", "title")
    )
    hits = [Hit(t.title, f"{t.process.get_absolute_url()}#topics", t.process.title) for t in rows]
    return Group("topics", _("Topics"), hits, more)


def _agenda_items(user, query: str) -> Group:
    notes = access.agenda_items_editable_by(user).filter(matches(["title", "notes"], query))
    rows, more = _cut(
        access.agenda_items_visible_to(user)
        .filter(Q(matches(["title"], query)) | Q(pk__in=notes.values("pk")))
        .annotate(
            team=Exists(notes.filter(pk=OuterRef("pk"))),
        )
        .annotate(relevance=relevance([("title", "A"), (_only_if("team", "notes"), "B")], query))
        .select_related("session")
        .order_by("-relevance", "-session__starts_at", "position")
    )
    hits = [Hit(i.title, f"{i.session.get_absolute_url()}#agenda", i.session.title) for i in rows]
    return Group("agenda", _("Agenda items"), hits, more)


def _people(user, query: str) -> Group:
    identified, listed = access.participants_findable_by(user)
    # Fellow invitees are found by the name the session page shows them under, only.
    shown = Participant.objects.filter(pk__in=listed.values("pk"))
    by_shown_name = Q(
        pk__in=shown.filter(identity_protected=False).filter(matches(["name"], query))
    )
    by_shown_name |= Q(
        pk__in=shown.filter(identity_protected=True).filter(matches(["pseudonym"], query))
    )
    found = Participant.objects.filter(
        Q(pk__in=identified.filter(matches(PERSON_FIELDS, query)).values("pk")) | by_shown_name
    )
    rank = [
        (_shown_name(), "A"),
        (_only_if("cleared", "affiliation"), "B"),
        (_only_if("cleared", "expertise"), "C"),
    ]
    rows, more = _cut(
        found.annotate(
            cleared=Exists(identified.filter(pk=OuterRef("pk"))),
            on_roster=Exists(access.participants_visible_to(user).filter(pk=OuterRef("pk"))),
        )
        .annotate(relevance=relevance(rank, query))
        .order_by("-relevance", "pseudonym", "name")
    )
    hits = []
    for person in rows:
        name = person.public_name
        if person.identity_protected and person.cleared:
            name = _("%(pseudonym)s (protected identity)") % {"pseudonym": person.pseudonym}
        hits.append(
            Hit(
                str(name),
                person.get_absolute_url() if person.on_roster else "",
                person.affiliation if person.cleared else "",
            )
        )
    return Group("people", _("People"), hits, more)


def _actions(user, query: str) -> Group:
    identified = access.participants_identified_to(user).values("pk")
    # Owners ranked by the name anyone may read them under, never a protected real name.
    action_rank = [("description", "A"), (_shown_name("owner__"), "B")]
    owner_named = Q(owner__identity_protected=False) | Q(owner__in=identified)
    rows, more = _cut(
        access.actions_readable_by(user)
        .filter(
            Q(matches(["description", "owner__pseudonym"], query))
            | (owner_named & Q(matches(["description", "owner__name"], query)))
        )
        .annotate(relevance=relevance(action_rank, query))
        .select_related("session", "owner")
        .order_by("-relevance", "due_date", "pk")
    )
    hits = [
        Hit(
            a.description[:120],
            f"{a.session.get_absolute_url()}#actions",
            " · ".join(
                part
                for part in (a.owner.public_name if a.owner else "", a.get_status_display())
                if part
            ),
        )
        for a in rows
    ]
    return Group("actions", _("Follow-up actions"), hits, more)


def _records(user, query: str) -> Group:
    editable = access.records_editable_by(user)

    def in_working_text(word: str) -> Q:
        items = ItemRecord.objects.filter(matches(ITEM_RECORD_FIELDS, word))
        return Q(matches(RECORD_FIELDS, word)) | Q(pk__in=items.values("record_id"))

    working = editable.filter(_every_word(query, in_working_text)) if words_of(query) else None
    found = Q(matches(["summary"], query))
    if working is not None:
        found |= Q(pk__in=working.values("pk"))
    rows, more = _cut(
        access.summaries_shared_with(user)
        .filter(found)
        .annotate(team=Exists(editable.filter(pk=OuterRef("pk"))))
        .annotate(
            relevance=relevance(
                [
                    ("session__title", "A"),
                    ("summary", "B"),
                    (_only_if("team", "outcomes"), "C"),
                    (_only_if("team", "internal_notes"), "C"),
                ],
                query,
            )
        )
        .select_related("session")
        .order_by("-relevance", "-session__starts_at")
    )
    hits = [
        Hit(
            r.session.title,
            f"{r.session.get_absolute_url()}#record",
            str(_("Session record") if r.team else _("Shared summary")),
        )
        for r in rows
    ]
    return Group("records", _("Records and shared summaries"), hits, more)


def _terms(query: str) -> Group:
    """Entries whose whole text holds every word: in English, and in the reader's language
    where the entry or its parts are translated into it (shown by their translated name)."""
    language = content_language()

    def in_entry(word: str) -> Q:
        parts = [
            (QuickFact, ["label", "value"]),
            (Example, ["text"]),
            (TermQuestion, ["question", "answer"]),
        ]
        found = Q(matches(TERM_FIELDS, word))
        for model, fields in parts:
            found |= Q(pk__in=model.objects.filter(matches(fields, word)).values("term_id"))
        if language:
            translated = TermTranslation.objects.filter(language=language)
            found |= Q(pk__in=translated.filter(matches(TERM_TRANSLATED, word)).values("term"))
            for model in (QuickFactTranslation, ExampleTranslation, QuestionTranslation):
                rows = model.objects.filter(language=language)
                rows = rows.filter(matches(list(model.TRANSLATED_FIELDS), word))
                found |= Q(pk__in=rows.values("part__term"))
        return found

    terms = (
        Term.objects.filter(_every_word(query, in_entry))
        .annotate(relevance=relevance(TERM_RANK, query))
        .order_by("-relevance", Lower("name"))
        .only("name", "slug", "definition")
    )
    rows, more = _cut(translated(terms, language))
    hits = [Hit(t.name, t.get_absolute_url(), t.definition) for t in show_translated(rows)]
    return Group("glossary", _("Glossary"), hits, more)


def search(user, query: str) -> Results:
    """Everything the user may open that matches `query`, by kind. Anonymous visitors (and
    anyone who opens nothing) search the glossary only."""
    if not words_of(query):
        return Results(query, [])
    groups = []
    if user.is_authenticated and user.is_active:
        groups = [
            _processes(user, query),
            _sessions(user, query),
            _topics(user, query),
            _agenda_items(user, query),
            _people(user, query),
            _actions(user, query),
            _records(user, query),
        ]
    groups.append(_terms(query))
    return Results(query, [group for group in groups if group.hits])
