"""Refusals of the services, and the one way pages show them.

A service that will not write raises a `Refusal` (or a subclass naming the reason), after
writing nothing. A page shows it beside the field it names when it answers a form
(`add_service_errors`), otherwise as an error message (`Refusal.text`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError


class Refusal(ValidationError):
    """A write the rules do not allow; the message says why in the user's words. A dict of
    messages names the form fields they belong to."""

    @property
    def text(self) -> str:
        return " ".join(self.messages)


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
