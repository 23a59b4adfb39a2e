"""Reads that take more than one line: what a page needs, fetched in a fixed number of queries.

Every function takes a queryset already scoped by `mediation.access` (or a session the user
was allowed to open) and never widens it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, When
from django.utils import timezone
from django.utils.translation import gettext

from mediation import access, confidentiality
from mediation.models import (
    ActionItem,
    AgendaItem,
    DialogueSession,
    Invitation,
    Participant,
    SessionRecord,
    Side,
    Topic,
)


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
    can_edit: bool
    sees_identities: bool
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


def session_page(user, session: DialogueSession) -> SessionPage:
    """Everything the session page shows to this user, in a constant number of queries."""
    can_edit = access.can_edit_session(user, session)
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
        can_edit=can_edit,
        sees_identities=access.can_see_identities(user, session),
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


def process_sessions(user, process) -> QuerySet[DialogueSession]:
    return (
        access.sessions_visible_to(user)
        .filter(process=process)
        .select_related("process")
        .order_by("-starts_at")
    )


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


def process_topics(user, process) -> QuerySet[Topic]:
    return access.topics_visible_to(user, process).order_by("status", "title")


def attendees_of(session: DialogueSession) -> list:
    """People invited to the session who did not decline: whom a summary must not name."""
    from mediation.models import Participant

    invited = session.invitations.exclude(response=Invitation.Response.DECLINED)
    return list(Participant.objects.filter(pk__in=invited.values("participant_id")))


def action_owner_choices(session: DialogueSession) -> list:
    """Who may own a follow-up action of this session: anyone invited to it, in any role."""
    from mediation.models import Participant

    invited = session.invitations.values("participant_id")
    return list(Participant.objects.filter(pk__in=invited).order_by("name"))


def record_of(session: DialogueSession) -> SessionRecord | None:
    """The session's record with who last saved it, or None (a session the caller may
    open, so its record is theirs to read as far as their page shows it)."""
    return SessionRecord.objects.filter(session=session).select_related("updated_by").first()


def record_items(record: SessionRecord | None) -> dict:
    """The record's notes per agenda item, keyed by agenda item id (one query)."""
    if record is None:
        return {}
    return {r.agenda_item_id: r for r in record.item_records.all()}


# --- Consents (security issue) ------------------------------------------------------------


@dataclass(frozen=True)
class ConsentState:
    kind: str
    label: str
    current: object  # the Consent in force, or None
    last_withdrawn: object  # the latest withdrawn Consent, or None


@dataclass(frozen=True)
class ProcessConsents:
    process: object
    states: list[ConsentState]


def consents_of_participant(user) -> list[ProcessConsents]:
    """Per process the user takes part in, each kind of consent: in force since when, or
    withdrawn when. Two queries whatever the number of processes and consents."""
    from mediation.models import Consent

    participant = access.participant_of(user)
    processes = list(access.processes_taken_part_in(user).order_by("title")[:100])
    if participant is None or not processes:
        return []
    rows = Consent.objects.filter(participant=participant, process__in=processes).order_by(
        "given_at"
    )
    current, withdrawn = {}, {}
    for consent in rows:
        key = (consent.process_id, consent.kind)
        if consent.withdrawn_at is None:
            current[key] = consent
        elif key not in withdrawn or consent.withdrawn_at > withdrawn[key].withdrawn_at:
            withdrawn[key] = consent
    return [
        ProcessConsents(
            process=process,
            states=[
                ConsentState(
                    kind=kind,
                    label=label,
                    current=current.get((process.pk, kind)),
                    last_withdrawn=withdrawn.get((process.pk, kind)),
                )
                for kind, label in Consent.Kind.choices
            ],
        )
        for process in processes
    ]


# --- Participant portal -------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaEntry:
    """One session on a participant's own agenda, with what they may read of it."""

    invitation: Invitation
    session: DialogueSession
    may_answer: bool
    summary: str  # the shared summary, or "" when none may be shown


@dataclass
class ParticipantAgenda:
    upcoming: Page
    past: Page


def _my_invitations(user) -> QuerySet[Invitation]:
    participant = access.participant_of(user)
    if participant is None:
        return Invitation.objects.none()
    # Sessions the user runs (as facilitator or organizer) are on their working lists, not
    # on their agenda as an invitee.
    return (
        Invitation.objects.filter(
            participant=participant, session__in=access.sessions_visible_to(user).values("id")
        )
        .exclude(session__in=access.sessions_editable_by(user).values("id"))
        .select_related("session__process", "session__record")
    )


def _entries(page: Page, now: datetime) -> Page:
    entries = []
    for invitation in page.object_list:
        session = invitation.session
        record = getattr(session, "record", None)  # None when nothing was recorded
        shared = record is not None and confidentiality.may_leave(
            confidentiality.Content.SUMMARY,
            session=session,
            audience=confidentiality.Audience.PARTICIPANTS,
            record=record,
        )
        entries.append(
            AgendaEntry(
                invitation=invitation,
                session=session,
                may_answer=answer_open(session, now),
                summary=record.summary if shared else "",
            )
        )
    page.object_list = entries
    return page


def participant_agenda(
    user,
    *,
    upcoming_page: str | int | None = None,
    past_page: str | int | None = None,
    per_page: int = 10,
    now: datetime | None = None,
) -> ParticipantAgenda:
    """The sessions a participant is invited to: upcoming soonest first, past latest first.

    Four queries whatever the size (a count and a page for each list).
    """
    now = now or timezone.now()
    invitations = _my_invitations(user)
    upcoming = invitations.filter(session__ends_at__gte=now).order_by(
        "session__starts_at", "session_id"
    )
    past = invitations.filter(session__ends_at__lt=now).order_by(
        "-session__starts_at", "session_id"
    )
    return ParticipantAgenda(
        upcoming=_entries(Paginator(upcoming, per_page).get_page(upcoming_page), now),
        past=_entries(Paginator(past, per_page).get_page(past_page), now),
    )


def my_actions(user) -> QuerySet[ActionItem]:
    """The follow-up actions a participant owns: open ones first, soonest due first."""
    return (
        access.actions_owned_by(user)
        .select_related("session__process")
        .annotate(
            is_closed=Case(
                When(status__in=[ActionItem.Status.DONE, ActionItem.Status.DROPPED], then=1),
                default=0,
            )
        )
        .order_by("is_closed", F("due_date").asc(nulls_last=True), "created_at")
    )


def today_for_viewer():
    """Today's date in the viewer's active time zone (due dates are calendar days)."""
    return timezone.localdate()


FEED_LIMIT = 500


def participant_by_calendar_token(token: str):
    """The participant whose live account owns this feed token, or None."""
    from mediation.models import Participant

    return (
        Participant.objects.filter(
            calendar_token=token,
            archived_at__isnull=True,
            user__isnull=False,
            user__is_active=True,
        )
        .select_related("user")
        .first()
    )


def calendar_feed_invitations(participant) -> list[Invitation]:
    """The participant's invitations to sessions they may still see, latest first, bounded.

    Declined ones stay in (marked cancelled by the feed) so calendars drop the event.
    """
    sessions = access.sessions_visible_to(participant.user).values("id")
    return list(
        Invitation.objects.filter(participant=participant, session__in=sessions)
        .select_related("session__process")
        .order_by("-session__starts_at")[:FEED_LIMIT]
    )


# --- Facilitator workspace: the agenda builder, invitations, the facilitator's home -------

EARLIER_ACTIONS_SHOWN = 20
CANDIDATES_SHOWN = 20
DASHBOARD_ROWS = 20
RECENT_DAYS = 60
OPEN_STATUSES = [ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS]


@dataclass(frozen=True)
class BalanceRow:
    """One side or category of people in the room: invited, accepted and attended."""

    label: str
    invited: int
    accepted: int
    attended: int


@dataclass
class Workspace:
    """What the team needs to plan a session, beyond what everyone reads on its page."""

    topics: list[Topic]
    sides: list[Side]
    leads: list[Participant]
    earlier_actions: list[ActionItem]
    by_side: list[BalanceRow] = field(default_factory=list)
    by_category: list[BalanceRow] = field(default_factory=list)
    attendance_known: bool = False
    overrun_minutes: int = 0


def room_balance(invitations: list[Invitation], key, labels) -> list[BalanceRow]:
    """Counts per group, from invitations already fetched (no query)."""
    invited, accepted, attended = Counter(), Counter(), Counter()
    for invitation in invitations:
        group = key(invitation)
        invited[group] += 1
        if invitation.response == Invitation.Response.ACCEPTED:
            accepted[group] += 1
        if invitation.attended:
            attended[group] += 1
    return [
        BalanceRow(
            label=labels(group), invited=n, accepted=accepted[group], attended=attended[group]
        )
        for group, n in sorted(invited.items(), key=lambda kv: str(labels(kv[0])))
    ]


def earlier_open_actions(user, session: DialogueSession, *, exclude_titles=()) -> list[ActionItem]:
    """Open actions from the process's earlier sessions that the user may open, to carry
    onto this agenda."""
    titles = {title.casefold() for title in exclude_titles}
    actions = (
        access.actions_visible_to(user)
        .filter(
            session__process_id=session.process_id,
            session__starts_at__lt=session.starts_at,
            status__in=OPEN_STATUSES,
        )
        .select_related("owner", "topic", "session")
        .order_by("due_date", "created_at")[:EARLIER_ACTIONS_SHOWN]
    )
    return [a for a in actions if agenda_title_for(a).casefold() not in titles]


def agenda_title_for(action: ActionItem) -> str:
    return action.description.strip().splitlines()[0][:200] if action.description.strip() else ""


def session_workspace(user, session: DialogueSession, page: SessionPage) -> Workspace:
    """The builder's choices (topics, sides, invited leads), earlier open actions and the
    balance of the room, in three queries whatever the number of items and invitations.
    Topics and actions are those the user may read of (`access.topics_visible_to`)."""
    sides = list(session.process.sides.order_by("name"))
    side_names = {side.pk: side.name for side in sides}
    invitations = page.invitations
    return Workspace(
        topics=list(access.topics_visible_to(user, session.process).order_by("title")),
        sides=sides,
        leads=[invitation.participant for invitation in invitations],
        earlier_actions=earlier_open_actions(
            user, session, exclude_titles=[slot.item.title for slot in page.schedule]
        ),
        by_side=room_balance(
            invitations,
            key=lambda i: i.side_id,
            labels=lambda pk: side_names.get(pk) or gettext("No side given"),
        ),
        by_category=room_balance(
            invitations,
            key=lambda i: i.participant.category,
            labels=lambda value: Participant.Category(value).label,
        ),
        attendance_known=any(i.attended is not None for i in invitations),
        overrun_minutes=max(0, page.agenda_minutes - session.duration_minutes),
    )


@dataclass(frozen=True)
class Candidate:
    """Someone the user may invite, as the user may see them."""

    person: Participant
    label: str
    affiliation: str  # "" where it could tell who a protected person is

    @property
    def shows_identity(self) -> bool:
        """Whether the label names a protected person by their real name."""
        return self.person.identity_protected and self.label != self.person.public_name


def invitation_candidates(user, session: DialogueSession, query: str) -> list[Candidate]:
    """People matching the query whom the user may invite, bounded.

    A protected person whose identity the user may not see is matched by pseudonym only and
    shown by pseudonym only, so the search cannot tie a name to a pseudonym. An organizer
    also finds people of other processes, one at a time, by exact address (a protected
    person of another process joins through the admin, by address and pseudonym).
    """
    query = query.strip()
    if not query:
        return []
    invitable = access.participants_invitable_to(user, session)
    identified = access.participants_identified_to(user).values("pk")
    by_name = Q(name__icontains=query) | Q(affiliation__icontains=query)
    matches = (
        invitable.filter(
            Q(pseudonym__icontains=query)
            | (by_name & (Q(identity_protected=False) | Q(pk__in=identified)))
        )
        .annotate(identified=Exists(identified.filter(pk=OuterRef("pk"))))
        .order_by("name")[:CANDIDATES_SHOWN]
    )
    people = list(matches)
    if len(people) < CANDIDATES_SHOWN and access.can_administer_process(user, session.process_id):
        shown = {person.pk for person in people}
        exact = (
            access.participants_found_exactly(user, query)
            .exclude(pk__in=session.invitations.values("participant_id"))
            .annotate(identified=Exists(identified.filter(pk=OuterRef("pk"))))
            .order_by("name")[: CANDIDATES_SHOWN - len(people)]
        )
        people += [person for person in exact if person.pk not in shown]
    return [
        Candidate(
            person=person,
            label=person.full_label if person.identified else person.public_name,
            affiliation=person.affiliation
            if person.identified or not person.identity_protected
            else "",
        )
        for person in people
    ]


def invitable_person(user, session: DialogueSession, pk, found_by: str = "") -> Participant | None:
    """The person the user asked to invite, if they may: someone they may draw on, or
    someone of another process found by the exact address given."""
    person = access.participants_invitable_to(user, session).filter(pk=pk).first()
    if person is None and found_by and access.can_administer_process(user, session.process_id):
        person = (
            access.participants_found_exactly(user, found_by)
            .exclude(pk__in=session.invitations.values("participant_id"))
            .filter(pk=pk)
            .first()
        )
    return person


@dataclass
class FacilitatorDashboard:
    upcoming: list[DialogueSession]
    awaiting_record: list[DialogueSession]
    overdue_actions: list[ActionItem]

    def __bool__(self) -> bool:
        return True


def facilitator_dashboard(user, now=None) -> FacilitatorDashboard:
    """What a facilitator should look at next, in three queries at any size."""
    now = now or timezone.now()
    mine = access.sessions_editable_by(user).filter(facilitators=user)
    upcoming = (
        mine.filter(ends_at__gte=now)
        .exclude(status=DialogueSession.Status.CANCELLED)
        .select_related("process")
        .annotate(
            item_count=Count("agenda_items", distinct=True),
            unanswered=Count(
                "invitations",
                filter=Q(invitations__response=Invitation.Response.INVITED),
                distinct=True,
            ),
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
