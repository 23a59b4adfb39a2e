"""Writes to a session's agenda: add, change, remove, move and reorder items."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Case, Max, ProtectedError, Value, When
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from mediation import submissions
from mediation.errors import Refusal
from mediation.models import (
    AgendaItem,
    DialogueSession,
    Participant,
    Topic,
)


def _lock_session(session: DialogueSession) -> DialogueSession:
    return DialogueSession.objects.select_for_update().get(pk=session.pk)


def _topic_for(*, session: DialogueSession, topic: Topic | None, new_topic_title: str):
    """The chosen topic, or the one named by the typed title (created if the process lacks
    it, reused if it has it, even when another facilitator created it a moment ago)."""
    if topic is not None:
        if topic.process_id != session.process_id:
            raise Refusal({"topic": _("Choose a topic of this session's process.")})
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
        raise Refusal({"lead": _("The lead must be invited to this session.")})


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
    submission=None,
) -> AgendaItem:
    """Append an item to the agenda, creating its topic in the process when one is typed.

    With the form's `submission` token, the same form sent twice adds one item: the repeat
    returns the item the first one added.
    """
    session = _lock_session(session)
    item_id = submissions.result_id(submission, "agenda_item") if submission else None
    if submission and not submissions.submission_claim(submission):
        existing = session.agenda_items.filter(pk=item_id).first()
        if existing is None:
            raise Refusal(_("This form was already sent. Reload the page."))
        return existing
    _check_lead(session, lead)
    topic = _topic_for(session=session, topic=topic, new_topic_title=new_topic_title)
    top = session.agenda_items.aggregate(top=Max("position"))["top"] or 0
    item = AgendaItem(
        **({"id": item_id} if item_id else {}),
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


class AgendaItemHasRecord(Refusal):
    """The item has notes in the session record; they must be cleared before it goes."""


@transaction.atomic
def agenda_item_remove(*, item: AgendaItem) -> None:
    session = _lock_session(item.session)
    item = session.agenda_items.get(pk=item.pk)
    try:
        item.delete()
    except ProtectedError:
        raise AgendaItemHasRecord(
            _(
                "“%(title)s” has notes in the session record. Clear its notes in the record "
                "before removing it from the agenda."
            )
            % {"title": item.title}
        ) from None
    _write_positions(session, _ordered_ids(session))


@transaction.atomic
def agenda_item_move(*, item: AgendaItem, direction: str) -> None:
    """Swap the item with its neighbour above ("up") or below ("down"); at an end, nothing."""
    if direction not in {"up", "down"}:
        raise Refusal(_("Move an item up or down."))
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
        raise Refusal(
            _("The agenda changed while you were reordering it. Here it is as it stands now."),
            code="stale_order",
        )
    _write_positions(session, list(item_ids))
