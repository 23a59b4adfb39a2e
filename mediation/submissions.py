"""Forms handled once: a double click or a retried request creates one row, not two.

A form that creates something carries a hidden `submission` token (a fresh UUID made when
the form is rendered). The service claims the token inside its own transaction: the first
request stores it in FormSubmission and goes on; any later request with the same token finds
it taken and does nothing. The object created can be given an id derived from the token
(`result_id`), so the repeat knows where the first request's result lives.
"""

from __future__ import annotations

import uuid

from django import forms
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from mediation.models import FormSubmission

_NAMESPACE = uuid.UUID("6f1d4c0e-2a57-4b7e-9f0a-3c8d2b1e5a90")


def submission_token_new() -> uuid.UUID:
    return uuid.uuid4()


def submission_claim(token: uuid.UUID) -> bool:
    """Store the token; False if it was already handled. Call inside the write's transaction,
    so a write that fails releases its token with everything else."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("submission_claim must run inside the write's transaction")
    try:
        with transaction.atomic():
            FormSubmission.objects.create(token=token)
    except IntegrityError:
        return False
    return True


def result_id(token: uuid.UUID, kind: str) -> uuid.UUID:
    """The id of the object a submission creates: the same for every repeat of the form."""
    return uuid.uuid5(_NAMESPACE, f"{kind}:{token}")


class SubmissionField(forms.UUIDField):
    """The hidden token field: a new token each time an unbound form is rendered."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("initial", submission_token_new)
        kwargs.setdefault(
            "error_messages",
            {"required": _("This form expired. Reload the page and send it again.")},
        )
        super().__init__(**kwargs)
