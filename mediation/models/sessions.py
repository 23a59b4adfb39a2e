"""Dialogue sessions: one meeting of a process, who is invited, and its agenda."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mediation.models.base import (
    CalendarRevisions,
    UUIDModel,
    archived_index,
    url_with_id,
    validate_time_zone,
)
from mediation.models.people import Participant
from mediation.models.processes import DialogueProcess, Side, Topic


class DialogueSessionQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at")

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at")


class SessionPartChecks:
    """For an agenda item or an action: its topic belongs to the session's process, and
    the person it names (`person_field`: the lead, the owner) is invited to the session."""

    person_field: str
    person_message: str

    def clean(self) -> None:
        super().clean()
        if not self.session_id:
            return
        session = self.session
        if self.topic_id and self.topic.process_id != session.process_id:
            raise ValidationError({"topic": _("Choose a topic of this session's process.")})
        person_id = getattr(self, f"{self.person_field}_id")
        if person_id and not session.may_involve(person_id):
            raise ValidationError({self.person_field: self.person_message})


class DialogueSession(CalendarRevisions, UUIDModel):
    # What a calendar event of the session shows: changing one is a new revision.
    CALENDAR_FIELDS = (
        "title",
        "public_title",
        "objectives",
        "starts_at",
        "ends_at",
        "time_zone",
        "location_kind",
        "venue",
        "status",
    )

    class LocationKind(models.TextChoices):
        VENUE = "venue", _("Venue")
        ONLINE = "online", _("Online")
        UNDISCLOSED = "undisclosed", _("Undisclosed")

    class Format(models.TextChoices):
        WORKSHOP = "workshop", _("Workshop")
        ROUNDTABLE = "roundtable", _("Roundtable")
        BACK_CHANNEL = "back_channel", _("Back-channel meeting")
        SEMINAR = "seminar", _("Seminar")
        SIMULATION = "simulation", _("Simulation exercise")
        CONSULTATION = "consultation", _("Consultation")

    class Confidentiality(models.TextChoices):
        ON_RECORD = "on_record", _("On the record")
        CHATHAM_HOUSE = "chatham_house", _("Chatham House Rule")
        OFF_RECORD = "off_record", _("Off the record")
        NO_RECORD = "no_record", _("No written record")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        CONFIRMED = "confirmed", _("Confirmed")
        HELD = "held", _("Held")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    process = models.ForeignKey(
        DialogueProcess,
        verbose_name=_("process"),
        on_delete=models.PROTECT,
        related_name="sessions",
    )
    title = models.CharField(_("title"), max_length=200)
    public_title = models.CharField(
        _("public title"),
        max_length=200,
        blank=True,
        help_text=_(
            "A neutral title for calendars and emails, naming neither people nor topics. "
            "Empty: “Dialogue meeting”."
        ),
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text=_("Where the session takes place, for example Europe/Zurich."),
    )
    location_kind = models.CharField(
        _("location"), max_length=16, choices=LocationKind, default=LocationKind.VENUE
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    format = models.CharField(_("format"), max_length=16, choices=Format, default=Format.WORKSHOP)
    confidentiality = models.CharField(
        _("confidentiality rule"),
        max_length=16,
        choices=Confidentiality,
        default=Confidentiality.CHATHAM_HOUSE,
    )
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.PLANNED)
    objectives = models.TextField(_("objectives"), blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        related_name="facilitated_sessions",
        blank=True,
    )
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True)
    # Empty: a draft, seen by the process's team only (not on invitees' pages, calendars or
    # reminders). Set once, when an organizer or a facilitator publishes it.
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    objects = DialogueSessionQuerySet.as_manager()
    # The revision counter is bookkeeping for calendars, not a change anyone made.
    history = HistoricalRecords(m2m_fields=[facilitators], excluded_fields=["calendar_sequence"])

    class Meta:
        verbose_name = _("dialogue session")
        verbose_name_plural = _("dialogue sessions")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["starts_at"]),
            models.Index(fields=["ends_at"]),
            models.Index(fields=["process", "starts_at"]),
            archived_index("session_archived"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="session_ends_after_start",
                violation_error_message=_("The session must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%Y-%m-%d})" if self.starts_at else self.title

    def get_absolute_url(self) -> str:
        return url_with_id("session_detail", self.pk)

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("The session must end after it starts.")}, code="ends_before_start"
            )
        if self.location_kind == self.LocationKind.VENUE and not self.venue:
            raise ValidationError({"venue": _("Name the venue, or choose online or undisclosed.")})

    def may_involve(self, participant_id) -> bool:
        """Whether this person may lead an item or own an action here: someone invited.
        A session not saved yet has no invitations to look at; its forms offer nobody."""
        if self._state.adding:
            return True
        return self.invitations.filter(participant_id=participant_id).exists()

    @property
    def is_draft(self) -> bool:
        return self.published_at is None

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_starts_at(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_ends_at(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def place(self) -> str:
        """Where the session is, as anyone invited may read it."""
        if self.location_kind == self.LocationKind.VENUE:
            return self.venue
        return str(self.get_location_kind_display())


class Invitation(CalendarRevisions, UUIDModel):
    # The invitee's answer shows in their calendar (a decline cancels the event there).
    CALENDAR_FIELDS = ("response",)

    class Role(models.TextChoices):
        PARTICIPANT = "participant", _("Participant")
        FACILITATOR = "facilitator", _("Facilitator")
        OBSERVER = "observer", _("Observer")
        RESOURCE_PERSON = "resource_person", _("Resource person")

    class Response(models.TextChoices):
        INVITED = "invited", _("Invited, no answer yet")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        TENTATIVE = "tentative", _("Tentative")

    class Capacity(models.TextChoices):
        PERSONAL = "personal", _("Personal capacity")
        OFFICIAL = "official", _("Official capacity")

    session = models.ForeignKey(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="invitations",
    )
    role = models.CharField(_("role"), max_length=16, choices=Role, default=Role.PARTICIPANT)
    response = models.CharField(
        _("response"), max_length=16, choices=Response, default=Response.INVITED
    )
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    note = models.TextField(
        _("note to the facilitator"),
        max_length=2000,
        blank=True,
        help_text=_("Seen by the facilitators and organizers only."),
    )
    invited_at = models.DateTimeField(_("invitation sent"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    attended = models.BooleanField(
        _("attended"), null=True, blank=True, help_text=_("Leave empty until it is known.")
    )
    side = models.ForeignKey(
        Side,
        verbose_name=_("side"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
    )
    capacity = models.CharField(
        _("capacity"), max_length=16, choices=Capacity, default=Capacity.PERSONAL
    )

    history = HistoricalRecords(excluded_fields=["calendar_sequence"])

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["participant__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"],
                name="invitation_once_per_session",
                violation_error_message=_("This person is already invited to this session."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} → {self.session}"

    def clean(self) -> None:
        super().clean()
        if self.side_id and self.session_id and self.side.process_id != self.session.process_id:
            raise ValidationError({"side": _("Choose a side of this session's process.")})


class AgendaItem(SessionPartChecks, UUIDModel):
    person_field = "lead"
    person_message = _("The lead must be invited to this session.")

    session = models.ForeignKey(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="agenda_items",
    )
    # Never typed: a new item goes to the end (`save`), and the session page moves items
    # (drag and drop, or Up and Down: sessions/agenda.py).
    position = models.PositiveSmallIntegerField(_("position"), editable=False)
    title = models.CharField(_("title"), max_length=200)
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"))
    lead = models.ForeignKey(
        Participant,
        verbose_name=_("lead"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_agenda_items",
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "position"],
                name="agenda_item_unique_position",
                violation_error_message=_("Another item already has this place on the agenda."),
            ),
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0),
                name="agenda_item_positive_duration",
                violation_error_message=_("An agenda item must last at least one minute."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}" if self.position else self.title

    def save(self, *args, **kwargs):
        if self.position is None:
            top = AgendaItem.objects.filter(session_id=self.session_id).aggregate(
                top=models.Max("position")
            )["top"]
            self.position = (top or 0) + 1
        super().save(*args, **kwargs)
