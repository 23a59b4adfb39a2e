"""Forms participants fill in themselves."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from mediation.models import Invitation

ANSWER_CHOICES = [
    (Invitation.Response.ACCEPTED, _("Accept")),
    (Invitation.Response.TENTATIVE, _("Tentative")),
    (Invitation.Response.DECLINED, _("Decline")),
]


class AnswerForm(forms.Form):
    response = forms.ChoiceField(
        label=_("Your answer"),
        choices=ANSWER_CHOICES,
        error_messages={"required": _("Choose accept, tentative or decline.")},
    )
    note = forms.CharField(
        label=_("Note to the facilitator (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Only the facilitators and organizers read it."),
    )
