"""Log lines without the secrets that some addresses carry.

Three kinds of address are secrets in themselves: a participant's calendar feed
(`/calendar/<token>.ics`, read by calendar programs that cannot sign in), an invitation
link (`/welcome/<uidb64>/<token>/`, which sets a password) and a reminder's unsubscribe
link (`/unsubscribe/<token>/`). Anyone who reads a log line with one of them could
subscribe to that person's sessions, take over their account or stop their reminders, so every
handler we configure (Django's in settings.LOGGING, gunicorn's in config/gunicorn.conf.py)
carries `MaskSecrets`, which rewrites those parts to `***` wherever they appear in a line:
a bare path, a request line with a query string, a `next=` parameter, percent-encoded or not.
"""

import logging
import re

MASK = "***"

# A path separator, literal or percent-encoded (as in `?next=%2Fcalendar%2F...`).
_SEP = r"(?:/|%2F)"
# One path segment: anything up to a separator, a query, a fragment, whitespace or a quote.
# Tokens never contain any of these, so a real token is always masked whole.
_SEGMENT = r"(?:[^/?#&\s\"'%]|%(?!2F)[0-9A-F]{2})+"
# `\b` keeps `/mycalendar/` out; the look-behinds let `%2Fcalendar%2F` in (`F` is a letter).
_START = r"(?:\b|(?<=%2F))"

# `/profile/calendar/renew/` is the one other address with `calendar/` in it; it has no token.
_CALENDAR = re.compile(rf"(?<!profile/)({_START}calendar{_SEP}){_SEGMENT}", re.IGNORECASE)
_WELCOME = re.compile(
    rf"({_START}welcome{_SEP}){_SEGMENT}(?:({_SEP})({_SEGMENT})?)?", re.IGNORECASE
)
_UNSUBSCRIBE = re.compile(rf"({_START}unsubscribe{_SEP}){_SEGMENT}", re.IGNORECASE)


def _calendar(match: re.Match) -> str:
    # Keep the extension: `/calendar/***.ics` still says which page was asked for.
    whole = match.group(0)
    suffix = whole[-4:] if whole.lower().endswith(".ics") else ""
    return f"{match.group(1)}{MASK}{suffix}"


def _welcome(match: re.Match) -> str:
    # Both the user's id and the token: the pair is what opens the account.
    head, separator, token = match.groups()
    return f"{head}{MASK}{separator or ''}{MASK if token else ''}"


def mask_secrets(text: str) -> str:
    """`text` with the secret parts of calendar-feed, invitation and unsubscribe addresses
    masked."""
    text = _UNSUBSCRIBE.sub(rf"\g<1>{MASK}", text)
    return _WELCOME.sub(_welcome, _CALENDAR.sub(_calendar, text))


class MaskSecrets(logging.Filter):
    """Rewrite each record's final message (and its traceback) with the secrets masked.

    The message is computed once and stored whole (`args` emptied), so no formatter or
    handler can put the original arguments back together. Masking is idempotent: a record
    that passes through several handlers is masked each time to the same text.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = mask_secrets(record.getMessage()), ()
        if record.exc_info and not record.exc_text:
            # The formatter uses exc_text when it is set, instead of formatting exc_info.
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_secrets(record.stack_info)
        return True
