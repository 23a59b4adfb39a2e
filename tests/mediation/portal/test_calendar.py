"""Calendar files and the private feed: correct zones, neutral content, a secret address."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mediation.portal import services as portal_services
from tests.factories import (
    AgendaItemFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    TopicFactory,
)


def _parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "no-store" in response["Cache-Control"]
    return Calendar.from_ical(response.content)


@pytest.fixture
def confidential_session(session):
    session.title = "Back-channel on the northern border"
    session.public_title = "Autumn meeting"
    session.objectives = "Discuss the hotline"
    session.time_zone = "America/Los_Angeles"
    session.save()
    topic = TopicFactory(process=session.process, title="Sanctions relief")
    AgendaItemFactory(session=session, title="Prisoner exchange", topic=topic)
    InvitationFactory(session=session, participant=ParticipantFactory(name="Eleanor Whitfield"))
    return session


def test_a_session_file_says_nothing_confidential_not_even_its_zone(
    confidential_session, participant_client
):
    session = confidential_session
    response = participant_client.get(reverse("session_calendar", args=[session.pk]))
    calendar = _parse(response)
    [event] = calendar.events
    # The zone would say where the meeting is: the time is in UTC, with no TZID.
    assert calendar.timezones == []
    assert event.start == session.starts_at.replace(microsecond=0)
    assert event.start.utcoffset() == timedelta(0)
    assert "TZID" not in event["DTSTART"].params
    assert "Los_Angeles" not in response.content.decode()
    assert str(event["SUMMARY"]) == "Autumn meeting"
    assert str(event["UID"]) == f"session-{session.pk}@dialogue-tracker.invalid"
    text = response.content.decode()
    for secret in (
        "northern border",
        "Sanctions relief",
        "Prisoner exchange",
        "Discuss the hotline",
        "Eleanor Whitfield",
        "Amina Participant",
        "Villa by the lake",
    ):
        assert secret not in text
    assert "LOCATION" not in text


def test_the_uid_is_stable_across_downloads(session, participant_client):
    url = reverse("session_calendar", args=[session.pk])
    first = _parse(participant_client.get(url)).events[0]["UID"]
    second = _parse(participant_client.get(url)).events[0]["UID"]
    assert first == second


def test_an_on_the_record_process_names_the_session_place_and_objectives(
    confidential_session, participant_client
):
    session = confidential_session
    session.process.on_record = True
    session.process.save()
    response = participant_client.get(reverse("session_calendar", args=[session.pk]))
    calendar = _parse(response)
    [event] = calendar.events
    assert [tz["TZID"] for tz in calendar.timezones] == ["America/Los_Angeles"]
    assert event["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert event.start == session.starts_at.replace(microsecond=0)
    assert str(event["SUMMARY"]) == "Back-channel on the northern border"
    assert str(event["LOCATION"]) == "Villa by the lake"
    assert "Discuss the hotline" in str(event["DESCRIPTION"])
    assert "Eleanor Whitfield" not in response.content.decode()


def test_newlines_in_a_title_stay_inside_the_calendar_value(session, participant_client):
    session.public_title = "Line one\nBEGIN:VEVENT\nSUMMARY:injected"
    session.save()
    calendar = _parse(participant_client.get(reverse("session_calendar", args=[session.pk])))
    assert len(calendar.events) == 1


def test_strangers_and_other_sessions_get_404(
    other_session, session, stranger_client, participant_client
):
    assert stranger_client.get(reverse("session_calendar", args=[session.pk])).status_code == 404
    url = reverse("session_calendar", args=[other_session.pk])
    assert participant_client.get(url).status_code == 404


# --- The feed -----------------------------------------------------------------------------


def _page(response) -> str:
    """The page minus what differs on every response anyway (CSRF token, CSP nonce)."""
    text = response.content.decode()
    text = re.sub(r'"X-CSRFToken": "[^"]+"', "", text)
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)  # the header's forms
    return re.sub(r'nonce="[^"]+"', "", text)


def _feed(client, token):
    return client.get(reverse("calendar_feed", args=[token]))


def test_the_feed_lists_my_sessions_with_neutral_titles_and_no_zones(
    confidential_session, participant, client
):
    elsewhere = DialogueSessionFactory(
        process=confidential_session.process, time_zone="Asia/Seoul", title="Seoul round"
    )
    InvitationFactory(session=elsewhere, participant=participant.participant)
    token = portal_services.calendar_token_renew(participant=participant.participant)
    response = _feed(client, token)  # calendar programs do not sign in
    calendar = _parse(response)
    assert calendar.timezones == []
    assert "Seoul" not in response.content.decode()
    assert {str(e["SUMMARY"]) for e in calendar.events} == {"Autumn meeting", "Dialogue meeting"}
    assert "Seoul round" not in response.content.decode()
    assert "Eleanor Whitfield" not in response.content.decode()


def test_the_feed_leaves_out_sessions_i_am_not_invited_to(
    other_session, session, participant, client
):
    token = portal_services.calendar_token_renew(participant=participant.participant)
    uids = {str(e["UID"]) for e in _parse(_feed(client, token)).events}
    assert uids == {f"session-{session.pk}@dialogue-tracker.invalid"}


def test_declined_and_cancelled_sessions_are_marked_cancelled_and_archived_ones_vanish(
    session, participant, client
):
    session.invitations.update(response="declined")
    cancelled = DialogueSessionFactory(process=session.process, status="cancelled")
    archived = DialogueSessionFactory(process=session.process, archived_at=timezone.now())
    for other in (cancelled, archived):
        InvitationFactory(session=other, participant=participant.participant)
    token = portal_services.calendar_token_renew(participant=participant.participant)
    events = {str(e["UID"]): str(e["STATUS"]) for e in _parse(_feed(client, token)).events}
    assert events == {
        f"session-{session.pk}@dialogue-tracker.invalid": "CANCELLED",
        f"session-{cancelled.pk}@dialogue-tracker.invalid": "CANCELLED",
    }


def test_renewing_the_token_kills_the_old_address(
    session, participant, participant_client, client
):
    participant_client.post(reverse("calendar_token_renew"))
    participant.participant.refresh_from_db()
    old = participant.participant.calendar_token
    assert len(old) >= 40
    assert _feed(client, old).status_code == 200
    response = participant_client.post(reverse("calendar_token_renew"))
    assert response.status_code == 302
    participant.participant.refresh_from_db()
    new = participant.participant.calendar_token
    assert new != old
    assert _feed(client, old).status_code == 404
    assert _feed(client, new).status_code == 200


def test_a_wrong_or_old_token_looks_exactly_like_any_other_404(session, participant, client):
    old = portal_services.calendar_token_renew(participant=participant.participant)
    portal_services.calendar_token_renew(participant=participant.participant)
    wrong = _feed(client, "x" * 43)
    stale = _feed(client, old)
    odd = _feed(client, "not a token!")
    assert wrong.status_code == stale.status_code == odd.status_code == 404
    assert _page(wrong) == _page(stale) == _page(odd)
    assert client.get("/calendar/.ics").status_code == 404


def test_an_inactive_account_has_no_feed(session, participant, client):
    token = portal_services.calendar_token_renew(participant=participant.participant)
    participant.is_active = False
    participant.save()
    assert _feed(client, token).status_code == 404


@pytest.mark.parametrize("size", [1, 8])
def test_the_feed_query_count_does_not_grow(session, participant, client, count_queries, size):
    for n in range(size):
        other = DialogueSessionFactory(starts_at=timezone.now() + timedelta(days=n + 2))
        InvitationFactory(session=other, participant=participant.participant)
    token = portal_services.calendar_token_renew(participant=participant.participant)
    # Built: the token, what changed (test_calendar_feed_cache.py), the invitations.
    assert count_queries(lambda: _feed(client, token)) == 3
    # Read again: from the cache.
    assert count_queries(lambda: _feed(client, token)) == 2
