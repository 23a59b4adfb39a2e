"""Forms of the session record and its follow-up actions."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from mediation.models import (
    ActionItem,
    AgendaItem,
    ItemRecord,
    Participant,
    Topic,
)
from mediation.models.records import RECORD_TEXT_MAX
from mediation.submissions import SubmissionField
from mediation.widgets import PeopleSelect

TEXT_MAX = RECORD_TEXT_MAX


ACTION_MAX = 2_000


def _textarea(rows: int = 6) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _text(label, help_text="", rows=6, max_length=TEXT_MAX) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        strip=False,
        max_length=max_length,
        widget=_textarea(rows),
    )


class SessionRecordForm(forms.Form):
    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    internal_notes = _text(
        _("Internal notes"), _("For facilitators and organizers only. Markdown allowed.")
    )
    outcomes = _text(_("Outcomes"), _("What the session produced. Markdown allowed."), rows=4)
    summary = _text(
        _("Summary for participants"),
        _("What participants may read once the record is shared. Markdown allowed."),
    )


class ItemRecordForm(forms.Form):
    """One agenda item's notes. `present` marks the item as part of the submitted form: an
    item whose fields were not sent is left as it is."""

    present = forms.CharField(widget=forms.HiddenInput, initial="1", required=False)
    discussion = _text(_("Discussion"), rows=4)
    convergence = _text(_("Points of convergence"), rows=3)
    divergence = _text(_("Points of divergence"), rows=3)
    topic_status = forms.ChoiceField(
        label=_("Status the topic reached"),
        required=False,
        choices=[("", _("— unchanged —")), *Topic.Status.choices],
    )

    def __init__(self, *args, agenda_item: AgendaItem, **kwargs):
        self.agenda_item = agenda_item
        super().__init__(*args, prefix=f"item-{agenda_item.pk}", **kwargs)
        if agenda_item.topic_id is None:
            self.fields["topic_status"].help_text = _("This item has no topic.")


def item_record_forms(
    agenda_items: list[AgendaItem], existing: dict, data=None
) -> list[ItemRecordForm]:
    """One form per agenda item; bound only for the items whose fields were sent."""
    result = []
    for item in agenda_items:
        record: ItemRecord | None = existing.get(item.pk)
        initial = {
            "present": "1",
            "discussion": record.discussion if record else "",
            "convergence": record.convergence if record else "",
            "divergence": record.divergence if record else "",
            "topic_status": record.topic_status if record else "",
        }
        sent = data is not None and f"item-{item.pk}-present" in data
        result.append(ItemRecordForm(data if sent else None, agenda_item=item, initial=initial))
    return result


class ShareForm(forms.Form):
    """The version the check was shown for. The findings confirmed are read apart, as sent
    (`ConfirmationsSent`): the service must see stale ids rather than have them dropped."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


@dataclass(frozen=True)
class ConfirmationsSent:
    """The findings ticked on the share page (`confirm`) and the reasons typed beside them
    (`reason-<finding id>`), kept as typed so the page can show them again."""

    ticked: frozenset[str] = frozenset()
    reasons: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, data) -> ConfirmationsSent:
        reasons = {
            key.removeprefix("reason-"): value
            for key, value in data.items()
            if key.startswith("reason-")
        }
        return cls(ticked=frozenset(data.getlist("confirm")), reasons=reasons)

    @property
    def confirmed(self) -> dict[str, str]:
        """Each ticked finding's id and its reason (empty if none was typed)."""
        return {finding_id: self.reasons.get(finding_id, "") for finding_id in self.ticked}


def _check_date_range(value: date | None) -> date | None:
    if value is not None and not (2000 <= value.year <= 2100):
        raise forms.ValidationError(_("Choose a date between the years 2000 and 2100."))
    return value


class ActionItemForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=ACTION_MAX, widget=_textarea(2))
    owner = forms.ChoiceField(label=_("Owner"), required=False, widget=PeopleSelect)
    due_date = forms.DateField(
        label=_("Due"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=ActionItem.Status.choices, initial=ActionItem.Status.OPEN
    )

    def __init__(self, *args, owners: list[Participant], topics: list[Topic], **kwargs):
        super().__init__(*args, **kwargs)
        self._owners = {str(p.pk): p for p in owners}
        self._topics = {str(t.pk): t for t in topics}
        self.fields["owner"].choices = [("", _("— nobody yet —"))] + [
            (str(p.pk), p.full_label) for p in owners
        ]
        self.fields["topic"].choices = [("", _("— none —"))] + [
            (str(t.pk), t.title) for t in topics
        ]

    def clean_owner(self) -> Participant | None:
        value = self.cleaned_data.get("owner")
        return self._owners.get(value) if value else None

    def clean_topic(self) -> Topic | None:
        value = self.cleaned_data.get("topic")
        return self._topics.get(value) if value else None

    def clean_due_date(self):
        return _check_date_range(self.cleaned_data.get("due_date"))

    @classmethod
    def for_action(cls, action: ActionItem, *, owners, topics, data=None):
        form = cls(
            data,
            owners=owners,
            topics=topics,
            prefix=f"action-{action.pk}",
            initial={
                "description": action.description,
                "owner": str(action.owner_id or ""),
                "due_date": action.due_date,
                "topic": str(action.topic_id or ""),
                "status": action.status,
            },
        )
        form.action = action
        return form


class ActionItemAddForm(ActionItemForm):
    submission = SubmissionField()

    def __init__(self, *args, **kwargs):
        # Prefixed, so its fields' ids do not collide with other forms on the session page.
        kwargs.setdefault("prefix", "action")
        super().__init__(*args, **kwargs)
