"""The admin's index tells an organizer what needs them next, across their processes, each
row linking to its fix; nothing of another organizer's processes; queries do not grow."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from mediation.models import Consent, DialogueSession
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ConsentFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
)

INDEX = reverse("admin:index")


def _soon(process, **fields):
    starts = timezone.now() + timedelta(days=3)
    return DialogueSessionFactory(
        process=process, starts_at=starts, ends_at=starts + timedelta(hours=2), **fields
    )


def _held(process, **fields):
    starts = timezone.now() - timedelta(days=3)
    return DialogueSessionFactory(
        process=process,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        status=DialogueSession.Status.HELD,
        **fields,
    )


def test_each_kind_of_pending_work_is_listed_with_its_fix(process, organizer_client):
    bare = _soon(process, title="Bare round, no agenda")
    draft = _soon(process, title="Quiet draft", draft=True)
    AgendaItemFactory(session=draft)
    held = _held(process, title="Held, record unwritten")
    ActionItemFactory(
        session=held,
        description="Send the revised map",
        due_date=timezone.localdate() - timedelta(days=2),
    )
    shy = InvitationFactory(session=bare, participant=ParticipantFactory(name="Sami Shy"))
    page = organizer_client.get(INDEX).content.decode()
    assert "To look at next" in page
    assert f'href="{bare.get_absolute_url()}">Bare round, no agenda</a>' in page
    assert "no agenda yet" in page
    assert "1 invitation unanswered" in page
    assert "Quiet draft" in page and "the people invited see nothing of it yet" in page
    assert reverse("session_record_edit", args=[held.pk]) in page
    assert "Send the revised map" in page
    assert "Sami Shy" in page
    assert reverse("session_invitation_consent", args=[bare.pk, shy.pk]) in page


def test_times_are_in_the_sessions_zone(process, organizer_client):
    session = _soon(process, title="Seoul round", time_zone="Asia/Seoul")
    local = session.starts_at.astimezone(session.zone).strftime("%H:%M")
    page = organizer_client.get(INDEX).content.decode()
    assert f"{session.local_starts_at:%-d %b %Y}, {local}–" in page
    assert '<bdi class="zone">Asia/Seoul</bdi>' in page


def test_ready_work_is_not_listed(process, organizer_client):
    ready = _soon(process, title="Ready round")
    AgendaItemFactory(session=ready)
    invitation = InvitationFactory(session=ready, response="accepted")
    ConsentFactory(
        participant=invitation.participant, process=process, kind=Consent.Kind.CONTACTED
    )
    page = organizer_client.get(INDEX).content.decode()
    assert "Ready round" not in page


def test_another_organizers_work_is_not_shown(
    process, foreign_process, organizer_client, other_organizer
):
    _soon(foreign_process, title="Their bare round")
    assert "Their bare round" not in organizer_client.get(INDEX).content.decode()


def test_the_dashboards_queries_do_not_grow(process, organizer_client, count_queries):
    def fill(n):
        for i in range(n):
            session = _soon(process, title=f"Round {n}-{i}")
            InvitationFactory(session=session)
            ActionItemFactory(session=_held(process), due_date=timezone.localdate() - timedelta(1))

    fill(1)
    small = count_queries(lambda: organizer_client.get(INDEX))
    fill(6)
    assert count_queries(lambda: organizer_client.get(INDEX)) == small
