"""The agenda's times and totals: each item's start in the session's own time zone, and how
far an agenda runs over."""

from datetime import timedelta

from tests.factories import AgendaItemFactory


def test_each_item_starts_after_the_previous_one_in_the_session_time_zone(
    session, facilitator_client
):
    session.time_zone = "Asia/Tokyo"
    session.save()
    AgendaItemFactory(session=session, position=1, duration_minutes=45, title="First")
    AgendaItemFactory(session=session, position=2, duration_minutes=30, title="Second")
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    second = (session.starts_at + timedelta(minutes=45)).astimezone(session.zone)
    assert f'datetime="{second.isoformat()}"' in content
    end = second + timedelta(minutes=30)
    assert f">{second:%H:%M}–{end:%H:%M}</time>" in content
    assert "Times in Asia/Tokyo" in content
    assert "Planned: 75 of 180 minutes." in content
    assert "runs over" not in content


def test_an_agenda_that_runs_over_says_by_how_much(session, facilitator_client):
    AgendaItemFactory(session=session, position=1, duration_minutes=200)
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert "Planned: 200 of 180 minutes." in content
    assert 'role="alert">The agenda runs over the session\'s length by 20 minutes.' in content
