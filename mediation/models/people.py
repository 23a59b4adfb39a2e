"""Participants: the people who take part in dialogue sessions."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mediation.models.base import UUIDModel, archived_index, validate_time_zone


class Participant(UUIDModel):
    class Category(models.TextChoices):
        ACADEMIC = "academic", _("Academic")
        RETIRED_CIVIL = "retired_civil", _("Retired civil official")
        RETIRED_MILITARY = "retired_military", _("Retired military official")
        PUBLIC_FIGURE = "public_figure", _("Public figure")
        SOCIAL_ACTIVIST = "social_activist", _("Social activist")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=32, choices=Category)
    title = models.CharField(
        _("title or rank"),
        max_length=100,
        blank=True,
        help_text=_("For example: Colonel (retired), Ambassador, Professor."),
    )
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    languages = models.CharField(
        _("languages"), max_length=200, blank=True, help_text=_("For example: English, Korean")
    )
    expertise = models.TextField(_("expertise"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participant",
    )
    identity_protected = models.BooleanField(
        _("identity protected"),
        default=False,
        help_text=_("Show the pseudonym instead of the name to anyone not cleared."),
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=100, blank=True)
    aliases = models.CharField(
        _("also known as"),
        max_length=500,
        blank=True,
        help_text=_(
            "Other names this person goes by, separated by commas: nicknames, other "
            "spellings, the name in another script. A summary under a non-attribution rule "
            "is checked for these too."
        ),
    )
    # The secret in the participant's calendar-feed address; renewing it kills the old one.
    calendar_token = models.CharField(
        _("calendar feed token"), max_length=64, unique=True, null=True, blank=True, editable=False
    )
    # Reminder emails before a session or an action's due date. The person turns them off
    # from a reminder's unsubscribe link or their profile; invitations still come.
    reminders = models.BooleanField(
        _("reminder emails"),
        default=True,
        help_text=_("Email reminders before a session and before an action is due."),
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["calendar_token"])

    # Who the person is and how to reach them: changing any of these can expose a protected
    # identity or hand the person's account to someone else, so only those who organize
    # every process the person is in may change them (access.can_change_identity).
    IDENTITY_FIELDS = ("name", "aliases", "email", "user", "identity_protected", "pseudonym")

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["name"]
        indexes = [models.Index(fields=["name"]), archived_index("participant_archived")]
        constraints = [
            models.CheckConstraint(
                condition=Q(identity_protected=False) | ~Q(pseudonym=""),
                name="participant_protected_has_pseudonym",
                violation_error_message=_("A protected participant needs a pseudonym."),
            ),
        ]

    def __str__(self) -> str:
        # Never the real name of a protected person: str() reaches admin lists, pickers,
        # messages and logs. Pages for those cleared to see identities use `full_label`.
        return self.public_name

    @property
    def public_name(self) -> str:
        """The name shown to anyone not cleared to see a protected identity."""
        return self.pseudonym if self.identity_protected else self.name

    @property
    def alias_list(self) -> list[str]:
        """The names of `aliases`, one each (commas, semicolons or new lines between)."""
        return [name.strip() for name in re.split(r"[,;\n]", self.aliases) if name.strip()]

    @property
    def full_label(self) -> str:
        """The name and pseudonym together, for those cleared to see identities only
        (`access.SessionAccess.see_identities`); showing it is a read to audit."""
        if self.identity_protected:
            return f"{self.name} ({self.pseudonym})"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("admin:mediation_participant_change", args=[self.pk])


class Profile(models.Model):
    """A signed-in person's preferences: the time zone and language pages are shown in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.CASCADE,
        related_name="profile",
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("Times are shown in this zone, for example Asia/Seoul."),
    )
    language = models.CharField(
        _("language"), max_length=8, blank=True, choices=settings.LANGUAGES
    )

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return str(self.user)
