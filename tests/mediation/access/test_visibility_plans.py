"""The visibility scopes use indexes: PostgreSQL's plan for a participant's agenda reads
sessions by key, never by a sequential scan of every session.

Only PostgreSQL has the planner this guards against (SQLite's differs): skipped elsewhere.
Run it with DATABASE_URL=postgres://... on a database large enough for the planner to
prefer an index (the test makes 20,000 sessions and analyzes the tables).

Measured on PostgreSQL 15 with this test's data, the plan has no such scan with the former
"editable OR invited" predicate either: the sequential scan the issue measured appeared at
the large size (300,000 invitations), which this test does not build. It guards the shape
of the plan, not yet the regression itself.
"""

import pytest
from django.db import connection

from mediation import access
from mediation.models import DialogueSession
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
    # Enough sessions that reading them all costs more than an index: as in production.
    template = DialogueSessionFactory.build(process=process)
    DialogueSession.objects.bulk_create(
        [
            DialogueSession(
                process=process,
                title=f"Session {n}",
                starts_at=template.starts_at,
                ends_at=template.ends_at,
            )
            for n in range(20_000)
        ],
        batch_size=5000,
    )
    for other in DialogueSessionFactory.create_batch(5, process=process):
        InvitationFactory(session=other, participant=participant.participant)
    plan = _plan(access.sessions_visible_to(participant).order_by("starts_at"))
    assert "Seq Scan on mediation_dialoguesession " not in plan + " ", plan
