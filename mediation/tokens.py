"""The secret in an invitation link: set a password once, within INVITATION_LINK_DAYS.

Django's password-reset tokens with their own salt (so a reset token is no invitation
token and back) and their own lifetime. A token hashes the password and the last sign-in,
so setting the password (and signing in) spends it; it also hashes the account's address
and the roster's, so changing either (`services.participant_save`) voids a link already
sent.
"""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
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
