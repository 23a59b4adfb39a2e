"""Forms of the dialogue work. Messages speak the user's language, never the database's."""

from __future__ import annotations

import zoneinfo
from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import DialogueSession
from .models.base import validate_time_zone


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
