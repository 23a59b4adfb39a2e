"""loadtest_prepare: the accounts and sessions scripts/loadtest.py signs in with and writes to."""

import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from mediation.models import DialogueSession, Invitation
from tests.factories import DialogueProcessFactory, DialogueSessionFactory

pytestmark = pytest.mark.django_db
PASSWORD = "load-test-password"


def prepare(facilitators=2, participants=3) -> dict:
    out = io.StringIO()
    call_command(
        "loadtest_prepare",
        facilitators=facilitators,
        participants=participants,
        password=PASSWORD,
        interactive=False,
        stdout=out,
    )
    return json.loads(out.getvalue())


@pytest.fixture
def sessions(session, process):
    """`session` (upcoming, recordable) and, in the same process, one of each other kind."""
    now = timezone.now()
    past = DialogueSessionFactory(
        process=process, starts_at=now - timedelta(days=7), title="Past session"
    )
    later = DialogueSessionFactory(
        process=process, starts_at=now + timedelta(days=30), title="Later session"
    )
    unrecorded = DialogueSessionFactory(
        process=process, confidentiality=DialogueSession.Confidentiality.NO_RECORD
    )
    archived = DialogueSessionFactory(process=process, archived_at=now)
    shelved = DialogueSessionFactory(process=DialogueProcessFactory(archived_at=now))
    return {
        "recordable": {str(s.pk) for s in (session, past, later)},
        "upcoming": {str(s.pk) for s in (session, later)},
        "never": {str(s.pk) for s in (unrecorded, archived, shelved)},
    }


def test_it_prints_a_plan_for_each_load_user_and_the_organizer(organizer, sessions):
    plan = prepare(facilitators=2, participants=3)

    assert [f["username"] for f in plan["facilitators"]] == [
        "load-facilitator-0",
        "load-facilitator-1",
    ]
    assert [p["username"] for p in plan["participants"]] == [
        "load-participant-0",
        "load-participant-1",
        "load-participant-2",
    ]
    assert plan["organizer"]["username"] == "organizer"
    assert plan["organizer"]["sessions"]
    assert set(plan["organizer"]["sessions"]) <= sessions["recordable"]


def test_facilitators_share_recordable_sessions_so_their_saves_collide(organizer, sessions):
    plan = prepare(facilitators=3, participants=1)

    for entry in plan["facilitators"]:
        assert len(entry["sessions"]) == 2
        assert set(entry["sessions"]) <= sessions["recordable"]
        user = User.objects.get(username=entry["username"])
        assert {str(pk) for pk in user.facilitated_sessions.values_list("pk", flat=True)} == set(
            entry["sessions"]
        )
    first, second = (set(f["sessions"]) for f in plan["facilitators"][:2])
    assert first & second


def test_participants_are_invited_to_upcoming_recordable_sessions(organizer, sessions):
    plan = prepare(facilitators=1, participants=3)

    for entry in plan["participants"]:
        assert len(entry["sessions"]) == 2
        assert set(entry["sessions"]) <= sessions["upcoming"]
        invited = Invitation.objects.filter(participant__user__username=entry["username"])
        assert {str(pk) for pk in invited.values_list("session_id", flat=True)} == set(
            entry["sessions"]
        )


def test_every_load_user_and_the_organizer_sign_in_with_the_password_alone(organizer, sessions):
    TOTPDevice.objects.create(user=organizer, name="Phone", confirmed=True)

    plan = prepare(facilitators=1, participants=1)

    usernames = [
        plan["organizer"]["username"],
        *(entry["username"] for entry in plan["facilitators"] + plan["participants"]),
    ]
    for username in usernames:
        assert User.objects.get(username=username).check_password(PASSWORD)
    assert not TOTPDevice.objects.filter(user=organizer).exists()


def test_the_organizer_edits_only_invitations_no_load_participant_answers(
    organizer, sessions, participant
):
    plan = prepare(facilitators=1, participants=2)

    invitations = Invitation.objects.filter(pk__in=plan["organizer"]["invitations"])
    assert invitations.count() == len(plan["organizer"]["invitations"]) >= 1
    assert not invitations.filter(participant__user__username__startswith="load-").exists()


def test_it_refuses_without_a_demo_to_work_on(organizer):
    with pytest.raises(CommandError, match="seed_demo"):
        prepare()
    assert not User.objects.filter(username__startswith="load-").exists()


def test_it_changes_nothing_unless_confirmed(organizer, sessions, monkeypatch):
    TOTPDevice.objects.create(user=organizer, name="Phone", confirmed=True)
    monkeypatch.setattr("builtins.input", lambda: "no")

    with pytest.raises(CommandError, match="Cancelled"):
        call_command(
            "loadtest_prepare",
            facilitators=1,
            participants=1,
            password=PASSWORD,
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )

    assert not User.objects.filter(username__startswith="load-").exists()
    assert TOTPDevice.objects.filter(user=organizer).exists()
    assert not User.objects.get(username="organizer").check_password(PASSWORD)
