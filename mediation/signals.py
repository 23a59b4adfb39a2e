"""Signal handlers wired in MediationConfig.ready()."""

from django.db import connections

from mediation import integrity
from mediation.people import services as people_services


def ensure_organizers_group(sender, **kwargs):
    people_services.organizers_group_ensure()


def ensure_integrity_triggers(sender, using="default", **kwargs):
    integrity.triggers_install(connections[using])
