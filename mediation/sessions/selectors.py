"""What the session and process pages show, in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from mediation import access, confidentiality
from mediation.models import (
    ActionItem,
    AgendaItem,
    DialogueSession,
    Invitation,
    Participant,
    SessionRecord,
)

OPEN_STATUSES = [ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS]


def session_list_for(user) -> QuerySet[DialogueSession]:
    return access.sessions_visible_to(user).select_related("process")


@dataclass(frozen=True)
class ScheduledItem:
    item: AgendaItem
    starts_at: datetime
    ends_at: datetime
    # How the item's lead is named to the viewer (None: not named to them).
    lead_label: str | None = None


def agenda_schedule(
    session: DialogueSession, items: list[AgendaItem], lead_labels: dict | None = None
) -> list[ScheduledItem]:
    """Each agenda item with its start and end, counted from the session's start."""
    schedule = []
    cursor = session.starts_at
    labels = lead_labels or {}
    for item in items:
        end = cursor + timedelta(minutes=item.duration_minutes)
        schedule.append(
            ScheduledItem(item=item, starts_at=cursor, ends_at=end, lead_label=labels.get(item.pk))
        )
        cursor = end
    return schedule


@dataclass(frozen=True)
class Attendee:
    name: str
    role: str
    response: str | None  # shown only where the process lets participants see answers


@dataclass
class SessionPage:
    session: DialogueSession
    schedule: list[ScheduledItem]
    invitations: list[Invitation]
    record: SessionRecord | None
    actions: list[ActionItem]
    agenda_minutes: int
    my_invitation: Invitation | None
    # What a participant (not the team) may read about who else comes: names as
    # `confidentiality.Disclosure` allows them, everyone else only counted.
    attendees: list[Attendee] = field(default_factory=list)
    attendees_unnamed: int = 0
    shows_answers: bool = False
    may_answer: bool = False

    @property
    def agenda_overruns(self) -> bool:
        return self.agenda_minutes > self.session.duration_minutes


def session_page(user, can: access.SessionAccess) -> SessionPage:
    """Everything the session page shows to this user, in a constant number of queries."""
    session, can_edit = can.session, can.edit
    items = list(session.agenda_items.select_related("topic", "lead").order_by("position"))
    invitations = list(
        session.invitations.select_related("participant", "side").order_by(
            "role", "participant__name"
        )
    )
    participant = access.participant_of(user)
    my_invitation = next(
        (i for i in invitations if participant and i.participant_id == participant.pk), None
    )
    record = SessionRecord.objects.filter(session=session).first()
    actions = session.action_items.select_related("owner", "topic").order_by("due_date")
    if not can_edit:
        # Participants read the shared summary only, and only the actions they own.
        if record is not None and not record.is_shared:
            record = None
        actions = actions.filter(owner=participant) if participant else actions.none()
        if record is not None and not confidentiality.may_leave(
            confidentiality.Content.SUMMARY,
            session=session,
            audience=confidentiality.Audience.PARTICIPANTS,
            record=record,
        ):
            record = None
    if can_edit:
        attendees, unnamed, shows_answers = [], 0, False
        lead_labels = {i.pk: i.lead.full_label for i in items if i.lead}
    else:
        leads = [i.lead for i in items if i.lead]
        disclosure = confidentiality.disclosure_for(
            session,
            confidentiality.Audience.PARTICIPANTS,
            participants=[i.participant for i in invitations] + leads,
        )
        attendees, unnamed, shows_answers = _attendees_for(disclosure, invitations, my_invitation)
        lead_labels = {
            i.pk: (
                i.lead.name
                if participant and i.lead_id == participant.pk
                else disclosure.name_of(i.lead)
            )
            for i in items
            if i.lead
        }
    return SessionPage(
        session=session,
        schedule=agenda_schedule(session, items, lead_labels),
        invitations=invitations,
        record=record,
        actions=list(actions),
        agenda_minutes=sum(i.duration_minutes for i in items),
        my_invitation=my_invitation,
        attendees=attendees,
        attendees_unnamed=unnamed,
        shows_answers=shows_answers,
        may_answer=my_invitation is not None and answer_open(session),
    )


def answer_open(session: DialogueSession, now: datetime | None = None) -> bool:
    """An invitation may be answered (and the answer changed) until the session starts."""
    return session.status != DialogueSession.Status.CANCELLED and session.starts_at > (
        now or timezone.now()
    )


def _attendees_for(
    disclosure: confidentiality.Disclosure,
    invitations: list[Invitation],
    mine: Invitation | None,
) -> tuple[list[Attendee], int, bool]:
    """The other invitees as a participant may read them: named, or only counted."""
    others = [i for i in invitations if mine is None or i.pk != mine.pk]
    shows_answers = disclosure.allows(confidentiality.Content.ANSWERS)
    named, unnamed = [], 0
    for invitation in others:
        name = disclosure.name_of(invitation.participant)
        if name is None:
            unnamed += 1
            continue
        named.append(
            Attendee(
                name=name,
                role=invitation.get_role_display(),
                response=invitation.get_response_display() if shows_answers else None,
            )
        )
    return named, unnamed, shows_answers


def open_actions_of_process(user, process) -> QuerySet[ActionItem]:
    """Open follow-up actions of the process's sessions the user may plan and record:
    never those of a session they could not open (a side meeting, an archived one)."""
    return (
        access.actions_visible_to(user)
        .filter(
            session__process=process,
            status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS],
        )
        .select_related("owner", "session", "topic")
        .order_by("due_date", "created_at")
    )


def action_owner_choices(session: DialogueSession) -> list:
    """Who may own a follow-up action of this session: anyone invited to it, in any role."""

    invited = session.invitations.values("participant_id")
    return list(Participant.objects.filter(pk__in=invited).order_by("name"))


DASHBOARD_ROWS = 20


RECENT_DAYS = 60


@dataclass
class FacilitatorDashboard:
    upcoming: list[DialogueSession]
    awaiting_record: list[DialogueSession]
    overdue_actions: list[ActionItem]

    def __bool__(self) -> bool:
        return True


def _count_of(rows: QuerySet) -> Subquery:
    """How many of `rows` belong to the outer session (0 when none)."""
    return Coalesce(
        Subquery(
            rows.filter(session_id=OuterRef("pk"))
            .order_by()
            .values("session_id")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def facilitator_dashboard(user, now=None) -> FacilitatorDashboard:
    """What a facilitator should look at next, in three queries at any size."""
    now = now or timezone.now()
    mine = access.sessions_facilitated_by(user)
    upcoming = (
        mine.filter(ends_at__gte=now)
        .exclude(status=DialogueSession.Status.CANCELLED)
        .select_related("process")
        .annotate(
            # Counted per session by subqueries: counting over a join of both tables read
            # items times invitations rows for every upcoming session (10 ms on SQLite).
            item_count=_count_of(AgendaItem.objects.all()),
            unanswered=_count_of(Invitation.objects.filter(response=Invitation.Response.INVITED)),
        )
        .order_by("starts_at")[:DASHBOARD_ROWS]
    )
    awaiting_record = (
        mine.filter(ends_at__lt=now, ends_at__gte=now - timedelta(days=RECENT_DAYS))
        .exclude(confidentiality=DialogueSession.Confidentiality.NO_RECORD)
        .exclude(status=DialogueSession.Status.CANCELLED)
        .filter(Q(record__isnull=True) | Q(record__state=SessionRecord.State.DRAFT))
        .select_related("process")
        .order_by("-ends_at")[:DASHBOARD_ROWS]
    )
    overdue = (
        ActionItem.objects.filter(
            session__in=mine, status__in=OPEN_STATUSES, due_date__lt=timezone.localdate(now)
        )
        .select_related("owner", "session", "topic")
        .order_by("due_date", "created_at")[:DASHBOARD_ROWS]
    )
    return FacilitatorDashboard(
        upcoming=list(upcoming),
        awaiting_record=list(awaiting_record),
        overdue_actions=list(overdue),
    )
