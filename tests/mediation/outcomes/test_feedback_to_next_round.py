"""What came back from officials on a topic is offered when the next session is planned:
on the page, and in the draft agenda's notes beside the topic."""

import datetime
import uuid

from django.urls import reverse
from django.utils import timezone

from mediation.models import Briefing, DialogueSession, Topic
from tests.factories import TopicFactory

from .factories import BriefingFactory


def _plan(client, session):
    return client.post(
        reverse("session_plan_next", args=[session.pk]),
        {
            "title": "Round 2",
            "starts_at": f"{timezone.now().year + 1}-03-10T10:00",
            "submission": str(uuid.uuid4()),
        },
    )


def test_feedback_on_a_topic_is_offered_on_the_planning_page(session, facilitator_client):
    hotline = TopicFactory(process=session.process, title="Incident hotline")
    BriefingFactory(
        process=session.process,
        topics=[hotline],
        reception=Briefing.Reception.UNDER_CONSIDERATION,
        feedback="The ministry asks how the hotline would work at night.",
        feedback_on=datetime.date(2026, 4, 1),
    )
    page = facilitator_client.get(reverse("session_plan_next", args=[session.pk])).content.decode()
    assert "What came back from officials" in page
    assert "The ministry asks how the hotline would work at night." in page
    assert "Under consideration" in page


def test_feedback_goes_into_the_draft_agenda_beside_its_topic(session, facilitator_client):
    process = session.process
    hotline = TopicFactory(process=process, title="Incident hotline", status=Topic.Status.EXPLORED)
    settled = TopicFactory(process=process, title="Fishing zones", status=Topic.Status.AGREEMENT)
    TopicFactory(process=process, title="Quiet agreement", status=Topic.Status.AGREEMENT)
    BriefingFactory(
        process=process,
        topics=[hotline],
        reception=Briefing.Reception.ACKNOWLEDGED,
        feedback="Night shifts need a second line.",
        feedback_on=datetime.date(2026, 4, 1),
    )
    BriefingFactory(
        process=process,
        topics=[settled],
        reception=Briefing.Reception.REJECTED,
        feedback="The ministry will not sign the zones as drawn.",
        feedback_on=datetime.date(2026, 4, 2),
    )
    BriefingFactory(process=process, topics=[hotline], feedback="")  # nothing came back
    assert _plan(facilitator_client, session).status_code == 302
    planned = DialogueSession.objects.exclude(pk=session.pk).get(process=process)
    items = {item.title: item for item in planned.agenda_items.all()}
    assert "2026-04-01 · Acknowledged: Night shifts need a second line." in (
        items["Incident hotline"].notes
    )
    # A topic at agreement comes back when officials answered on it, and only then.
    assert "will not sign the zones" in items["Fishing zones"].notes
    assert "Quiet agreement" not in items


def test_feedback_of_another_process_stays_out(session, facilitator_client, foreign_process):
    topic = TopicFactory(process=foreign_process, title="Elsewhere")
    BriefingFactory(process=foreign_process, topics=[topic], feedback="Not ours.")
    page = facilitator_client.get(reverse("session_plan_next", args=[session.pk])).content.decode()
    assert "Not ours." not in page
