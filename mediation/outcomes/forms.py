"""Forms of outcome documents and the transfer log. Choices come from the view, scoped to
the process and to what the user may see (selectors)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mediation.models import Briefing, OfficialContact, OutcomeDocument
from mediation.models.records import RECORD_TEXT_MAX
from mediation.submissions import SubmissionField

CHECKBOXES = forms.CheckboxSelectMultiple


def _many(label, queryset, help_text=""):
    return forms.ModelMultipleChoiceField(
        label=label, queryset=queryset, required=False, widget=CHECKBOXES, help_text=help_text
    )


def _date_field(label, *, required=True):
    return forms.DateField(
        label=label, required=required, widget=forms.DateInput(attrs={"type": "date"})
    )


def _not_in_future(value):
    if value is not None and value > timezone.localdate():
        raise forms.ValidationError(_("Choose a day that is not in the future."))
    if value is not None and value.year < 2000:
        raise forms.ValidationError(_("Choose a day after the year 2000."))
    return value


class _Text(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    rule = forms.ChoiceField(
        label=_("Attribution rule"),
        choices=OutcomeDocument.Rule.choices,
        initial=OutcomeDocument.Rule.NON_ATTRIBUTABLE,
        help_text=_(
            "A non-attributable text is checked for names and descriptions of the people "
            "who took part before any side clears it."
        ),
    )


class OutcomeDocumentCreateForm(_Text):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutcomeDocument.Kind.choices)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        max_length=RECORD_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Markdown. You may leave it empty and start from the records."),
    )
    seed = forms.BooleanField(
        label=_("Start from the records of the sessions cited"),
        required=False,
        initial=True,
        help_text=_("Their points of convergence, and the topics at convergence or agreement."),
    )
    submission = SubmissionField()

    field_order = ["kind", "title", "rule", "cited_sessions", "cited_topics", "seed", "body"]

    def __init__(self, *args, sessions, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cited_sessions"] = _many(_("Sessions it comes from"), sessions)
        self.fields["cited_topics"] = _many(_("Topics"), topics)
        self.order_fields(self.field_order)


class OutcomeDocumentReviseForm(_Text):
    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    body = forms.CharField(
        label=_("Text"),
        max_length=RECORD_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Markdown. Saving makes a new version: every side must clear it again."),
    )
    note = forms.CharField(label=_("What changed"), max_length=300, required=False)
    to_public = forms.BooleanField(label=_("The public"), required=False)

    def __init__(self, *args, sessions, topics, contacts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cited_sessions"] = _many(_("Sessions it comes from"), sessions)
        self.fields["cited_topics"] = _many(_("Topics"), topics)
        self.fields["to_sessions"] = _many(
            _("Participants of these sessions"),
            sessions,
            help_text=_("Besides the process team, who always receives it."),
        )
        self.fields["to_contacts"] = _many(_("Officials"), contacts)
        self.order_fields(
            ["title", "body", "note", "rule", "cited_sessions", "cited_topics", "to_sessions"]
        )


class ClearanceForm(forms.Form):
    """Which side cleared the current version, and which of its named convenors gave the
    clearance. `convenors` is (side, [(person, their name for this reader)]) per side."""

    side = forms.ModelChoiceField(label=_("Side"), queryset=None, empty_label=None)
    convenor = forms.ChoiceField(
        label=_("Convenor who cleared it"),
        help_text=_(
            "One of the convenors this side names. Organizers name them on the process's "
            "page in the admin."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, sides, convenors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["side"].queryset = sides
        self._designated = {
            side.pk: {str(person.pk): person for person, _name in people}
            for side, people in convenors
        }
        self.fields["convenor"].choices = [
            ("", _("Choose the convenor")),
            *[
                (side.name, [(str(person.pk), name) for person, name in people])
                for side, people in convenors
                if people
            ],
        ]

    def clean(self):
        data = super().clean()
        side, chosen = data.get("side"), data.get("convenor")
        if side is None or not chosen:
            return data
        designated = self._designated.get(side.pk, {})
        if not designated:
            self.add_error(
                "side",
                _(
                    "%(side)s has no convenor named yet: an organizer names the convenors of "
                    "each side on the process's page in the admin."
                )
                % {"side": side.name},
            )
        elif chosen not in designated:
            self.add_error(
                "convenor",
                _(
                    "This person is not a named convenor of %(side)s: choose one of its own "
                    "convenors."
                )
                % {"side": side.name},
            )
        else:
            data["convenor"] = designated[chosen]
        return data


class OfficialContactForm(forms.ModelForm):
    submission = SubmissionField()

    class Meta:
        model = OfficialContact
        fields = [
            "name",
            "institution",
            "role",
            "country",
            "relation",
            "identity_protected",
            "pseudonym",
        ]

    def clean(self):
        data = super().clean()
        if data.get("identity_protected") and not data.get("pseudonym"):
            self.add_error("pseudonym", _("A protected contact needs a pseudonym."))
        return data


class _Reception(forms.Form):
    reception = forms.TypedChoiceField(
        label=_("Reception"),
        choices=Briefing.Reception.choices,
        coerce=int,
        initial=Briefing.Reception.RECEIVED,
    )
    feedback = forms.CharField(
        label=_("What came back"),
        required=False,
        max_length=RECORD_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    feedback_on = _date_field(_("When it came back"), required=False)

    def clean_feedback_on(self):
        return _not_in_future(self.cleaned_data.get("feedback_on"))

    def clean(self):
        data = super().clean()
        if data.get("feedback") and not data.get("feedback_on") and "feedback_on" in self.fields:
            self.add_error("feedback_on", _("Say when it came back."))
        return data


class BriefingFeedbackForm(_Reception):
    pass


class BriefingForm(_Reception):
    briefed_on = _date_field(_("Date"))
    briefed_by = forms.CharField(label=_("Who briefed"), max_length=200)
    channel = forms.ChoiceField(label=_("Channel"), choices=Briefing.Channel.choices)
    submission = SubmissionField()

    def __init__(self, *args, contacts, documents, topics, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contacts"] = forms.ModelMultipleChoiceField(
            label=_("Whom"), queryset=contacts, widget=CHECKBOXES
        )
        self.fields["documents"] = _many(_("Documents"), documents)
        self.fields["topics"] = _many(_("Topics"), topics)
        self.order_fields(
            ["briefed_on", "briefed_by", "contacts", "channel", "documents", "topics"]
        )

    def clean_briefed_on(self):
        return _not_in_future(self.cleaned_data.get("briefed_on"))
