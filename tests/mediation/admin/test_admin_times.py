"""The admin tells a session's time in the session's own zone, named, whoever reads it and
across daylight-saving changes; zones are typed as cities."""

import pytest
from django.urls import reverse

from mediation.models import AgendaItem, DialogueSession, Profile
from tests.factories import AgendaItemFactory, DialogueSessionFactory
from tests.mediation.admin.admin_helpers import add_session
from tests.security.test_mass_assignment import _admin_form

CHANGELIST = "admin:mediation_dialoguesession_changelist"


def _at(zone, local):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.fromisoformat(local).replace(tzinfo=ZoneInfo(zone))


@pytest.mark.parametrize(
    ("zone", "local", "shown", "yours"),
    [
        ("Asia/Seoul", "2027-01-01T15:00", "Fri 1 Jan 2027, 15:00", "01:00"),
        # Zurich, the day before and the day after clocks go forward (28 March 2027); New
        # York went forward on 14 March.
        ("Europe/Zurich", "2027-03-27T10:00", "Sat 27 Mar 2027, 10:00", "05:00"),
        ("Europe/Zurich", "2027-03-28T10:00", "Sun 28 Mar 2027, 10:00", "04:00"),
        # Sydney, after clocks go back (4 April 2027): still the day before in New York.
        ("Australia/Sydney", "2027-04-05T09:30", "Mon 5 Apr 2027, 09:30", "Sun 4 Apr 2027, 19:30"),
        ("America/Lima", "2027-07-01T18:00", "Thu 1 Jul 2027, 18:00", "19:00"),
    ],
)
def test_the_changelist_shows_the_sessions_local_time_then_the_readers(
    session, organizer, organizer_client, zone, local, shown, yours
):
    starts = _at(zone, local)
    DialogueSession.objects.filter(pk=session.pk).update(
        time_zone=zone, starts_at=starts, ends_at=starts.replace(hour=starts.hour + 2)
    )
    Profile.objects.update_or_create(user=organizer, defaults={"time_zone": "America/New_York"})
    content = organizer_client.get(reverse(CHANGELIST)).content.decode()
    assert f'>{shown}</time> <bdi class="zone">{zone}</bdi>' in content
    assert f'>{yours}</time> in your zone, <bdi class="zone">America/New_York</bdi>' in content


@pytest.mark.parametrize(("typed", "zone"), [("Baku", "Asia/Baku"), ("Geneva", "Europe/Zurich")])
def test_a_session_zone_is_typed_as_a_city(organizer_client, process, typed, zone):
    response = add_session(organizer_client, process, title=f"Meeting in {typed}", zone=typed)
    assert response.status_code == 302
    session = DialogueSession.objects.get(title=f"Meeting in {typed}")
    assert session.time_zone == zone
    assert session.local_starts_at.strftime("%H:%M") == "10:00"


def test_an_unknown_zone_is_refused_beside_its_field_and_kept(organizer_client, process):
    response = add_session(organizer_client, process, title="Nowhere", zone="Atlantis")
    assert response.status_code == 200
    content = response.content.decode()
    assert "neither a time zone nor a city we know" in content
    assert 'value="Atlantis"' in content
    assert not DialogueSession.objects.filter(title="Nowhere").exists()


def test_a_new_session_is_a_draft(organizer_client, process):
    add_session(organizer_client, process, title="Fresh", zone="UTC")
    assert DialogueSession.objects.get(title="Fresh").is_draft


def test_the_draft_filter_and_column(organizer_client, session):
    DialogueSessionFactory(process=session.process, title="Unpublished plan", draft=True)
    drafts = organizer_client.get(reverse(CHANGELIST), {"published": "no"}).content.decode()
    assert "Unpublished plan" in drafts
    assert session.title not in drafts


def test_agenda_items_added_in_the_admin_go_to_the_end_in_order(organizer_client, session):
    AgendaItemFactory(session=session, position=1, title="Opening")
    url = reverse("admin:mediation_dialoguesession_change", args=[session.pk])
    page = organizer_client.get(url)
    assert 'name="agenda_items-0-position"' not in page.content.decode()
    form = _admin_form(organizer_client, url)
    data = form.data()
    data["agenda_items-TOTAL_FORMS"] = ["4"]
    for n, title in enumerate(["Water", "Borders", "Closing"], start=1):
        data[f"agenda_items-{n}-title"] = [title]
        data[f"agenda_items-{n}-duration_minutes"] = ["20"]
        data[f"agenda_items-{n}-session"] = [str(session.pk)]
    response = organizer_client.post(url, data)
    assert response.status_code == 302
    assert list(
        AgendaItem.objects.filter(session=session)
        .order_by("position")
        .values_list("position", "title")
    ) == [(1, "Opening"), (2, "Water"), (3, "Borders"), (4, "Closing")]
