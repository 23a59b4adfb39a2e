"""Who read what: opening a record, a protected identity or an export leaves a trace.

Changes are kept by django-simple-history on each sensitive model; this table is for reads,
which no history package records. Organizers review it in the admin for their processes.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mediation.models.processes import DialogueProcess


class ReadEvent(models.Model):
    class Kind(models.TextChoices):
        RECORD = "record", _("Opened a session record")
        IDENTITY = "identity", _("Saw protected identities")
        EXPORT = "export", _("Downloaded an export")
        HISTORY = "history", _("Read change history")

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
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

    class Meta:
        verbose_name = _("read event")
        verbose_name_plural = _("read audit")
        ordering = ["-at"]
        indexes = [models.Index(fields=["process", "-at"])]

    def __str__(self) -> str:
        return f"{self.username} · {self.get_kind_display()} · {self.at:%Y-%m-%d %H:%M}"
