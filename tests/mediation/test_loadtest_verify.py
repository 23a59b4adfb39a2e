"""loadtest_verify: after a load test, which acknowledged writes are kept, lost or half-written."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from mediation.models import Invitation, SessionRecord
from tests.factories import SessionRecordFactory

pytestmark = pytest.mark.django_db
KEPT, LOST, CUT_OFF = "LT-kept", "LT-lost", "LT-cut-off"


def verify(tmp_path, records=(), admin=(), answers=()) -> dict:
    acks = tmp_path / "acks.json"
    acks.write_text(
        json.dumps({"records": list(records), "admin": list(admin), "answers": list(answers)})
    )
    out = io.StringIO()
    call_command("loadtest_verify", str(acks), stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def invitation(session, participant):
    return session.invitations.get(participant__user=participant)


def answered(invitation, marker: str, response: str = "accepted") -> None:
    invitation.response, invitation.note = response, f"Answer {marker}"
    invitation.save()


def answer_entry(invitation, acked, last, cut_off=()) -> dict:
    return {
        "username": invitation.participant.user.username,
        "session": str(invitation.session_id),
        "acked": list(acked),
        "last": last and {"marker": last, "response": "accepted"},
        "unconfirmed_after_last": list(cut_off),
    }


def test_a_saved_record_is_kept_and_an_unsaved_one_is_lost(tmp_path, session):
    SessionRecordFactory(session=session, summary=f"Summary {KEPT}")

    verdict = verify(tmp_path, records=[[str(session.pk), KEPT], [str(session.pk), LOST]])

    assert verdict["missing"] == [f"record of {session.pk}: {LOST}"]
    assert verdict["inconsistent"] == []


def test_a_record_save_overwritten_by_a_later_one_is_still_kept(tmp_path, session):
    record = SessionRecordFactory(session=session, internal_notes=f"Notes {KEPT}")
    record.internal_notes, record.version = "Notes LT-later", 2
    record.save()

    verdict = verify(tmp_path, records=[[str(session.pk), KEPT]])

    assert verdict["missing"] == []
    assert verdict["inconsistent"] == []


def test_an_admin_note_in_the_history_is_kept_and_one_missing_is_lost(tmp_path, invitation):
    invitation.note = f"Admin {KEPT}"
    invitation.save()

    verdict = verify(tmp_path, admin=[[str(invitation.pk), KEPT], [str(invitation.pk), LOST]])

    assert verdict["missing"] == [f"admin note on invitation {invitation.pk}: {LOST}"]


def test_the_last_acknowledged_answer_stored_is_kept(tmp_path, invitation):
    answered(invitation, "LT-first")
    answered(invitation, KEPT)

    verdict = verify(tmp_path, answers=[answer_entry(invitation, ["LT-first", KEPT], KEPT)])

    assert verdict["missing"] == []


def test_an_acknowledged_answer_never_stored_is_lost(tmp_path, invitation):
    answered(invitation, KEPT)

    verdict = verify(tmp_path, answers=[answer_entry(invitation, [KEPT, LOST], LOST)])

    assert verdict["missing"][0] == f"answer {LOST} of participant not in the history"
    assert verdict["missing"][1].startswith(
        f"last answer of participant to {invitation.session_id}"
    )
    assert len(verdict["missing"]) == 2


def test_a_later_answer_cut_off_may_replace_the_last_acknowledged_one(tmp_path, invitation):
    answered(invitation, KEPT)
    answered(invitation, CUT_OFF, response="declined")

    verdict = verify(tmp_path, answers=[answer_entry(invitation, [KEPT], KEPT, [CUT_OFF])])

    assert verdict["missing"] == []


def test_an_answer_to_an_invitation_that_is_gone_is_lost(tmp_path, invitation):
    entry = answer_entry(invitation, [KEPT], KEPT)
    invitation.delete()

    verdict = verify(tmp_path, answers=[entry])

    assert verdict["missing"] == [f"invitation of participant to {invitation.session_id}"]


def test_a_record_changed_without_its_history_is_half_written(tmp_path, session):
    record = SessionRecordFactory(session=session)
    SessionRecord.objects.filter(pk=record.pk).update(version=2, summary="No history row")

    verdict = verify(tmp_path)

    assert verdict["inconsistent"] == [
        f"record {record.pk}: version 2, 1 history rows",
        f"record {record.pk}: newest history row differs from the row",
    ]


def test_an_invitation_changed_without_its_history_is_half_written(tmp_path, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(note="No history row")

    verdict = verify(tmp_path)

    assert verdict["inconsistent"] == [f"invitation {invitation.pk}: newest history row differs"]


def test_an_untouched_database_passes_and_is_counted(tmp_path, session):
    SessionRecordFactory(session=session)

    verdict = verify(tmp_path)

    assert verdict == {
        "missing": [],
        "inconsistent": [],
        "integrity": "ok" if connection.vendor == "sqlite" else "n/a",
        "records": 1,
        "invitations": 1,
    }


def test_it_refuses_an_unreadable_file(tmp_path, db):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("loadtest_verify", str(tmp_path / "absent.json"), stdout=io.StringIO())
