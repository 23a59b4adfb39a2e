"""Writes on a person's two-factor devices: confirming an authenticator app and replacing
the backup codes.

Each change queues a notice to the account's own address once it is committed
(`tasks.send_two_factor_notice_email`): whoever holds the password alone can enrol a first
device, so the owner must hear of it. Who must confirm a
code, and when, is `mediation.twofactor`'s business.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import tasks
from .emails import TwoFactorChange

BACKUP_CODE_COUNT = 10


def _notice_queue(user, change: TwoFactorChange) -> None:
    """Queue the notice after the commit: a change rolled back is not announced."""
    at = timezone.now().isoformat()
    transaction.on_commit(
        lambda: tasks.send_two_factor_notice_email.enqueue(user.pk, str(change), at)
    )


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
    _notice_queue(device.user, TwoFactorChange.ENABLED)
    return codes


@transaction.atomic
def backup_codes_replace(*, user) -> list[str]:
    """Ten fresh single-use codes; any earlier ones stop working."""
    codes = _backup_codes_make(user)
    _notice_queue(user, TwoFactorChange.CODES_REPLACED)
    return codes
