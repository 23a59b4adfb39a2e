"""`manage.py send_reminders`: reminders before a session and for actions due, sent once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from mediation.models import Consent, Invitation
from tests.factories import ActionItemFactory, ConsentFactory, DialogueSessionFactory


def _run() -> str:
    out = StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


@pytest.fixture
def contactable(session, participant):
    ConsentFactory(
        participant=participant.participant, process=session.process, kind=Consent.Kind.CONTACTED
    )
    return participant.participant


@pytest.fixture
def soon(session):
    session.starts_at = timezone.now() + timedelta(hours=20)
    session.ends_at = session.starts_at + timedelta(hours=3)
    session.title = "Secret working title"
    session.save()
    return session


def _answer(session, person, response):
    Invitation.objects.filter(session=session, participant=person).update(response=response)


@pytest.mark.parametrize("response", ["accepted", "tentative"])
def test_those_who_come_are_reminded_once_before_the_session(
    soon, contactable, mailoutbox, response
):
    _answer(soon, contactable, response)
    assert "Queued 1 session reminder" in _run()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.subject == "Reminder: a dialogue meeting"
    assert "Secret working title" not in message.body
    assert "Amina" not in message.body
    assert Invitation.objects.get(session=soon, participant=contactable).reminded_at
    _run()
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("response", ["invited", "declined"])
def test_no_reminder_for_those_who_did_not_accept(soon, contactable, mailoutbox, response):
    _answer(soon, contactable, response)
    _run()
    assert mailoutbox == []


def test_no_reminder_for_a_session_further_away_than_reminder_hours(
    session, contactable, mailoutbox, settings
):
    settings.REMINDER_HOURS = 48
    session.starts_at = timezone.now() + timedelta(hours=60)
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save()
    _answer(session, contactable, "accepted")
    _run()
    assert mailoutbox == []
    settings.REMINDER_HOURS = 72
    _run()
    assert len(mailoutbox) == 1


def test_no_reminder_without_consent_or_after_it_was_withdrawn(soon, participant, mailoutbox):
    person = participant.participant
    _answer(soon, person, "accepted")
    _run()
    assert mailoutbox == []
    consent = ConsentFactory(
        participant=person,
        process=soon.process,
        kind=Consent.Kind.CONTACTED,
        given_at=timezone.now() - timedelta(days=2),
    )
    consent.withdrawn_at = timezone.now()
    consent.save()
    _run()
    assert mailoutbox == []


def test_no_reminder_for_cancelled_or_archived_sessions(soon, contactable, mailoutbox):
    _answer(soon, contactable, "accepted")
    soon.status = "cancelled"
    soon.save()
    _run()
    soon.status = "planned"
    soon.archived_at = timezone.now()
    soon.save()
    _run()
    assert mailoutbox == []


def test_actions_due_soon_or_overdue_are_reminded_once(session, contactable, mailoutbox):
    today = timezone.localdate()
    due_soon = ActionItemFactory(session=session, owner=contactable, due_date=today + timedelta(2))
    overdue = ActionItemFactory(session=session, owner=contactable, due_date=today - timedelta(5))
    later = ActionItemFactory(session=session, owner=contactable, due_date=today + timedelta(10))
    done = ActionItemFactory(session=session, owner=contactable, due_date=today, status="done")
    assert "2 action reminder" in _run()
    assert len(mailoutbox) == 2
    assert {m.subject for m in mailoutbox} == {"Reminder: a follow-up action"}
    for action in (due_soon, overdue, later, done):
        action.refresh_from_db()
    assert due_soon.reminded_at and overdue.reminded_at
    assert later.reminded_at is None and done.reminded_at is None
    assert any("was due on" in m.body for m in mailoutbox)
    assert all(due_soon.description not in m.body for m in mailoutbox)
    _run()
    assert len(mailoutbox) == 2


def test_an_on_the_record_process_may_name_the_action(session, contactable, mailoutbox):
    session.process.on_record = True
    session.process.save()
    action = ActionItemFactory(session=session, owner=contactable, due_date=timezone.localdate())
    _run()
    assert action.description in mailoutbox[0].body


def test_sessions_of_a_process_where_consent_is_missing_are_left_alone(
    contactable, participant, mailoutbox
):
    elsewhere = DialogueSessionFactory(starts_at=timezone.now() + timedelta(hours=5))
    Invitation.objects.create(session=elsewhere, participant=contactable, response="accepted")
    _run()
    assert mailoutbox == []
