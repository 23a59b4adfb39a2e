"""Who someone is: organizer, facilitator, participant."""

from __future__ import annotations

import operator
from functools import reduce
from typing import NamedTuple

import django_otp
from django.contrib.auth.models import AnonymousUser, Group, User
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, OuterRef, Q

from mediation.models import DialogueSession, Participant
from mediation.prepared import PreparedQuery

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


# The kinds of viewer whose scopes are written differently: a prepared query (e.g.
# `open_session`'s) is compiled once for each.
VIEWER_KINDS = ("superuser", "organizer", "other")


def viewer_kind(user: AnyUser) -> str:
    """Which of VIEWER_KINDS the user is."""
    if user.is_superuser:
        return "superuser"
    return "organizer" if is_organizer(user) else "other"


def stand_in_viewer(user_id: int, *, organizer: bool = False, superuser: bool = False) -> User:
    """A user never saved, standing for the viewer while a prepared query is compiled
    (mediation/prepared.py): the scopes read only its id, whether it is active, and whether
    it organizes (kept on it, so no query asks)."""
    viewer = User(pk=user_id, is_active=True, is_superuser=superuser)
    viewer._is_organizer = organizer or superuser
    return viewer


def participant_of(user: AnyUser) -> Participant | None:
    if not user.is_authenticated:
        return None
    try:
        return user.participant
    except Participant.DoesNotExist:
        return None


def owns_confirmed_device() -> Q:
    """A condition on users: they own a confirmed device of any kind django-otp knows
    (authenticator app, backup codes)."""
    return reduce(
        operator.or_,
        [
            Q(Exists(model.objects.filter(user_id=OuterRef("pk"), confirmed=True)))
            for model in django_otp.device_classes()
        ],
    )


class ViewerFacts(NamedTuple):
    """What every page needs to know about the signed-in person, read in one query."""

    time_zone: str
    language: str
    roles: frozenset[str]
    # Owns a confirmed two-factor device (accounts/twofactor.py asks on every page).
    has_device: bool = False


NO_FACTS = ViewerFacts("", "", frozenset())


def _with_facts(users):
    return users.annotate(
        in_organizers=Exists(Group.objects.filter(name=ORGANIZERS_GROUP, user=OuterRef("pk"))),
        facilitates=Exists(
            DialogueSession.facilitators.through.objects.filter(user=OuterRef("pk"))
        ),
        participates=Exists(Participant.objects.filter(user=OuterRef("pk"))),
        has_device=owns_confirmed_device(),
    )


_FACT_COLUMNS = (
    "profile__time_zone",
    "profile__language",
    "in_organizers",
    "facilitates",
    "participates",
    "has_device",
)
_USER_FIELDS = [field.attname for field in User._meta.concrete_fields]
# Compiled once per process (mediation/prepared.py): building these queries with their
# EXISTS took 3.2 ms a request, running them well under 0.1 ms.
_FACTS = PreparedQuery(
    lambda user_id: _with_facts(User.objects.filter(pk=user_id)).values_list(*_FACT_COLUMNS)
)
_USER_AND_FACTS = PreparedQuery(
    lambda user_id: _with_facts(User.objects.filter(pk=user_id)).values_list(
        *_USER_FIELDS, *_FACT_COLUMNS
    )
)


def _keep_facts(user: User, row: tuple) -> ViewerFacts:
    time_zone, language, in_organizers, facilitates, participates, has_device = row
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
    user._viewer_facts = ViewerFacts(
        time_zone or "", language or "", frozenset(roles), bool(has_device)
    )
    return user._viewer_facts


def viewer_facts(user: AnyUser) -> ViewerFacts:
    """The viewer's preferences (Profile), roles and two-factor device in one query, kept
    on the user object (already there when the user was loaded by `user_with_facts`).

    The locale middleware asks for it on every request; the two-factor middleware, the role
    menu of every page and the home page then read it (`roles_of`) instead of asking the
    database again.
    """
    if not (user.is_authenticated and user.is_active):
        return NO_FACTS
    cached = getattr(user, "_viewer_facts", None)
    if cached is not None:
        return cached
    rows = _FACTS.rows(user.pk)
    return _keep_facts(user, rows[0]) if rows else NO_FACTS


def user_with_facts(user_id: int) -> User | None:
    """The signed-in user and their facts in one query (accounts/backends.py): the
    request's user and `viewer_facts` cost one query together."""
    rows = _USER_AND_FACTS.rows(user_id)
    if not rows:
        return None
    user = User.from_db(DEFAULT_DB_ALIAS, _USER_FIELDS, rows[0][: len(_USER_FIELDS)])
    _keep_facts(user, rows[0][len(_USER_FIELDS) :])
    return user


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
