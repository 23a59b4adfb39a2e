"""What an organizer administers, and the topics and actions a team member may read of."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from mediation.models import (
    ActionItem,
    AgendaItem,
    DialogueProcess,
    DialogueSession,
    ReadEvent,
    Side,
    Topic,
)

from .roles import AnyUser, is_organizer
from .sessions import (
    can_administer_process,
    processes_administered_by,
    sessions_editable_by,
    sessions_visible_to,
)


def administered(queryset: QuerySet, user: AnyUser, process_path: str = "process") -> QuerySet:
    """The rows of `queryset` that belong to processes the user organizes, archived ones
    included: what the admin lists and offers in its pickers. `process_path` leads from the
    row to its process ("process", "session__process")."""
    processes = processes_administered_by(user, include_archived=True).values("id")
    return queryset.filter(**{f"{process_path}__in": processes})


def sessions_administered_by(user: AnyUser) -> QuerySet[DialogueSession]:
    return administered(DialogueSession.objects.all(), user)


def topics_administered_by(user: AnyUser) -> QuerySet[Topic]:
    return administered(Topic.objects.all(), user)


def sides_administered_by(user: AnyUser) -> QuerySet[Side]:
    return administered(Side.objects.all(), user)


def read_events_visible_to(user: AnyUser) -> QuerySet[ReadEvent]:
    """The read audit: organizers read their processes' events; superusers read all,
    including reads that belong to no process."""
    if not is_organizer(user):
        return ReadEvent.objects.none()
    if user.is_superuser:
        return ReadEvent.objects.all()
    return administered(ReadEvent.objects.all(), user)


# --- Topics and follow-up actions as a process page shows them ----------------------------


def actions_visible_to(user: AnyUser) -> QuerySet[ActionItem]:
    """Follow-up actions of the sessions the user may plan and record (live ones)."""
    return ActionItem.objects.filter(session__in=sessions_editable_by(user).values("id"))


def topics_visible_to(
    user: AnyUser, process: DialogueProcess, *, administers: bool | None = None
) -> QuerySet[Topic]:
    """The process's topics the user may read of: all of them for its organizers; for
    anyone else, those on the agenda or actions of sessions they may open, and those no
    session has taken up yet (a topic discussed only in a session someone may not open
    stays unknown to them). `administers`: whether the user organizes the process, when the
    caller already knows (`SessionAccess.administer_process`)."""
    topics = Topic.objects.filter(process=process)
    if administers is None:
        administers = can_administer_process(user, process.pk)
    if administers:
        return topics
    visible = sessions_visible_to(user).filter(process=process).values("id")
    used = AgendaItem.objects.filter(topic__process=process).values("topic_id")
    acted = ActionItem.objects.filter(topic__process=process).values("topic_id")
    return topics.filter(
        Q(pk__in=AgendaItem.objects.filter(session__in=visible).values("topic_id"))
        | Q(pk__in=ActionItem.objects.filter(session__in=visible).values("topic_id"))
        | (~Q(pk__in=used) & ~Q(pk__in=acted))
    )
