"""What a calendar does with an event it already holds: it keeps the copy with the higher
SEQUENCE, shows its STATUS, and tells a newer copy by LAST-MODIFIED. So every change of an
event (moved, re-placed, postponed, cancelled, declined) raises its SEQUENCE, as read by
each of vobject, ics-py and icalendar."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation.models import Consent, DialogueSession, Invitation
from mediation.notifications import tasks
from mediation.portal import services as portal_services
from tests.factories import ConsentFactory

from .calendar_clients import read_everywhere

Status = DialogueSession.Status


def _uid(session) -> str:
    return f"session-{session.pk}@dialogue-tracker.invalid"


def _events(client, session) -> dict:
    """The session's event in the one-off file, as each reader understood it."""
    response = client.get(reverse("session_calendar", args=[session.pk]))
    assert response.status_code == 200
    return {
        reader: events[_uid(session)]
        for reader, events in read_everywhere(response.content).items()
    }


def _one(events: dict, attribute: str):
    """The value every reader agrees on."""
    values = {reader: getattr(event, attribute) for reader, event in events.items()}
    assert len(set(values.values())) == 1, values
    return next(iter(values.values()))


def _last_modified(client, session) -> str:
    text = client.get(reverse("session_calendar", args=[session.pk])).content.decode()
    return next(line for line in text.splitlines() if line.startswith("LAST-MODIFIED:"))


def _admin_save(client, session, **changes):
    """The organizer's change form for the session, sent with `changes` (the way sessions
    are moved, re-placed, postponed and cancelled)."""
    local_start = session.starts_at.astimezone(session.zone)
    local_end = session.ends_at.astimezone(session.zone)
    data = {
        "process": session.process_id,
        "title": session.title,
        "status": session.status,
        "format": session.format,
        "objectives": session.objectives,
        "starts_at_0": f"{local_start:%Y-%m-%d}",
        "starts_at_1": f"{local_start:%H:%M:%S}",
        "ends_at_0": f"{local_end:%Y-%m-%d}",
        "ends_at_1": f"{local_end:%H:%M:%S}",
        "time_zone": session.time_zone,
        "location_kind": session.location_kind,
        "venue": session.venue,
        "confidentiality": session.confidentiality,
        "facilitators": [user.pk for user in session.facilitators.all()],
        "agenda_items-TOTAL_FORMS": "0",
        "agenda_items-INITIAL_FORMS": "0",
        "invitations-TOTAL_FORMS": "0",
        "invitations-INITIAL_FORMS": "0",
        **changes,
    }
    url = reverse("admin:mediation_dialoguesession_change", args=[session.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    session.refresh_from_db()


@pytest.fixture
def confirmed(session):
    """The session, confirmed, a week ahead from 09:00 to 12:00 in Zurich (08:00 UTC)."""
    day = (timezone.now() + timedelta(days=7)).date()
    session.starts_at = datetime.combine(day, time(8, 0), tzinfo=UTC)
    session.ends_at = session.starts_at + timedelta(hours=3)
    session.status = Status.CONFIRMED
    session.save()
    return session


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (Status.PLANNED, "TENTATIVE"),
        (Status.POSTPONED, "TENTATIVE"),
        (Status.CONFIRMED, "CONFIRMED"),
        (Status.HELD, "CONFIRMED"),
        (Status.CANCELLED, "CANCELLED"),
    ],
)
def test_the_event_status_follows_the_session(session, participant_client, status, shown):
    session.status = status
    session.save()
    assert _one(_events(participant_client, session), "status") == shown


def test_a_decline_cancels_the_event_for_the_one_who_declined_only(
    confirmed, participant_client, facilitator_client
):
    response = participant_client.post(
        reverse("session_answer", args=[confirmed.pk]), {"response": "declined"}
    )
    assert response.status_code == 302
    assert _one(_events(participant_client, confirmed), "status") == "CANCELLED"
    assert _one(_events(facilitator_client, confirmed), "status") == "CONFIRMED"


def test_every_change_of_the_event_raises_its_sequence(
    confirmed, organizer_client, participant_client
):
    session = confirmed
    seen = [_one(_events(participant_client, session), "sequence")]

    def changed():
        now = _one(_events(participant_client, session), "sequence")
        assert now > seen[-1], seen
        seen.append(now)

    later = session.starts_at.astimezone(session.zone) + timedelta(days=1)
    _admin_save(
        organizer_client, session, starts_at_0=f"{later:%Y-%m-%d}", ends_at_0=f"{later:%Y-%m-%d}"
    )
    changed()  # moved to the next day
    _admin_save(organizer_client, session, venue="Another villa")
    changed()  # another place
    _admin_save(organizer_client, session, time_zone="Asia/Tokyo")
    changed()  # the same wall-clock time in another zone
    _admin_save(organizer_client, session, status=Status.POSTPONED)
    changed()
    participant_client.post(reverse("session_answer", args=[session.pk]), {"response": "declined"})
    changed()
    participant_client.post(reverse("session_answer", args=[session.pk]), {"response": "accepted"})
    changed()
    _admin_save(organizer_client, session, status=Status.CANCELLED)
    changed()


def test_a_save_that_changes_nothing_in_the_event_keeps_its_sequence(
    confirmed, organizer_client, participant_client
):
    before = _one(_events(participant_client, confirmed), "sequence")
    _admin_save(organizer_client, confirmed)  # saved as it was
    invitation = confirmed.invitations.get()
    invitation.response = Invitation.Response.ACCEPTED
    invitation.save()
    after_accepting = _one(_events(participant_client, confirmed), "sequence")
    assert after_accepting == before + 1
    # The reminder's stamp is bookkeeping, not a change of the event.
    ConsentFactory(
        participant=invitation.participant, process=confirmed.process, kind=Consent.Kind.CONTACTED
    )
    assert tasks.send_session_reminder_email.call(str(invitation.pk), "https://x.example")
    assert _one(_events(participant_client, confirmed), "sequence") == after_accepting


def test_a_decline_changes_last_modified(confirmed, participant_client):
    an_hour_ago = confirmed.updated_at - timedelta(hours=1)
    DialogueSession.objects.filter(pk=confirmed.pk).update(updated_at=an_hour_ago)
    confirmed.invitations.update(updated_at=an_hour_ago)
    before = _last_modified(participant_client, confirmed)
    portal_services.invitation_answer(
        invitation=confirmed.invitations.get(), response=Invitation.Response.DECLINED
    )
    assert _last_modified(participant_client, confirmed) > before


def test_two_saves_from_copies_read_at_the_same_time_both_count(confirmed):
    first = DialogueSession.objects.get(pk=confirmed.pk)
    second = DialogueSession.objects.get(pk=confirmed.pk)
    first.venue = "A room upstairs"
    first.save()
    second.status = Status.POSTPONED
    second.save(update_fields=["status", "updated_at"])
    start = confirmed.calendar_sequence
    confirmed.refresh_from_db()
    assert confirmed.calendar_sequence == start + 2
    assert (first.calendar_sequence, second.calendar_sequence) == (start + 1, start + 2)
