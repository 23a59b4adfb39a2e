"""Forms of sign-in and of a person's own profile."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from mediation.zones import TimeZoneField, TimeZoneInput


class TwoFactorCodeForm(forms.Form):
    """A code from an authenticator app (six digits) or a single-use backup code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].replace(" ", "").lower()


class ProfileForm(forms.Form):
    time_zone = TimeZoneField(
        required=False,
        help_text=_("Times are shown in this zone: type your city or a zone. Empty: UTC."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("As my browser prefers")), *settings.LANGUAGES],
    )
    email = forms.EmailField(label=_("Email"), max_length=254)
    # For people on the roster only (the view drops it for others).
    reminders = forms.BooleanField(
        label=_("Email me reminders before my sessions and before my follow-up actions are due"),
        required=False,
    )

    def __init__(self, *args, participant=None, **kwargs):
        super().__init__(*args, **kwargs)
        if participant is None:
            del self.fields["reminders"]


class WelcomeForm(SetPasswordForm):
    """The invited person's first visit: a password, and the zone to show times in."""

    time_zone = TimeZoneField(
        required=False,
        help_text=_(
            "Times are shown in this zone: type your city or a zone. Empty: UTC. You can "
            "change it later in your profile."
        ),
        widget=TimeZoneInput(attrs={"data-guess-zone": ""}),
    )
