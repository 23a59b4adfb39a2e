"""What a process produces and where it goes: outcome documents, their versions and the
clearance each side gives them, and the transfer log (official contacts and briefings).

A document is released only once every side of its process has cleared its current
version; a new version asks for clearance again. The transfer log says which documents and
topics reached which officials, and what came back.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mediation.models.base import UUIDModel
from mediation.models.people import Participant
from mediation.models.processes import DialogueProcess, Side, Topic
from mediation.models.records import _limited
from mediation.models.sessions import DialogueSession


class OfficialContact(UUIDModel):
    """Someone on the official side (Track I) whom the process briefs."""

    class Relation(models.TextChoices):
        BRIEFED = "briefed", _("Official briefed")
        FORMER_PARTICIPANT = "former_participant", _("Former participant now in office")
        TRACK_1_5 = "track_1_5", _("Track 1.5 interlocutor")

    process = models.ForeignKey(
        DialogueProcess,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="official_contacts",
    )
    name = models.CharField(_("name"), max_length=200)
    identity_protected = models.BooleanField(
        _("identity protected"),
        default=False,
        help_text=_("Show the pseudonym instead of the name to anyone not cleared."),
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=100, blank=True)
    institution = models.CharField(_("institution"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    relation = models.CharField(
        _("relation to the process"), max_length=32, choices=Relation, default=Relation.BRIEFED
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("official contact")
        verbose_name_plural = _("official contacts")
        ordering = ["institution", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(identity_protected=False) | ~Q(pseudonym=""),
                name="official_contact_protected_has_pseudonym",
                violation_error_message=_("A protected contact needs a pseudonym."),
            ),
        ]

    def __str__(self) -> str:
        # Never the real name of a protected contact: lists and the audit use this.
        return f"{self.public_name} · {self.institution}"

    @property
    def public_name(self) -> str:
        return self.pseudonym if self.identity_protected else self.name


class OutcomeDocument(UUIDModel):
    class Kind(models.TextChoices):
        CHAIRS_SUMMARY = "chairs_summary", _("Chair's summary")
        NON_PAPER = "non_paper", _("Non-paper")
        OPTIONS_PAPER = "options_paper", _("Options paper")
        JOINT_STATEMENT = "joint_statement", _("Joint statement")
        MEMORANDUM = "memorandum", _("Memorandum to officials")
        PUBLIC_STATEMENT = "public_statement", _("Public statement")

    class Rule(models.TextChoices):
        ATTRIBUTABLE = "attributable", _("Attributable")
        NON_ATTRIBUTABLE = "non_attributable", _("Non-attributable")
        LIST_ONLY = "list_only", _("Not for circulation beyond the list")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        RELEASED = "released", _("Released")

    process = models.ForeignKey(
        DialogueProcess,
        verbose_name=_("process"),
        on_delete=models.PROTECT,
        related_name="outcome_documents",
    )
    kind = models.CharField(_("kind"), max_length=32, choices=Kind)
    title = models.CharField(_("title"), max_length=200)
    rule = models.CharField(
        _("attribution rule"), max_length=32, choices=Rule, default=Rule.NON_ATTRIBUTABLE
    )
    cited_sessions = models.ManyToManyField(
        DialogueSession, verbose_name=_("sessions it comes from"), blank=True, related_name="+"
    )
    cited_topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="outcome_documents"
    )
    # Distribution: the team always; besides them, these.
    to_sessions = models.ManyToManyField(
        DialogueSession,
        verbose_name=_("participants of these sessions"),
        blank=True,
        related_name="+",
    )
    to_contacts = models.ManyToManyField(
        OfficialContact, verbose_name=_("officials"), blank=True, related_name="+"
    )
    to_public = models.BooleanField(_("the public"), default=False)
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.DRAFT)
    # The number of the current version (the newest): clearance is given to it.
    version = models.PositiveIntegerField(_("current version"), default=1)
    released_at = models.DateTimeField(_("released"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("released by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("outcome document")
        verbose_name_plural = _("outcome documents")
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["process", "state", "-updated_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_released(self) -> bool:
        return self.state == self.State.RELEASED


class OutcomeVersion(UUIDModel):
    """One saved text of a document. Kept for ever: versions are compared, never edited."""

    document = models.ForeignKey(
        OutcomeDocument,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), **_limited())
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("outcome document version")
        verbose_name_plural = _("outcome document versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="outcome_version_number_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} · v{self.number}"


class OutcomeClearance(UUIDModel):
    """A side's convenor cleared one version of a document.

    The convenor is one of those the side names (`Side.convenors`) when the clearance is
    recorded. Clearances recorded before sides named their convenors keep the name as it
    was typed (`convenor_name`) and no `convenor`.
    """

    document = models.ForeignKey(
        OutcomeDocument,
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="clearances",
    )
    side = models.ForeignKey(
        Side, verbose_name=_("side"), on_delete=models.PROTECT, related_name="+"
    )
    version = models.PositiveIntegerField(_("version cleared"))
    convenor = models.ForeignKey(
        Participant,
        verbose_name=_("convenor who cleared"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    convenor_name = models.CharField(_("convenor's name as typed"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("clearance")
        verbose_name_plural = _("clearances")
        ordering = ["side__name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "side", "version"], name="outcome_clearance_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.side} · v{self.version}"


class Briefing(UUIDModel):
    """One time the process's ideas were carried to officials, and what came back."""

    class Channel(models.TextChoices):
        ORAL = "oral", _("Oral briefing")
        MEMO = "memo", _("Written memo")
        MEETING = "meeting", _("Meeting")
        CALL = "call", _("Call")

    class Reception(models.IntegerChoices):
        # An ordered scale: the further, the more of it reached the official side.
        NOT_REACHED = 0, _("Not reached")
        RECEIVED = 1, _("Received")
        ACKNOWLEDGED = 2, _("Acknowledged")
        UNDER_CONSIDERATION = 3, _("Under consideration")
        USED = 4, _("Used: its language appears in an official position or text")
        REJECTED = 5, _("Rejected")

    process = models.ForeignKey(
        DialogueProcess,
        verbose_name=_("process"),
        on_delete=models.CASCADE,
        related_name="briefings",
    )
    briefed_on = models.DateField(_("date"))
    briefed_by = models.CharField(_("who briefed"), max_length=200)
    contacts = models.ManyToManyField(
        OfficialContact, verbose_name=_("whom"), related_name="briefings"
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel)
    documents = models.ManyToManyField(
        OutcomeDocument, verbose_name=_("documents"), blank=True, related_name="briefings"
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="briefings"
    )
    reception = models.PositiveSmallIntegerField(
        _("reception"), choices=Reception, default=Reception.RECEIVED
    )
    feedback = models.TextField(
        _("what came back"), blank=True, validators=_limited()["validators"]
    )
    feedback_on = models.DateField(_("feedback received"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("briefing")
        verbose_name_plural = _("briefings")
        ordering = ["-briefed_on", "-created_at"]
        indexes = [models.Index(fields=["process", "-briefed_on"])]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} · {self.briefed_on:%Y-%m-%d}"


__all__ = [
    "Briefing",
    "OfficialContact",
    "OutcomeClearance",
    "OutcomeDocument",
    "OutcomeVersion",
]
