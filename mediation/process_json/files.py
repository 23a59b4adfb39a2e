"""Reading a process document from the bytes of a file: one reader for the import
command and the admin's upload, so both refuse a damaged file with the same words."""

from __future__ import annotations

import json

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
            f"too large ({len(data):,} bytes; a process document is at most {MAX_BYTES:,})"
        )
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UnreadableDocument("not JSON: the file is not UTF-8 text") from None
    except json.JSONDecodeError as error:
        raise UnreadableDocument(f"not JSON: {error}") from None
    except RecursionError:
        raise UnreadableDocument("not JSON: nested too deeply") from None
