"""The agenda's times and totals: each item's start in the session's own time zone, and how
far an agenda runs over."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from tests.factories import AgendaItemFactory

TOKYO = ZoneInfo("Asia/Tokyo")


def _starting_in_tokyo_at(session, hour: int, minute: int = 0):
    """The session moved to a fixed time of day in Tokyo a week from now, so what the page
    shows does not hang on the hour the test runs."""
    day = (timezone.now() + timedelta(days=7)).astimezone(TOKYO).date()
    session.time_zone = "Asia/Tokyo"
    session.starts_at = datetime.combine(day, time(hour, minute), TOKYO)
    session.ends_at = session.starts_at + timedelta(hours=3)
    session.save()


def test_each_item_starts_after_the_previous_one_in_the_session_time_zone(
    session, facilitator_client
):
    _starting_in_tokyo_at(session, 10)
    AgendaItemFactory(session=session, position=1, duration_minutes=45, title="First")
    AgendaItemFactory(session=session, position=2, duration_minutes=30, title="Second")
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    second = (session.starts_at + timedelta(minutes=45)).astimezone(session.zone)
    assert f'datetime="{second.isoformat()}"' in content
    assert ">10:45–11:15</time>" in content
    assert "Times in Asia/Tokyo" in content
    assert "Planned: 75 of 180 minutes." in content
    assert "runs over" not in content


def test_an_item_that_runs_past_midnight_names_the_day_it_ends(session, facilitator_client):
    _starting_in_tokyo_at(session, 22, 50)
    AgendaItemFactory(session=session, position=1, duration_minutes=45, title="First")
    AgendaItemFactory(session=session, position=2, duration_minutes=30, title="Second")
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    second = (session.starts_at + timedelta(minutes=45)).astimezone(TOKYO)
    assert f'datetime="{second.isoformat()}"' in content
    end = second + timedelta(minutes=30)
    assert f">23:35–{end:%a} {end.day} {end:%b} 00:05</time>" in content


def test_an_agenda_that_runs_over_says_by_how_much(session, facilitator_client):
    AgendaItemFactory(session=session, position=1, duration_minutes=200)
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert "Planned: 200 of 180 minutes." in content
    assert 'role="alert">The agenda runs over the session\'s length by 20 minutes.' in content
