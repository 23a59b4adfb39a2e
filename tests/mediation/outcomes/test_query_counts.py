"""The outcome pages cost the same number of queries whatever the number of rows."""

from django.urls import reverse

from mediation.models import OutcomeDocument
from tests.factories import SideFactory, TopicFactory

from .factories import (
    BriefingFactory,
    OfficialContactFactory,
    OutcomeClearanceFactory,
    OutcomeDocumentFactory,
)


def _grow(process, session, n):
    sides = [SideFactory(process=process) for _ in range(n)]
    for _ in range(n):
        document = OutcomeDocumentFactory(
            process=process, state=OutcomeDocument.State.RELEASED, to_sessions=[session]
        )
        document.cited_sessions.add(session)
        document.cited_topics.add(TopicFactory(process=process))
        for side in sides:
            OutcomeClearanceFactory(document=document, side=side)
        contact = OfficialContactFactory(process=process)
        BriefingFactory(
            process=process,
            contacts=[contact],
            topics=[TopicFactory(process=process)],
        ).documents.add(document)
    return document


def _counts(client, count_queries, process, session, n):
    document = _grow(process, session, n)
    urls = [
        reverse("outcome_list", args=[process.pk]),
        reverse("outcome_detail", args=[document.pk]),
        reverse("outcome_versions", args=[document.pk]),
        reverse("transfer_log", args=[process.pk]),
        reverse("session_plan_next", args=[session.pk]),
    ]
    return [count_queries(lambda url=url: client.get(url)) for url in urls]


def test_the_team_pages_do_not_grow_with_rows(process, session, organizer_client, count_queries):
    small = _counts(organizer_client, count_queries, process, session, 1)
    large = _counts(organizer_client, count_queries, process, session, 4)
    assert small == large


def test_the_participant_list_does_not_grow_with_rows(
    process, session, participant_client, count_queries
):
    small = _counts(participant_client, count_queries, process, session, 1)[:2]
    large = _counts(participant_client, count_queries, process, session, 4)[:2]
    assert small == large
