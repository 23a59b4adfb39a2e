"""Plan the next session of a process: same settings, draft agenda, one per submitted form."""

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation.models import AgendaItem, DialogueSession, Invitation, Topic
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    InvitationFactory,
    SideFactory,
    TopicFactory,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(session):
    return reverse("session_plan_next", args=[session.pk])


def next_year(month=3, day=10, hour="10:00"):
    return f"{timezone.now().year + 1}-{month:02d}-{day:02d}T{hour}"


@pytest.fixture
def rich_session(session):
    process = session.process
    session.confidentiality = DialogueSession.Confidentiality.OFF_RECORD
    session.save()
    side = SideFactory(process=process)
    invitation = session.invitations.get()
    invitation.response = Invitation.Response.ACCEPTED
    invitation.side = side
    invitation.attended = True
    invitation.save()
    InvitationFactory(session=session, role=Invitation.Role.OBSERVER)
    TopicFactory(process=process, title="Water", status=Topic.Status.EXPLORED)
    TopicFactory(process=process, title="Borders", status=Topic.Status.IMPASSE)
    TopicFactory(process=process, title="Done deal", status=Topic.Status.AGREEMENT)
    ActionItemFactory(session=session, description="Send the map")
    ActionItemFactory(session=session, description="Finished thing", status="done")
    AgendaItemFactory(session=session, title="Old item")
    return session


def test_the_form_page_and_its_fragment(session, facilitator_client):
    page = facilitator_client.get(url(session)).content.decode()
    assert "<html" in page
    assert session.time_zone in page
    fragment = facilitator_client.get(url(session), **HTMX).content.decode()
    assert "<html" not in fragment
    assert 'id="plan-next"' in fragment


def test_planning_creates_the_following_session_with_a_draft_agenda(
    rich_session, facilitator, facilitator_client
):
    session = rich_session
    response = facilitator_client.post(
        url(session),
        {"title": "Round 2", "starts_at": next_year(), "submission": str(uuid.uuid4())},
    )
    assert response.status_code == 302
    planned = DialogueSession.objects.exclude(pk=session.pk).get(process=session.process)
    assert response["Location"] == planned.get_absolute_url()
    local = planned.starts_at.astimezone(ZoneInfo(session.time_zone))
    assert (local.month, local.day, local.hour, local.minute) == (3, 10, 10, 0)
    assert planned.ends_at - planned.starts_at == session.ends_at - session.starts_at
    for field in ("time_zone", "venue", "location_kind", "format", "confidentiality", "process"):
        assert getattr(planned, field) == getattr(session, field)
    assert planned.status == DialogueSession.Status.PLANNED
    assert (planned.title, planned.is_draft) == ("Round 2", True)
    assert list(planned.facilitators.all()) == [facilitator]
    invitations = {i.participant_id: i for i in planned.invitations.all()}
    assert set(invitations) == set(session.invitations.values_list("participant_id", flat=True))
    for invitation in invitations.values():
        assert invitation.response == Invitation.Response.INVITED
        assert invitation.attended is None
    titles = list(planned.agenda_items.order_by("position").values_list("title", flat=True))
    assert titles == ["Borders", "Water", "Review of open follow-up actions"]
    actions_item = planned.agenda_items.get(position=3)
    assert "Send the map" in actions_item.notes
    assert "Finished thing" not in actions_item.notes
    # Bulk inserts still leave a complete change history.
    assert AgendaItem.history.filter(session_id=planned.pk).count() == 3
    assert Invitation.history.filter(session_id=planned.pk).count() == 2
    assert planned.history.count() >= 1


def test_a_double_submit_plans_one_session(session, facilitator_client):
    data = {"title": "Round 2", "starts_at": next_year(), "submission": str(uuid.uuid4())}
    before = DialogueSession.objects.count()
    first = facilitator_client.post(url(session), data)
    second = facilitator_client.post(url(session), data)
    assert DialogueSession.objects.count() == before + 1
    assert first["Location"] == second["Location"]


def test_htmx_success_redirects_the_browser(session, facilitator_client):
    response = facilitator_client.post(
        url(session),
        {"title": "Round 2", "starts_at": next_year(), "submission": str(uuid.uuid4())},
        **HTMX,
    )
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith("/sessions/")


@pytest.mark.parametrize(
    ("starts_at", "message"),
    [
        ("2001-01-01T10:00", "in the future"),
        # Europe/Zurich skips 02:00–03:00 on the last Sunday of March.
        (None, "does not exist in Europe/Zurich"),
        ("2030-02-30T10:00", "valid date"),
        ("", "required"),
    ],
)
def test_bad_start_times_are_refused(session, facilitator_client, starts_at, message):
    if starts_at is None:
        year = timezone.now().year + 1
        last_sunday = max(
            d for d in (datetime(year, 3, day) for day in range(25, 32)) if d.weekday() == 6
        )
        starts_at = f"{last_sunday:%Y-%m-%d}T02:30"
    before = DialogueSession.objects.count()
    response = facilitator_client.post(
        url(session),
        {"title": "Round 2", "starts_at": starts_at, "submission": str(uuid.uuid4())},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert DialogueSession.objects.count() == before


def test_participants_and_strangers_cannot_plan(session, participant_client, stranger_client):
    data = {"title": "Round 2", "starts_at": next_year(), "submission": str(uuid.uuid4())}
    before = DialogueSession.objects.count()
    assert participant_client.post(url(session), data).status_code == 403
    assert stranger_client.post(url(session), data).status_code == 404
    assert DialogueSession.objects.count() == before


@pytest.mark.parametrize(
    ("title", "proposed"),
    [
        ("Round 2: incident prevention", "Round 3: incident prevention"),
        ("Session 9 of the water track", "Session 10 of the water track"),
        ("Séance 1 — Genève", "Séance 2 — Genève"),
        ("Dialogue 2027, round 4", "Dialogue 2027, round 5"),
        ("Consultation with elders", "Consultation with elders"),
    ],
)
def test_the_next_rounds_title_counts_up(session, facilitator_client, title, proposed):
    DialogueSession.objects.filter(pk=session.pk).update(title=title)
    page = facilitator_client.get(url(session)).content.decode()
    assert f'value="{proposed}"' in page


def test_a_blank_title_is_refused_and_the_time_kept(session, facilitator_client):
    before = DialogueSession.objects.count()
    starts_at = next_year()
    response = facilitator_client.post(
        url(session), {"title": "   ", "starts_at": starts_at, "submission": str(uuid.uuid4())}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in content
    assert f'value="{starts_at}"' in content
    assert DialogueSession.objects.count() == before


def test_the_planned_round_is_the_teams_until_published(
    session, facilitator_client, participant_client
):
    data = {"title": "Round 2", "starts_at": next_year(), "submission": str(uuid.uuid4())}
    planned_url = facilitator_client.post(url(session), data)["Location"]
    assert facilitator_client.get(planned_url).status_code == 200
    assert participant_client.get(planned_url).status_code == 404
    assert "Round 2" not in participant_client.get("/").content.decode()
