"""Signal handlers wired in MediationConfig.ready()."""

from . import services


def ensure_organizers_group(sender, **kwargs):
    services.organizers_group_ensure()
