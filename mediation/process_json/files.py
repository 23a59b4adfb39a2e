"""Reading a process document from the bytes of a file: one reader for the import
command and the admin's upload, so both refuse a damaged file with the same words (in the
active language: the reader's in the admin, English in the command)."""

from __future__ import annotations

import json

from django.utils.formats import number_format
from django.utils.translation import gettext

from mediation.errors import Refusal

# An export of a process running for years is a few megabytes; far beyond that, a file is
# not one of ours, and reading it whole would only tie up the server.
MAX_BYTES = 50 * 1024 * 1024


class UnreadableDocument(Refusal):
    """The file is no JSON document at all (the message says why, in plain words)."""


def read_document(data: bytes):
    """The parsed JSON of `data`, or `UnreadableDocument`. What the JSON holds is checked
    afterwards by `validation.check`."""
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(
            gettext(
                "The file is too large (%(size)s bytes; a process document is at most "
                "%(limit)s bytes)."
            )
            % {
                "size": number_format(len(data), force_grouping=True),
                "limit": number_format(MAX_BYTES, force_grouping=True),
            }
        )
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UnreadableDocument(gettext("The file is not JSON: it is not UTF-8 text.")) from None
    except json.JSONDecodeError as error:
        # The parser's own words (English) say where: they are for whoever repairs the file.
        raise UnreadableDocument(
            gettext("The file is not JSON (%(error)s).") % {"error": error}
        ) from None
    except RecursionError:
        raise UnreadableDocument(
            gettext("The file is not JSON: it is nested too deeply.")
        ) from None
