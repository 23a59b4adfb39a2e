"""What the team plans a session with: choices, earlier actions, the room."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef, Q, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext

from mediation import access
from mediation.models import (
    ActionItem,
    Consent,
    DialogueSession,
    Invitation,
    Participant,
    Side,
    Topic,
)
from mediation.sessions.selectors import OPEN_STATUSES, SessionPage

EARLIER_ACTIONS_SHOWN = 20


CANDIDATES_SHOWN = 20


@dataclass(frozen=True)
class BalanceRow:
    """One side or category of people in the room: invited, accepted and attended."""

    label: str
    invited: int
    accepted: int
    attended: int


@dataclass
class Workspace:
    """What the team needs to plan a session, beyond what everyone reads on its page."""

    topics: list[Topic]
    sides: list[Side]
    leads: list[Participant]
    earlier_actions: list[ActionItem]
    by_side: list[BalanceRow] = field(default_factory=list)
    by_category: list[BalanceRow] = field(default_factory=list)
    attendance_known: bool = False
    overrun_minutes: int = 0


def room_balance(invitations: list[Invitation], key, labels) -> list[BalanceRow]:
    """Counts per group, from invitations already fetched (no query)."""
    invited, accepted, attended = Counter(), Counter(), Counter()
    for invitation in invitations:
        group = key(invitation)
        invited[group] += 1
        if invitation.response == Invitation.Response.ACCEPTED:
            accepted[group] += 1
        if invitation.attended:
            attended[group] += 1
    return [
        BalanceRow(
            label=labels(group), invited=n, accepted=accepted[group], attended=attended[group]
        )
        for group, n in sorted(invited.items(), key=lambda kv: str(labels(kv[0])))
    ]


def earlier_open_actions(user, session: DialogueSession, *, exclude_titles=()) -> list[ActionItem]:
    """Open actions from the process's earlier sessions that the user may open, to carry
    onto this agenda."""
    titles = {title.casefold() for title in exclude_titles}
    actions = (
        access.actions_visible_to(user)
        .filter(
            session__process_id=session.process_id,
            session__starts_at__lt=session.starts_at,
            status__in=OPEN_STATUSES,
        )
        .select_related("owner", "topic", "session")
        .order_by("due_date", "created_at")[:EARLIER_ACTIONS_SHOWN]
    )
    return [a for a in actions if agenda_title_for(a).casefold() not in titles]


def agenda_title_for(action: ActionItem) -> str:
    return action.description.strip().splitlines()[0][:200] if action.description.strip() else ""


def session_workspace(user, can: access.SessionAccess, page: SessionPage) -> Workspace:
    """The builder's choices (topics, sides, invited leads), earlier open actions and the
    balance of the room, in three queries whatever the number of items and invitations.
    Topics and actions are those the user may read of (`access.topics_visible_to`)."""
    session = can.session
    sides = list(session.process.sides.order_by("name"))
    side_names = {side.pk: side.name for side in sides}
    invitations = page.invitations
    return Workspace(
        topics=list(
            access.topics_visible_to(
                user, session.process, administers=can.administer_process
            ).order_by("title")
        ),
        sides=sides,
        leads=[invitation.participant for invitation in invitations],
        earlier_actions=earlier_open_actions(
            user, session, exclude_titles=[slot.item.title for slot in page.schedule]
        ),
        by_side=room_balance(
            invitations,
            key=lambda i: i.side_id,
            labels=lambda pk: side_names.get(pk) or gettext("No side given"),
        ),
        by_category=room_balance(
            invitations,
            key=lambda i: i.participant.category,
            labels=lambda value: Participant.Category(value).label,
        ),
        attendance_known=any(i.attended is not None for i in invitations),
        overrun_minutes=max(0, page.agenda_minutes - session.duration_minutes),
    )


@dataclass(frozen=True)
class Candidate:
    """Someone the user may invite, as the user may see them."""

    person: Participant
    label: str
    affiliation: str  # "" where it could tell who a protected person is
    contactable: bool = True  # agreed to be emailed about the session's process
    form: object = None  # the invite form, set by the view (bound when it had errors)

    @property
    def shows_identity(self) -> bool:
        """Whether the label names a protected person by their real name."""
        return self.person.identity_protected and self.label != self.person.public_name


# Pseudonym, name and affiliation in one text, as migration 0021 indexes it (keep the two
# the same: tests/mediation/test_trigram_plans.py checks PostgreSQL uses the index).
PEOPLE_TEXT = Concat(F("pseudonym"), Value("\n"), F("name"), Value("\n"), F("affiliation"))


def invitation_candidates(user, can: access.SessionAccess, query: str) -> list[Candidate]:
    """People matching the query whom the user may invite, bounded.

    A protected person whose identity the user may not see is matched by pseudonym only and
    shown by pseudonym only, so the search cannot tie a name to a pseudonym. An organizer
    also finds people of other processes, one at a time, by exact address (a protected
    person of another process joins through the admin, by address and pseudonym).
    """
    query, session = query.strip(), can.session
    if not query:
        return []
    invitable = access.participants_invitable_to(user, session)
    identified = access.participants_identified_to(user).values("pk")
    contactable = Consent.objects.in_force().filter(
        process_id=session.process_id, kind=Consent.Kind.CONTACTED, participant=OuterRef("pk")
    )
    by_name = Q(name__icontains=query) | Q(affiliation__icontains=query)
    # First the one condition a trigram index answers on PostgreSQL (migration 0021): any
    # person matching below has the query in this text, so it only narrows the search.
    matches = invitable.alias(people_text=PEOPLE_TEXT).filter(people_text__icontains=query)
    matches = matches.filter(
        Q(pseudonym__icontains=query)
        | (by_name & (Q(identity_protected=False) | Q(pk__in=identified)))
    )
    people = list(_as_candidates(matches, identified, contactable)[:CANDIDATES_SHOWN])
    if len(people) < CANDIDATES_SHOWN and can.administer_process:
        shown = {person.pk for person in people}
        exact = access.participants_found_exactly(user, query).exclude(
            pk__in=session.invitations.values("participant_id")
        )
        exact = _as_candidates(exact, identified, contactable)[: CANDIDATES_SHOWN - len(people)]
        people += [person for person in exact if person.pk not in shown]
    return [
        Candidate(
            person=person,
            label=person.full_label if person.identified else person.public_name,
            affiliation=person.affiliation
            if person.identified or not person.identity_protected
            else "",
            contactable=person.contactable,
        )
        for person in people
    ]


def _as_candidates(people, identified, contactable):
    return people.annotate(
        identified=Exists(identified.filter(pk=OuterRef("pk"))), contactable=Exists(contactable)
    ).order_by("name")


def invitable_person(
    user, can: access.SessionAccess, pk, found_by: str = ""
) -> Participant | None:
    """The person the user asked to invite, if they may: someone they may draw on, or
    someone of another process found by the exact address given."""
    session = can.session
    person = access.participants_invitable_to(user, session).filter(pk=pk).first()
    if person is None and found_by and can.administer_process:
        person = (
            access.participants_found_exactly(user, found_by)
            .exclude(pk__in=session.invitations.values("participant_id"))
            .filter(pk=pk)
            .first()
        )
    return person


_NUMBERED = re.compile(
    r"\b(round|session|meeting|part|phase|tour|séance|réunion|ronda)(\s+)(\d+)\b", re.IGNORECASE
)


def next_round_title(title: str) -> str:
    """The title proposed for the next round: "Round 2: incident prevention" → "Round 3:
    incident prevention" (the last "Round N", "Session N", "Meeting N"… counts up). A title
    with no such number is proposed as it is, for the editor to change."""
    matches = list(_NUMBERED.finditer(title))
    if not matches:
        return title
    last = matches[-1]
    number = str(int(last.group(3)) + 1)
    return title[: last.start(3)] + number + title[last.end(3) :]
