"""Reads of the transfer log: the official contacts, the briefings, and what came back from
them per topic (offered when the next session is planned)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from mediation import access
from mediation.models import Briefing, OfficialContact, OutcomeDocument, Topic

FEEDBACK_SHOWN = 5  # per topic


def contacts_of(can: access.OutcomeAccess) -> QuerySet[OfficialContact]:
    return can.process.official_contacts.order_by("institution", "created_at")


def briefings_of(can: access.OutcomeAccess) -> QuerySet[Briefing]:
    """The log, newest first, with whom, which documents and topics (four queries a page)."""
    return can.process.briefings.order_by("-briefed_on", "-created_at").prefetch_related(
        Prefetch("contacts", queryset=OfficialContact.objects.order_by("institution")),
        Prefetch("documents", queryset=OutcomeDocument.objects.order_by("title")),
        Prefetch("topics", queryset=Topic.objects.order_by("title")),
    )


@dataclass(frozen=True)
class TopicFeedback:
    topic: Topic
    briefings: list[Briefing]

    def as_notes(self) -> str:
        """Lines for an agenda item's notes: the date, the reception and what came back."""
        return "\n".join(
            f"- {b.feedback_on or b.briefed_on:%Y-%m-%d} · {b.get_reception_display()}: "
            f"{' '.join(b.feedback.split())}"
            for b in self.briefings
        )


def feedback_by_topic(process) -> list[TopicFeedback]:
    """Per topic of the process, the briefings on it that brought something back, newest
    first (two queries). For those who read the transfer log: the caller checked."""
    briefings = (
        Briefing.objects.filter(process=process)
        .exclude(feedback="")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("title")))
        .order_by("-briefed_on", "-created_at")
    )
    by_topic: dict = {}
    for briefing in briefings:
        for topic in briefing.topics.all():
            by_topic.setdefault(topic.pk, (topic, []))[1].append(briefing)
    return [
        TopicFeedback(topic=topic, briefings=found[:FEEDBACK_SHOWN])
        for topic, found in sorted(by_topic.values(), key=lambda pair: pair[0].title)
    ]
