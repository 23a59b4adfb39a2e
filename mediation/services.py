"""Writes with side effects, one function per action, named <entity>_<action>.

Each runs in a transaction, so a multi-step write either happens whole or not at all.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, Max, ProtectedError, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from .access import ORGANIZERS_GROUP
from .models import AgendaItem, DialogueSession, Invitation, Participant, Side, Topic

ORGANIZER_APPS = ("mediation", "glossary")


def organizers_group_ensure() -> Group:
    """The Organizers group, holding every permission on the product's own models.

    Run after every migrate, so a new deployment and a new model both come out right.
    """
    group, _ = Group.objects.get_or_create(name=ORGANIZERS_GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label__in=ORGANIZER_APPS),
        # To link a participant to their account in the admin.
        *Permission.objects.filter(content_type__app_label="auth", codename="view_user"),
    )
    return group


@transaction.atomic
def session_duplicate_as_next_round(
    *, session: DialogueSession, starts_at: datetime
) -> DialogueSession:
    """A new planned session of the same process: same length, agenda and invitations.

    Answers and attendance start afresh; the record and actions stay with the original.
    """
    length = session.ends_at - session.starts_at
    copy = DialogueSession.objects.create(
        process=session.process,
        title=session.title,
        starts_at=starts_at,
        ends_at=starts_at + length,
        time_zone=session.time_zone,
        location_kind=session.location_kind,
        venue=session.venue,
        format=session.format,
        confidentiality=session.confidentiality,
        status=DialogueSession.Status.PLANNED,
        objectives=session.objectives,
    )
    copy.facilitators.set(session.facilitators.all())
    AgendaItem.objects.bulk_create(
        AgendaItem(
            session=copy,
            position=item.position,
            title=item.title,
            topic_id=item.topic_id,
            duration_minutes=item.duration_minutes,
            lead_id=item.lead_id,
            notes=item.notes,
        )
        for item in session.agenda_items.order_by("position")
    )
    Invitation.objects.bulk_create(
        Invitation(
            session=copy,
            participant_id=invitation.participant_id,
            role=invitation.role,
            side_id=invitation.side_id,
            capacity=invitation.capacity,
        )
        for invitation in session.invitations.all()
    )
    return copy


# --- Agenda -------------------------------------------------------------------------------
# Every write to a session's agenda first locks the session row, so two facilitators
# changing the same agenda take turns: positions are read and rewritten by one at a time.
# (SQLite has no row locks; its transactions are IMMEDIATE, which serialises writers.)


def _lock_session(session: DialogueSession) -> DialogueSession:
    return DialogueSession.objects.select_for_update().get(pk=session.pk)


def _topic_for(*, session: DialogueSession, topic: Topic | None, new_topic_title: str):
    """The chosen topic, or the one named by the typed title (created if the process lacks
    it, reused if it has it, even when another facilitator created it a moment ago)."""
    if topic is not None:
        if topic.process_id != session.process_id:
            raise ValidationError({"topic": _("Choose a topic of this session's process.")})
        return topic
    title = new_topic_title.strip()
    if not title:
        return None
    existing = session.process.topics.filter(title__iexact=title).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return Topic.objects.create(process=session.process, title=title)
    except IntegrityError:
        return session.process.topics.get(title=title)


def _check_lead(session: DialogueSession, lead: Participant | None) -> None:
    if lead is not None and not session.invitations.filter(participant=lead).exists():
        raise ValidationError({"lead": _("The lead must be invited to this session.")})


def _write_positions(session: DialogueSession, ordered_ids: list) -> None:
    """Give the items positions 1..n in this order, never two items one place.

    The unique (session, position) constraint is checked row by row, so the items first
    move above every position in use, then down to their final places.
    """
    items = session.agenda_items
    top = items.aggregate(top=Max("position"))["top"] or 0
    offset = max(top, len(ordered_ids)) + 1
    items.update(
        position=Case(
            *(When(pk=pk, then=Value(offset + i)) for i, pk in enumerate(ordered_ids)),
            default=Value(offset + len(ordered_ids)),
        )
    )
    by_id = {item.pk: item for item in items.all()}
    changed = []
    for position, pk in enumerate(ordered_ids, start=1):
        item = by_id[pk]
        item.position = position
        changed.append(item)
    bulk_update_with_history(changed, AgendaItem, ["position"])


def _ordered_ids(session: DialogueSession) -> list:
    return list(session.agenda_items.order_by("position").values_list("pk", flat=True))


@transaction.atomic
def agenda_item_add(
    *,
    session: DialogueSession,
    title: str,
    duration_minutes: int,
    topic: Topic | None = None,
    new_topic_title: str = "",
    lead: Participant | None = None,
    notes: str = "",
) -> AgendaItem:
    """Append an item to the agenda, creating its topic in the process when one is typed."""
    session = _lock_session(session)
    _check_lead(session, lead)
    topic = _topic_for(session=session, topic=topic, new_topic_title=new_topic_title)
    top = session.agenda_items.aggregate(top=Max("position"))["top"] or 0
    item = AgendaItem(
        session=session,
        position=top + 1,
        title=title,
        topic=topic,
        duration_minutes=duration_minutes,
        lead=lead,
        notes=notes,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def agenda_item_update(
    *,
    item: AgendaItem,
    title: str,
    duration_minutes: int,
    topic: Topic | None = None,
    new_topic_title: str = "",
    lead: Participant | None = None,
    notes: str = "",
) -> AgendaItem:
    session = _lock_session(item.session)
    item = session.agenda_items.get(pk=item.pk)
    _check_lead(session, lead)
    item.title = title
    item.topic = _topic_for(session=session, topic=topic, new_topic_title=new_topic_title)
    item.duration_minutes = duration_minutes
    item.lead = lead
    item.notes = notes
    item.full_clean()
    item.save()
    return item


class AgendaItemHasRecord(Exception):
    """The item has notes in the session record; they must be cleared before it goes."""


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem) -> None:
    session = _lock_session(item.session)
    item = session.agenda_items.get(pk=item.pk)
    try:
        item.delete()
    except ProtectedError:
        raise AgendaItemHasRecord from None
    _write_positions(session, _ordered_ids(session))


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str) -> None:
    """Swap the item with its neighbour above ("up") or below ("down"); at an end, nothing."""
    if direction not in {"up", "down"}:
        raise ValidationError(_("Move an item up or down."))
    session = _lock_session(item.session)
    ids = _ordered_ids(session)
    if item.pk not in ids:
        raise AgendaItem.DoesNotExist
    index = ids.index(item.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(ids):
        return
    ids[index], ids[other] = ids[other], ids[index]
    _write_positions(session, ids)


@transaction.atomic
def agenda_reorder(*, session: DialogueSession, item_ids: list) -> None:
    """Put the agenda in this order, given as the ids of all its items.

    Refused, changing nothing, unless the list names each current item exactly once: an
    agenda someone else changed meanwhile is never half-applied.
    """
    session = _lock_session(session)
    current = _ordered_ids(session)
    if len(item_ids) != len(current) or set(item_ids) != set(current):
        raise ValidationError(
            _("The agenda changed while you were reordering it. Here it is as it stands now."),
            code="stale_order",
        )
    _write_positions(session, list(item_ids))


# --- Invitations --------------------------------------------------------------------------


@transaction.atomic
def invitation_add(
    *,
    session: DialogueSession,
    participant: Participant,
    role: str = Invitation.Role.PARTICIPANT,
) -> Invitation:
    """Invite someone (the caller checked they are invitable by this user)."""
    if session.invitations.filter(participant=participant).exists():
        raise ValidationError(_("This person is already invited to this session."))
    invitation = Invitation(
        session=session, participant=participant, role=role or Invitation.Role.PARTICIPANT
    )
    invitation.full_clean(exclude=["session", "participant"])
    invitation.save()
    return invitation


@transaction.atomic
def invitation_update(
    *,
    invitation: Invitation,
    role: str,
    side: Side | None,
    capacity: str,
    attended: bool | None,
) -> Invitation:
    if side is not None and side.process_id != invitation.session.process_id:
        raise ValidationError({"side": _("Choose a side of this session's process.")})
    if attended is not None and invitation.session.starts_at > timezone.now():
        raise ValidationError(
            {"attended": _("Attendance can be noted once the session has started.")}
        )
    invitation.role = role
    invitation.side = side
    invitation.capacity = capacity
    invitation.attended = attended
    invitation.full_clean(exclude=["session", "participant"])
    invitation.save()
    return invitation


class InvitationAnswered(Exception):
    """The person has answered; the invitation stays as a trace of that answer."""


@transaction.atomic
def invitation_remove(*, invitation: Invitation) -> None:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.response != Invitation.Response.INVITED:
        raise InvitationAnswered
    invitation.delete()
