"""The admin as the organizers' safe: scoped change history, consents, the read audit,
archive instead of delete, and deletes refused where records would be lost."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mediation.access import ORGANIZERS_GROUP
from mediation.models import (
    AgendaItem,
    Consent,
    DialogueProcess,
    DialogueSession,
    Invitation,
    Participant,
    ReadEvent,
    Topic,
)
from tests.factories import (
    AgendaItemFactory,
    ConsentFactory,
    DialogueProcessFactory,
    DialogueSessionFactory,
    ParticipantFactory,
    ProcessMemberFactory,
    SessionRecordFactory,
    TopicFactory,
    UserFactory,
)

PROTECTED_TEXT = "would require deleting the following protected related objects"
NOT_DELETABLE_TEXT = "doesn't have permission to delete the following types of objects"


def _url(model, view, *args):
    return reverse(f"admin:mediation_{model._meta.model_name}_{view}", args=args)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client_(organizer):
    return _client(organizer)


@pytest.fixture
def foreign(db):
    """Another organizer's process, with a session, a topic and a consent."""
    other = UserFactory(username="other-organizer", is_staff=True)
    other.groups.add(Group.objects.get_or_create(name=ORGANIZERS_GROUP)[0])
    process = DialogueProcessFactory(organizers=[other], title="Foreign process")
    session = DialogueSessionFactory(process=process, title="Foreign session")
    topic = TopicFactory(process=process)
    consent = ConsentFactory(process=process)
    return {
        "organizer": other,
        "process": process,
        "session": session,
        "topic": topic,
        "consent": consent,
    }


def _action(client, model, action, *objects):
    return client.post(
        _url(model, "changelist"),
        {"action": action, "_selected_action": [str(o.pk) for o in objects]},
    )


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
    assert admin_client_.get(_url(model, "history", obj.pk)).status_code == 404
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
    response = admin_client_.get(_url(DialogueSession, "history", session.pk))
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
    assert admin_client_.get(_url(AgendaItem, "history", item.pk)).status_code == 200
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
        _url(Topic, "change", topic.pk),
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
        _url(DialogueSession, "changelist"),
        {
            "action": "duplicate_as_next_round",
            "_selected_action": [str(session.pk)],
            "apply": "1",
            "starts_on": day,
        },
    )
    assert response.status_code == 302
    copy = DialogueSession.objects.exclude(pk=session.pk).filter(title=session.title).get()
    assert copy.agenda_items.count() == 2
    history = AgendaItem.history.filter(session_id=copy.pk)
    assert history.count() == 2
    assert {h.history_user for h in history} == {organizer}
    assert Invitation.history.filter(session_id=copy.pk).get().history_user == organizer


# --- Archive and restore -----------------------------------------------------------------


def test_archiving_a_session_hides_it_and_restoring_brings_it_back(
    admin_client_, organizer, facilitator_client, session
):
    assert _action(admin_client_, DialogueSession, "archive_selected", session).status_code == 302
    session.refresh_from_db()
    assert session.archived_at is not None
    assert session.history.first().history_user == organizer
    assert facilitator_client.get(session.get_absolute_url()).status_code == 404
    assert admin_client_.get(session.get_absolute_url()).status_code == 404
    # Still in the admin, marked and filterable.
    listed = admin_client_.get(_url(DialogueSession, "changelist") + "?archived=yes")
    assert session.title in listed.content.decode()
    live = admin_client_.get(_url(DialogueSession, "changelist") + "?archived=no")
    assert session.title not in live.content.decode()
    _action(admin_client_, DialogueSession, "restore_selected", session)
    session.refresh_from_db()
    assert session.archived_at is None
    assert facilitator_client.get(session.get_absolute_url()).status_code == 200


def test_archiving_a_process_hides_its_sessions(admin_client_, facilitator_client, session):
    _action(admin_client_, DialogueProcess, "archive_selected", session.process)
    assert facilitator_client.get(session.get_absolute_url()).status_code == 404
    assert admin_client_.get(session.process.get_absolute_url()).status_code == 404
    assert (
        admin_client_.get(_url(DialogueProcess, "change", session.process.pk)).status_code == 200
    )
    _action(admin_client_, DialogueProcess, "restore_selected", session.process)
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
    _action(admin_client_, Participant, "archive_selected", person)
    person.refresh_from_db()
    assert person.archived_at is not None
    assert person.name not in admin_client_.get(search).content.decode()
    assert session.invitations.filter(participant=person).exists()
    assert admin_client_.get(_url(Participant, "change", person.pk)).status_code == 200
    _action(admin_client_, Participant, "restore_selected", person)
    assert person.name in admin_client_.get(search).content.decode()


def test_an_organizer_cannot_archive_another_process(admin_client_, foreign):
    _action(admin_client_, DialogueSession, "archive_selected", foreign["session"])
    foreign["session"].refresh_from_db()
    assert foreign["session"].archived_at is None


# --- Deletes that would lose records are refused ------------------------------------------


def _refused_delete(client, model, obj):
    page = client.get(_url(model, "delete", obj.pk))
    assert page.status_code == 200
    # Refused because something would be lost (protected rows), or because what would go
    # with it may never be deleted by anyone in the admin (session records).
    assert PROTECTED_TEXT in page.content.decode() or NOT_DELETABLE_TEXT in page.content.decode()
    response = client.post(_url(model, "delete", obj.pk), {"post": "yes"})
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
        _url(DialogueProcess, "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [str(session.process_id)],
            "post": "yes",
        },
    )
    assert response.status_code == 200
    assert "protected" in response.content.decode()
    assert DialogueProcess.objects.filter(pk=session.process_id).exists()


# --- Consents ----------------------------------------------------------------------------


def test_consents_list_shows_only_the_organizers_processes(admin_client_, process, foreign):
    mine = ConsentFactory(process=process)
    page = admin_client_.get(_url(Consent, "changelist"))
    assert page.status_code == 200
    ids = {c.pk for c in page.context["cl"].result_list}
    assert ids == {mine.pk}
    assert "Foreign process" not in page.content.decode()
    assert admin_client_.get(_url(Consent, "change", foreign["consent"].pk)).status_code == 302


def test_the_withdraw_action_dates_the_withdrawal_and_keeps_the_row(
    admin_client_, organizer, process
):
    consent = ConsentFactory(process=process)
    _action(admin_client_, Consent, "withdraw_selected", consent)
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert consent.history.first().history_user == organizer


def test_consents_are_never_deleted_in_the_admin(admin_client_, process):
    consent = ConsentFactory(process=process)
    assert admin_client_.get(_url(Consent, "delete", consent.pk)).status_code == 403
    assert Consent.objects.filter(pk=consent.pk).exists()


def test_an_organizer_records_a_consent_and_is_named_as_recorder(
    admin_client_, organizer, process
):
    person = ProcessMemberFactory(process=process).participant
    response = admin_client_.post(
        _url(Consent, "add"),
        {
            "participant": person.pk,
            "process": process.pk,
            "kind": "named",
            "given_at_0": timezone.localdate().isoformat(),
            "given_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    consent = Consent.objects.get(participant=person)
    assert consent.recorded_by == organizer


def test_a_consent_of_another_process_cannot_be_recorded(admin_client_, foreign):
    person = ParticipantFactory()
    response = admin_client_.post(
        _url(Consent, "add"),
        {
            "participant": person.pk,
            "process": foreign["process"].pk,
            "kind": "named",
            "given_at_0": timezone.localdate().isoformat(),
            "given_at_1": "10:00:00",
        },
    )
    assert response.status_code == 200
    assert not Consent.objects.filter(participant=person).exists()


def test_participant_and_process_pages_show_their_consents_dated(
    admin_client_, participant, process, foreign
):
    person = participant.participant
    ConsentFactory(participant=person, process=process, kind="listed")
    ConsentFactory(participant=person, process=foreign["process"], kind="named")
    page = admin_client_.get(_url(Participant, "change", person.pk)).content.decode()
    assert "Consents" in page
    assert "May be listed to other participants" in page
    assert "Foreign process" not in page
    process_page = admin_client_.get(_url(DialogueProcess, "change", process.pk))
    assert person.name in process_page.content.decode()


# --- Read audit --------------------------------------------------------------------------


def test_read_audit_is_read_only_and_scoped(admin_client_, organizer, process, foreign):
    mine = ReadEvent.objects.create(
        user=organizer,
        username="organizer",
        kind="history",
        process=process,
        object_type="mediation.dialogueprocess",
        object_id=process.pk,
    )
    theirs = ReadEvent.objects.create(
        user=foreign["organizer"],
        username="other-organizer",
        kind="export",
        process=foreign["process"],
        object_type="mediation.dialogueprocess",
        object_id=foreign["process"].pk,
    )
    page = admin_client_.get(_url(ReadEvent, "changelist"))
    assert page.status_code == 200
    assert {e.pk for e in page.context["cl"].result_list} == {mine.pk}
    assert admin_client_.get(_url(ReadEvent, "add")).status_code == 403
    assert admin_client_.get(_url(ReadEvent, "delete", mine.pk)).status_code == 403
    assert admin_client_.get(_url(ReadEvent, "change", theirs.pk)).status_code == 302
    change = admin_client_.post(_url(ReadEvent, "change", mine.pk), {"username": "x"})
    assert change.status_code == 403
    mine.refresh_from_db()
    assert mine.username == "organizer"


def test_read_audit_filters_by_kind_and_searches_by_username(admin_client_, organizer, process):
    for kind, name in [("history", "alice"), ("export", "bob")]:
        ReadEvent.objects.create(
            user=organizer,
            username=name,
            kind=kind,
            process=process,
            object_type="mediation.dialogueprocess",
            object_id=process.pk,
        )
    by_kind = admin_client_.get(_url(ReadEvent, "changelist") + "?kind__exact=export")
    assert [e.username for e in by_kind.context["cl"].result_list] == ["bob"]
    by_name = admin_client_.get(_url(ReadEvent, "changelist") + "?q=alice")
    assert [e.username for e in by_name.context["cl"].result_list] == ["alice"]


def test_consents_filter_by_in_force_or_withdrawn(admin_client_, process):
    in_force = ConsentFactory(process=process)
    withdrawn = ConsentFactory(process=process, withdrawn_at=timezone.now() + timedelta(hours=1))
    for value, expected in [("yes", in_force), ("no", withdrawn)]:
        page = admin_client_.get(_url(Consent, "changelist") + f"?in_force={value}")
        assert [c.pk for c in page.context["cl"].result_list] == [expected.pk]
