"""Reads of outcome documents: lists, the clearance of each side, version comparisons, the
draft seeded from session records, and the non-attribution check of a document."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from mediation import access, confidentiality
from mediation.models import (
    DialogueSession,
    Invitation,
    ItemRecord,
    OutcomeClearance,
    OutcomeDocument,
    OutcomeVersion,
    Participant,
    Side,
    Topic,
)
from mediation.records.selectors import AttributionCheck, attribution_check_from


def documents_of(user, can: access.OutcomeAccess) -> QuerySet[OutcomeDocument]:
    """The process's documents the user may read, newest change first."""
    return access.outcomes_of(user, can).order_by("-updated_at")


def session_choices(user, process) -> QuerySet[DialogueSession]:
    """Sessions a document may cite or be given to: those of the process the user runs."""
    return access.sessions_editable_by(user).filter(process=process).order_by("-starts_at")


def topic_choices(user, process) -> QuerySet[Topic]:
    return access.topics_visible_to(user, process).order_by("title")


def current_version(document: OutcomeDocument) -> OutcomeVersion | None:
    return document.versions.filter(number=document.version).select_related("author").first()


def versions_of(document: OutcomeDocument) -> QuerySet[OutcomeVersion]:
    return document.versions.select_related("author").order_by("-number")


@dataclass(frozen=True)
class SideClearance:
    side: Side
    clearance: OutcomeClearance | None  # of the current version, or None
    convenors: tuple[Participant, ...] = ()  # whom the side names now

    @property
    def cleared(self) -> bool:
        return self.clearance is not None


def clearance_by_side(document: OutcomeDocument) -> list[SideClearance]:
    """Each side of the process, with its named convenors and who cleared the current
    version for it (three queries)."""
    cleared = {
        c.side_id: c
        for c in document.clearances.filter(version=document.version).select_related(
            "recorded_by", "convenor"
        )
    }
    sides = document.process.sides.order_by("name").prefetch_related(
        Prefetch("convenors", queryset=Participant.objects.order_by("created_at"))
    )
    return [
        SideClearance(
            side=side, clearance=cleared.get(side.pk), convenors=tuple(side.convenors.all())
        )
        for side in sides
    ]


def every_side_cleared(document: OutcomeDocument) -> bool:
    sides = clearance_by_side(document)
    return bool(sides) and all(row.cleared for row in sides)


@dataclass(frozen=True)
class ClearanceRow:
    """One side as the document page shows it to one reader: its convenors and who
    cleared, named as that reader may name them."""

    side: Side
    clearance: OutcomeClearance | None
    convenors: list[str]
    cleared_by: str  # the convenor's name for this reader, or the name typed long ago
    typed: bool  # cleared before the side named its convenors: the name as typed

    @property
    def cleared(self) -> bool:
        return self.clearance is not None


@dataclass(frozen=True)
class ClearanceTable:
    rows: list[ClearanceRow]
    # (side, [(convenor, name for this reader)]) for the clearance form's choices.
    choices: list[tuple[Side, list[tuple[Participant, str]]]]
    # Protected people whose real name the table shows: each a read to audit.
    identities_shown: list[Participant]

    @property
    def all_cleared(self) -> bool:
        return bool(self.rows) and all(row.cleared for row in self.rows)

    @property
    def unnamed(self) -> list[str]:
        """Sides with no convenor named: they block release."""
        return [row.side.name for row in self.rows if not row.convenors]


def clearance_table(user, document: OutcomeDocument) -> ClearanceTable:
    """The clearance of the current version per side, for one reader (four queries at
    most): protected convenors by pseudonym unless the reader may see who they are."""
    sides = clearance_by_side(document)
    people = {p.pk: p for row in sides for p in row.convenors}
    people |= {
        row.clearance.convenor_id: row.clearance.convenor
        for row in sides
        if row.clearance is not None and row.clearance.convenor is not None
    }
    protected = [pk for pk, person in people.items() if person.identity_protected]
    identified = (
        set(
            access.participants_identified_to(user)
            .filter(pk__in=protected)
            .values_list("pk", flat=True)
        )
        if protected
        else set()
    )

    def name(person: Participant) -> str:
        return confidentiality.person_name(person, identified=person.pk in identified)

    rows = []
    for row in sides:
        by = row.clearance.convenor if row.clearance is not None else None
        rows.append(
            ClearanceRow(
                side=row.side,
                clearance=row.clearance,
                convenors=[name(p) for p in row.convenors],
                cleared_by=name(by)
                if by is not None
                else getattr(row.clearance, "convenor_name", ""),
                typed=row.clearance is not None and by is None,
            )
        )
    return ClearanceTable(
        rows=rows,
        choices=[(row.side, [(p, name(p)) for p in row.convenors]) for row in sides],
        identities_shown=[people[pk] for pk in sorted(identified, key=str)],
    )


# --- The non-attribution check ------------------------------------------------------------


def attribution_check_for(document: OutcomeDocument) -> AttributionCheck:
    """Whom the document must not name or single out: those invited (and not declining) to
    the sessions it cites, or to any session of its process when it cites none."""
    cited = list(document.cited_sessions.values_list("pk", flat=True))
    invitations = Invitation.objects.exclude(response=Invitation.Response.DECLINED).filter(
        session__process=document.process_id
    )
    if cited:
        invitations = invitations.filter(session_id__in=cited)
    return attribution_check_from(invitations, k=document.process.description_threshold)


def attribution_findings(document: OutcomeDocument, version: OutcomeVersion | None) -> list:
    """The findings of the check in the version's text; none unless the document is
    non-attributable."""
    if version is None or document.rule != OutcomeDocument.Rule.NON_ATTRIBUTABLE:
        return []
    return attribution_check_for(document).findings(checked_text(version))


def checked_text(version: OutcomeVersion) -> str:
    """What the check reads (its findings' offsets are in this text): title, then body."""
    return f"{version.title}\n{version.body}"


# --- Versions -----------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed"
    text: str


def compare(older: OutcomeVersion, newer: OutcomeVersion) -> list[DiffLine]:
    """The lines of two versions, each kept, added or removed (difflib)."""
    kinds = {" ": "same", "+": "added", "-": "removed"}
    before = [f"# {older.title}", *older.body.splitlines()]
    after = [f"# {newer.title}", *newer.body.splitlines()]
    return [
        DiffLine(kind=kinds[line[0]], text=line[2:])
        for line in difflib.ndiff(before, after)
        if line[0] in kinds
    ]


# --- A draft from the records -------------------------------------------------------------


def seeded_text(user, process, sessions, topics) -> str:
    """A draft body from the records of `sessions` (their points of convergence) and the
    topics at convergence or agreement (of `topics`, or of the process when none given)."""
    allowed = session_choices(user, process).filter(pk__in=[s.pk for s in sessions])
    items = (
        ItemRecord.objects.filter(record__session__in=allowed)
        .exclude(convergence="")
        .select_related("agenda_item__topic", "record__session")
        .order_by("record__session__starts_at", "agenda_item__position")
    )
    lines = []
    items = list(items)
    if items:
        lines += [f"## {_('Points of convergence')}", ""]
        for item in items:
            heading = (
                item.agenda_item.topic.title if item.agenda_item.topic else item.agenda_item.title
            )
            lines += [f"### {heading}", "", item.convergence.strip(), ""]
    reached = topic_choices(user, process).filter(
        status__in=[Topic.Status.CONVERGENCE, Topic.Status.AGREEMENT]
    )
    if topics:
        reached = reached.filter(pk__in=[t.pk for t in topics])
    reached = list(reached)
    if reached:
        lines += [f"## {_('Where the topics stand')}", ""]
        lines += [f"- {topic.title}: {topic.get_status_display()}" for topic in reached]
    return "\n".join(lines).strip()


def document_page(document: OutcomeDocument):
    """The document with its citations and distribution, fetched in a fixed number of
    queries."""
    return (
        OutcomeDocument.objects.filter(pk=document.pk)
        .select_related("process", "released_by")
        .prefetch_related(
            Prefetch("cited_sessions", queryset=DialogueSession.objects.order_by("starts_at")),
            "cited_topics",
            Prefetch("to_sessions", queryset=DialogueSession.objects.order_by("starts_at")),
            "to_contacts",
        )
        .get()
    )
