"""Secrets in the links the product emails.

An invitation link sets a password once, within INVITATION_LINK_DAYS.

Django's password-reset tokens with their own salt (so a reset token is no invitation
token and back) and their own lifetime. A token hashes the password and the last sign-in,
so setting the password (and signing in) spends it; it also hashes the account's address
and the roster's, so changing either (`services.participant_save`) voids a link already
sent.

A reminder's unsubscribe link turns that person's reminders off, from any mail program,
without signing in (RFC 8058). Its token is the participant's id signed with a salt of its
own, so it cannot be forged or made from another signed value of the product. It names no
one: the id is a random UUID, and the page it opens shows neither name nor address.
"""

from uuid import UUID

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import signing
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "mediation.tokens.InvitationTokenGenerator"

    @property
    def timeout_seconds(self) -> int:
        return settings.INVITATION_LINK_DAYS * 24 * 3600

    def _make_hash_value(self, user, timestamp) -> str:
        participant = getattr(user, "participant", None)
        roster_email = participant.email if participant is not None else ""
        return f"{super()._make_hash_value(user, timestamp)}|{roster_email}"

    def check_token(self, user, token) -> bool:
        # As Django's, with this generator's lifetime instead of PASSWORD_RESET_TIMEOUT.
        if not (user and token):
            return False
        try:
            ts_b36, _hash = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        for secret in [self.secret, *self.secret_fallbacks]:
            if constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token):
                break
        else:
            return False
        return (self._num_seconds(self._now()) - ts) <= self.timeout_seconds


invitation_token_generator = InvitationTokenGenerator()


REMINDERS_SALT = "mediation.tokens.reminders-unsubscribe"


def reminders_unsubscribe_token(participant) -> str:
    return signing.dumps(participant.pk.hex, salt=REMINDERS_SALT)


def reminders_unsubscribe_participant_id(token: str) -> UUID | None:
    """The id the token was made for, or None for anything not made by the function above."""
    try:
        return UUID(hex=signing.loads(token, salt=REMINDERS_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None
