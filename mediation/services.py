"""Writes with side effects, one function per action, named <entity>_<action>.

Each runs in a transaction, so a multi-step write either happens whole or not at all.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Max, ProtectedError, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from mediation import access, attribution, confidentiality, selectors, submissions
from mediation.access import ORGANIZERS_GROUP
from mediation.models import (
    ActionItem,
    AgendaItem,
    Consent,
    DialogueProcess,
    DialogueSession,
    Invitation,
    ItemRecord,
    Participant,
    ProcessMember,
    Profile,
    SessionRecord,
    Side,
    Topic,
)

ORGANIZER_APPS = ("mediation", "glossary")


def organizers_group_ensure() -> Group:
    """The Organizers group, holding every permission on the product's own models.

    Run after every migrate, so a new deployment and a new model both come out right.
    """
    group, _ = Group.objects.get_or_create(name=ORGANIZERS_GROUP)
    # Exactly these: no permission on accounts (auth), which only superusers manage.
    group.permissions.set(Permission.objects.filter(content_type__app_label__in=ORGANIZER_APPS))
    return group


def _session_copy(*, session: DialogueSession, starts_at: datetime, **fields) -> DialogueSession:
    """A planned session like `session` (same length, place, format, rule, facilitators)
    starting at `starts_at`; `fields` sets anything more."""
    copy = DialogueSession.objects.create(
        process=session.process,
        title=session.title,
        starts_at=starts_at,
        ends_at=starts_at + (session.ends_at - session.starts_at),
        time_zone=session.time_zone,
        location_kind=session.location_kind,
        venue=session.venue,
        format=session.format,
        confidentiality=session.confidentiality,
        status=DialogueSession.Status.PLANNED,
        objectives=session.objectives,
        **fields,
    )
    copy.facilitators.set(session.facilitators.all())
    return copy


def _invitations_copy(*, session: DialogueSession, copy: DialogueSession, user) -> None:
    """Invite the same people, in the same role, side and capacity; answers start afresh."""
    bulk_create_with_history(
        [
            Invitation(
                session=copy,
                participant_id=invitation.participant_id,
                role=invitation.role,
                side_id=invitation.side_id,
                capacity=invitation.capacity,
            )
            for invitation in session.invitations.all()
        ],
        Invitation,
        default_user=user,
    )


@transaction.atomic
def session_duplicate_as_next_round(
    *, session: DialogueSession, starts_at: datetime, user=None
) -> DialogueSession:
    """A new planned session of the same process: same length, agenda and invitations.

    Answers and attendance start afresh; the record and actions stay with the original.
    The copied rows are written in bulk with their history, in the name of `user`.
    """
    copy = _session_copy(session=session, starts_at=starts_at)
    bulk_create_with_history(
        [
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
        ],
        AgendaItem,
        default_user=user,
    )
    _invitations_copy(session=session, copy=copy, user=user)
    return copy


# --- Session record, actions and the next round (facilitator workspace) -------------------
class RecordRefused(Exception):
    """The record may not change this way (no written record, locked, wrong state)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class RecordConflict(Exception):
    """Someone else saved the record since this form was opened: nothing was written."""

    def __init__(self, current: SessionRecord):
        super().__init__("stale record version")
        self.current = current


class AttributionUnconfirmed(Exception):
    """The summary names attendees and not every finding was confirmed (or one is stale)."""

    def __init__(self, findings, missing: set[str], stale: set[str]):
        super().__init__("attribution findings not confirmed")
        self.findings = findings
        self.missing = missing
        self.stale = stale


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
    terms = attribution.terms_for(selectors.attendees_of(session))
    return attribution.find_attributions(summary, terms)


@transaction.atomic
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
    """
    _record_refuse_unless_recordable(session)
    record, _created = SessionRecord.objects.get_or_create(session=session)
    state = record.state
    unshared = False
    if (
        state == SessionRecord.State.SHARED
        and summary != record.summary
        and _attribution_findings(session, summary)
    ):
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


@transaction.atomic
def session_record_share(
    *, session: DialogueSession, user, version: int, confirmed: set[str] = frozenset()
) -> SessionRecord:
    """Share the summary with participants, once every attribution finding is confirmed."""
    _record_refuse_unless_recordable(session)
    record = SessionRecord.objects.select_for_update().filter(session=session).first()
    if record is None or not record.summary.strip():
        raise RecordRefused(_("Write the summary for participants before sharing it."))
    if record.state != SessionRecord.State.DRAFT:
        raise RecordRefused(_("This record is already shared."))
    if record.version != version:
        raise RecordConflict(current=record)
    findings = _attribution_findings(session, record.summary)
    missing, stale = attribution.unconfirmed(findings, confirmed)
    if missing or stale:
        raise AttributionUnconfirmed(findings, missing, stale)
    reason = _("Shared with participants by %(user)s") % {"user": user.get_username()}
    if findings:
        reason += " " + _("(%(count)d naming confirmed)") % {"count": len(findings)}
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


NEXT_ROUND_TOPIC_MINUTES = 30
NEXT_ROUND_ACTIONS_MINUTES = 15


@transaction.atomic
def session_plan_next_round(
    *, session: DialogueSession, starts_at: datetime, submission, user
) -> tuple[DialogueSession, bool]:
    """The following session of the process, with a draft agenda; (session, created).

    Same length, zone, place, format, rule and facilitators; the same people invited, their
    answers not carried over. The agenda holds one item per topic not yet at agreement and
    one item reviewing the process's open follow-up actions. The same form sent twice
    plans one session.
    """
    pk = submissions.result_id(submission, "next-round")
    if not submissions.submission_claim(submission):
        return DialogueSession.objects.get(pk=pk), False
    process = session.process
    copy = _session_copy(
        session=session, starts_at=starts_at, id=pk, public_title=session.public_title
    )
    items = [
        AgendaItem(
            session=copy,
            position=position,
            title=topic.title,
            topic=topic,
            duration_minutes=NEXT_ROUND_TOPIC_MINUTES,
            notes=_("Where it stands: %(status)s.") % {"status": topic.get_status_display()},
        )
        for position, topic in enumerate(
            access.topics_visible_to(user, process)
            .exclude(status=Topic.Status.AGREEMENT)
            .order_by("title"),
            start=1,
        )
    ]
    open_actions = list(selectors.open_actions_of_process(user, process))
    if open_actions:
        items.append(
            AgendaItem(
                session=copy,
                position=len(items) + 1,
                title=_("Review of open follow-up actions"),
                duration_minutes=NEXT_ROUND_ACTIONS_MINUTES,
                notes="\n".join(f"- {action.description}" for action in open_actions),
            )
        )
    bulk_create_with_history(items, AgendaItem, default_user=user)
    _invitations_copy(session=session, copy=copy, user=user)
    return copy, True


# --- Archive instead of delete, consents (security issue) ---------------------------------


@transaction.atomic
def objects_archive(*, queryset: QuerySet, user) -> int:
    """Archive processes, sessions or participants: they leave every page and picker, keep
    everything attached to them, and come back with `objects_restore`. Written with history."""
    objects = list(queryset.filter(archived_at__isnull=True))
    now = timezone.now()
    for obj in objects:
        obj.archived_at = now
    bulk_update_with_history(objects, queryset.model, ["archived_at"], default_user=user)
    return len(objects)


@transaction.atomic
def objects_restore(*, queryset: QuerySet, user) -> int:
    objects = list(queryset.filter(archived_at__isnull=False))
    for obj in objects:
        obj.archived_at = None
    bulk_update_with_history(objects, queryset.model, ["archived_at"], default_user=user)
    return len(objects)


@transaction.atomic
def consent_give(
    *, participant: Participant, process: DialogueProcess, kind: Consent.Kind, user
) -> Consent:
    """Record a consent as given now; giving one already in force changes nothing."""
    existing = (
        Consent.objects.in_force()
        .select_for_update()
        .filter(participant=participant, process=process, kind=kind)
        .first()
    )
    if existing is not None:
        return existing
    consent = Consent(participant=participant, process=process, kind=kind, recorded_by=user)
    consent._history_user = user
    consent.save()
    return consent


@transaction.atomic
def consents_withdraw(*, queryset: QuerySet[Consent], user) -> int:
    """Withdraw consents now. The rows stay (who agreed to what, and when, is a record);
    every output reads consents in force on its next request, so it takes effect at once."""
    # Lock the consent rows only: the admin's queryset joins nullable relations.
    consents = list(queryset.in_force().select_for_update(of=("self",)))
    now = timezone.now()
    for consent in consents:
        consent.withdrawn_at = max(now, consent.given_at)
    bulk_update_with_history(consents, Consent, ["withdrawn_at"], default_user=user)
    return len(consents)


# --- Participant portal -------------------------------------------------------------------


class AnswerClosed(ValidationError):
    """The session has started (or was cancelled): the answer can no longer change."""


@transaction.atomic
def invitation_answer(
    *, invitation: Invitation, response: str, note: str = "", now: datetime | None = None
) -> Invitation:
    """Record a participant's answer; they may change it until the session starts."""
    from mediation.selectors import answer_open

    if response not in {
        Invitation.Response.ACCEPTED,
        Invitation.Response.DECLINED,
        Invitation.Response.TENTATIVE,
    }:
        raise ValidationError(_("Choose accept, decline or tentative."), code="invalid_response")
    invitation = (
        Invitation.objects.select_for_update().select_related("session").get(pk=invitation.pk)
    )
    if not answer_open(invitation.session, now):
        raise AnswerClosed(
            _("This session has started or was cancelled: answers can no longer change."),
            code="answer_closed",
        )
    invitation.response = response
    invitation.note = note
    invitation.responded_at = now or timezone.now()
    invitation.save(update_fields=["response", "note", "responded_at", "updated_at"])
    return invitation


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
            raise ValidationError(_("This form was already sent. Reload the page."))
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
def action_item_mark_done(*, action: ActionItem) -> ActionItem:
    """The owner says the action is done."""
    if action.status != ActionItem.Status.DONE:
        action.status = ActionItem.Status.DONE
        action.save(update_fields=["status", "updated_at"])
    return action


@transaction.atomic
def calendar_token_renew(*, participant: Participant) -> str:
    """A new secret for the participant's calendar feed; the old address stops working."""
    participant.calendar_token = secrets.token_urlsafe(32)
    participant.save(update_fields=["calendar_token", "updated_at"])
    return participant.calendar_token


@transaction.atomic
def profile_update(*, user: User, time_zone: str, language: str, email: str) -> Profile:
    """Save a person's display preferences and email (on the account and the roster)."""
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.time_zone = time_zone
    profile.language = language
    profile.full_clean()
    profile.save()
    account_address_change(account=user, email=email)
    # Saved one by one (there is at most one) so the roster's history records the change.
    for participant in Participant.objects.filter(user=user).exclude(email=email):
        participant.email = email
        participant.save(update_fields=["email", "updated_at"])
    return profile


# --- Invitations and reminders by email ---------------------------------------------------


# Letters and digits no one misreads when typing a username from an email.
USERNAME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _new_username() -> str:
    """`p-` and eight random characters: it names no one (an address often holds a real
    name, and usernames show in sign-in logs and audit trails)."""
    while True:
        username = "p-" + "".join(secrets.choice(USERNAME_ALPHABET) for _ in range(8))
        if not User.objects.filter(username=username).exists():
            return username


@transaction.atomic
def participant_account_ensure(*, participant: Participant) -> User:
    """The participant's sign-in account, created (without a usable password) if missing.

    Never linked to an existing account found by address: that could hand someone else's
    account to whoever controls this address. The invitation email tells the person the
    username it gets here.
    """
    if participant.user_id is not None:
        return participant.user
    user = User(username=_new_username(), email=participant.email)
    user.set_unusable_password()
    user.save()
    participant.user = user
    participant.save(update_fields=["user", "updated_at"])
    return user


@transaction.atomic
def participant_add(
    *, participant: Participant, process: DialogueProcess | None, side: Side | None, user
) -> Participant:
    """A new person on the roster, joining the roster of `process` (the admin lets only a
    superuser leave it empty)."""
    participant._history_user = user
    participant.full_clean()
    participant.save()
    if process is not None:
        process_member_add(process=process, participant=participant, side=side, user=user)
    return participant


@transaction.atomic
def process_member_add(
    *, process: DialogueProcess, participant: Participant, user, side: Side | None = None
) -> ProcessMember:
    """Put someone on a process's roster (again: nothing changes if they are on it)."""
    member, _created = ProcessMember.objects.get_or_create(
        process=process, participant=participant, defaults={"side": side, "added_by": user}
    )
    return member


@transaction.atomic
def participant_save(*, participant: Participant, changed: list[str], user) -> Participant:
    """Save a roster entry edited by an organizer (the admin checked which fields they may
    change). The address of a linked account follows the roster's, so the set-password
    link of an invitation, which is bound to the account's address, stops working when the
    address changes and later links go to the new address only."""
    participant._history_user = user
    participant.save()
    account = participant.user
    if "email" in changed and account is not None:
        account_address_change(account=account, email=participant.email)
    return participant


@transaction.atomic
def account_address_change(*, account: User, email: str) -> None:
    """Give an account a new address and, once committed, tell the old one: a takeover by
    address is then noticed by the person it would lock out."""
    old = account.email
    if old == email:
        return
    account.email = email
    account.save(update_fields=["email"])
    if old:
        from mediation import tasks

        at = timezone.now().isoformat()
        transaction.on_commit(
            lambda: tasks.send_address_changed_email.enqueue(account.pk, old, at)
        )


def session_invitations_send(*, session: DialogueSession, base_url: str) -> tuple[int, int]:
    """Email the invitations not emailed yet, to those who agreed to be contacted.

    Returns (queued, skipped): skipped people have no consent in force or no address, and
    are left to be invited another way. Each email is a task that stamps `invited_at`.
    """
    from django.tasks import TaskResultStatus

    from mediation import emails, tasks

    pending = list(
        session.invitations.filter(invited_at__isnull=True).select_related("participant")
    )
    contactable = emails.contactable(session, [i.participant for i in pending])
    queued = skipped = 0
    for invitation in pending:
        if invitation.participant_id not in contactable:
            skipped += 1
            continue
        result = tasks.send_invitation_email.enqueue(str(invitation.pk), base_url)
        if result.status == TaskResultStatus.FAILED:
            skipped += 1
        else:
            queued += 1
    return queued, skipped


def reminders_enqueue(
    *, base_url: str, now: datetime | None = None, hours: int | None = None
) -> tuple[int, int]:
    """Queue reminders that are due: sessions starting within `hours` (REMINDER_HOURS) for
    those who accepted or may come, and actions due within three days or overdue.

    Safe to run as often as cron likes: each row is stamped once its reminder is sent.
    """
    from datetime import timedelta

    from django.conf import settings

    from mediation import emails, tasks

    now = now or timezone.now()
    hours = settings.REMINDER_HOURS if hours is None else hours
    live = access.sessions_visible_to_all_live().exclude(status=DialogueSession.Status.CANCELLED)
    invitations = Invitation.objects.filter(
        session__in=live.filter(starts_at__gt=now, starts_at__lte=now + timedelta(hours=hours)),
        reminded_at__isnull=True,
        response__in=[Invitation.Response.ACCEPTED, Invitation.Response.TENTATIVE],
    ).select_related("session__process", "participant")
    sessions_queued = 0
    for invitation in invitations:
        if emails.may_email(invitation.session, invitation.participant):
            tasks.send_session_reminder_email.enqueue(str(invitation.pk), base_url)
            sessions_queued += 1
    today = timezone.localdate(now)
    actions = ActionItem.objects.filter(
        session__in=live,
        owner__isnull=False,
        reminded_at__isnull=True,
        status__in=[ActionItem.Status.OPEN, ActionItem.Status.IN_PROGRESS],
        due_date__lte=today + timedelta(days=3),
    ).select_related("session__process", "owner")
    actions_queued = 0
    for action in actions:
        if emails.may_email(action.session, action.owner):
            tasks.send_action_reminder_email.enqueue(str(action.pk), base_url)
            actions_queued += 1
    return sessions_queued, actions_queued


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
