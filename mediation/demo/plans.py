"""What each piece of demo data is made of: frozen dataclasses the modules beside this one
fill in and `seed_demo` writes.

People are named by their name (a key into `people.PEOPLE`), logins by their username,
topics and sides by their title within the process. Days count from the day the demo is
first loaded, so a fresh demo always has past and upcoming sessions.
"""

from __future__ import annotations

from dataclasses import dataclass

from mediation.models import DialogueSession


@dataclass(frozen=True)
class Login:
    """A demo sign-in account."""

    username: str
    first_name: str
    last_name: str
    organizer: bool = False  # staff, in the Organizers group
    shown_as: str = ""  # the line the command prints about it; empty: not printed


@dataclass(frozen=True)
class Person:
    """Someone on the roster. The address is the natural key."""

    name: str
    email: str
    category: str
    affiliation: str
    country: str
    languages: str
    expertise: str = ""
    pseudonym: str = ""  # set: the identity is protected and shown by this name
    login: str = ""  # the demo login that is this person
    title: str = ""  # rank or title, as the non-attribution check reads descriptions
    aliases: str = ""  # other names and spellings, comma-separated


@dataclass(frozen=True)
class Member:
    """A place on a process's roster, by side."""

    person: str
    side: str


@dataclass(frozen=True)
class TopicPlan:
    title: str
    sensitivity: str
    status: str
    description: str = ""


@dataclass(frozen=True)
class Invite:
    """An invitation and its answer; the side is the person's side on the roster."""

    person: str
    role: str
    response: str


@dataclass(frozen=True)
class AgendaLine:
    title: str
    topic: str | None
    minutes: int
    lead: str | None  # someone invited to the session


@dataclass(frozen=True)
class ItemNote:
    """What the record says of one agenda item (by its title), and the status its topic
    reached there: the points of the process overview's topic trajectories."""

    item: str
    topic_status: str
    convergence: str = ""
    divergence: str = ""


@dataclass(frozen=True)
class RecordPlan:
    """The facilitator's record; `shared_days_after` the session, or still a draft."""

    internal_notes: str
    summary: str
    shared_days_after: int | None = None
    items: tuple[ItemNote, ...] = ()


@dataclass(frozen=True)
class ActionPlan:
    description: str
    owner: str  # someone invited to the session
    due_in_days: int
    status: str


@dataclass(frozen=True)
class SessionPlan:
    """One meeting. Sessions before the first run are held (answers given a week before,
    attendance noted); the others are confirmed."""

    title: str
    day_offset: int
    hour: int  # local start, in `zone`
    zone: str
    facilitators: tuple[str, ...]
    invited: tuple[Invite, ...]
    agenda: tuple[AgendaLine, ...]
    format: str
    confidentiality: str
    objectives: str
    location_kind: str = DialogueSession.LocationKind.VENUE
    venue: str = ""
    hours: int = 3
    record: RecordPlan | None = None
    actions: tuple[ActionPlan, ...] = ()


@dataclass(frozen=True)
class ProcessPlan:
    """A dialogue process. `roster_keeper` (one of its organizers) adds its people and
    records their consents."""

    title: str
    conflict: str
    track: str
    status: str
    organizers: tuple[str, ...]
    roster_keeper: str
    sides: tuple[str, ...]
    topics: tuple[TopicPlan, ...]
    roster: tuple[Member, ...]
    sessions: tuple[SessionPlan, ...]
