"""Leave a trace when someone reads something sensitive (see models.audit.ReadEvent).

Call `read_event_log` from the view that shows the content, after access was granted:
opening a session record, seeing protected identities, downloading an export, reading
change history. Changes themselves are recorded by django-simple-history.
"""

from __future__ import annotations

from django.db import models

from mediation.models import ReadEvent


def read_event_log(*, user, kind: ReadEvent.Kind, obj: models.Model, process_id=None) -> ReadEvent:
    return ReadEvent.objects.create(
        user=user if user.is_authenticated else None,
        username=user.get_username(),
        kind=kind,
        process_id=process_id,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
    )
