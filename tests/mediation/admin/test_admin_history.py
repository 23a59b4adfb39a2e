"""The admin as the organizers' safe, its change history: scoped to the organizer's
processes, audited when read, never a way to revert, and signed by whoever changed what."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation.models import (
    AgendaItem,
    Consent,
    DialogueProcess,
    DialogueSession,
    Invitation,
    ReadEvent,
    Topic,
)
from tests.factories import AgendaItemFactory, TopicFactory
from tests.mediation.admin.admin_helpers import admin_url

# --- Change history ---------------------------------------------------------------------

SCOPED_HISTORY = [
    (DialogueSession, "session"),
    (DialogueProcess, "process"),
    (Topic, "topic"),
    (Consent, "consent"),
]


@pytest.mark.parametrize(("model", "key"), SCOPED_HISTORY, ids=lambda v: getattr(v, "__name__", v))
def test_history_of_another_process_is_not_found(admin_client_, foreign, model, key):
    obj = foreign[key]
    assert admin_client_.get(admin_url(model, "history", obj.pk)).status_code == 404
    version = obj.history.first().history_id
    form_url = reverse(
        f"admin:mediation_{model._meta.model_name}_simple_history", args=[obj.pk, version]
    )
    assert admin_client_.get(form_url).status_code == 404
    assert not ReadEvent.objects.exists()


def test_reading_history_shows_who_changed_what_and_is_audited(admin_client_, organizer, session):
    session.title = "Renamed"
    session._history_user = organizer
    session.save()
    response = admin_client_.get(admin_url(DialogueSession, "history", session.pk))
    assert response.status_code == 200
    assert "organizer" in response.content.decode()
    event = ReadEvent.objects.get()
    assert (event.kind, event.user, event.process_id, event.object_id) == (
        ReadEvent.Kind.HISTORY,
        organizer,
        session.process_id,
        session.pk,
    )


def test_history_of_a_nested_object_records_its_process(admin_client_, session):
    item = AgendaItemFactory(session=session)
    assert admin_client_.get(admin_url(AgendaItem, "history", item.pk)).status_code == 200
    assert ReadEvent.objects.get().process_id == session.process_id


def test_history_cannot_be_used_to_revert(admin_client_, session):
    version = session.history.first().history_id
    url = reverse("admin:mediation_dialoguesession_simple_history", args=[session.pk, version])
    assert admin_client_.get(url).status_code == 200
    assert admin_client_.post(url, {"title": "Reverted"}).status_code == 403
    session.refresh_from_db()
    assert session.title != "Reverted"


def test_a_change_through_the_admin_is_signed_by_its_author(admin_client_, organizer, process):
    topic = TopicFactory(process=process, title="Before")
    response = admin_client_.post(
        admin_url(Topic, "change", topic.pk),
        {
            "process": process.pk,
            "title": "After",
            "sensitivity": topic.sensitivity,
            "status": topic.status,
            "description": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = topic.history.first()
    assert latest.title == "After"
    assert latest.history_user == organizer


def test_next_round_copies_are_in_history_with_the_user(admin_client_, organizer, session):
    AgendaItemFactory.create_batch(2, session=session)
    day = (timezone.localdate() + timedelta(days=30)).isoformat()
    response = admin_client_.post(
        admin_url(DialogueSession, "changelist"),
        {
            "action": "duplicate_as_next_round",
            "_selected_action": [str(session.pk)],
            "apply": "1",
            "title": "The copy",
            "starts_at": f"{day}T09:30",
        },
    )
    assert response.status_code == 302
    copy = DialogueSession.objects.exclude(pk=session.pk).get(title="The copy")
    assert copy.agenda_items.count() == 2
    history = AgendaItem.history.filter(session_id=copy.pk)
    assert history.count() == 2
    assert {h.history_user for h in history} == {organizer}
    assert Invitation.history.filter(session_id=copy.pk).get().history_user == organizer
