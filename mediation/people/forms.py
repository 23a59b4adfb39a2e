"""Forms of people's own choices: their consents."""

from django import forms
from django.utils.translation import gettext_lazy

from mediation.models import Consent


class ConsentChangeForm(forms.Form):
    process = forms.UUIDField()
    kind = forms.ChoiceField(choices=Consent.Kind.choices)
    action = forms.ChoiceField(
        choices=[("give", gettext_lazy("Give")), ("withdraw", gettext_lazy("Withdraw"))]
    )
