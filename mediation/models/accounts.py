"""Sign-in accounts as the admin's two-factor console sees them (a proxy: no table).

Organizers need a way to reset the two-factor devices of someone who lost their phone,
without the user admin (superusers only), which shows and changes far more than that.
"""

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _


class TwoFactorAccount(User):
    class Meta:
        proxy = True
        verbose_name = _("sign-in account")
        verbose_name_plural = _("two-factor devices")
