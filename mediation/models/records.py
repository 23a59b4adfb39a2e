"""What a session leaves behind: the facilitator's record and the follow-up actions."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from mediation.models.base import UUIDModel
from mediation.models.people import Participant
from mediation.models.processes import Topic
from mediation.models.sessions import AgendaItem, DialogueSession, SessionPartChecks

# The longest text of a record: 50,000 characters, about 25 pages. Forms, the admin and
# model validation refuse more, and so do the record services (which write with UPDATE).
RECORD_TEXT_MAX = 50_000


def _limited() -> dict:
    # A validator, not max_length: the column stays as it is (max_length on a TextField
    # would make SQLite rebuild the table for nothing).
    return {"validators": [MaxLengthValidator(RECORD_TEXT_MAX)]}


class SessionRecord(UUIDModel):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SHARED = "shared", _("Shared with participants")
        LOCKED = "locked", _("Locked")

    # PROTECT: a session with a record cannot be deleted, so the record is never lost.
    session = models.OneToOneField(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="record",
    )
    internal_notes = models.TextField(
        _("internal notes"),
        **_limited(),
        blank=True,
        help_text=_("For facilitators and organizers only. Never shown to participants."),
    )
    summary = models.TextField(
        _("summary for participants"),
        **_limited(),
        blank=True,
        help_text=_("What participants may read once the record is shared."),
    )
    outcomes = models.TextField(
        _("outcomes"),
        **_limited(),
        blank=True,
        help_text=_("What the session produced. For facilitators and organizers."),
    )
    state = models.CharField(_("state"), max_length=16, choices=State, default=State.DRAFT)
    shared_at = models.DateTimeField(_("shared"), null=True, blank=True)
    # Incremented on every save through the product, so a stale form is detected.
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # The reason of a change can be long: a share names each finding confirmed, by whom and
    # why (simple-history's default is 100 characters).
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = _("session record")
        verbose_name_plural = _("session records")
        ordering = ["-session__starts_at"]

    def __str__(self) -> str:
        return str(_("Record of %(session)s") % {"session": self.session})

    @property
    def is_shared(self) -> bool:
        return self.state in {self.State.SHARED, self.State.LOCKED}


class ItemRecord(UUIDModel):
    """What was said on one agenda item, and how far its topic got. Part of the record."""

    record = models.ForeignKey(
        SessionRecord,
        verbose_name=_("record"),
        on_delete=models.CASCADE,
        related_name="item_records",
    )
    # PROTECT: an agenda item with notes cannot be removed until its notes are cleared.
    agenda_item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="item_record",
    )
    discussion = models.TextField(_("discussion"), blank=True, **_limited())
    convergence = models.TextField(_("points of convergence"), blank=True, **_limited())
    divergence = models.TextField(_("points of divergence"), blank=True, **_limited())
    topic_status = models.CharField(
        _("status the topic reached"), max_length=16, choices=Topic.Status, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agenda item record")
        verbose_name_plural = _("agenda item records")
        ordering = ["agenda_item__position"]

    def __str__(self) -> str:
        return str(self.agenda_item)


class ActionItem(SessionPartChecks, UUIDModel):
    person_field = "owner"
    person_message = _("The owner must be invited to this session.")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    session = models.ForeignKey(
        DialogueSession,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="action_items",
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_items",
    )
    description = models.TextField(_("description"))
    owner = models.ForeignKey(
        Participant,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="action_items",
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status, default=Status.OPEN)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "created_at"]
        indexes = [models.Index(fields=["status", "due_date"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(description=""),
                name="action_item_has_description",
                violation_error_message=_("Describe the action."),
            ),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.OPEN, self.Status.IN_PROGRESS}
