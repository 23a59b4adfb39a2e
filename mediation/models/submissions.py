"""Forms already handled, so that sending one twice writes once (see mediation.submissions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class FormSubmission(models.Model):
    """A form already handled: the token in a submitted form is stored once, so pressing
    Send twice (or a retried request) creates one row, not two."""

    token = models.UUIDField(primary_key=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return str(self.token)
