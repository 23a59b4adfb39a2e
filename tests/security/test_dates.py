"""Dates and times: impossible, backwards, skipped by daylight saving, junk, or at the edge
of the calendar. Each is a form error on the field, never a 500, and nothing is saved.

The admin's session form is `mediation.sessions.forms.DialogueSessionForm`; it is tried alone and
through the admin, with the other date inputs of the admin (due dates, the next-round date,
the date filters of the lists).
"""

import pytest
from django.urls import reverse

from mediation.models import ActionItem, DialogueSession
from mediation.sessions.forms import DialogueSessionForm

from .page_forms import field_errors, main_form
from .walker import assert_clean, changed_tables, snapshot


def _session_data(
    process, *, day="2027-03-10", start="09:00", end_day=None, end="12:00", zone="Europe/Zurich"
):
    return {
        "process": process.pk,
        "title": "Dated",
        "status": "planned",
        "format": "workshop",
        "starts_at_0": day,
        "starts_at_1": start,
        "ends_at_0": end_day or day,
        "ends_at_1": end,
        "time_zone": zone,
        "location_kind": "online",
        "confidentiality": "chatham_house",
    }


BAD_WHEN = [
    # (case, changes to the form data, the field that must carry the error)
    ("30 February", {"day": "2026-02-30"}, "starts_at"),
    ("31 April", {"day": "2026-04-31"}, "starts_at"),
    ("month 13", {"day": "2026-13-01"}, "starts_at"),
    ("ends before it starts", {"start": "12:00", "end": "09:00"}, "ends_at"),
    ("ends when it starts", {"start": "12:00", "end": "12:00"}, "ends_at"),
    ("ends the day before", {"end_day": "2027-03-09"}, "ends_at"),
    ("lost hour in Zurich", {"day": "2026-03-29", "start": "02:30", "end": "05:00"}, "starts_at"),
    (
        "ends in the lost hour",
        {"day": "2026-03-29", "start": "01:00", "end": "02:15"},
        "ends_at",
    ),
    (
        "lost hour in New York",
        {"day": "2026-03-08", "start": "02:30", "zone": "America/New_York"},
        "starts_at",
    ),
    ("words", {"day": "next tuesday"}, "starts_at"),
    ("day first", {"day": "31/12/2026"}, "starts_at"),
    ("junk", {"day": "2026-01-01'; DROP TABLE x;--"}, "starts_at"),
    ("hour 25", {"start": "25:00"}, "starts_at"),
    ("minute 60", {"start": "12:60"}, "starts_at"),
    ("year 0", {"day": "0000-01-01"}, "starts_at"),
    ("year 10000", {"day": "10000-01-01"}, "starts_at"),
    ("huge year", {"day": "99999999999999999999-01-01"}, "starts_at"),
    # The first and last moments Python can hold: in a zone behind or ahead of UTC they
    # fall off the calendar when converted.
    (
        "last day in Los Angeles",
        {"day": "9999-12-31", "start": "20:00", "end": "23:00", "zone": "America/Los_Angeles"},
        "starts_at",
    ),
    (
        "first day in Tokyo",
        {"day": "0001-01-01", "start": "01:00", "end": "02:00", "zone": "Asia/Tokyo"},
        "starts_at",
    ),
    ("unknown zone", {"zone": "Mars/Olympus_Mons"}, "time_zone"),
    ("NUL in the zone", {"zone": "Europe/Zurich\x00"}, "time_zone"),
]


def _unsplit(data: dict) -> dict:
    """The form alone takes each time as one "YYYY-MM-DD HH:MM" (the admin splits it)."""
    for name in ("starts_at", "ends_at"):
        data[name] = f"{data.pop(name + '_0')} {data.pop(name + '_1')}"
    return data


@pytest.mark.parametrize(("case", "changes", "field"), BAD_WHEN, ids=[c[0] for c in BAD_WHEN])
def test_the_session_form_refuses_impossible_times(process, case, changes, field):
    form = DialogueSessionForm(data=_unsplit(_session_data(process, **changes)))
    assert not form.is_valid()
    assert field in form.errors, f"{case}: {form.errors.as_data()}"


@pytest.mark.parametrize(("case", "changes", "field"), BAD_WHEN, ids=[c[0] for c in BAD_WHEN])
def test_the_admin_session_form_refuses_impossible_times(
    world, organizer_client, case, changes, field
):
    process = world["own"]["mediation.DialogueProcess"]
    data = {
        **_session_data(process, **changes),
        "agenda_items-TOTAL_FORMS": "0",
        "agenda_items-INITIAL_FORMS": "0",
        "invitations-TOTAL_FORMS": "0",
        "invitations-INITIAL_FORMS": "0",
    }
    before = snapshot()
    response = organizer_client.post(reverse("admin:mediation_dialoguesession_add"), data)
    assert_clean(response, case)
    assert response.status_code == 200, case
    assert field_errors(response, field), case
    assert changed_tables(before, snapshot()) == []


def test_a_good_session_is_saved(process):
    """The control: the refusals above are about the dates, not about the rest of the form."""
    form = DialogueSessionForm(data=_unsplit(_session_data(process)))
    assert form.is_valid(), form.errors
    # The hour after the gap exists, and the repeated hour in autumn is accepted.
    assert DialogueSessionForm(
        data=_unsplit(_session_data(process, day="2026-10-25", start="02:30", end="04:00"))
    ).is_valid()


@pytest.mark.parametrize(
    "due", ["2026-02-30", "10000-01-01", "0000-00-00", "yesterday", "2026-1-1x"]
)
def test_the_admin_refuses_impossible_due_dates(world, organizer_client, due):
    action = world["own"]["mediation.ActionItem"]
    url = reverse("admin:mediation_actionitem_change", args=[action.pk])
    form = main_form(organizer_client.get(url), url)
    before = snapshot()
    response = organizer_client.post(url, form.data(due_date=due))
    assert_clean(response, due)
    assert response.status_code == 200
    assert field_errors(response, "due_date")
    assert changed_tables(before, snapshot()) == []
    assert ActionItem.objects.get(pk=action.pk).due_date == action.due_date


@pytest.mark.parametrize(
    "day",
    ["2026-02-30T10:00", "10000-01-01T10:00", "0000-01-01T10:00", "junk", "2020-01-01T10:00"],
)
def test_the_next_round_refuses_impossible_dates(world, organizer_client, day):
    session = world["own"]["mediation.DialogueSession"]
    before = snapshot()
    response = organizer_client.post(
        reverse("admin:mediation_dialoguesession_changelist"),
        {
            "action": "duplicate_as_next_round",
            "_selected_action": [session.pk],
            "apply": "1",
            "title": "Round 2",
            "starts_at": day,
        },
    )
    assert_clean(response, day)
    assert response.status_code == 200
    assert field_errors(response, "starts_at")
    assert changed_tables(before, snapshot()) == []
    assert DialogueSession.objects.count() == 3


@pytest.mark.parametrize(
    "query",
    [
        "starts_at__year=10000",
        "starts_at__year=abc",
        "starts_at__year=2026&starts_at__month=13",
        "starts_at__year=2026&starts_at__month=2&starts_at__day=30",
        "starts_at__year=99999999999999999999",
        "starts_at__gte=2026-02-30",
        "o=999",
        "o=abc",
        "p=99999999999999999999",
        "p=-1",
        "q=%00",
    ],
)
def test_the_admin_lists_survive_junk_in_their_filters(organizer_client, world, query):
    response = organizer_client.get(
        reverse("admin:mediation_dialoguesession_changelist") + "?" + query
    )
    assert_clean(response, query)
    assert response.status_code in {200, 302, 400, 404}
    if response.status_code == 302:
        assert response["Location"].endswith("?e=1")
