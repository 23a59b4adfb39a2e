"""Consent: what each participant agreed to within one process, dated and withdrawable.

A consent is in force from `given_at` until `withdrawn_at`. Withdrawing never deletes the
row (the history of who agreed to what, and when, is itself a record); giving it again adds
a new row. Without a consent in force the answer is no.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mediation.models.base import UUIDModel
from mediation.models.people import Participant
from mediation.models.processes import DialogueProcess


class ConsentQuerySet(models.QuerySet):
    def in_force(self):
        return self.filter(withdrawn_at__isnull=True)


class Consent(UUIDModel):
    class Kind(models.TextChoices):
        LISTED = "listed", _("May be listed to other participants")
        NAMED = "named", _("May be named in shared documents")
        CONTACTED = "contacted", _("May be contacted by email")

    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    process = models.ForeignKey(
        DialogueProcess,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="consents",
    )

    class Method(models.TextChoices):
        PARTICIPANT = "participant", _("Given by the participant in the product")
        IN_PERSON = "in_person", _("Said in person")
        EMAIL = "email", _("By email")
        PHONE = "phone", _("By phone or message")
        COLLEAGUE = "colleague", _("Through a colleague")

    kind = models.CharField(_("consent to"), max_length=16, choices=Kind)
    # How the consent was obtained; empty for consents recorded before this was asked.
    method = models.CharField(_("obtained"), max_length=16, choices=Method, blank=True)
    given_at = models.DateTimeField(_("given"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ConsentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]
        indexes = [models.Index(fields=["process", "participant", "kind"])]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "process", "kind"],
                condition=Q(withdrawn_at__isnull=True),
                name="consent_one_in_force",
                violation_error_message=_("This consent is already in force."),
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=models.F("given_at")),
                name="consent_withdrawn_after_given",
                violation_error_message=_("A consent cannot be withdrawn before it was given."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} · {self.get_kind_display()}"

    @property
    def in_force(self) -> bool:
        return self.withdrawn_at is None
