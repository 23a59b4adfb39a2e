"""Signal handlers wired in MediationConfig.ready()."""

from django.db import connections

from mediation import integrity, services


def ensure_organizers_group(sender, **kwargs):
    services.organizers_group_ensure()


def ensure_integrity_triggers(sender, using="default", **kwargs):
    integrity.triggers_install(connections[using])
