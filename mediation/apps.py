"""App configuration for the dialogue work: processes, sessions, records."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MediationConfig(AppConfig):
    name = "mediation"
    verbose_name = _("Dialogue processes")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from mediation import signals
        from mediation.search import text  # noqa: F401  (registers SQLite's folding)

        post_migrate.connect(signals.ensure_organizers_group, dispatch_uid="organizers_group")
        post_migrate.connect(
            signals.ensure_integrity_triggers, sender=self, dispatch_uid="integrity_triggers"
        )
        user_logged_in.connect(signals.stamp_session_refresh, dispatch_uid="session_refresh")
