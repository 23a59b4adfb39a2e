"""Reads of a session's record."""

from __future__ import annotations

from dataclasses import dataclass

from mediation.models import (
    DialogueSession,
    Invitation,
    SessionRecord,
)
from mediation.records import attribution, descriptions


def record_of(session: DialogueSession) -> SessionRecord | None:
    """The session's record with who last saved it, or None (a session the caller may
    open, so its record is theirs to read as far as their page shows it)."""
    return SessionRecord.objects.filter(session=session).select_related("updated_by").first()


def record_items(record: SessionRecord | None) -> dict:
    """The record's notes per agenda item, keyed by agenda item id (one query)."""
    if record is None:
        return {}
    return {r.agenda_item_id: r for r in record.item_records.all()}


@dataclass(frozen=True)
class AttributionCheck:
    """What a session's texts are checked against under a non-attribution rule: the
    attendees' names (terms), their traits for descriptions, and the process's threshold."""

    terms: list[attribution.Term]
    attendees: list[descriptions.Attendee]
    k: int

    def findings(self, text: str) -> list[attribution.Finding]:
        return attribution.find_attributions(text, self.terms, self.attendees, self.k)

    @property
    def checked(self) -> attribution.Checked:
        return attribution.Checked.of(self.terms, self.attendees, self.k)


def attribution_check_of(session: DialogueSession) -> AttributionCheck:
    """The check for `session`'s texts, from those invited who did not decline (one
    query): whom a summary must not name or single out."""
    invitations = session.invitations.exclude(response=Invitation.Response.DECLINED)
    return attribution_check_from(invitations, k=session.process.description_threshold)


def attribution_check_from(invitations, *, k: int) -> AttributionCheck:
    """The check against the people of `invitations` (each person once, with the side and
    capacity of their first invitation), in one query."""
    people, attendees, seen = [], [], set()
    for invitation in invitations.select_related("participant", "side").order_by("pk"):
        if invitation.participant_id in seen:
            continue
        seen.add(invitation.participant_id)
        people.append(invitation.participant)
        attendees.append(
            descriptions.attendee(
                invitation.participant,
                side=invitation.side.name if invitation.side else "",
                capacity=invitation.capacity,
            )
        )
    return AttributionCheck(terms=attribution.terms_for(people), attendees=attendees, k=k)
