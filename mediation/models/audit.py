"""Who read what: opening a record, a protected identity or an export leaves a trace.

Changes are kept by django-simple-history on each sensitive model; this table is for reads,
which no history package records. Organizers review it in the admin for their processes.

One row is one reader reading one thing for up to an hour: the first read opens the event,
later reads within the hour from that first one add to its `times` (mediation/audit.py).
"""

import uuid

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mediation.models.processes import DialogueProcess


class ReadEvent(models.Model):
    class Kind(models.TextChoices):
        RECORD = "record", _("Opened a session record")
        IDENTITY = "identity", _("Saw protected identities")
        EXPORT = "export", _("Downloaded an export")
        HISTORY = "history", _("Read change history")
        BRIEFING = "briefing", _("Read a briefing pack")

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("first read"), default=timezone.now, db_index=True)
    last_at = models.DateTimeField(_("last read"), default=timezone.now)
    times = models.PositiveIntegerField(_("times"), default=1)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    # Kept as typed so the trail survives the account being deleted.
    username = models.CharField(_("username"), max_length=150)
    kind = models.CharField(_("what"), max_length=16, choices=Kind)
    process = models.ForeignKey(
        DialogueProcess,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    object_type = models.CharField(_("object type"), max_length=64)
    object_id = models.UUIDField(_("object id"), default=uuid.uuid4)
    # How the audit names what was read. A session and a person are linked, not copied, so
    # the audit shows them as they are now: a person protected after the read shows by
    # pseudonym at once, and a deleted one by nothing at all. `object_label` is the name,
    # as it was, of anything else (a topic, an agenda item); it is never made from a
    # person, whose name could become protected later.
    session = models.ForeignKey(
        "mediation.DialogueSession",
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    participant = models.ForeignKey(
        "mediation.Participant",
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    object_label = models.CharField(_("label"), max_length=200, blank=True)
    # The newest event of its reader, kind, process and object: the only one that takes
    # further reads, and only for an hour from its first. The constraints below keep it to
    # one, which is what makes counting safe when two requests read at once.
    latest = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("read event")
        verbose_name_plural = _("read audit")
        ordering = ["-at"]
        indexes = [
            models.Index(fields=["process", "-at"]),
            models.Index(fields=["user", "-at"]),
            models.Index(fields=["kind", "-at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "object_type", "object_id", "process"],
                condition=Q(latest=True),
                name="readevent_one_latest",
            ),
            # NULLs never clash in a unique index: reads outside any process need their own.
            models.UniqueConstraint(
                fields=["user", "kind", "object_type", "object_id"],
                condition=Q(latest=True, process__isnull=True),
                name="readevent_one_latest_outside_processes",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.username} · {self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"

    @property
    def object_kind(self) -> str:
        """What sort of thing was read ("session record", "participant"), in words."""
        try:
            return str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            return self.object_type

    @property
    def about(self) -> str:
        """What was read, in words. Reads `session` and `participant`: select them with
        the event. A protected person is named by pseudonym only, as in every list of the
        admin (their real name is on their own page, where reading it is audited)."""
        parts = []
        if self.participant is not None:
            person = self.participant
            parts.append(
                gettext("%(pseudonym)s (protected identity)") % {"pseudonym": person.pseudonym}
                if person.identity_protected
                else person.name
            )
        if self.session is not None:
            parts.append(self.session.title)
        if self.object_label:
            parts.append(self.object_label)
        return " · ".join(parts) or gettext("(deleted)")

    @property
    def reader(self) -> str:
        """Who read: their full name and username (the username alone once the account
        is gone). Reads `user`: select it with the event."""
        full_name = self.user.get_full_name() if self.user is not None else ""
        return f"{full_name} ({self.username})" if full_name else self.username
