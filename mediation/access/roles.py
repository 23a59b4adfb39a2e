"""Who someone is: organizer, facilitator, participant."""

from __future__ import annotations

from typing import NamedTuple

from django.contrib.auth.models import AnonymousUser, Group, User
from django.db.models import Exists, OuterRef

from mediation.models import DialogueSession, Participant

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


class ViewerFacts(NamedTuple):
    """What every page needs to know about the signed-in person, read in one query."""

    time_zone: str
    language: str
    roles: frozenset[str]


NO_FACTS = ViewerFacts("", "", frozenset())


def viewer_facts(user: AnyUser) -> ViewerFacts:
    """The viewer's preferences (Profile) and roles in one query, kept on the user object.

    The locale middleware asks for it on every request; the role menu of every page and the
    home page then read the roles from it (`roles_of`) instead of asking the database again.
    """
    if not (user.is_authenticated and user.is_active):
        return NO_FACTS
    cached = getattr(user, "_viewer_facts", None)
    if cached is not None:
        return cached
    row = (
        User.objects.filter(pk=user.pk)
        .annotate(
            in_organizers=Exists(Group.objects.filter(name=ORGANIZERS_GROUP, user=OuterRef("pk"))),
            facilitates=Exists(
                DialogueSession.facilitators.through.objects.filter(user=OuterRef("pk"))
            ),
            participates=Exists(Participant.objects.filter(user=OuterRef("pk"))),
        )
        .values_list(
            "profile__time_zone",
            "profile__language",
            "in_organizers",
            "facilitates",
            "participates",
        )
        .first()
    )
    if row is None:
        return NO_FACTS
    time_zone, language, in_organizers, facilitates, participates = row
    user._is_organizer = user.is_superuser or (user.is_staff and in_organizers)
    roles = {
        name
        for name, held in (
            ("organizer", user._is_organizer),
            ("facilitator", facilitates),
            ("participant", participates),
        )
        if held
    }
    user._viewer_facts = ViewerFacts(time_zone or "", language or "", frozenset(roles))
    return user._viewer_facts


def roles_of(user: AnyUser) -> set[str]:
    """The roles a user holds anywhere, used to greet them and pick their home page."""
    facts = getattr(user, "_viewer_facts", None)
    if facts is not None:
        return set(facts.roles)
    roles = set()
    if is_organizer(user):
        roles.add("organizer")
    if user.is_authenticated and user.facilitated_sessions.exists():
        roles.add("facilitator")
    if participant_of(user) is not None:
        roles.add("participant")
    return roles
