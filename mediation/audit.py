"""Leave a trace when someone reads something sensitive (see models.audit.ReadEvent).

The one writer of the read audit: pages and the admin call the function named after what
they showed, after access was granted and once per response. Changes themselves are
recorded by django-simple-history.

Reads are counted, not listed: the same person reading the same thing again within an hour
of their first read adds one to that event instead of adding a row, so a facilitator who
reloads a record thirty times is one line of the audit, with the times and the hour.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.db import models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext

from mediation import confidentiality
from mediation.models import DialogueSession, Participant, ReadEvent, SessionRecord

# Reads of one thing by one person within this time of their first are one event.
WINDOW = timedelta(hours=1)
# The read audit itself, as the object of an export of it (it has no row of its own).
READ_AUDIT_ID = uuid.UUID("6f7a1f0e-3c1b-4d7e-9a55-2d1f8b0c4e21")


def _names_for(obj: models.Model) -> dict:
    """What lets the audit name `obj` later: its session and person as links (shown as
    they are when the audit is read), and a label only for what those do not name. The
    label is never made from a person: str() of an unprotected person is their real name,
    and it would stay in the row after their identity became protected."""
    session_id = obj.pk if isinstance(obj, DialogueSession) else getattr(obj, "session_id", None)
    person_id = obj.pk if isinstance(obj, Participant) else getattr(obj, "participant_id", None)
    named_by_links = person_id is not None or isinstance(obj, DialogueSession | SessionRecord)
    return {
        "session_id": session_id,
        "participant_id": person_id,
        "object_label": "" if named_by_links else str(obj)[:200],
    }


def _log(*, user, kind: ReadEvent.Kind, obj: models.Model, process_id) -> None:
    _count(
        user=user,
        key={
            "kind": kind,
            "process_id": process_id,
            "object_type": obj._meta.label_lower,
            "object_id": obj.pk,
        },
        names=_names_for(obj),
    )


def _count(*, user, key: dict, names: dict) -> None:
    """One more read of `key` (kind, process, object) by `user`."""
    now = timezone.now()
    if not user.is_authenticated:
        # Nobody to group by (every caller reads behind a sign-in; kept for safety).
        ReadEvent.objects.create(**key, **names, username="", at=now, last_at=now)
        return
    latest = ReadEvent.objects.filter(**key, user=user, latest=True)
    # Three statements whether or not the event exists, so a page costs the same queries
    # on its first view and its tenth. Under concurrent reads the unique constraints on
    # `latest` let one insert through and make the others wait for it and skip; each read
    # then adds exactly one.
    with transaction.atomic():
        latest.filter(at__lte=now - WINDOW).update(latest=False)
        ReadEvent.objects.bulk_create(
            [
                ReadEvent(
                    **key,
                    **names,
                    user=user,
                    username=user.get_username(),
                    at=now,
                    last_at=now,
                    times=0,
                    latest=True,
                )
            ],
            ignore_conflicts=True,
        )
        latest.update(times=F("times") + 1, last_at=now)


def record_read(user, record: SessionRecord | None) -> None:
    """A response showed a session record's notes (nothing is stored, nor logged, for a
    session with no written record)."""
    if record is not None and confidentiality.may_record(record.session):
        _log(
            user=user,
            kind=ReadEvent.Kind.RECORD,
            obj=record,
            process_id=record.session.process_id,
        )


def session_identities_read(user, session: DialogueSession) -> None:
    """A response named a protected person of this session by their real name."""
    _log(user=user, kind=ReadEvent.Kind.IDENTITY, obj=session, process_id=session.process_id)


def person_identity_read(user, person: Participant, process_ids) -> None:
    """The admin showed a protected person's identity: one trace per process they are in."""
    for process_id in process_ids or [None]:
        _log(user=user, kind=ReadEvent.Kind.IDENTITY, obj=person, process_id=process_id)


def convenor_identities_read(user, people: list[Participant], process_id) -> None:
    """An outcome document's page named protected convenors of its sides by their real
    name: one read of each one's identity, under the document's process, in the same
    statements whatever their number."""
    people = list({p.pk: p for p in people}.values())
    _count_each(
        user,
        ReadEvent.Kind.IDENTITY,
        Participant._meta.label_lower,
        [(person.pk, process_id, _names_for(person)) for person in people],
    )


def history_read(user, obj: models.Model, process_id) -> None:
    """Someone read the change history of an object."""
    _log(user=user, kind=ReadEvent.Kind.HISTORY, obj=obj, process_id=process_id)


def export_read(user, session: DialogueSession) -> None:
    """Someone downloaded an export of a session."""
    _log(user=user, kind=ReadEvent.Kind.EXPORT, obj=session, process_id=session.process_id)


def briefing_read(user, session: DialogueSession) -> None:
    """Someone read a session's briefing pack (its page or its PDF)."""
    _log(user=user, kind=ReadEvent.Kind.BRIEFING, obj=session, process_id=session.process_id)


def process_export_read(user, process) -> None:
    """An organizer downloaded a whole process as JSON."""
    _log(user=user, kind=ReadEvent.Kind.EXPORT, obj=process, process_id=process.pk)


def list_export_read(user, model: type[models.Model], process_ids) -> None:
    """An organizer downloaded rows of a list (participants, sessions...) from the admin:
    one trace per process the rows belong to (None for rows of no process), so each
    process's organizers see that its rows left. Named by the kind of list only: the rows
    themselves may name protected people."""
    label = f"{capfirst(model._meta.verbose_name_plural)} (CSV)"
    object_id = uuid.uuid5(READ_AUDIT_ID, model._meta.label_lower)
    for process_id in sorted(set(process_ids), key=str) or [None]:
        _count(
            user=user,
            key={
                "kind": ReadEvent.Kind.EXPORT,
                "process_id": process_id,
                "object_type": model._meta.label_lower,
                "object_id": object_id,
            },
            names={"object_label": label[:200]},
        )


def read_audit_export_read(user) -> None:
    """A superuser downloaded the read audit itself. Filed under no process (only
    superusers see those), and named without the filters used: a search term may be a
    protected person's real name."""
    _count(
        user=user,
        key={
            "kind": ReadEvent.Kind.EXPORT,
            "process_id": None,
            "object_type": ReadEvent._meta.label_lower,
            "object_id": READ_AUDIT_ID,
        },
        names={"object_label": capfirst(ReadEvent._meta.verbose_name_plural)},
    )


def contact_identity_read(user, contact) -> None:
    """A page showed a protected official contact's real name. Named in the audit by
    pseudonym and institution (the contact's `str`), never by the name."""
    _count(
        user=user,
        key={
            "kind": ReadEvent.Kind.IDENTITY,
            "process_id": contact.process_id,
            "object_type": contact._meta.label_lower,
            "object_id": contact.pk,
        },
        names={"object_label": str(contact)[:200]},
    )


def outcome_export_read(user, document) -> None:
    """Someone downloaded an outcome document (its PDF)."""
    _log(user=user, kind=ReadEvent.Kind.EXPORT, obj=document, process_id=document.process_id)


def records_read(user, records: list[SessionRecord]) -> None:
    """A page showed the notes of several records at once (the process overview's
    trajectories quote their items' convergence and divergence): one more read of each,
    in the same three statements whatever their number. `records` carry their session
    (`session_id`, `session.process_id`); each is a session that keeps a written record."""
    records = list({r.pk: r for r in records}.values())
    _count_each(
        user,
        ReadEvent.Kind.RECORD,
        SessionRecord._meta.label_lower,
        [(record.pk, record.session.process_id, _names_for(record)) for record in records],
    )


def transfer_log_export_read(user, process, named_contacts) -> None:
    """Someone downloaded a process's transfer log (CSV): an export of the log, and a read
    of the identity of each protected contact the file named by their real name (named
    here by pseudonym and institution, the contact's `str`, never by the name). The same
    statements whatever the number of contacts."""
    _count(
        user=user,
        key={
            "kind": ReadEvent.Kind.EXPORT,
            "process_id": process.pk,
            "object_type": "mediation.briefing",
            "object_id": uuid.uuid5(READ_AUDIT_ID, f"transfer-log:{process.pk}"),
        },
        names={"object_label": gettext("Transfer log (CSV)")[:200]},
    )
    contacts = list({c.pk: c for c in named_contacts}.values())
    _count_each(
        user,
        ReadEvent.Kind.IDENTITY,
        "mediation.officialcontact",
        [(c.pk, c.process_id, {"object_label": str(c)[:200]}) for c in contacts],
    )


def _count_each(user, kind, object_type: str, reads: list[tuple]) -> None:
    """One more read of each (object id, process id, names) of one kind and type, in three
    statements whatever their number."""
    if not reads or not user.is_authenticated:
        return
    now = timezone.now()
    latest = ReadEvent.objects.filter(
        user=user,
        kind=kind,
        object_type=object_type,
        object_id__in=[object_id for object_id, _process_id, _names in reads],
        latest=True,
    )
    with transaction.atomic():
        latest.filter(at__lte=now - WINDOW).update(latest=False)
        ReadEvent.objects.bulk_create(
            [
                ReadEvent(
                    kind=kind,
                    process_id=process_id,
                    object_type=object_type,
                    object_id=object_id,
                    **names,
                    user=user,
                    username=user.get_username(),
                    at=now,
                    last_at=now,
                    times=0,
                    latest=True,
                )
                for object_id, process_id, names in reads
            ],
            ignore_conflicts=True,
        )
        latest.update(times=F("times") + 1, last_at=now)
