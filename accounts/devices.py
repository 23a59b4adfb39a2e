"""Writes on a person's two-factor devices: confirming an authenticator app, replacing the
backup codes, and resetting every device (the way back for someone who lost their phone).

Each change queues a notice to the account's own address once it is committed
(`tasks.send_two_factor_notice_email`): whoever holds the password alone can enrol a first
device, and an organizer can reset one, so the owner must hear of both. Who must confirm a
code, and when, is `accounts.twofactor`'s business.
"""

from __future__ import annotations

import json

import django_otp
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import translation
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from mediation import access
from mediation.models import TwoFactorAccount
from mediation.notifications import enqueue
from mediation.notifications.emails import TwoFactorChange

BACKUP_CODE_COUNT = 10


def _backup_codes_make(user) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice) -> list[str]:
    """Confirm an authenticator app after its first right code, with ten fresh backup codes
    (returned, to be shown once). One notice, "turned on", tells of both."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _backup_codes_make(device.user)
    enqueue.two_factor_notice(device.user, TwoFactorChange.ENABLED)
    return codes


@transaction.atomic
def backup_codes_replace(*, user) -> list[str]:
    """Ten fresh single-use codes; any earlier ones stop working."""
    codes = _backup_codes_make(user)
    enqueue.two_factor_notice(user, TwoFactorChange.CODES_REPLACED)
    return codes


@transaction.atomic
def two_factor_devices_reset(*, actor, target) -> int:
    """Delete every device of `target` (confirmed or half-enrolled), so their next sign-in
    asks them to enrol again wherever they must; a session confirmed with a deleted device
    is no longer confirmed. Refused outside `access.can_reset_devices`.

    Returns how many devices went. With none, nothing is logged or sent; otherwise an admin
    LogEntry (on the two-factor admin's model) names each device removed and by whom, and
    the owner gets the "reset" notice.
    """
    if not access.can_reset_devices(actor, target):
        raise PermissionDenied
    removed = []
    for model in django_otp.device_classes():
        devices = model.objects.filter(user_id=target.pk)
        with translation.override(None):  # a log entry stores English, translated on display
            kind = str(model._meta.verbose_name)
        removed += [
            {"deleted": {"name": kind, "object": name}}
            for name in devices.values_list("name", flat=True)
        ]
        devices.delete()
    if not removed:
        return 0
    LogEntry.objects.create(
        user_id=actor.pk,
        content_type=ContentType.objects.get_for_model(TwoFactorAccount, for_concrete_model=False),
        object_id=str(target.pk),
        object_repr=target.get_username(),
        action_flag=CHANGE,
        change_message=json.dumps(removed),
    )
    enqueue.two_factor_notice(target, TwoFactorChange.RESET)
    return len(removed)
