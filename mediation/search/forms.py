"""The search box: one field, kept as typed, with a clear message when it is too long."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .text import MAX_LENGTH


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_LENGTH,
        strip=True,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        error_messages={
            "max_length": _("Type at most %(limit_value)d characters: a few words are enough.")
        },
    )
