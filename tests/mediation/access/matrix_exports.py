"""Rows of the access matrix (matrix.py) for briefing packs and whole-process exports.

A pack follows the session page: its team and the participants invited to it once it is
published; a stranger gets the 404 of a missing session. A process as JSON is for the
process's organizers alone: a facilitator of its sessions is a member without the right.
"""

import uuid

from django.urls import reverse

MISSING = uuid.UUID("00000000-0000-4000-8000-000000000000")
SESSION_READERS = {"organizer": 200, "facilitator": 200, "participant": 200, "stranger": 404}
OTHER_SESSION = {"organizer": 200, "facilitator": 404, "participant": 404, "stranger": 404}
ALL_404 = {"organizer": 404, "facilitator": 404, "participant": 404, "stranger": 404}

EXPORT_ROWS = [
    (
        "briefing pack",
        lambda w: reverse("session_briefing", args=[w["session"].pk]),
        SESSION_READERS,
    ),
    (
        "briefing pack PDF",
        lambda w: reverse("session_briefing_pdf", args=[w["session"].pk]),
        SESSION_READERS,
    ),
    (
        "briefing pack of another session",
        lambda w: reverse("session_briefing", args=[w["other_session"].pk]),
        OTHER_SESSION,
    ),
    (
        "briefing pack PDF of another session",
        lambda w: reverse("session_briefing_pdf", args=[w["other_session"].pk]),
        OTHER_SESSION,
    ),
    (
        "briefing pack of a missing session",
        lambda w: reverse("session_briefing", args=[MISSING]),
        ALL_404,
    ),
    (
        "process as JSON",
        lambda w: reverse("process_export", args=[w["process"].pk]),
        {"organizer": 200, "facilitator": 403, "participant": 403, "stranger": 404},
    ),
    (
        "process as JSON of a missing process",
        lambda w: reverse("process_export", args=[MISSING]),
        ALL_404,
    ),
]
