"""The search finds what each persona could open, and nothing else: hidden sessions stay
hidden, internal notes are searched only by the team, a protected person's real name finds
nothing for those who see only the pseudonym. Runs on SQLite and on PostgreSQL (the suite's
DATABASE_URL), the same assertions against both implementations of `text.matches`."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mediation.models import Consent, SessionRecord
from mediation.search import selectors
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ConsentFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ItemRecordFactory,
    ParticipantFactory,
    SessionRecordFactory,
    TopicFactory,
)
from tests.personas import client_for

URL = reverse("search")


def found(user, query: str) -> dict[str, list[str]]:
    """Titles found in the dialogue work, by kind (the public glossary left aside)."""
    return {
        group.kind: [hit.title for hit in group.hits]
        for group in selectors.search(user, query).groups
        if group.kind != "glossary"
    }


def titles(user, query: str) -> list[str]:
    return [title for kind in found(user, query).values() for title in kind]


# --- The glossary, by its whole text ------------------------------------------------------


@pytest.mark.parametrize("word", ["Montville", "korea", "MONTV"])
def test_the_glossary_is_searched_by_its_whole_text(db, word):
    client = Client()
    response = client.get(URL, {"q": word})
    assert response.status_code == 200
    assert "Track II diplomacy" in response.content.decode()


def test_anonymous_visitors_search_the_glossary_only(session):
    session.title = "Montville memorial round"
    session.save()
    content = Client().get(URL, {"q": "Montville"}).content.decode()
    assert "Track II diplomacy" in content
    assert "Montville memorial round" not in content
    assert 'id="site-search"' not in content  # the header's box is for signed-in people


# --- Sessions and what is in them ---------------------------------------------------------


def test_a_participant_finds_only_the_sessions_they_may_open(
    organizer, facilitator, participant, session, other_session, process
):
    session.title = "Riverside dialogue, round one"
    session.save()
    other_session.title = "Riverside side meeting"
    other_session.save()
    draft = DialogueSessionFactory(process=process, title="Riverside draft", draft=True)
    InvitationFactory(session=draft, participant=participant.participant)
    assert found(participant, "riverside")["sessions"] == ["Riverside dialogue, round one"]
    assert sorted(found(facilitator, "riverside")["sessions"]) == ["Riverside dialogue, round one"]
    assert len(found(organizer, "riverside")["sessions"]) == 3


def test_nobody_finds_another_organizers_process(
    organizer, other_organizer, foreign_session, process
):
    process.title = "Lakeside back channel"
    process.save()
    assert found(organizer, "lakeside")["processes"] == ["Lakeside back channel"]
    assert titles(other_organizer, "lakeside") == []
    assert found(other_organizer, "foreign") == {
        "processes": ["Foreign process"],
        "sessions": ["Foreign session"],
    }


def test_internal_notes_and_the_working_record_are_for_the_team(
    facilitator, participant, co_participant, session
):
    record = SessionRecordFactory(
        session=session,
        internal_notes="The pangolin delegation hinted at flexibility.",
        summary="Participants discussed the ibis wetlands.",
        state=SessionRecord.State.DRAFT,
    )
    item = AgendaItemFactory(session=session, title="Water", notes="Quietly ask the heron")
    ItemRecordFactory(agenda_item=item, record=record, convergence="Both accept the osprey plan")
    for word in ("pangolin", "ibis", "osprey"):
        assert found(facilitator, word)["records"] == [session.title], word
        assert titles(participant, word) == [], word
    assert found(facilitator, "heron")["agenda"] == ["Water"]
    assert titles(participant, "heron") == []
    assert found(participant, "water")["agenda"] == ["Water"]
    # Shared, the summary is theirs to find; the notes still are not.
    record.state = SessionRecord.State.SHARED
    record.save()
    assert found(participant, "ibis")["records"] == [session.title]
    assert titles(participant, "pangolin") == []
    assert titles(participant, "osprey") == []


def test_a_session_with_no_written_record_has_no_record_to_find(facilitator, session):
    session.confidentiality = session.Confidentiality.NO_RECORD
    session.save()
    SessionRecordFactory(session=session, internal_notes="pangolin", summary="pangolin")
    assert titles(facilitator, "pangolin") == []


def test_topics_follow_the_process_page(organizer, facilitator, participant, other_session):
    hidden = TopicFactory(process=other_session.process, title="Dam sharing")
    AgendaItemFactory(session=other_session, topic=hidden, title="Item")
    assert found(organizer, "dam")["topics"] == ["Dam sharing"]
    assert "topics" not in found(facilitator, "dam")  # discussed only where they are not
    assert titles(participant, "dam") == []


def test_actions_owned_by_a_participant_are_theirs_to_find(
    facilitator, participant, co_participant, session
):
    ActionItemFactory(session=session, owner=participant.participant, description="Draft memo")
    ActionItemFactory(session=session, owner=co_participant.participant, description="Draft map")
    assert found(participant, "draft")["actions"] == ["Draft memo"]
    assert sorted(found(facilitator, "draft")["actions"]) == ["Draft map", "Draft memo"]


# --- People and protected identities ------------------------------------------------------


@pytest.fixture
def protected(session):
    person = ParticipantFactory(
        name="Rustam Qodirov", identity_protected=True, pseudonym="Participant K"
    )
    InvitationFactory(session=session, participant=person)
    ConsentFactory(participant=person, process=session.process, kind=Consent.Kind.LISTED)
    return person


def test_a_protected_real_name_finds_nothing_for_those_not_cleared(
    participant, other_organizer, protected, session
):
    assert titles(participant, "Qodirov") == []
    assert found(participant, "Participant K")["people"] == ["Participant K"]
    assert titles(other_organizer, "Qodirov") == []
    assert titles(other_organizer, "Participant K") == []


def test_the_pseudonym_is_shown_even_to_those_who_find_the_real_name(
    organizer, protected, organizer_client
):
    assert found(organizer, "rustam")["people"] == ["Participant K (protected identity)"]
    content = organizer_client.get(URL, {"q": "Rustam"}).content.decode()
    assert "Participant K (protected identity)" in content
    assert "Rustam" not in content.split('id="search-results"')[1]


def test_an_action_is_not_found_by_its_owners_hidden_name(
    participant, facilitator, protected, session
):
    ActionItemFactory(session=session, owner=protected, description="Call the mayor")
    assert found(facilitator, "Qodirov")["actions"] == ["Call the mayor"]
    ActionItemFactory(session=session, owner=participant.participant, description="Qodirov")
    # The participant finds their own action by its text, never the other by its owner.
    assert found(participant, "Qodirov") == {"actions": ["Qodirov"]}


def test_people_not_listed_are_not_found_by_fellow_invitees(participant, session):
    shy = ParticipantFactory(name="Mirela Shy")
    InvitationFactory(session=session, participant=shy)
    assert titles(participant, "Mirela") == []
    ConsentFactory(participant=shy, process=session.process, kind=Consent.Kind.LISTED)
    assert found(participant, "Mirela") == {"people": ["Mirela Shy"]}


def test_accents_and_case_are_folded(organizer, session):
    person = ParticipantFactory(name="José Núñez")
    InvitationFactory(session=session, participant=person)
    for query in ("jose", "NUÑEZ", "Nunez", "josé núñez"):
        assert found(organizer, query).get("people") == ["José Núñez"], query


# --- Hostile input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE mediation_participant; --",
        "a' OR '1'='1",
        "foo:* | !bar & (baz",
        "%_%\\",
        "<script>alert(1)</script>",
    ],
)
def test_sql_and_query_syntax_are_only_words(organizer_client, session, query):
    response = organizer_client.get(URL, {"q": query})
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_a_huge_query_is_refused_with_a_message_and_kept(organizer_client):
    response = organizer_client.get(URL, {"q": "x" * 5000})
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()


def test_foreign_scripts_are_found(organizer, process):
    DialogueSessionFactory(process=process, title="한국 대화 2차")
    DialogueSessionFactory(process=process, title="حوار المياه")
    assert found(organizer, "한국")["sessions"] == ["한국 대화 2차"]
    assert found(organizer, "المياه")["sessions"] == ["حوار المياه"]


# --- The page -----------------------------------------------------------------------------


def test_htmx_gets_the_results_alone(organizer_client, session):
    full = organizer_client.get(URL, {"q": session.title})
    assert "<html" in full.content.decode()
    assert 'id="site-search"' in full.content.decode()
    partial = organizer_client.get(URL, {"q": session.title}, headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert "<html" not in body
    assert 'id="search-results"' in body
    assert session.title in body
    assert "HX-Request" in partial["Vary"]


def test_results_per_kind_are_cut(organizer, process):
    for n in range(selectors.LIMIT + 3):
        DialogueSessionFactory(process=process, title=f"Numerous round {n}")
    group = next(g for g in selectors.search(organizer, "numerous").groups)
    assert len(group.hits) == selectors.LIMIT
    assert group.more


@pytest.mark.parametrize("persona", ["organizer", "participant"])
def test_the_query_count_does_not_grow_with_the_rows(
    request, django_assert_num_queries, persona, session, process
):
    user = request.getfixturevalue(persona)
    client = client_for(user)

    def make(start, count):
        for n in range(start, start + count):
            other = DialogueSessionFactory(process=process, title=f"Harbour {n}")
            AgendaItemFactory(session=other, title=f"Harbour item {n}")
            ActionItemFactory(session=other, description=f"Harbour action {n}")
            TopicFactory(process=process, title=f"Harbour topic {n}")

    make(0, 2)
    client.get(URL, {"q": "harbour"})
    with CaptureQueriesContext(connection) as small:
        client.get(URL, {"q": "harbour"})
    make(2, 15)
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(URL, {"q": "harbour"})


def test_archived_sessions_drop_out_as_from_every_page(organizer, session):
    from django.utils import timezone

    session.title = "Archived harbour round"
    session.archived_at = timezone.now()
    session.save()
    assert titles(organizer, "archived harbour") == []


def test_a_superuser_finds_every_process(db, foreign_session, process):
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    assert "Foreign process" in found(root, "foreign")["processes"]


def test_a_stranger_finds_only_the_glossary(stranger, session, organizer_client):
    assert titles(stranger, session.title) == []
    assert [g.kind for g in selectors.search(stranger, "Montville").groups] == ["glossary"]


def test_an_empty_query_shows_no_results_and_no_error(organizer_client):
    for query in ("", "   ", "!!! ???"):
        response = organizer_client.get(URL, {"q": query})
        assert response.status_code == 200
        assert "Nothing you may open" not in response.content.decode()
