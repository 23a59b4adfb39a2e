"""Forms the team plans sessions with."""

from __future__ import annotations

import zoneinfo
from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mediation.models import (
    Consent,
    DialogueSession,
    Invitation,
)
from mediation.models.base import validate_time_zone
from mediation.submissions import SubmissionField
from mediation.widgets import PeopleSelect
from mediation.zones import TimeZoneField

from .planning import next_round_title


def in_zone(value: datetime, zone_name: str) -> datetime:
    """Read the wall-clock time the user typed as a time in `zone_name`.

    Form fields turn typed times into aware datetimes in the active time zone; a session's
    times are typed in the session's own zone instead. A wall-clock time that the zone
    skips (the hour lost when clocks go forward) is refused rather than silently moved.
    """
    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
    zone = zoneinfo.ZoneInfo(zone_name)
    aware = naive.replace(tzinfo=zone)
    try:
        round_trip = aware.astimezone(zoneinfo.ZoneInfo("UTC")).astimezone(zone)
    except OverflowError:
        # The first or last day Python can hold, shifted past it by the zone's offset.
        raise forms.ValidationError(
            _("Enter a date between the years 1 and 9999."), code="out_of_range"
        ) from None
    if round_trip.replace(tzinfo=None) != naive:
        raise forms.ValidationError(
            _("%(time)s does not exist in %(zone)s: the clocks change then."),
            code="nonexistent_time",
            params={"time": naive.strftime("%Y-%m-%d %H:%M"), "zone": zone_name},
        )
    return aware


class DialogueSessionForm(forms.ModelForm):
    """Start and end are typed and shown in the session's own time zone."""

    time_zone = TimeZoneField(
        initial="UTC",
        help_text=_("Where the session takes place: type its city (Geneva, Baku) or a zone."),
    )

    class Meta:
        model = DialogueSession
        fields = [
            "process",
            "title",
            "status",
            "format",
            "objectives",
            "starts_at",
            "ends_at",
            "time_zone",
            "location_kind",
            "venue",
            "confidentiality",
            "facilitators",
        ]
        help_texts = {
            "starts_at": _("Local time where the session takes place."),
            "ends_at": _("Local time where the session takes place."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk and instance.starts_at and not self.is_bound:
            for name in ("starts_at", "ends_at"):
                local = getattr(instance, name).astimezone(instance.zone)
                # Naive, so the widget shows it as typed instead of converting it again.
                self.initial[name] = local.replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        zone_name = cleaned.get("time_zone")
        if not zone_name:
            return cleaned
        try:
            validate_time_zone(zone_name)
        except forms.ValidationError:
            return cleaned
        for name in ("starts_at", "ends_at"):
            value = cleaned.get(name)
            if value is None:
                continue
            try:
                cleaned[name] = in_zone(value, zone_name)
            except forms.ValidationError as error:
                self.add_error(name, error)
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts and "ends_at" not in self.errors:
            self.add_error("ends_at", _("The session must end after it starts."))
        return cleaned


NO_CHOICE = [("", "—")]


AGENDA_MAX_MINUTES = 24 * 60


class AgendaItemForm(forms.Form):
    """One agenda item: a topic of the process (or a new one typed in), a length, a lead."""

    # Set on the add form: the same form sent twice adds one item (see mediation.submissions).
    submission = SubmissionField(required=False)
    title = forms.CharField(label=_("Title"), max_length=200)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    new_topic = forms.CharField(
        label=_("Or a new topic"),
        max_length=200,
        required=False,
        help_text=_("Creates the topic in this process; an existing title is reused."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=AGENDA_MAX_MINUTES
    )
    lead = forms.ChoiceField(label=_("Lead"), required=False, widget=PeopleSelect)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )

    def __init__(self, *args, topics=(), leads=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.topics = {str(topic.pk): topic for topic in topics}
        self.leads = {str(person.pk): person for person in leads}
        self.fields["topic"].choices = NO_CHOICE + [(k, t.title) for k, t in self.topics.items()]
        self.fields["lead"].choices = NO_CHOICE + [
            (k, person.full_label) for k, person in self.leads.items()
        ]

    def clean_topic(self):
        return self.topics.get(self.cleaned_data["topic"])

    def clean_lead(self):
        return self.leads.get(self.cleaned_data["lead"])

    def clean(self):
        cleaned = super().clean()
        new_topic = (cleaned.get("new_topic") or "").strip()
        if new_topic and cleaned.get("topic"):
            self.add_error("new_topic", _("Choose a topic or type a new one, not both."))
        elif new_topic:
            # A title the process already has names that topic: reuse it, never a twin.
            existing = next(
                (t for t in self.topics.values() if t.title.casefold() == new_topic.casefold()),
                None,
            )
            if existing is not None:
                cleaned["topic"], new_topic = existing, ""
        cleaned["new_topic"] = new_topic
        return cleaned


def consent_day_check(value) -> None:
    """The day someone agreed: not in the future, not before the product's time."""
    if value > timezone.localdate():
        raise forms.ValidationError(_("Choose a day that is not in the future."))
    if value.year < 2000:
        raise forms.ValidationError(_("Choose a day after the year 2000."))


def consent_given_at(given_on):
    """Today means now; another day means noon of that day (the hour is not known)."""
    if given_on == timezone.localdate():
        return None
    return timezone.make_aware(datetime.combine(given_on, time(12)))


CONSENT_METHODS = [c for c in Consent.Method.choices if c[0] != Consent.Method.PARTICIPANT]


class InvitationAddForm(forms.Form):
    """Invite one person found by the search; role, side and capacity can follow later.

    Someone who has not agreed to be emailed can be invited all the same (they read the
    invitation when they sign in); the editor who knows they agreed records how and when
    here, and the invitation email can then reach them."""

    participant = forms.UUIDField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=Invitation.Role.choices, required=False)
    # The exact address an organizer found someone of another process by
    # (access.participants_found_exactly): the search is checked again on the way in.
    found_by = forms.CharField(widget=forms.HiddenInput, required=False, max_length=254)
    consent_method = forms.ChoiceField(
        label=_("They agreed to be emailed"),
        choices=[("", _("Not yet: send no email")), *CONSENT_METHODS],
        required=False,
    )
    consent_given_on = forms.DateField(
        label=_("On"),
        widget=forms.DateInput(attrs={"type": "date"}),
        required=False,
        help_text=_("The day they said so."),
    )

    def clean_consent_given_on(self):
        value = self.cleaned_data["consent_given_on"]
        if value is not None:
            consent_day_check(value)
        return value

    def clean(self):
        cleaned = super().clean()
        method, day = cleaned.get("consent_method"), cleaned.get("consent_given_on")
        if method and day is None and "consent_given_on" not in self.errors:
            self.add_error("consent_given_on", _("Say on which day they agreed."))
        if day is not None and not method and "consent_method" not in self.errors:
            self.add_error("consent_method", _("Say how they agreed, or clear the day."))
        return cleaned


ATTENDED_CHOICES = [("", _("Not known yet")), ("yes", _("Attended")), ("no", _("Did not attend"))]


class InvitationForm(forms.Form):
    """What the team keeps about one invitation: role, side, capacity and attendance."""

    role = forms.ChoiceField(label=_("Role"), choices=Invitation.Role.choices)
    side = forms.ChoiceField(label=_("Side"), required=False)
    capacity = forms.ChoiceField(label=_("Capacity"), choices=Invitation.Capacity.choices)
    attended = forms.ChoiceField(label=_("Attended"), choices=ATTENDED_CHOICES, required=False)

    def __init__(self, *args, invitation: Invitation, sides=(), has_started=True, **kwargs):
        kwargs.setdefault("auto_id", f"invitation-{invitation.pk}-%s")
        kwargs.setdefault(
            "initial",
            {
                "role": invitation.role,
                "side": str(invitation.side_id or ""),
                "capacity": invitation.capacity,
                "attended": {True: "yes", False: "no"}.get(invitation.attended, ""),
            },
        )
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.has_started = has_started
        self.sides = {str(side.pk): side for side in sides}
        self.fields["side"].choices = NO_CHOICE + [(k, s.name) for k, s in self.sides.items()]

    def clean_side(self):
        return self.sides.get(self.cleaned_data["side"])

    def clean_attended(self):
        value = {"yes": True, "no": False}.get(self.cleaned_data["attended"])
        if value is not None and not self.has_started:
            raise forms.ValidationError(
                _("Attendance can be noted once the session has started."), code="not_started"
            )
        return value


class NextSessionForm(forms.Form):
    """The next round of a session: its title (the next number proposed) and when it
    starts, typed in the session's own zone. The admin's duplicate asks the same."""

    title = forms.CharField(label=_("Title"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, session: DialogueSession, **kwargs):
        self.session = session
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].help_text = _(
            "Local time in %(zone)s, where the session takes place."
        ) % {"zone": session.time_zone}
        self.fields["title"].help_text = _(
            "The new session starts as a draft: only the team sees it until it is published."
        )
        if not self.is_bound:
            suggested = session.local_starts_at + timedelta(days=28)
            self.initial.setdefault("starts_at", suggested.replace(tzinfo=None))
            self.initial.setdefault("title", next_round_title(session.title))

    def clean_title(self):
        return " ".join(self.cleaned_data["title"].split())

    def clean_starts_at(self):
        value = in_zone(self.cleaned_data["starts_at"], self.session.time_zone)
        if value <= timezone.now():
            raise forms.ValidationError(_("Choose a time in the future."), code="past")
        return value


class PlanNextSessionForm(NextSessionForm):
    submission = SubmissionField()


class ContactConsentForm(forms.Form):
    """How and when someone agreed to be emailed, recorded by an editor on their behalf."""

    method = forms.ChoiceField(label=_("How they agreed"), choices=CONSENT_METHODS)
    given_on = forms.DateField(
        label=_("When"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The day they said so."),
    )

    def clean_given_on(self):
        value = self.cleaned_data["given_on"]
        consent_day_check(value)
        return value
