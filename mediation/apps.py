"""App configuration for the dialogue work: processes, sessions, records."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "mediation"
    verbose_name = _("Dialogue processes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import admin_devices, signals  # noqa: F401 (admin_devices registers itself)

        post_migrate.connect(signals.ensure_organizers_group, dispatch_uid="organizers_group")
