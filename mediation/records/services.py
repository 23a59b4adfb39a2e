"""Writes to a session's record and its follow-up actions."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from mediation import confidentiality, submissions
from mediation.errors import Refusal
from mediation.models import (
    ActionItem,
    AgendaItem,
    DialogueSession,
    ItemRecord,
    Participant,
    SessionRecord,
    Topic,
)
from mediation.models.records import RECORD_TEXT_MAX
from mediation.records import attribution, confirmations
from mediation.records import selectors as record_selectors


# --- Session record, actions and the next round (facilitator workspace) -------------------
class RecordRefused(Refusal):
    """The record may not change this way (no written record, locked, wrong state)."""


class RecordConflict(Refusal):
    """Someone else saved the record since this form was opened: nothing was written."""

    def __init__(self, current: SessionRecord):
        super().__init__(
            _("Someone else saved this record meanwhile. Check it again."), code="conflict"
        )
        self.current = current


class AttributionUnconfirmed(Refusal):
    """The summary names attendees and not every finding was confirmed with a reason (or a
    confirmation is stale: it is for a sentence the summary no longer has)."""

    def __init__(self, findings, missing: set[str], stale: set[str], unexplained: set[str]):
        if stale:
            message = _("The summary changed since this check was shown. Check it again below.")
        elif missing:
            message = _(
                "The summary names attendees. Rewrite those sentences, or confirm each one "
                "below and say why it attributes nothing, then share."
            )
        else:
            message = _("Say why each sentence you confirm attributes nothing.")
        super().__init__(message, code="unconfirmed")
        self.findings = findings
        self.missing = missing
        self.stale = stale
        self.unexplained = unexplained


@dataclass(frozen=True)
class ItemRecordInput:
    agenda_item: AgendaItem
    discussion: str
    convergence: str
    divergence: str
    topic_status: str


def _record_refuse_unless_recordable(session: DialogueSession) -> None:
    if not confidentiality.may_record(session):
        raise RecordRefused(_("This session runs with no written record: nothing was stored."))


def _record_write(
    *, record: SessionRecord, version: int, user, reason: str, reopen: bool = False, **fields
) -> SessionRecord:
    """Write `fields` only if the record is still at `version` (a conditional UPDATE, so two
    saves of one version cannot both win) and not locked unless this is the reopening; bump
    the version and add the change, with its reason, to the record's history."""
    rows = SessionRecord.objects.filter(pk=record.pk, version=version)
    if not reopen:
        rows = rows.exclude(state=SessionRecord.State.LOCKED)
    updated = rows.update(
        **fields, version=F("version") + 1, updated_by=user, updated_at=timezone.now()
    )
    record.refresh_from_db()
    if not updated:
        if record.state == SessionRecord.State.LOCKED:
            raise RecordRefused(_("This record is locked: it can no longer be edited."))
        raise RecordConflict(current=record)
    SessionRecord.history.bulk_history_create(
        [record], update=True, default_user=user, default_change_reason=reason
    )
    return record


def _attribution_findings(session: DialogueSession, summary: str):
    if not confidentiality.needs_attribution_check(session):
        return []
    return record_selectors.attribution_check_of(session).findings(summary)


def session_record_save(
    *,
    session: DialogueSession,
    user,
    version: int,
    internal_notes: str,
    summary: str,
    outcomes: str,
    items: list[ItemRecordInput] = (),
) -> tuple[SessionRecord, bool]:
    """Save the record if nobody saved it since `version` was read; (record, unshared).

    A shared summary edited under Chatham House or off the record goes back to draft when
    it now names attendees, so participants never read a summary that skipped the check.
    The check runs before the write transaction, on the text being saved: a long text
    never holds the database while it is read.
    """
    _record_refuse_unless_recordable(session)
    texts = [internal_notes, summary, outcomes]
    texts += [t for e in items for t in (e.discussion, e.convergence, e.divergence)]
    if any(len(text) > RECORD_TEXT_MAX for text in texts):
        raise RecordRefused(
            _("A text of the record is over %(max)s characters: nothing was stored.")
            % {"max": f"{RECORD_TEXT_MAX:,}"}
        )
    names_attendees = bool(_attribution_findings(session, summary))
    with transaction.atomic():
        return _record_save(
            session=session,
            user=user,
            version=version,
            names_attendees=names_attendees,
            internal_notes=internal_notes,
            summary=summary,
            outcomes=outcomes,
            items=items,
        )


def _record_save(
    *,
    session: DialogueSession,
    user,
    version: int,
    names_attendees: bool,
    internal_notes: str,
    summary: str,
    outcomes: str,
    items: list[ItemRecordInput],
) -> tuple[SessionRecord, bool]:
    record, _created = SessionRecord.objects.get_or_create(session=session)
    state = record.state
    unshared = False
    if state == SessionRecord.State.SHARED and summary != record.summary and names_attendees:
        state = SessionRecord.State.DRAFT
        unshared = True
    record = _record_write(
        record=record,
        version=version,
        user=user,
        reason=_("Saved by %(user)s") % {"user": user.get_username()},
        internal_notes=internal_notes,
        summary=summary,
        outcomes=outcomes,
        state=state,
    )
    existing = {r.agenda_item_id: r for r in record.item_records.all()}
    for entry in items:
        item_record = existing.get(entry.agenda_item.pk) or ItemRecord(
            record=record, agenda_item=entry.agenda_item
        )
        values = {
            "discussion": entry.discussion,
            "convergence": entry.convergence,
            "divergence": entry.divergence,
            "topic_status": entry.topic_status,
        }
        if item_record._state.adding or any(
            getattr(item_record, k) != v for k, v in values.items()
        ):
            for key, value in values.items():
                setattr(item_record, key, value)
            item_record.save()
        topic = entry.agenda_item.topic
        if entry.topic_status and topic is not None and topic.status != entry.topic_status:
            topic.status = entry.topic_status
            topic.save(update_fields=["status", "updated_at"])
    return record, unshared


def session_record_share(
    *,
    session: DialogueSession,
    user,
    version: int,
    confirmed: Mapping[str, str] = MappingProxyType({}),
) -> SessionRecord:
    """Share the summary with participants, once every attribution finding is confirmed.

    `confirmed` maps each confirmed finding's id to the reason it attributes nothing; the
    record's history keeps, with the share, each finding, who confirmed it and why.

    The summary at `version` is checked before the write transaction, which then writes
    only if the record is still at that version (so it is still the text that was checked):
    a long check never holds the database while other people use it.
    """
    _record_refuse_unless_recordable(session)
    record = SessionRecord.objects.filter(session=session).first()
    if record is None or not record.summary.strip():
        raise RecordRefused(_("Write the summary for participants before sharing it."))
    if record.state != SessionRecord.State.DRAFT:
        raise RecordRefused(_("This record is already shared."))
    if record.version != version:
        raise RecordConflict(current=record)
    findings = _attribution_findings(session, record.summary)
    missing, stale = attribution.unconfirmed(findings, confirmed)
    unexplained = confirmations.unexplained(confirmed)
    if missing or stale or unexplained:
        raise AttributionUnconfirmed(findings, missing, stale, unexplained)
    reason = confirmations.share_reason(user.get_username(), findings, confirmed)
    with transaction.atomic():
        return _record_write(
            record=record,
            version=version,
            user=user,
            reason=reason,
            state=SessionRecord.State.SHARED,
            shared_at=timezone.now(),
        )


@transaction.atomic
def session_record_lock(*, session: DialogueSession, user) -> SessionRecord:
    """Lock a shared record: nobody edits it any more (an organizer may reopen it)."""
    _record_refuse_unless_recordable(session)
    record = SessionRecord.objects.select_for_update().filter(session=session).first()
    if record is None or record.state != SessionRecord.State.SHARED:
        raise RecordRefused(_("Only a record shared with participants can be locked."))
    return _record_write(
        record=record,
        version=record.version,
        user=user,
        reason=_("Locked by %(user)s") % {"user": user.get_username()},
        state=SessionRecord.State.LOCKED,
    )


@transaction.atomic
def session_record_reopen(*, session: DialogueSession, user) -> SessionRecord:
    """Back to draft (participants stop reading it). Organizers only: the view checks."""
    _record_refuse_unless_recordable(session)
    record = SessionRecord.objects.select_for_update().filter(session=session).first()
    if record is None or record.state != SessionRecord.State.LOCKED:
        raise RecordRefused(_("Only a locked record can be reopened."))
    return _record_write(
        record=record,
        version=record.version,
        user=user,
        reason=_("Reopened by %(user)s") % {"user": user.get_username()},
        reopen=True,
        state=SessionRecord.State.DRAFT,
    )


@transaction.atomic
def action_item_add(
    *,
    session: DialogueSession,
    submission,
    description: str,
    owner: Participant | None,
    due_date: date | None,
    topic: Topic | None,
    status: str,
) -> tuple[ActionItem | None, bool]:
    """A follow-up action; (action, created). The same form sent twice creates one (and a
    repeat finds the first one's action, or None if that form was for another session)."""
    pk = submissions.result_id(submission, "action")
    if not submissions.submission_claim(submission):
        return ActionItem.objects.filter(pk=pk, session=session).first(), False
    action = ActionItem.objects.create(
        id=pk,
        session=session,
        description=description,
        owner=owner,
        due_date=due_date,
        topic=topic,
        status=status,
    )
    return action, True


@transaction.atomic
def action_item_update(
    *,
    action: ActionItem,
    description: str,
    owner: Participant | None,
    due_date: date | None,
    topic: Topic | None,
    status: str,
) -> ActionItem:
    action.description = description
    action.owner = owner
    action.due_date = due_date
    action.topic = topic
    action.status = status
    action.save()
    return action


@transaction.atomic
def action_item_mark_done(*, action: ActionItem) -> ActionItem:
    """The owner says the action is done."""
    if action.status != ActionItem.Status.DONE:
        action.status = ActionItem.Status.DONE
        action.save(update_fields=["status", "updated_at"])
    return action
