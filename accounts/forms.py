"""Forms of sign-in and of a person's own profile."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mediation.models.base import validate_time_zone


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
    time_zone = forms.CharField(
        label=_("Time zone"),
        max_length=64,
        required=False,
        validators=[validate_time_zone],
        help_text=_("Times are shown in this zone, for example Asia/Seoul. Empty: UTC."),
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
