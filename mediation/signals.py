"""Signal handlers wired in MediationConfig.ready()."""

from django.db import connections

from config.middleware import session_refresh_stamp
from mediation import integrity
from mediation.people import services as people_services


def ensure_organizers_group(sender, **kwargs):
    people_services.organizers_group_ensure()


def ensure_integrity_triggers(sender, using="default", **kwargs):
    integrity.triggers_install(connections[using])


def stamp_session_refresh(sender, request, user, **kwargs):
    """A sign-in saves the session: its expiry counts from now (config.middleware)."""
    if request is not None and hasattr(request, "session"):
        session_refresh_stamp(request.session)
