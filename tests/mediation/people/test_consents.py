"""A participant's own consents page: see, give and withdraw, effective at once."""

import pytest
from django.urls import reverse

from mediation.confidentiality import Audience, disclosure_for
from mediation.models import Consent
from tests.factories import (
    ConsentFactory,
    DialogueProcessFactory,
    DialogueSessionFactory,
    InvitationFactory,
)

PAGE = reverse("my_consents")
CHANGE = reverse("my_consents_change")


@pytest.fixture
def person(participant):
    return participant.participant


def _change(client, process, kind, action, headers=None):
    return client.post(
        CHANGE, {"process": str(process.pk), "kind": kind, "action": action}, headers=headers
    )


def test_the_page_lists_each_process_with_its_three_consents(participant_client, person, session):
    ConsentFactory(participant=person, process=session.process, kind="listed")
    response = participant_client.get(PAGE)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" in body
    assert session.process.title in body
    for label in Consent.Kind.labels:
        assert str(label) in body
    assert body.count("Given on") == 1
    assert body.count("Not given") == 2
    assert "no-store" in response["Cache-Control"]


def test_processes_the_participant_is_not_invited_to_are_not_listed(participant_client, session):
    other = DialogueProcessFactory(title="Elsewhere talks")
    DialogueSessionFactory(process=other)
    assert "Elsewhere talks" not in participant_client.get(PAGE).content.decode()


def test_withdrawing_takes_effect_at_once_everywhere(participant_client, person, session):
    for kind in ("listed", "named", "contacted"):
        ConsentFactory(participant=person, process=session.process, kind=kind)
    for audience in (Audience.PARTICIPANTS, Audience.EXPORT):
        assert disclosure_for(session, audience, participants=[person]).name_of(person)
    assert disclosure_for(session, Audience.EMAIL, participants=[person]).may_contact(person)

    for kind in ("listed", "named", "contacted"):
        response = _change(participant_client, session.process, kind, "withdraw")
        assert response.status_code == 302
        assert response["Location"] == PAGE

    for audience in (Audience.PARTICIPANTS, Audience.EXPORT, Audience.CALENDAR, Audience.EMAIL):
        disclosure = disclosure_for(session, audience, participants=[person])
        assert disclosure.name_of(person) is None
        assert not disclosure.may_contact(person)
    # The rows stay, dated, and the history says who withdrew them.
    consents = Consent.objects.filter(participant=person)
    assert consents.count() == 3
    assert all(c.withdrawn_at is not None for c in consents)
    assert {c.history.first().history_user for c in consents} == {person.user}
    assert "Withdrawn on" in participant_client.get(PAGE).content.decode()


def test_giving_a_consent_takes_effect_at_once_and_only_once(participant_client, person, session):
    assert (
        disclosure_for(session, Audience.PARTICIPANTS, participants=[person]).name_of(person)
        is None
    )
    _change(participant_client, session.process, "listed", "give")
    _change(participant_client, session.process, "listed", "give")
    assert Consent.objects.in_force().filter(participant=person, kind="listed").count() == 1
    consent = Consent.objects.get(participant=person)
    assert consent.recorded_by == person.user
    assert disclosure_for(session, Audience.PARTICIPANTS, participants=[person]).name_of(person)


def test_giving_again_after_withdrawing_adds_a_new_dated_row(participant_client, person, session):
    _change(participant_client, session.process, "named", "give")
    _change(participant_client, session.process, "named", "withdraw")
    _change(participant_client, session.process, "named", "give")
    rows = Consent.objects.filter(participant=person, kind="named")
    assert rows.count() == 2
    assert rows.in_force().count() == 1


def test_htmx_change_returns_the_fragment(participant_client, person, session):
    response = _change(
        participant_client, session.process, "listed", "give", {"HX-Request": "true"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert 'id="consents"' in body
    assert "Given: May be listed" in body


def test_htmx_page_request_returns_the_fragment(participant_client, session):
    response = participant_client.get(PAGE, headers={"HX-Request": "true"})
    assert '<div id="consents">' in response.content.decode()
    assert "<html" not in response.content.decode()


def test_a_process_the_participant_has_no_part_in_is_not_found(participant_client, person):
    other = DialogueProcessFactory()
    DialogueSessionFactory(process=other)
    assert _change(participant_client, other, "listed", "give").status_code == 404
    assert not Consent.objects.exists()


def test_a_process_of_an_archived_session_only_drops_out(participant_client, person, session):
    session.archived_at = session.starts_at
    session.save()
    assert _change(participant_client, session.process, "listed", "give").status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"process": "not-a-uuid", "kind": "listed", "action": "give"},
        {"kind": "named", "action": "give"},
        {"process": "00000000-0000-4000-8000-000000000000", "kind": "is_staff", "action": "give"},
        {"process": "00000000-0000-4000-8000-000000000000", "kind": "listed", "action": "delete"},
    ],
)
def test_bad_input_is_refused_and_changes_nothing(participant_client, session, data):
    response = participant_client.post(CHANGE, data)
    assert response.status_code == 400
    assert not Consent.objects.exists()


def test_someone_without_a_participant_profile_sees_nothing_to_manage(facilitator_client, session):
    response = facilitator_client.get(PAGE)
    assert response.status_code == 200
    assert "nothing to consent to" in response.content.decode()
    assert _change(facilitator_client, session.process, "listed", "give").status_code == 404


def test_page_query_count_does_not_grow_with_processes(participant, person, count_queries):
    from django.test import Client

    client = Client()
    client.force_login(participant)

    def add_process():
        process = DialogueProcessFactory()
        session = DialogueSessionFactory(process=process)
        InvitationFactory(session=session, participant=person)
        for kind in ("listed", "named"):
            ConsentFactory(participant=person, process=process, kind=kind)

    add_process()
    small = count_queries(lambda: client.get(PAGE))
    for _ in range(4):
        add_process()
    large = count_queries(lambda: client.get(PAGE))
    assert small == large
