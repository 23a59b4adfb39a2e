"""With TASKS_BACKEND=database an email leaves the request: queuing it stores a task, and
the worker (`manage.py db_worker`, `make worker`) sends it."""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from config import deployment
from mediation.models import Consent, Invitation
from mediation.notifications import enqueue as notify_enqueue
from tests.factories import (
    ConsentFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
)

BASE = "https://dialogues.example.org/"

# The worker commits its own transactions and closes stale connections, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_tasks():
    with override_settings(TASKS=deployment.tasks("database")):
        yield


@pytest.fixture
def invitation():
    session = DialogueSessionFactory()
    person = ParticipantFactory(name="Eleanor Whitfield", email="eleanor@example.org")
    ConsentFactory(participant=person, process=session.process, kind=Consent.Kind.CONTACTED)
    return InvitationFactory(session=session, participant=person)


def test_an_invitation_waits_in_the_database_until_the_worker_sends_it(
    database_tasks, invitation, mailoutbox
):
    queued, skipped = notify_enqueue.session_invitations_send(
        session=invitation.session, base_url=BASE
    )

    assert (queued, skipped) == (1, 0)
    assert mailoutbox == []
    [stored] = DBTaskResult.objects.all()
    assert stored.task_path == "mediation.notifications.tasks.send_invitation_email"
    assert stored.args_kwargs["args"] == [str(invitation.pk), BASE]

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")

    assert [m.to for m in mailoutbox] == [["eleanor@example.org"]]
    invitation.refresh_from_db()
    assert invitation.invited_at is not None
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_a_second_click_before_the_worker_runs_still_sends_one_email(
    database_tasks, invitation, mailoutbox
):
    for _ in range(2):
        notify_enqueue.session_invitations_send(session=invitation.session, base_url=BASE)

    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0")

    assert len(mailoutbox) == 1
    assert Invitation.objects.get(pk=invitation.pk).invited_at is not None


def test_the_immediate_backend_stays_the_default_and_stores_nothing(invitation, mailoutbox):
    notify_enqueue.session_invitations_send(session=invitation.session, base_url=BASE)

    assert len(mailoutbox) == 1
    assert not DBTaskResult.objects.exists()
