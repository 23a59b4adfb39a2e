"""Sign-in accounts of people on the roster: created on first invitation, never matched by
address."""

from __future__ import annotations

import secrets

from django.contrib.auth.models import User
from django.db import transaction

from mediation.models import Participant

# Letters and digits no one misreads when typing a username from an email.
USERNAME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def _new_username() -> str:
    """`p-` and eight random characters: it names no one (an address often holds a real
    name, and usernames show in sign-in logs and audit trails)."""
    while True:
        username = "p-" + "".join(secrets.choice(USERNAME_ALPHABET) for _ in range(8))
        if not User.objects.filter(username=username).exists():
            return username


@transaction.atomic
def participant_account_ensure(*, participant: Participant) -> User:
    """The participant's sign-in account, created (without a usable password) if missing.

    Never linked to an existing account found by address: that could hand someone else's
    account to whoever controls this address. The invitation email tells the person the
    username it gets here.
    """
    if participant.user_id is not None:
        return participant.user
    user = User(username=_new_username(), email=participant.email)
    user.set_unusable_password()
    user.save()
    participant.user = user
    participant.save(update_fields=["user", "updated_at"])
    return user
