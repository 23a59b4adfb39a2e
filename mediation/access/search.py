"""What each kind of search result may include: the same rules as the pages they link to.

A search finds only what the searcher could open: processes and topics through the process
page, sessions, agenda items, actions and summaries through the session page, people
through the admin (organizers) or the session page's list of who comes (participants).
Team-only text (agenda notes, internal notes, the working record) is searched only in
sessions the searcher may edit; a protected person's real name and other names only by
those cleared to see them (`participants_identified_to`).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from mediation.models import (
    ActionItem,
    AgendaItem,
    Consent,
    DialogueSession,
    Invitation,
    Participant,
    SessionRecord,
    Topic,
)

from .administered import actions_visible_to
from .people import participants_identified_to
from .portal import actions_owned_by
from .roles import AnyUser
from .sessions import (
    processes_administered_by,
    processes_visible_to,
    sessions_editable_by,
    sessions_visible_to,
)


def topics_readable_by(user: AnyUser) -> QuerySet[Topic]:
    """`topics_visible_to` across every process whose page the user may open: all topics
    of the processes they organize; elsewhere those on the agenda or actions of sessions
    they may open, and those no session has taken up yet."""
    visible = sessions_visible_to(user).values("id")
    used = AgendaItem.objects.values("topic_id")
    acted = ActionItem.objects.values("topic_id")
    return Topic.objects.filter(process__in=processes_visible_to(user).values("id")).filter(
        Q(process__in=processes_administered_by(user).values("id"))
        | Q(pk__in=AgendaItem.objects.filter(session__in=visible).values("topic_id"))
        | Q(pk__in=ActionItem.objects.filter(session__in=visible).values("topic_id"))
        | (~Q(pk__in=used.exclude(topic=None)) & ~Q(pk__in=acted.exclude(topic=None)))
    )


def agenda_items_visible_to(user: AnyUser) -> QuerySet[AgendaItem]:
    return AgendaItem.objects.filter(session__in=sessions_visible_to(user).values("id"))


def agenda_items_editable_by(user: AnyUser) -> QuerySet[AgendaItem]:
    """Agenda items whose notes the user may read: those of sessions they plan."""
    return AgendaItem.objects.filter(session__in=sessions_editable_by(user).values("id"))


def actions_readable_by(user: AnyUser) -> QuerySet[ActionItem]:
    """The team's actions of the sessions they plan, and a participant's own."""
    return ActionItem.objects.filter(
        Q(pk__in=actions_visible_to(user).values("pk"))
        | Q(pk__in=actions_owned_by(user).values("pk"))
    )


def participants_listed_to(user: AnyUser) -> QuerySet[Participant]:
    """People the session page lists to the user as a fellow invitee: invited to a session
    the user may open, and consenting (in force) to be listed in its process. Named there
    by `public_name`: the pseudonym of a protected person."""
    listed = Consent.objects.in_force().filter(
        kind=Consent.Kind.LISTED,
        participant_id=OuterRef("participant_id"),
        process_id=OuterRef("session__process_id"),
    )
    invited = Invitation.objects.filter(session__in=sessions_visible_to(user).values("id")).filter(
        Exists(listed)
    )
    return Participant.objects.filter(pk__in=invited.values("participant_id"))


def participants_findable_by(user: AnyUser) -> tuple[QuerySet, QuerySet]:
    """(people the user may find by everything about them, people they may find by the
    name they are shown under only)."""
    identified = participants_identified_to(user)
    return identified, participants_listed_to(user).exclude(pk__in=identified.values("pk"))


def records_editable_by(user: AnyUser) -> QuerySet[SessionRecord]:
    """Records whose working text (internal notes, outcomes, item notes) the user may
    read: those of sessions they plan, unless the session keeps no written record."""
    return SessionRecord.objects.filter(
        session__in=sessions_editable_by(user).values("id")
    ).exclude(session__confidentiality=DialogueSession.Confidentiality.NO_RECORD)


def summaries_shared_with(user: AnyUser) -> QuerySet[SessionRecord]:
    """Records whose summary the user may read: shared ones of sessions they may open (and
    every summary of the sessions they plan)."""
    shared = SessionRecord.objects.filter(
        session__in=sessions_visible_to(user).values("id"),
        state__in=[SessionRecord.State.SHARED, SessionRecord.State.LOCKED],
    ).exclude(session__confidentiality=DialogueSession.Confidentiality.NO_RECORD)
    return SessionRecord.objects.filter(
        Q(pk__in=shared.values("pk")) | Q(pk__in=records_editable_by(user).values("pk"))
    )
