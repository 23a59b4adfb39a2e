"""Writes that plan a session: the next round, and its invitations."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from mediation import access, submissions
from mediation.errors import Refusal
from mediation.models import (
    AgendaItem,
    Consent,
    DialogueSession,
    Invitation,
    Participant,
    Side,
    Topic,
)
from mediation.outcomes import transfer
from mediation.people import services as people_services

from . import selectors


def _session_copy(
    *, session: DialogueSession, starts_at: datetime, title: str, **fields
) -> DialogueSession:
    """A planned draft like `session` (same length, place, format, rule, facilitators)
    called `title`, starting at `starts_at`; `fields` sets anything more. A draft: its
    invitees see it once an editor publishes it."""
    copy = DialogueSession.objects.create(
        process=session.process,
        title=title,
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
    *, session: DialogueSession, starts_at: datetime, title: str, user=None
) -> DialogueSession:
    """A new planned draft of the same process: same length, agenda and invitations.

    Answers and attendance start afresh; the record and actions stay with the original.
    The copied rows are written in bulk with their history, in the name of `user`.
    """
    copy = _session_copy(session=session, starts_at=starts_at, title=title)
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


@transaction.atomic
def session_publish(*, session: DialogueSession, user) -> bool:
    """Publish a draft: its invitees see it from now on (pages, calendars, reminders).
    True if this call published it, False if it already was (two clicks, two editors)."""
    session = DialogueSession.objects.select_for_update().get(pk=session.pk)
    if not session.is_draft:
        return False
    session.published_at = timezone.now()
    session._change_reason = _("Published by %(user)s") % {"user": user.get_username()}
    session._history_user = user
    session.save(update_fields=["published_at", "updated_at"])
    return True


NEXT_ROUND_TOPIC_MINUTES = 30


NEXT_ROUND_ACTIONS_MINUTES = 15


@transaction.atomic
def session_plan_next_round(
    *, session: DialogueSession, starts_at: datetime, title: str, submission, user
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
        session=session,
        starts_at=starts_at,
        title=title,
        id=pk,
        public_title=session.public_title,
    )
    # What came back from officials on a topic is offered beside it (the team reads the
    # transfer log); a topic at agreement returns to the agenda when something came back.
    feedback = {found.topic.pk: found for found in transfer.feedback_by_topic(process)}
    topics = access.topics_visible_to(user, process).order_by("title")
    items = [
        AgendaItem(
            session=copy,
            position=position,
            title=topic.title,
            topic=topic,
            duration_minutes=NEXT_ROUND_TOPIC_MINUTES,
            notes=_next_round_notes(topic, feedback.get(topic.pk)),
        )
        for position, topic in enumerate(
            (t for t in topics if t.status != Topic.Status.AGREEMENT or t.pk in feedback),
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


def _next_round_notes(topic: Topic, feedback) -> str:
    notes = _("Where it stands: %(status)s.") % {"status": topic.get_status_display()}
    if feedback is not None:
        notes += "\n\n" + _("What came back from officials:") + "\n" + feedback.as_notes()
    return notes


@transaction.atomic
def invitation_add(
    *,
    session: DialogueSession,
    participant: Participant,
    role: str = Invitation.Role.PARTICIPANT,
    user=None,
    consent_method: str = "",
    consent_given_at: datetime | None = None,
) -> Invitation:
    """Invite someone (the caller checked they are invitable by this user), and record, when
    `consent_method` is given, that they agreed to be emailed about the process."""
    if session.invitations.filter(participant=participant).exists():
        raise Refusal(_("This person is already invited to this session."))
    invitation = Invitation(
        session=session, participant=participant, role=role or Invitation.Role.PARTICIPANT
    )
    invitation.full_clean(exclude=["session", "participant"])
    invitation.save()
    if consent_method:
        people_services.consent_give(
            participant=participant,
            process=session.process,
            kind=Consent.Kind.CONTACTED,
            user=user,
            method=consent_method,
            given_at=consent_given_at,
        )
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
        raise Refusal({"side": _("Choose a side of this session's process.")})
    if attended is not None and invitation.session.starts_at > timezone.now():
        raise Refusal({"attended": _("Attendance can be noted once the session has started.")})
    invitation.role = role
    invitation.side = side
    invitation.capacity = capacity
    invitation.attended = attended
    invitation.full_clean(exclude=["session", "participant"])
    invitation.save()
    return invitation


class InvitationAnswered(Refusal):
    """The person has answered; the invitation stays as a trace of that answer."""


@transaction.atomic
def invitation_remove(*, invitation: Invitation) -> None:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.response != Invitation.Response.INVITED:
        raise InvitationAnswered(
            _("%(name)s has answered: the invitation stays.") % {"name": invitation.participant}
        )
    invitation.delete()
