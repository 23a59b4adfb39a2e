"""Reads that take more than one line: what a page needs, fetched in a fixed number of queries.

Every function takes a queryset already scoped by `mediation.access` (or a session the user
was allowed to open) and never widens it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import QuerySet

from . import access
from .models import ActionItem, AgendaItem, DialogueSession, Invitation, SessionRecord


def session_list_for(user) -> QuerySet[DialogueSession]:
    return access.sessions_visible_to(user).select_related("process")


@dataclass(frozen=True)
class ScheduledItem:
    item: AgendaItem
    starts_at: datetime
    ends_at: datetime


def agenda_schedule(session: DialogueSession, items: list[AgendaItem]) -> list[ScheduledItem]:
    """Each agenda item with its start and end, counted from the session's start."""
    schedule = []
    cursor = session.starts_at
    for item in items:
        end = cursor + timedelta(minutes=item.duration_minutes)
        schedule.append(ScheduledItem(item=item, starts_at=cursor, ends_at=end))
        cursor = end
    return schedule


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
    return SessionPage(
        session=session,
        can_edit=can_edit,
        sees_identities=access.can_see_identities(user, session),
        schedule=agenda_schedule(session, items),
        invitations=invitations,
        record=record,
        actions=list(actions),
        agenda_minutes=sum(i.duration_minutes for i in items),
        my_invitation=my_invitation,
    )


def process_sessions(user, process) -> QuerySet[DialogueSession]:
    return (
        access.sessions_visible_to(user)
        .filter(process=process)
        .select_related("process")
        .order_by("-starts_at")
    )


def open_actions_of_process(process) -> QuerySet[ActionItem]:
    return (
        ActionItem.objects.filter(
            session__process=process,
            status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS],
        )
        .select_related("owner", "session", "topic")
        .order_by("due_date")
    )


def process_topics(process):
    return process.topics.order_by("status", "title")


def attendees_of(session: DialogueSession) -> list:
    """People invited to the session who did not decline: whom a summary must not name."""
    from .models import Participant

    invited = session.invitations.exclude(response=Invitation.Response.DECLINED)
    return list(Participant.objects.filter(pk__in=invited.values("participant_id")))


def action_owner_choices(session: DialogueSession) -> list:
    """Who may own a follow-up action of this session: anyone invited to it, in any role."""
    from .models import Participant

    invited = session.invitations.values("participant_id")
    return list(Participant.objects.filter(pk__in=invited).order_by("name"))


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
    from .models import Consent

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
