"""Finding people by part of a name uses the trigram indexes (migration 0021): on
PostgreSQL, the facilitator's invitation search for a name nobody has reads the index,
not every person (EXPLAIN ANALYZE: no sequential scan of people runs).

Only PostgreSQL has pg_trgm and this planner: skipped elsewhere. Run it with
DATABASE_URL=postgres://... . The test puts 20,000 people on the process's roster and
analyzes the tables, so reading them all costs more than the index, as in production.
Before 0021 the same query's plan was a sequential scan of mediation_participant.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mediation import access
from mediation.models import Participant, ProcessMember
from mediation.sessions.planning import invitation_candidates

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="checks PostgreSQL's query plans"
)


def _plans_of_searches(queries) -> list[str]:
    plans = []
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        for query in queries:
            if "mediation_participant" in query["sql"] and "LIKE" in query["sql"]:
                cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {query['sql']}")
                plans.append("\n".join(row[0] for row in cursor.fetchall()))
    return plans


def test_a_search_nobody_matches_reads_the_trigram_indexes(organizer, session, process):
    people = Participant.objects.bulk_create(
        [
            Participant(name=f"Person {n}", affiliation="Institute", email=f"p{n}@example.org")
            for n in range(20_000)
        ],
        batch_size=5000,
    )
    ProcessMember.objects.bulk_create(
        [ProcessMember(process=process, participant=person) for person in people],
        batch_size=5000,
    )
    can = access.open_session(organizer, session.pk)
    with CaptureQueriesContext(connection) as queries:
        assert invitation_candidates(organizer, can, "zzzzqq") == []
    plans = _plans_of_searches(queries.captured_queries)
    assert plans
    for plan in plans:
        assert "Bitmap Index Scan on participant_text_trgm" in plan, plan
        # The access rules' subqueries (whom the organizer may see) read people too, but
        # only for the people the index found: here, none, so they never run.
        scans = [line for line in plan.splitlines() if "Seq Scan on mediation_participant" in line]
        assert all("never executed" in line for line in scans), plan
