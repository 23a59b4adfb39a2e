"""Within each kind, the best answer first: a match in the name or title before a match in
the rest of the text, a title that begins with the word before one that merely holds it.
Ranked only by what the searcher may match on: a protected person's real name, or notes the
searcher may not read, never move a result up. Same assertions on SQLite (a portable score)
and PostgreSQL (`SearchRank`), the suite's DATABASE_URL choosing; one query per kind."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import FloatField, Value
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from glossary.models import Term
from mediation.models import Consent
from mediation.search import selectors
from tests.factories import (
    AgendaItemFactory,
    ConsentFactory,
    DialogueProcessFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    TopicFactory,
)

from .test_search import found


def _days(n: int):
    return timezone.now() + timezone.timedelta(days=n)


def test_a_process_named_for_the_word_comes_first(organizer):
    DialogueProcessFactory(
        organizers=[organizer], title="Alpine pastures", conflict="Grazing by the harbour"
    )
    DialogueProcessFactory(organizers=[organizer], title="Zeta harbour channel")
    assert found(organizer, "harbour")["processes"] == ["Zeta harbour channel", "Alpine pastures"]


def test_a_session_titled_for_the_word_comes_before_a_later_one_that_mentions_it(
    organizer, process
):
    DialogueSessionFactory(
        process=process,
        title="Round on grazing",
        objectives="Agree who fishes in the harbour",
        starts_at=_days(30),
        ends_at=_days(30) + timezone.timedelta(hours=2),
    )
    DialogueSessionFactory(
        process=process,
        title="Harbour round",
        starts_at=_days(3),
        ends_at=_days(3) + timezone.timedelta(hours=2),
    )
    assert found(organizer, "harbour")["sessions"] == ["Harbour round", "Round on grazing"]


def test_a_title_beginning_with_the_word_comes_before_one_holding_it(organizer, process):
    TopicFactory(process=process, title="Access to the harbour")
    TopicFactory(process=process, title="Harbour dues")
    TopicFactory(process=process, title="Berths", description="Who pays harbour dues")
    assert found(organizer, "harbour")["topics"] == [
        "Harbour dues",
        "Access to the harbour",
        "Berths",
    ]


def test_more_of_the_words_in_the_title_ranks_higher(organizer, process):
    TopicFactory(process=process, title="Quotas", description="Water for the valley")
    TopicFactory(process=process, title="Valley water", description="")
    assert found(organizer, "water valley")["topics"] == ["Valley water", "Quotas"]


def test_glossary_entries_named_for_the_word_come_first(db):
    Term.objects.create(
        name="Aardvark process",
        slug="aardvark-process",
        definition="A talk held in a quiet harbour town.",
    )
    Term.objects.create(name="Harbour talks", slug="harbour-talks", definition="Talks.")
    groups = {
        g.kind: [h.title for h in g.hits]
        for g in selectors.search(AnonymousUser(), "harbour").groups
    }
    assert groups["glossary"][:2] == ["Harbour talks", "Aardvark process"]


def test_notes_the_searcher_may_not_read_do_not_move_an_item_up(participant, session):
    """The participant matches agenda items by their title only; the notes saying "harbour"
    three times must not rank the Beta item above Alpha."""
    from mediation.models import DialogueSession

    DialogueSession.objects.filter(pk=session.pk).update(published_at=timezone.now())
    AgendaItemFactory(session=session, title="Beta on the harbour", notes="harbour harbour")
    AgendaItemFactory(session=session, title="Alpha on the harbour", notes="")
    ranked = found(participant, "harbour")["agenda"]
    assert sorted(ranked) == ["Alpha on the harbour", "Beta on the harbour"]
    # Equal by what the participant may read: the agenda's own order decides.
    assert ranked == [
        item.title for item in session.agenda_items.order_by("position") if "harbour" in item.title
    ]


def test_a_protected_real_name_does_not_move_a_person_up(participant, session):
    """Both found by their pseudonym; the one whose hidden real name also holds the word
    must not come first for someone who sees only pseudonyms."""
    for name, pseudonym in (
        ("Harbour Master", "Delegate harbour B"),
        ("Jo Ng", "Delegate harbour A"),
    ):
        person = ParticipantFactory(name=name, identity_protected=True, pseudonym=pseudonym)
        InvitationFactory(session=session, participant=person)
        ConsentFactory(participant=person, process=session.process, kind=Consent.Kind.LISTED)
    assert found(participant, "harbour")["people"] == [
        "Delegate harbour A",
        "Delegate harbour B",
    ]


def test_ranking_adds_no_query(organizer, process, monkeypatch):
    """Ranked or not, a search makes the same queries: one per kind, the rank computed in
    it (plus the access checks, which do not depend on the rows)."""
    DialogueSessionFactory(process=process, title="Harbour round")
    TopicFactory(process=process, title="Harbour dues")
    selectors.search(organizer, "harbour")  # the user's groups, read once and kept
    with CaptureQueriesContext(connection) as ranked:
        results = selectors.search(organizer, "harbour")
    monkeypatch.setattr(
        selectors, "relevance", lambda fields, query: Value(0.0, output_field=FloatField())
    )
    with CaptureQueriesContext(connection) as unranked:
        selectors.search(organizer, "harbour")
    assert len(ranked.captured_queries) == len(unranked.captured_queries)
    assert results.count >= 2


@pytest.mark.parametrize("query", ["", "   ", "!!!"])
def test_a_query_without_words_ranks_nothing(organizer, query):
    assert selectors.search(organizer, query).groups == []


def test_the_start_of_a_title_is_read_without_case_or_accents(organizer, process):
    TopicFactory(process=process, title="Les éleveurs du delta")
    TopicFactory(process=process, title="Éleveurs et pêcheurs")
    assert found(organizer, "ELEVEURS")["topics"] == [
        "Éleveurs et pêcheurs",
        "Les éleveurs du delta",
    ]
