"""Dialogue processes: the conflict being worked on, its sides and its topics."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mediation.models.base import UUIDModel, archived_index, url_with_id


class DialogueProcess(UUIDModel):
    class Track(models.TextChoices):
        TRACK_1_5 = "1.5", _("Track 1.5")
        TRACK_2 = "2", _("Track II")
        TRACK_3 = "3", _("Track III")

    class Status(models.TextChoices):
        EXPLORATORY = "exploratory", _("Exploratory")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        CONCLUDED = "concluded", _("Concluded")

    title = models.CharField(_("title"), max_length=200)
    conflict = models.TextField(_("conflict addressed"))
    track = models.CharField(_("track"), max_length=8, choices=Track, default=Track.TRACK_2)
    status = models.CharField(
        _("status"), max_length=16, choices=Status, default=Status.EXPLORATORY
    )
    organizers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("organizers"),
        related_name="organized_processes",
        blank=True,
    )
    description_threshold = models.PositiveSmallIntegerField(
        _("smallest group a description may fit"),
        default=2,
        validators=[MinValueValidator(2)],
        help_text=_(
            "Under a non-attribution rule, a sentence describing attendees (a rank, a side, "
            "a country) is stopped when it fits fewer of them than this. 2 stops "
            "descriptions of one person; more protects small groups too."
        ),
    )
    on_record = models.BooleanField(
        _("on the record"),
        default=False,
        help_text=_(
            "Calendars and emails may name the session and its topics. Leave off for a "
            "neutral title only."
        ),
    )
    answers_visible = models.BooleanField(
        _("participants see each other's answers"),
        default=False,
        help_text=_("Whether an invited participant sees who has accepted or declined."),
    )
    balance_ratio = models.DecimalField(
        _("largest side to smallest, at most"),
        max_digits=3,
        decimal_places=1,
        default=Decimal("1.5"),
        validators=[MinValueValidator(Decimal("1.0")), MaxValueValidator(Decimal("10.0"))],
        help_text=_(
            "The overview warns when, in a session, the largest side has more than this "
            "many attendees for each attendee of the smallest: 1.5 lets three face two, "
            "not four face two. 1.0 asks for equal numbers."
        ),
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("dialogue process")
        verbose_name_plural = _("dialogue processes")
        ordering = ["title"]
        indexes = [archived_index("process_archived")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return url_with_id("process_detail", self.pk)


class Side(UUIDModel):
    """A party to the conflict: participants come to a session from one side or another."""

    process = models.ForeignKey(
        DialogueProcess,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="sides",
    )
    name = models.CharField(_("name"), max_length=120)
    # Who may clear an outcome document for this side (several: co-convenors are common).
    # Named by the process's organizers in the admin, among the people of this process.
    convenors = models.ManyToManyField(
        "mediation.Participant",
        verbose_name=_("convenors"),
        blank=True,
        related_name="convened_sides",
        help_text=_(
            "Who clears outcome documents for this side: people of this process. A side "
            "with no convenor named blocks every release."
        ),
    )

    class Meta:
        verbose_name = _("side")
        verbose_name_plural = _("sides")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "name"],
                name="side_unique_name_per_process",
                violation_error_message=_("This process already has a side with that name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Topic(UUIDModel):
    class Sensitivity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class Status(models.TextChoices):
        RAISED = "raised", _("Raised")
        EXPLORED = "explored", _("Explored")
        CONVERGENCE = "convergence", _("Convergence")
        AGREEMENT = "agreement", _("Agreement")
        IMPASSE = "impasse", _("Impasse")

    process = models.ForeignKey(
        DialogueProcess,
        verbose_name=_("process"),
        on_delete=models.PROTECT,
        related_name="topics",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sensitivity = models.CharField(
        _("sensitivity"), max_length=8, choices=Sensitivity, default=Sensitivity.MEDIUM
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.RAISED)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["process", "title"],
                name="topic_unique_title_per_process",
                violation_error_message=_("This process already has a topic with that title."),
            ),
        ]

    def __str__(self) -> str:
        return self.title
