"""The roster of a process: the people an organizer has added to it, by side.

The people roster is shared across processes (one person may take part in several, run by
different organizers). A membership is how a person joins a process before any invitation
or consent ties them to it, and how an organizer reaches someone of another process: they
add them here, having found them by exact address or pseudonym (see access.py).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mediation.models.base import UUIDModel
from mediation.models.people import Participant
from mediation.models.processes import DialogueProcess, Side


class ProcessMember(UUIDModel):
    process = models.ForeignKey(
        DialogueProcess,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    side = models.ForeignKey(
        Side,
        verbose_name=_("side"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member of the process")
        verbose_name_plural = _("members of the process")
        ordering = ["participant__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "participant"],
                name="process_member_once",
                violation_error_message=_("This person is already on the process's roster."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} · {self.process}"

    def clean(self) -> None:
        super().clean()
        if self.side_id and self.process_id and self.side.process_id != self.process_id:
            raise ValidationError({"side": _("Choose a side of this process.")})
