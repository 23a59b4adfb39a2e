"""The admin as the organizers' safe: archive and restore instead of delete, and deletes
refused where records would be lost."""

from django.urls import reverse

from mediation.models import DialogueProcess, DialogueSession, Participant
from tests.factories import SessionRecordFactory
from tests.mediation.admin.admin_helpers import admin_url, changelist_action

PROTECTED_TEXT = "would require deleting the following protected related objects"
NOT_DELETABLE_TEXT = "doesn't have permission to delete the following types of objects"

# --- Archive and restore -----------------------------------------------------------------


def test_archiving_a_session_hides_it_and_restoring_brings_it_back(
    admin_client_, organizer, facilitator_client, session
):
    assert (
        changelist_action(admin_client_, DialogueSession, "archive_selected", session).status_code
        == 302
    )
    session.refresh_from_db()
    assert session.archived_at is not None
    assert session.history.first().history_user == organizer
    assert facilitator_client.get(session.get_absolute_url()).status_code == 404
    assert admin_client_.get(session.get_absolute_url()).status_code == 404
    # Still in the admin, marked and filterable.
    listed = admin_client_.get(admin_url(DialogueSession, "changelist") + "?archived=yes")
    assert session.title in listed.content.decode()
    live = admin_client_.get(admin_url(DialogueSession, "changelist") + "?archived=no")
    assert session.title not in live.content.decode()
    changelist_action(admin_client_, DialogueSession, "restore_selected", session)
    session.refresh_from_db()
    assert session.archived_at is None
    assert facilitator_client.get(session.get_absolute_url()).status_code == 200


def test_archiving_a_process_hides_its_sessions(admin_client_, facilitator_client, session):
    changelist_action(admin_client_, DialogueProcess, "archive_selected", session.process)
    assert facilitator_client.get(session.get_absolute_url()).status_code == 404
    assert admin_client_.get(session.process.get_absolute_url()).status_code == 404
    assert (
        admin_client_.get(admin_url(DialogueProcess, "change", session.process.pk)).status_code
        == 200
    )
    changelist_action(admin_client_, DialogueProcess, "restore_selected", session.process)
    assert facilitator_client.get(session.get_absolute_url()).status_code == 200


def test_an_archived_participant_leaves_pickers_and_keeps_their_past(
    admin_client_, participant, session
):
    person = participant.participant
    search = reverse("admin:autocomplete") + (
        "?app_label=mediation&model_name=invitation&field_name=participant&term="
        + person.name.split()[0]
    )
    assert person.name in admin_client_.get(search).content.decode()
    changelist_action(admin_client_, Participant, "archive_selected", person)
    person.refresh_from_db()
    assert person.archived_at is not None
    assert person.name not in admin_client_.get(search).content.decode()
    assert session.invitations.filter(participant=person).exists()
    assert admin_client_.get(admin_url(Participant, "change", person.pk)).status_code == 200
    changelist_action(admin_client_, Participant, "restore_selected", person)
    assert person.name in admin_client_.get(search).content.decode()


def test_an_organizer_cannot_archive_another_process(admin_client_, foreign):
    changelist_action(admin_client_, DialogueSession, "archive_selected", foreign["session"])
    foreign["session"].refresh_from_db()
    assert foreign["session"].archived_at is None


# --- Deletes that would lose records are refused ------------------------------------------


def _refused_delete(client, model, obj):
    page = client.get(admin_url(model, "delete", obj.pk))
    assert page.status_code == 200
    # Refused because something would be lost (protected rows), or because what would go
    # with it may never be deleted by anyone in the admin (session records).
    assert PROTECTED_TEXT in page.content.decode() or NOT_DELETABLE_TEXT in page.content.decode()
    response = client.post(admin_url(model, "delete", obj.pk), {"post": "yes"})
    assert response.status_code == 200
    assert model.objects.filter(pk=obj.pk).exists()


def test_deleting_a_process_with_sessions_is_refused(admin_client_, session):
    _refused_delete(admin_client_, DialogueProcess, session.process)


def test_deleting_a_session_with_a_record_is_refused(admin_client_, session):
    SessionRecordFactory(session=session)
    _refused_delete(admin_client_, DialogueSession, session)


def test_deleting_a_participant_with_invitations_is_refused(admin_client_, participant, session):
    _refused_delete(admin_client_, Participant, participant.participant)


def test_bulk_delete_of_a_process_with_sessions_is_refused(admin_client_, session):
    response = admin_client_.post(
        admin_url(DialogueProcess, "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(session.process_id)],
            "post": "yes",
        },
    )
    assert response.status_code == 200
    assert "protected" in response.content.decode()
    assert DialogueProcess.objects.filter(pk=session.process_id).exists()
