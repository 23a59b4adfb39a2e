"""Print the current two-factor code of the demo logins, so the demo needs no phone.

Works only for the devices `seed_demo` created (its name and its published key): a real
account's authenticator is never read here.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from mediation.demo.logins import DEMO_2FA_USERS, DEMO_DEVICE_NAME, DEMO_TOTP_KEY


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


class Command(BaseCommand):
    help = "Print the current two-factor code of the demo organizer and facilitator."

    def add_arguments(self, parser):
        parser.add_argument(
            "usernames",
            nargs="*",
            default=list(DEMO_2FA_USERS),
            help=f"Demo logins (default: {' '.join(DEMO_2FA_USERS)}).",
        )

    def handle(self, *args, usernames: list[str], **options):
        for username in usernames:
            if username not in DEMO_2FA_USERS:
                raise CommandError(
                    f"{username!r} is not a demo login; codes are only shown for demo logins."
                )
            device = TOTPDevice.objects.filter(
                user__username=username, name=DEMO_DEVICE_NAME, key=DEMO_TOTP_KEY
            ).first()
            if device is None:
                raise CommandError(
                    f"{username!r} has no demo authenticator (run `python manage.py seed_demo`)."
                )
            remaining = device.step - int(time.time() - device.t0) % device.step
            self.stdout.write(
                f"{username:<12} {current_code(device)}   (valid for {remaining} more seconds)"
            )
