"""Writes of outcome documents and the transfer log, one transaction each.

A document's text is never overwritten: each save adds a version. Clearance is given by a
side to one version, so a new version leaves every side uncleared again; release needs
every side's clearance of the current version, and under the non-attribution rule a text
that names or singles out an attendee is not cleared.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from mediation import access, submissions
from mediation.errors import Refusal
from mediation.models import (
    Briefing,
    DialogueProcess,
    OfficialContact,
    OutcomeClearance,
    OutcomeDocument,
    OutcomeVersion,
    Participant,
    Side,
)

from . import selectors


def _same_process(process: DialogueProcess, objects, field: str) -> None:
    if any(obj.process_id != process.pk for obj in objects):
        raise Refusal({field: _("Choose among this process's own.")})


def _locked(document: OutcomeDocument) -> OutcomeDocument:
    locked = OutcomeDocument.objects.select_for_update().get(pk=document.pk)
    if locked.is_released:
        raise Refusal(_("This document is released: it cannot change any more."))
    return locked


@transaction.atomic
def outcome_document_create(
    *,
    process: DialogueProcess,
    user,
    submission,
    kind: str,
    title: str,
    rule: str,
    body: str,
    cited_sessions=(),
    cited_topics=(),
    seed: bool = False,
    to_sessions=(),
    to_contacts=(),
) -> tuple[OutcomeDocument, bool]:
    """A new draft with its first version; (document, created). The same form sent twice
    creates one. With `seed`, the text starts from the cited sessions' records."""
    pk = submissions.result_id(submission, "outcome")
    if not submissions.submission_claim(submission):
        return OutcomeDocument.objects.get(pk=pk), False
    _same_process(process, cited_sessions, "cited_sessions")
    _same_process(process, cited_topics, "cited_topics")
    _same_process(process, to_sessions, "to_sessions")
    _same_process(process, to_contacts, "to_contacts")
    if seed:
        seeded = selectors.seeded_text(user, process, cited_sessions, cited_topics)
        body = "\n\n".join(part for part in (body.strip(), seeded) if part)
    document = OutcomeDocument.objects.create(
        id=pk, process=process, kind=kind, title=title, rule=rule, version=1
    )
    document.cited_sessions.set(cited_sessions)
    document.cited_topics.set(cited_topics)
    document.to_sessions.set(to_sessions)
    document.to_contacts.set(to_contacts)
    OutcomeVersion.objects.create(
        document=document,
        number=1,
        title=title,
        body=body,
        note=_("First draft") if not seed else _("First draft, from the session records"),
        author=user,
    )
    return document, True


@transaction.atomic
def outcome_document_revise(
    *,
    document: OutcomeDocument,
    user,
    based_on: int,
    title: str,
    body: str,
    note: str,
    rule: str,
    cited_sessions=(),
    cited_topics=(),
    to_sessions=(),
    to_contacts=(),
    to_public: bool = False,
) -> OutcomeVersion:
    """Save a new version. Refused when someone saved another version since the form was
    opened (`based_on`), so nobody's text is silently replaced; refused once released."""
    locked = _locked(document)
    if locked.version != based_on:
        raise Refusal(
            {
                "body": _(
                    "Someone saved version %(number)s while you were writing. Your text is "
                    "kept below: compare it with the new version, then save again."
                )
                % {"number": locked.version}
            }
        )
    process = locked.process
    for objects, field in (
        (cited_sessions, "cited_sessions"),
        (cited_topics, "cited_topics"),
        (to_sessions, "to_sessions"),
        (to_contacts, "to_contacts"),
    ):
        _same_process(process, objects, field)
    locked.version += 1
    locked.title = title
    locked.rule = rule
    locked.to_public = to_public
    locked.save()
    locked.cited_sessions.set(cited_sessions)
    locked.cited_topics.set(cited_topics)
    locked.to_sessions.set(to_sessions)
    locked.to_contacts.set(to_contacts)
    return OutcomeVersion.objects.create(
        document=locked, number=locked.version, title=title, body=body, note=note, author=user
    )


def _no_convenor(side: Side) -> str:
    return _(
        "%(side)s has no convenor named yet: an organizer names the convenors of each side "
        "on the process's page in the admin."
    ) % {"side": side.name}


@transaction.atomic
def outcome_document_clear(
    *, document: OutcomeDocument, user, side: Side, version: int, convenor: Participant
) -> OutcomeClearance:
    """Record that `convenor`, one of those `side` names, cleared `version` for it. Only
    the current version can be cleared; under the non-attribution rule, only a text that
    passes the check."""
    locked = _locked(document)
    if side.process_id != locked.process_id:
        raise Refusal({"side": _("Choose a side of this process.")})
    designated = set(side.convenors.values_list("pk", flat=True))
    if not designated:
        raise Refusal({"side": _no_convenor(side)})
    if convenor.pk not in designated:
        raise Refusal(
            {
                "convenor": _(
                    "This person is not a named convenor of %(side)s: choose one of its own "
                    "convenors."
                )
                % {"side": side.name}
            }
        )
    if version != locked.version:
        raise Refusal(
            _("Version %(number)s is no longer the current one: clear the current version.")
            % {"number": version}
        )
    current = selectors.current_version(locked)
    if selectors.attribution_findings(locked, current):
        raise Refusal(
            _(
                "This non-attributable text names or singles out someone who took part. "
                "Rewrite the sentences marked below before it is cleared."
            )
        )
    if locked.clearances.filter(side=side, version=version).exists():
        raise Refusal({"side": _("This side has already cleared this version.")})
    return OutcomeClearance.objects.create(
        document=locked, side=side, version=version, convenor=convenor, recorded_by=user
    )


@transaction.atomic
def outcome_document_release(*, document: OutcomeDocument, user) -> OutcomeDocument:
    """Release the document to its distribution list: only once every side of the process
    names a convenor and has cleared its current version."""
    locked = _locked(document)
    rows = selectors.clearance_by_side(locked)
    if not rows:
        raise Refusal(_("The process has no sides yet: name them before releasing."))
    unnamed = [row.side.name for row in rows if not row.convenors]
    if unnamed:
        raise Refusal(
            _(
                "No convenor is named for %(sides)s yet: an organizer names each side's "
                "convenors on the process's page in the admin, and each side then clears the "
                "current version."
            )
            % {"sides": ", ".join(unnamed)}
        )
    waiting = [row.side.name for row in rows if not row.cleared]
    if waiting:
        raise Refusal(
            _("Not every side has cleared version %(number)s yet: %(sides)s.")
            % {"number": locked.version, "sides": ", ".join(waiting)}
        )
    locked.state = OutcomeDocument.State.RELEASED
    locked.released_at = timezone.now()
    locked.released_by = user
    locked.save()
    return locked


@transaction.atomic
def side_convenors_name(*, side: Side, convenors) -> Side:
    """Name the convenors of a side (the admin does it through its form, with the same
    rule): people in the side's process only."""
    allowed = set(access.participants_in_process(side.process).values_list("pk", flat=True))
    if any(person.pk not in allowed for person in convenors):
        raise Refusal({"convenors": _("Choose people of this process.")})
    side.convenors.set(convenors)
    return side


# --- The transfer log ---------------------------------------------------------------------


@transaction.atomic
def official_contact_add(
    *, process: DialogueProcess, submission, **fields
) -> tuple[OfficialContact, bool]:
    pk = submissions.result_id(submission, "official-contact")
    if not submissions.submission_claim(submission):
        return OfficialContact.objects.get(pk=pk), False
    contact = OfficialContact(id=pk, process=process, **fields)
    contact.full_clean(exclude=["process"])
    contact.save()
    return contact, True


@transaction.atomic
def briefing_add(
    *,
    process: DialogueProcess,
    user,
    submission,
    briefed_on: date,
    briefed_by: str,
    channel: str,
    contacts,
    documents=(),
    topics=(),
    reception: int,
    feedback: str = "",
    feedback_on: date | None = None,
) -> tuple[Briefing, bool]:
    pk = submissions.result_id(submission, "briefing")
    if not submissions.submission_claim(submission):
        return Briefing.objects.get(pk=pk), False
    _same_process(process, contacts, "contacts")
    _same_process(process, documents, "documents")
    _same_process(process, topics, "topics")
    briefing = Briefing.objects.create(
        id=pk,
        process=process,
        briefed_on=briefed_on,
        briefed_by=briefed_by,
        channel=channel,
        reception=reception,
        feedback=feedback,
        feedback_on=feedback_on,
        recorded_by=user,
    )
    briefing.contacts.set(contacts)
    briefing.documents.set(documents)
    briefing.topics.set(topics)
    return briefing, True


@transaction.atomic
def briefing_feedback(
    *, briefing: Briefing, reception: int, feedback: str, feedback_on: date | None
) -> Briefing:
    """What came back from a briefing, and how it was received."""
    briefing.reception = reception
    briefing.feedback = feedback
    briefing.feedback_on = feedback_on
    briefing.save(update_fields=["reception", "feedback", "feedback_on", "updated_at"])
    return briefing
