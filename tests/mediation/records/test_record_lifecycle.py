"""The session record's lifecycle: shared, locked, reopened by an organizer; a locked
record and a session with no written record offer no editor."""

import pytest
from django.urls import reverse

from mediation.models import DialogueSession, SessionRecord
from mediation.records import services as record_services
from tests.factories import InvitationFactory, SessionRecordFactory
from tests.mediation.records.record_helpers import HTMX, edit_url, record_post

# --- No written record, locked ----------------------------------------------------------


@pytest.fixture
def no_record_session(session):
    session.confidentiality = DialogueSession.Confidentiality.NO_RECORD
    session.save()
    return session


def test_no_written_record_offers_no_editor_and_stores_nothing(
    no_record_session, facilitator_client
):
    page = facilitator_client.get(edit_url(no_record_session)).content.decode()
    assert "no written record" in page
    assert 'name="internal_notes"' not in page
    response = facilitator_client.post(edit_url(no_record_session), record_post(), follow=True)
    assert "no written record" in response.content.decode()
    assert not SessionRecord.objects.filter(session=no_record_session).exists()
    with pytest.raises(record_services.RecordRefused):
        record_services.session_record_save(
            session=no_record_session,
            user=no_record_session.facilitators.first(),
            version=1,
            internal_notes="x",
            summary="",
            outcomes="",
        )
    assert not SessionRecord.objects.exists()


def test_no_written_record_says_so_on_the_session_page(no_record_session, facilitator_client):
    content = facilitator_client.get(no_record_session.get_absolute_url()).content.decode()
    assert "no written record" in content
    assert reverse("session_record_edit", args=[no_record_session.pk]) not in content


def test_a_locked_record_cannot_be_edited(session, facilitator_client):
    record = SessionRecordFactory(session=session, state="locked", internal_notes="Final")
    page = facilitator_client.get(edit_url(session)).content.decode()
    assert "locked" in page
    assert 'name="internal_notes"' not in page
    response = facilitator_client.post(
        edit_url(session), record_post(version=record.version, internal_notes="Sneaky")
    )
    assert response.status_code == 200
    assert "locked" in response.content.decode()
    assert "Sneaky" in response.content.decode()  # the typed text is not lost
    record.refresh_from_db()
    assert record.internal_notes == "Final"


# --- Lifecycle ------------------------------------------------------------------------


def share_url(session):
    return reverse("session_record_share", args=[session.pk])


def test_share_then_lock_then_reopen_by_an_organizer(
    session, facilitator_client, organizer, organizer_client
):
    record = SessionRecordFactory(session=session, summary="Options were explored.")
    response = facilitator_client.post(share_url(session), {"version": record.version})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.state == SessionRecord.State.SHARED
    assert record.shared_at is not None

    lock = reverse("session_record_lock", args=[session.pk])
    assert facilitator_client.post(lock).status_code == 302
    record.refresh_from_db()
    assert record.state == SessionRecord.State.LOCKED

    reopen = reverse("session_record_reopen", args=[session.pk])
    assert facilitator_client.post(reopen).status_code == 403
    assert organizer_client.post(reopen).status_code == 302
    record.refresh_from_db()
    assert record.state == SessionRecord.State.DRAFT
    latest = record.history.first()
    assert latest.history_change_reason == "Reopened by organizer"
    assert latest.history_user == organizer


def test_a_draft_cannot_be_locked(session, facilitator_client):
    record = SessionRecordFactory(session=session)
    response = facilitator_client.post(
        reverse("session_record_lock", args=[session.pk]), follow=True
    )
    assert "Only a record shared with participants can be locked" in response.content.decode()
    record.refresh_from_db()
    assert record.state == SessionRecord.State.DRAFT


def test_lifecycle_htmx_posts_return_the_record_section(session, facilitator_client):
    SessionRecordFactory(session=session, state="shared")
    response = facilitator_client.post(reverse("session_record_lock", args=[session.pk]), **HTMX)
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert 'id="record"' in content
    assert "Locked" in content


def test_the_share_page_and_its_fragment(session, facilitator_client):
    SessionRecordFactory(session=session)
    page = facilitator_client.get(share_url(session))
    assert "<html" in page.content.decode()
    fragment = facilitator_client.get(share_url(session), **HTMX).content.decode()
    assert "<html" not in fragment
    assert 'id="record"' in fragment


def test_share_with_a_stale_version_is_refused(session, facilitator_client):
    record = SessionRecordFactory(session=session, version=3)
    response = facilitator_client.post(share_url(session), {"version": 2})
    assert response.status_code == 200
    assert "changed since" in response.content.decode()
    record.refresh_from_db()
    assert record.state == SessionRecord.State.DRAFT


def test_locking_asks_first_and_says_who_can_reopen(session, facilitator_client):
    record = SessionRecordFactory(session=session, summary="All fine.", state="shared")
    page = facilitator_client.get(session.get_absolute_url()).content.decode()
    confirm_url = reverse("session_record_lock", args=[session.pk])
    assert f'href="{confirm_url}"' in page
    assert f'action="{confirm_url}"' not in page  # no one-click lock on the session page
    confirm = facilitator_client.get(confirm_url).content.decode()
    assert "Only an organizer of the process can reopen it" in confirm
    assert SessionRecord.objects.get(pk=record.pk).state == "shared"
    fragment = facilitator_client.get(confirm_url, HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in fragment and 'id="record"' in fragment
    facilitator_client.post(confirm_url)
    assert SessionRecord.objects.get(pk=record.pk).state == "locked"


def test_sharing_says_who_will_read_the_summary(session, facilitator_client):
    InvitationFactory(session=session, response="declined")
    SessionRecordFactory(session=session, summary="All fine.")
    page = facilitator_client.get(reverse("session_record_share", args=[session.pk]))
    count = session.invitations.count()
    assert f"to the {count} people invited to the session, whatever their answer" in (
        page.content.decode()
    )
