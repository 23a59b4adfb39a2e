"""Every calendar the product writes, read back by three independent programs.

Sessions in 2026 and 2040, in winter and summer, in zones with daylight saving (Zurich,
Sydney, which change in opposite halves of the year) and without (Tokyo, Lima): each
reader must put each event at exactly the UTC time the database holds, in the feed and in
the one-off file. Where the place is withheld, the zone is too: times in UTC, no TZID.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from mediation.models import DialogueSession
from mediation.portal import services as portal_services
from tests.factories import DialogueSessionFactory, InvitationFactory

from .calendar_clients import READERS, read_everywhere

ZONES = ["Europe/Zurich", "Asia/Tokyo", "America/Lima", "Australia/Sydney"]
# January and July, so each zone with daylight saving is seen in both of its halves.
DAYS = [datetime(year, month, 15, 7, 30, tzinfo=UTC) for year in (2026, 2040) for month in (1, 7)]


@pytest.fixture
def sessions_everywhere(process, participant):
    """A session of `participant`'s at each of DAYS in each of ZONES, and the issue's own
    case: 2039-07-01 08:00 UTC in Zurich, which the old VTIMEZONE moved by an hour."""
    made = []
    starts = [(zone, day) for zone in ZONES for day in DAYS]
    starts.append(("Europe/Zurich", datetime(2039, 7, 1, 8, 0, tzinfo=UTC)))
    for zone, start in starts:
        session = DialogueSessionFactory(
            process=process,
            time_zone=zone,
            starts_at=start,
            ends_at=start + timedelta(hours=2, minutes=45),
            status=DialogueSession.Status.CONFIRMED,
        )
        InvitationFactory(session=session, participant=participant.participant)
        made.append(session)
    return made


def _on_record(process, on_record: bool) -> None:
    process.on_record = on_record
    process.save()


def _feed(client, participant) -> bytes:
    token = portal_services.calendar_token_renew(participant=participant.participant)
    response = client.get(reverse("calendar_feed", args=[token]))
    assert response.status_code == 200
    return response.content


def _one_off(client, session) -> bytes:
    response = client.get(reverse("session_calendar", args=[session.pk]))
    assert response.status_code == 200
    return response.content


def _assert_every_reader_agrees_with_the_database(body: bytes, sessions) -> None:
    read = read_everywhere(body)
    assert set(read) == set(READERS)
    for reader, events in read.items():
        for session in sessions:
            event = events[f"session-{session.pk}@dialogue-tracker.invalid"]
            where = f"{reader}: {session.time_zone} {session.starts_at:%Y-%m-%d}"
            # iCalendar counts whole seconds.
            assert event.start == session.starts_at.replace(microsecond=0), where
            assert event.end == session.ends_at.replace(microsecond=0), where


@pytest.mark.parametrize("on_record", [True, False], ids=["zone named", "place withheld"])
def test_every_reader_puts_every_event_of_the_feed_at_its_stored_time(
    sessions_everywhere, process, participant, client, on_record
):
    _on_record(process, on_record)
    body = _feed(client, participant)
    _assert_every_reader_agrees_with_the_database(body, sessions_everywhere)


@pytest.mark.parametrize("on_record", [True, False], ids=["zone named", "place withheld"])
def test_every_reader_puts_each_one_off_file_at_its_stored_time(
    sessions_everywhere, process, participant_client, facilitator_client, session, on_record
):
    _on_record(process, on_record)
    for one in sessions_everywhere:
        _assert_every_reader_agrees_with_the_database(_one_off(participant_client, one), [one])
    # The team's download of a session they run (no invitation of their own) reads the same.
    _assert_every_reader_agrees_with_the_database(_one_off(facilitator_client, session), [session])


def test_a_named_zone_is_described_by_rules_that_hold_in_every_year(
    sessions_everywhere, process, participant, client
):
    _on_record(process, True)
    text = _feed(client, participant).decode()
    for zone in ZONES:
        assert f"DTSTART;TZID={zone}:" in text
        assert f"TZID:{zone}" in text
    # Zurich and Sydney change their clocks by yearly rules that have no last year.
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=10" in text
    assert "UNTIL" not in text
    assert "only works from" not in text


def test_where_the_place_is_withheld_no_zone_says_where_the_meeting_is(
    sessions_everywhere, process, participant, participant_client, client
):
    _on_record(process, False)
    bodies = [_feed(client, participant)]
    bodies += [_one_off(participant_client, session) for session in sessions_everywhere]
    for body in bodies:
        text = body.decode()
        assert "VTIMEZONE" not in text
        assert "TZID" not in text
        for city in ("Zurich", "Tokyo", "Lima", "Sydney"):
            assert city not in text
        starts = [line for line in text.splitlines() if line.startswith("DTSTART")]
        assert starts and all(line.endswith("Z") for line in starts)


def test_an_undisclosed_place_hides_the_zone_even_on_the_record(
    session, process, participant_client
):
    _on_record(process, True)
    session.time_zone = "Asia/Tokyo"
    session.location_kind = DialogueSession.LocationKind.UNDISCLOSED
    session.venue = ""
    session.save()
    text = _one_off(participant_client, session).decode()
    assert "Tokyo" not in text
    assert "VTIMEZONE" not in text
    _assert_every_reader_agrees_with_the_database(text.encode(), [session])


def test_the_feed_tells_subscribers_how_often_to_read_it(session, participant, client):
    text = _feed(client, participant).decode()
    assert "\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in text
    assert "\r\nX-PUBLISHED-TTL:PT1H\r\n" in text


def test_a_one_off_file_is_not_a_subscription(session, participant_client):
    text = _one_off(participant_client, session).decode()
    assert "REFRESH-INTERVAL" not in text
    assert "X-PUBLISHED-TTL" not in text
