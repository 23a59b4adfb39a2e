"""What a briefing pack holds for one reader, in a fixed number of queries.

The pack is built on the session page's own reads (`sessions.selectors.session_page`), so
people are named exactly as that page names them to this reader: the team (facilitators
and organizers, who may see identities) reads real names and pseudonyms; a participant
reads those who consented to be listed, protected people by pseudonym, and everyone else
only counted. What the pack adds:

- the rule the session runs under, in plain words, with its glossary definition;
- each agenda topic's trajectory: the status it reached at each earlier round whose record
  the reader may read (a round they plan and record, or whose record was shared with them);
- the follow-up actions still open (the team: those of the process's sessions they record;
  a participant: their own);
- the previous round's shared summary, when the reader may open that round.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from glossary.links import Entry
from glossary.selectors import link_index
from mediation import access, confidentiality
from mediation.models import ActionItem, DialogueSession, ItemRecord, SessionRecord, Topic
from mediation.sessions.selectors import OPEN_STATUSES, SessionPage, session_page

Rule = DialogueSession.Confidentiality

# The rule in a sentence anyone in the room understands (the glossary says more).
RULE_IN_PLAIN_WORDS = {
    Rule.CHATHAM_HOUSE: _(
        "You may use what you hear, but never say who said it nor where they come from, "
        "and never name who was in the room."
    ),
    Rule.OFF_RECORD: _(
        "Nothing said here is to be repeated or used outside the room: it is for the "
        "people present only."
    ),
    Rule.ON_RECORD: _("What is said may be quoted and attributed to the person who said it."),
    Rule.NO_RECORD: _("No notes are kept of this meeting, and nobody writes down what was said."),
}

SHARED_STATES = [SessionRecord.State.SHARED, SessionRecord.State.LOCKED]


@dataclass(frozen=True)
class TrajectoryPoint:
    session: DialogueSession
    status: str
    status_label: str


@dataclass(frozen=True)
class Trajectory:
    topic: Topic
    points: list[TrajectoryPoint]


@dataclass(frozen=True)
class PreviousRound:
    session: DialogueSession
    # None: no summary the reader may read (not shared yet, no record, or not theirs).
    summary: str | None


@dataclass
class Briefing:
    page: SessionPage
    can: access.SessionAccess
    rule_words: str
    rule_entry: Entry | None
    trajectories: list[Trajectory]
    open_actions: list[ActionItem]
    previous: PreviousRound | None
    # Real names of protected people appear in this pack (the team's): a read to audit.
    shows_identities: bool = field(default=False)

    @property
    def session(self) -> DialogueSession:
        return self.page.session


def briefing_for(user, can: access.SessionAccess) -> Briefing:
    """The pack of `can.session` as `user` may read it."""
    page = session_page(user, can)
    session = can.session
    topics = {slot.item.topic_id: slot.item.topic for slot in page.schedule if slot.item.topic}
    return Briefing(
        page=page,
        can=can,
        rule_words=str(RULE_IN_PLAIN_WORDS[session.confidentiality]),
        rule_entry=link_index().entry(session.confidentiality),
        trajectories=_trajectories(user, session, topics),
        open_actions=_open_actions(user, can),
        previous=_previous_round(user, session),
        shows_identities=can.see_identities
        and any(i.participant.identity_protected for i in page.invitations),
    )


def _earlier_rounds(session: DialogueSession):
    """The process's rounds before this one that took place or may still (not cancelled)."""
    return (
        DialogueSession.objects.filter(
            process_id=session.process_id,
            starts_at__lt=session.starts_at,
            archived_at__isnull=True,
        )
        .exclude(pk=session.pk)
        .exclude(status=DialogueSession.Status.CANCELLED)
    )


def _readable_item_records(user, session: DialogueSession):
    """Item records of earlier rounds whose record the reader may read: rounds they plan
    and record, or rounds they may open whose record was shared (never under "no written
    record", where nothing is kept)."""
    earlier = _earlier_rounds(session).exclude(confidentiality=Rule.NO_RECORD)
    visible = access.sessions_visible_to(user).values("id")
    editable = access.sessions_editable_by(user).values("id")
    return ItemRecord.objects.filter(
        record__session__in=earlier.filter(id__in=visible).values("id")
    ).filter(Q(record__session__in=editable) | Q(record__state__in=SHARED_STATES))


def _trajectories(user, session: DialogueSession, topics: dict) -> list[Trajectory]:
    if not topics:
        return []
    rows = (
        _readable_item_records(user, session)
        .filter(agenda_item__topic_id__in=list(topics))
        .exclude(topic_status="")
        .select_related("record__session", "agenda_item")
        .order_by("record__session__starts_at", "agenda_item__position")
    )
    labels = dict(Topic.Status.choices)
    points: dict = {topic_id: [] for topic_id in topics}
    for row in rows:
        points[row.agenda_item.topic_id].append(
            TrajectoryPoint(
                session=row.record.session,
                status=row.topic_status,
                status_label=str(labels.get(row.topic_status, row.topic_status)),
            )
        )
    ordered = sorted(topics.values(), key=lambda topic: topic.title)
    return [Trajectory(topic=topic, points=points[topic.pk]) for topic in ordered]


def _open_actions(user, can: access.SessionAccess) -> list[ActionItem]:
    """The team: open actions of the process's sessions they record. A participant: their
    own open actions in this process."""
    actions = access.actions_visible_to(user) if can.edit else access.actions_owned_by(user)
    return list(
        actions.filter(session__process_id=can.session.process_id, status__in=OPEN_STATUSES)
        .select_related("owner", "session", "topic")
        .order_by("due_date", "created_at")
    )


def _previous_round(user, session: DialogueSession) -> PreviousRound | None:
    """The latest earlier round the reader may open, with its shared summary if there is
    one. A round they may not open (a participant not invited to it, a facilitator of
    this round only) is skipped: they learn nothing of it, not even that it took place."""
    previous = (
        _earlier_rounds(session)
        .filter(id__in=access.sessions_visible_to(user).values("id"))
        .select_related("process")
        .order_by("-starts_at")
        .first()
    )
    if previous is None:
        return None
    record = SessionRecord.objects.filter(session=previous).first()
    summary = None
    if (
        record is not None
        and record.summary
        and confidentiality.may_leave(
            confidentiality.Content.SUMMARY,
            session=previous,
            audience=confidentiality.Audience.PARTICIPANTS,
            record=record,
        )
    ):
        summary = record.summary
    return PreviousRound(session=previous, summary=summary)
