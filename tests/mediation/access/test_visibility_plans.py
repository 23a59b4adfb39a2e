"""The visibility scopes use indexes: PostgreSQL's plan for a participant's agenda reads
sessions by key, never by a sequential scan of every session.

Only PostgreSQL has the planner this guards against (SQLite's differs): skipped elsewhere.
Run it with DATABASE_URL=postgres://... on a database large enough for the planner to
prefer an index (the test makes a few hundred sessions and analyzes the tables).
"""

import pytest
from django.db import connection

from mediation import access
from tests.factories import DialogueSessionFactory, InvitationFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="checks PostgreSQL's query plans"
)


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_a_participants_agenda_does_not_scan_every_session(session, participant, process):
    for _ in range(400):
        DialogueSessionFactory(process=process)
    for other in DialogueSessionFactory.create_batch(5, process=process):
        InvitationFactory(session=other, participant=participant.participant)
    plan = _plan(access.sessions_visible_to(participant).order_by("starts_at"))
    assert "Seq Scan on mediation_dialoguesession " not in plan + " ", plan
