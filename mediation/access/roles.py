"""Who someone is: organizer, facilitator, participant."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User

from mediation.models import (
    Participant,
)

ORGANIZERS_GROUP = "Organizers"

ORGANIZERS_GROUP = "Organizers"

AnyUser = User | AnonymousUser


def is_organizer(user: AnyUser) -> bool:
    """Staff in the Organizers group (or a superuser). Cached on the user object."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_organizer", None)
    if cached is None:
        cached = user.is_staff and user.groups.filter(name=ORGANIZERS_GROUP).exists()
        user._is_organizer = cached
    return cached


def participant_of(user: AnyUser) -> Participant | None:
    if not user.is_authenticated:
        return None
    try:
        return user.participant
    except Participant.DoesNotExist:
        return None


def roles_of(user: AnyUser) -> set[str]:
    """The roles a user holds anywhere, used to greet them and pick their home page."""
    roles = set()
    if is_organizer(user):
        roles.add("organizer")
    if user.is_authenticated and user.facilitated_sessions.exists():
        roles.add("facilitator")
    if participant_of(user) is not None:
        roles.add("participant")
    return roles
