"""Leave a trace when someone reads something sensitive (see models.audit.ReadEvent).

The one writer of the read audit: pages and the admin call the function named after what
they showed, after access was granted and once per response. Changes themselves are
recorded by django-simple-history.
"""

from __future__ import annotations

from django.db import models

from mediation import confidentiality
from mediation.models import DialogueSession, Participant, ReadEvent, SessionRecord


def _log(*, user, kind: ReadEvent.Kind, obj: models.Model, process_id) -> ReadEvent:
    return ReadEvent.objects.create(
        user=user if user.is_authenticated else None,
        username=user.get_username(),
        kind=kind,
        process_id=process_id,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
    )


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


def history_read(user, obj: models.Model, process_id) -> None:
    """Someone read the change history of an object."""
    _log(user=user, kind=ReadEvent.Kind.HISTORY, obj=obj, process_id=process_id)


def export_read(user, session: DialogueSession) -> None:
    """Someone downloaded an export of a session."""
    _log(user=user, kind=ReadEvent.Kind.EXPORT, obj=session, process_id=session.process_id)
