"""May this content leave to this audience? The one place that answers.

Every output of a session (the session page, the participant summary, calendar files and
feeds, emails, exports) asks `may_leave` before it includes a piece of content, and asks a
`Disclosure` how to name each person. The answer follows the session's confidentiality
rule, the process's "on the record" setting, the record's state and, for people, their
identity protection and the consents in force at this moment, so a withdrawal takes effect
on the next request everywhere.

Audiences:
- TEAM: the session's facilitators and the process's organizers (cleared for everything
  the session keeps);
- PARTICIPANTS: people invited to the session, reading it in the product;
- CALENDAR and EMAIL: text that leaves the product and lands in other systems (calendar
  providers, mailboxes), so it is neutral unless the process is on the record;
- EXPORT: a document meant to be shared beyond the team.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from mediation.models import Consent, DialogueProcess, DialogueSession, Participant, SessionRecord


class Audience(StrEnum):
    TEAM = "team"
    PARTICIPANTS = "participants"
    CALENDAR = "calendar"
    EMAIL = "email"
    EXPORT = "export"


class Content(StrEnum):
    NOTES = "notes"  # internal notes, per-item discussion, outcomes: the working record
    SUMMARY = "summary"  # the summary prepared for participants
    TITLE = "title"  # the session's working title (it may name the conflict or people)
    TOPICS = "topics"  # agenda, topics and objectives
    PLACE = "place"  # the venue
    ATTENDEES = "attendees"  # who takes part, by name or pseudonym
    ANSWERS = "answers"  # who accepted or declined


OUTSIDE = frozenset({Audience.CALENDAR, Audience.EMAIL})

Rule = DialogueSession.Confidentiality


def may_record(session: DialogueSession) -> bool:
    """Under "no written record" the product keeps no notes of the session at all."""
    return session.confidentiality != Rule.NO_RECORD


def may_attribute(session: DialogueSession) -> bool:
    """Only an on-the-record session lets a shared text say who said what."""
    return session.confidentiality == Rule.ON_RECORD


def needs_attribution_check(session: DialogueSession) -> bool:
    """Under Chatham House or off the record, a summary naming attendees is stopped."""
    return session.confidentiality in {Rule.CHATHAM_HOUSE, Rule.OFF_RECORD}


def may_leave(
    content: Content,
    *,
    session: DialogueSession,
    audience: Audience,
    record: SessionRecord | None = None,
) -> bool:
    """Whether this kind of content about this session may be shown to this audience."""
    process: DialogueProcess = session.process
    if content in {Content.NOTES, Content.SUMMARY} and not may_record(session):
        return False
    if audience == Audience.TEAM:
        return True
    match content:
        case Content.NOTES:
            return False
        case Content.SUMMARY:
            shared = record is not None and record.is_shared
            return shared and audience in {Audience.PARTICIPANTS, Audience.EXPORT}
        case Content.TITLE | Content.TOPICS | Content.PLACE:
            if audience in OUTSIDE or audience == Audience.EXPORT:
                return process.on_record
            return True
        case Content.ATTENDEES:
            if audience in OUTSIDE:
                return process.on_record
            return True
        case Content.ANSWERS:
            return audience == Audience.PARTICIPANTS and process.answers_visible
    return False


def may_name_zone(session: DialogueSession, audience: Audience) -> bool:
    """A session's time zone ("Asia/Tokyo") says roughly where it meets, so it leaves only
    where the place itself may; calendars and emails never name the zone of a session
    whose place is undisclosed."""
    undisclosed = session.location_kind == DialogueSession.LocationKind.UNDISCLOSED
    if undisclosed and audience in OUTSIDE:
        return False
    return may_leave(Content.PLACE, session=session, audience=audience)


def public_title(session: DialogueSession, audience: Audience) -> str:
    """The title this audience may read: the real one, or a neutral one that says nothing."""
    if may_leave(Content.TITLE, session=session, audience=audience):
        return session.title
    return session.public_title or _("Dialogue meeting")


def consents_in_force(
    process: DialogueProcess, participants: Iterable[Participant]
) -> frozenset[tuple[object, str]]:
    """(participant id, kind) pairs of the consents in force, in one query."""
    ids = [p.pk for p in participants]
    if not ids:
        return frozenset()
    rows = (
        Consent.objects.in_force()
        .filter(process=process, participant_id__in=ids)
        .values_list("participant_id", "kind")
    )
    return frozenset(rows)


@dataclass(frozen=True)
class Disclosure:
    """What one audience may be told about one session and the people in it."""

    session: DialogueSession
    audience: Audience
    consents: frozenset[tuple[object, str]]
    record: SessionRecord | None = None

    def allows(self, content: Content) -> bool:
        return may_leave(content, session=self.session, audience=self.audience, record=self.record)

    def has_consent(self, participant: Participant, kind: Consent.Kind) -> bool:
        return (participant.pk, kind) in self.consents

    def name_of(self, participant: Participant) -> str | None:
        """How this audience may name the person, or None when they may only be counted.

        The team sees everyone by name (and pseudonym). Other participants see those who
        consented to be listed, protected people by pseudonym only. Documents that leave
        (exports, and calendars or emails of an on-the-record process) name only those who
        consented to be named, again protected people by pseudonym.
        """
        if self.audience == Audience.TEAM:
            return participant.full_label
        if not self.allows(Content.ATTENDEES):
            return None
        needed = (
            Consent.Kind.LISTED if self.audience == Audience.PARTICIPANTS else Consent.Kind.NAMED
        )
        if not self.has_consent(participant, needed):
            return None
        return participant.public_name

    def may_contact(self, participant: Participant) -> bool:
        """Whether the product may email this person about this process."""
        return bool(participant.email) and self.has_consent(participant, Consent.Kind.CONTACTED)


def disclosure_for(
    session: DialogueSession,
    audience: Audience,
    *,
    participants: Iterable[Participant] = (),
    record: SessionRecord | None = None,
) -> Disclosure:
    """A Disclosure for the people given (one query for their consents; none for TEAM)."""
    consents = (
        frozenset()
        if audience == Audience.TEAM
        else consents_in_force(session.process, participants)
    )
    return Disclosure(session=session, audience=audience, consents=consents, record=record)


def person_name(person: Participant, *, identified: bool) -> str:
    """A person named outside a session's own page (a side's convenor on an outcome
    document): the real name with the pseudonym to a reader cleared to see who they are
    (`access.participants_identified_to`), the pseudonym of a protected person to anyone
    else. Showing a protected real name is a read to audit."""
    return person.full_label if identified else person.public_name
