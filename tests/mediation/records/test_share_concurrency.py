"""While a long attribution check runs, other people's requests are served, writes too.

The check reads the summary before the share's write transaction opens (the transaction
then only re-checks the version). Here the check is held open on purpose, in a thread of
its own, while a participant loads a page and answers an invitation: both must finish
before the check is let go. Were the check inside the transaction, SQLite's write lock (or
the record's row lock on PostgreSQL) would be held all that time and the answer would wait.
"""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from mediation.models import Invitation, SessionRecord
from mediation.records import attribution
from tests.factories import InvitationFactory, ParticipantFactory, SessionRecordFactory

HELD_AT_MOST = 30  # seconds: only reached if the check is never let go (the test fails)


@pytest.fixture
def held_check(monkeypatch):
    """Each check, once started, waits for `release` (its thread says it started)."""
    started, release = threading.Event(), threading.Event()
    real = attribution.find_attributions

    def held(text, *args):
        started.set()
        release.wait(HELD_AT_MOST)
        return real(text, *args)

    monkeypatch.setattr(attribution, "find_attributions", held)
    return started, release


def test_another_users_request_is_served_while_a_long_check_runs(
    transactional_db, session, facilitator, participant, held_check
):
    started, release = held_check
    InvitationFactory(
        session=session,
        participant=ParticipantFactory(name="Min-jun Lee", affiliation="Harbour Institute"),
    )
    invitation = Invitation.objects.get(session=session, participant__user=participant)
    record = SessionRecordFactory(session=session, summary="Everyone agreed. " * 2_900)
    shared = {}

    def share():
        client = Client()
        client.force_login(facilitator)
        try:
            shared["response"] = client.post(
                reverse("session_record_share", args=[session.pk]), {"version": record.version}
            )
        finally:
            connection.close()

    sharer = threading.Thread(target=share)
    sharer.start()
    try:
        assert started.wait(HELD_AT_MOST), "the share never reached its check"
        other = Client()
        other.force_login(participant)
        assert other.get(reverse("home")).status_code == 200
        answered = other.post(
            reverse("session_answer", args=[session.pk]), {"response": "accepted"}
        )
        assert answered.status_code == 302
        invitation.refresh_from_db()
        assert invitation.response == Invitation.Response.ACCEPTED
        assert sharer.is_alive(), "the check was let go before the other user was served"
    finally:
        release.set()
        sharer.join(HELD_AT_MOST)
    assert shared["response"].status_code == 302
    assert SessionRecord.objects.get(pk=record.pk).state == SessionRecord.State.SHARED
