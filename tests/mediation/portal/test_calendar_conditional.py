"""Calendar programs that send back the ETag they got are answered 304 until the file
changes; the zones' blocks are built once and reused."""

from datetime import UTC, datetime, timedelta

from django.urls import reverse

from mediation.portal import services as portal_services
from mediation.portal.vtimezone import vtimezone, vtimezone_ical


def _feed(client, token, **headers):
    return client.get(reverse("calendar_feed", args=[token]), **headers)


def test_the_feed_answers_304_to_the_etag_it_gave(session, participant, client):
    token = portal_services.calendar_token_renew(participant=participant.participant)
    first = _feed(client, token)
    assert first.status_code == 200 and first["ETag"]
    again = _feed(client, token, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert "no-store" in again["Cache-Control"]


def test_a_changed_session_gives_a_new_etag_and_the_whole_file(session, participant, client):
    token = portal_services.calendar_token_renew(participant=participant.participant)
    first = _feed(client, token)
    session.starts_at += timedelta(hours=1)
    session.ends_at += timedelta(hours=1)
    session.save()
    changed = _feed(client, token, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert b"BEGIN:VEVENT" in changed.content


def test_a_session_file_answers_304_to_its_etag(session, participant_client):
    url = reverse("session_calendar", args=[session.pk])
    first = participant_client.get(url)
    assert first.status_code == 200
    assert participant_client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert participant_client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_a_zones_block_is_built_once_and_is_the_same_as_built_afresh():
    since, until = datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 6, 1, tzinfo=UTC)
    cached = vtimezone_ical("Europe/Paris", since=since, until=until)
    assert cached == vtimezone("Europe/Paris", since=since, until=until).to_ical()
    # Another calendar over a span with the same changes reuses the very same bytes.
    later = vtimezone_ical("Europe/Paris", since=since + timedelta(days=30), until=until)
    assert later is cached
