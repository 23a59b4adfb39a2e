"""SQLite starts a viewer's session lists from the viewer's own rows, not from every
session that is not archived.

SQLite plans without statistics (nothing runs ANALYZE on a deployed file), so its plans do
not depend on the data: a plan read on a few rows is the plan at 20,000 sessions. With an
index of every row's `archived_at`, it read each facilitator's home through that index,
every unarchived session, and only then kept the facilitator's (45 ms of SQL at the
bench's large size against 7 now). The archive index holds archived rows only
(`mediation.models.base.archived_index`).
"""

import pytest
from django.db import connection

from mediation.sessions import selectors
from tests.factories import (
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    UserFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="checks SQLite's query plans"),
]


def plan(queryset) -> list[str]:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [row[-1] for row in cursor.fetchall()]


def reads_sessions_by_key_only(steps: list[str]) -> bool:
    """Every step that reads the sessions table looks rows up by their key."""
    return all(
        "(id=?)" in step
        for step in steps
        if step.split(" USING ")[0]
        in ("SEARCH mediation_dialoguesession", "SCAN mediation_dialoguesession")
    )


@pytest.fixture
def facilitator():
    user = UserFactory()
    for _ in range(3):
        DialogueSessionFactory(facilitators=[user])
    DialogueSessionFactory.create_batch(3)
    return user


def test_a_facilitators_upcoming_and_past_lists_start_from_their_sessions(facilitator):
    sessions = selectors.session_list_for(facilitator)

    for queryset in (sessions.upcoming()[:20], sessions.past()[:20]):
        steps = plan(queryset)
        assert reads_sessions_by_key_only(steps), steps


def test_a_participants_list_starts_from_their_invitations():
    participant = ParticipantFactory(user=UserFactory())
    InvitationFactory(participant=participant)
    DialogueSessionFactory.create_batch(3)

    steps = plan(selectors.session_list_for(participant.user).upcoming()[:20])

    assert reads_sessions_by_key_only(steps), steps
