"""The access matrix's rows: every URL, with what each persona must get there.

A stranger to an object gets the same 404 as for an object that does not exist; a member
without the right gets 403; an anonymous visitor is sent to sign in. Later issues add
their URLs here. The pages are walked in test_access_matrix_pages.py, the writes in
test_access_matrix_writes.py and test_access_matrix_workspace.py; the two-factor tests
(tests/accounts/test_two_factor.py) walk the same rows with a code owed.
"""

import uuid

from django.urls import reverse

from .matrix_exports import EXPORT_ROWS
from .matrix_outcomes import OUTCOME_ROWS

MISSING = uuid.UUID("00000000-0000-4000-8000-000000000000")
EDITORS = {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404}
OTHERS_ONLY = {"organizer": 200, "facilitator": 404, "participant": 404, "stranger": 404}

# (name, url builder, {persona: expected status}); "anonymous" expects a login redirect.
MATRIX = [
    (
        "home",
        lambda w: reverse("home"),
        {"organizer": 200, "facilitator": 200, "participant": 200, "stranger": 200},
    ),
    (
        "process list",
        lambda w: reverse("process_list"),
        {"organizer": 200, "facilitator": 200, "participant": 200, "stranger": 200},
    ),
    (
        "own session",
        lambda w: w["session"].get_absolute_url(),
        {"organizer": 200, "facilitator": 200, "participant": 200, "stranger": 404},
    ),
    (
        "other session of the process",
        lambda w: w["other_session"].get_absolute_url(),
        {"organizer": 200, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
    (
        "missing session",
        lambda w: reverse("session_detail", args=[MISSING]),
        {"organizer": 404, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
    (
        "process",
        lambda w: w["process"].get_absolute_url(),
        {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404},
    ),
    (
        "missing process",
        lambda w: reverse("process_detail", args=[MISSING]),
        {"organizer": 404, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
    # Facilitator workspace (GET of pages that also take their form's POST: see FORM_PAGES).
    ("record editor", lambda w: reverse("session_record_edit", args=[w["session"].pk]), EDITORS),
    (
        "record editor of another session",
        lambda w: reverse("session_record_edit", args=[w["other_session"].pk]),
        OTHERS_ONLY,
    ),
    (
        "record share check",
        lambda w: reverse("session_record_share", args=[w["session"].pk]),
        EDITORS,
    ),
    (
        "record consent of an invitee",
        lambda w: reverse(
            "session_invitation_consent",
            args=[w["session"].pk, w["session"].invitations.first().pk],
        ),
        EDITORS,
    ),
    (
        "record lock confirmation",
        lambda w: reverse("session_record_lock", args=[w["session"].pk]),
        EDITORS,
    ),
    (
        "record lock confirmation of another session",
        lambda w: reverse("session_record_lock", args=[w["other_session"].pk]),
        OTHERS_ONLY,
    ),
    (
        "plan the next session",
        lambda w: reverse("session_plan_next", args=[w["session"].pk]),
        EDITORS,
    ),
    (
        "plan after another session",
        lambda w: reverse("session_plan_next", args=[w["other_session"].pk]),
        OTHERS_ONLY,
    ),
    # --- Security issue: exports, consents, two-factor pages (GET only) ---
    (
        "attendance export",
        lambda w: reverse("session_attendance_export", args=[w["session"].pk]),
        {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404},
    ),
    (
        "attendance export of another session",
        lambda w: reverse("session_attendance_export", args=[w["other_session"].pk]),
        {"organizer": 200, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
    (
        "attendance export of a missing session",
        lambda w: reverse("session_attendance_export", args=[MISSING]),
        {"organizer": 404, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
    (
        "my consents",
        lambda w: reverse("my_consents"),
        {"organizer": 200, "facilitator": 200, "participant": 200, "stranger": 200},
    ),
    (
        # Shown once after enrolling; without codes waiting it sends the person on.
        "two-factor backup codes",
        lambda w: reverse("two_factor_backup_codes"),
        {"organizer": 302, "facilitator": 302, "participant": 302, "stranger": 302},
    ),
]


# --- Participant portal -------------------------------------------------------------------
# Extra keys a row may carry besides the personas: "method" ("post"; GET otherwise) and
# "data" (the POST body), "anonymous" (the status for a signed-out visitor, where it is not
# a redirect to sign in: the calendar feed and the invitation link need no sign-in), and
# "on_post" (what a POST to a GET row answers, 405 otherwise).


def _own_action(w):
    from tests.factories import ActionItemFactory

    return ActionItemFactory(session=w["session"], owner=w["participant"].participant)


def _feed_token(w, *, renewals=1):
    from mediation.portal.services import calendar_token_renew

    tokens = [calendar_token_renew(participant=w["participant"].participant)]
    for _ in range(renewals - 1):
        tokens.append(calendar_token_renew(participant=w["participant"].participant))
    return tokens[0]


def _unsubscribe_token(w):
    from mediation.tokens import reminders_unsubscribe_token

    return reminders_unsubscribe_token(w["participant"].participant)


ALL_200 = {"organizer": 200, "facilitator": 200, "participant": 200, "stranger": 200}
ALL_404 = {"organizer": 404, "facilitator": 404, "participant": 404, "stranger": 404}

MATRIX += [
    ("my actions", lambda w: reverse("my_actions"), ALL_200),
    # Everyone may search; what each finds is scoped (tests/mediation/search). Anonymous
    # visitors search the public glossary only.
    (
        "search",
        lambda w: reverse("search") + "?q=session",
        {**ALL_200, "anonymous": 200},
    ),
    ("profile", lambda w: reverse("profile"), {**ALL_200, "on_post": 400}),
    (
        "password change",
        lambda w: reverse("password_change"),
        {**ALL_200, "on_post": 400},
    ),
    (
        "own session calendar",
        lambda w: reverse("session_calendar", args=[w["session"].pk]),
        {"organizer": 200, "facilitator": 200, "participant": 200, "stranger": 404},
    ),
    (
        "other session calendar",
        lambda w: reverse("session_calendar", args=[w["other_session"].pk]),
        {"organizer": 200, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
    (
        "missing session calendar",
        lambda w: reverse("session_calendar", args=[MISSING]),
        ALL_404,
    ),
    (
        "answer own invitation",
        lambda w: reverse("session_answer", args=[w["session"].pk]),
        {
            "organizer": 403,
            "facilitator": 403,
            "participant": 302,
            "stranger": 404,
            "method": "post",
            "data": {"response": "accepted"},
        },
    ),
    (
        "answer other session",
        lambda w: reverse("session_answer", args=[w["other_session"].pk]),
        {
            "organizer": 403,
            "facilitator": 404,
            "participant": 404,
            "stranger": 404,
            "method": "post",
            "data": {"response": "accepted"},
        },
    ),
    (
        "answer missing session",
        lambda w: reverse("session_answer", args=[MISSING]),
        {**ALL_404, "method": "post", "data": {"response": "accepted"}},
    ),
    (
        "mark own action done",
        lambda w: reverse("my_action_done", args=[_own_action(w).pk]),
        {
            "organizer": 404,
            "facilitator": 404,
            "participant": 302,
            "co_participant": 404,
            "stranger": 404,
            "method": "post",
        },
    ),
    (
        "mark missing action done",
        lambda w: reverse("my_action_done", args=[MISSING]),
        {**ALL_404, "method": "post"},
    ),
    (
        "renew calendar token",
        lambda w: reverse("calendar_token_renew"),
        {
            "organizer": 404,
            "facilitator": 404,
            "participant": 302,
            "other_participant": 302,
            "stranger": 404,
            "method": "post",
        },
    ),
    (
        "email invitations of own session",
        lambda w: reverse("session_invitations_send", args=[w["session"].pk]),
        {
            "organizer": 302,
            "facilitator": 302,
            "participant": 403,
            "stranger": 404,
            "method": "post",
        },
    ),
    (
        "email invitations of other session",
        lambda w: reverse("session_invitations_send", args=[w["other_session"].pk]),
        {
            "organizer": 302,
            "facilitator": 404,
            "participant": 404,
            "stranger": 404,
            "method": "post",
        },
    ),
    (
        "publish own session",
        lambda w: reverse("session_publish", args=[w["session"].pk]),
        {
            "organizer": 302,
            "facilitator": 302,
            "participant": 403,
            "stranger": 404,
            "method": "post",
        },
    ),
    (
        "publish other session",
        lambda w: reverse("session_publish", args=[w["other_session"].pk]),
        {
            "organizer": 302,
            "facilitator": 404,
            "participant": 404,
            "stranger": 404,
            "method": "post",
        },
    ),
    (
        "publish missing session",
        lambda w: reverse("session_publish", args=[MISSING]),
        {**ALL_404, "method": "post"},
    ),
    (
        "email invitations of missing session",
        lambda w: reverse("session_invitations_send", args=[MISSING]),
        {**ALL_404, "method": "post"},
    ),
    (
        "calendar feed, valid token",
        lambda w: reverse("calendar_feed", args=[_feed_token(w)]),
        {**ALL_200, "anonymous": 200},
    ),
    (
        "calendar feed, wrong token",
        lambda w: reverse("calendar_feed", args=["A" * 43]),
        {**ALL_404, "anonymous": 404},
    ),
    (
        "calendar feed, old token",
        lambda w: reverse("calendar_feed", args=[_feed_token(w, renewals=2)]),
        {**ALL_404, "anonymous": 404},
    ),
    (
        "calendar feed, missing token",
        lambda w: "/calendar/.ics",
        {**ALL_404, "anonymous": 404, "on_post": 404},
    ),
    (
        "invitation link, garbled",
        lambda w: reverse("invitation_accept", args=["MQ", "1-garbled"]),
        {
            "organizer": 400,
            "facilitator": 400,
            "participant": 400,
            "stranger": 400,
            "anonymous": 400,
            "on_post": 400,
        },
    ),
    # A reminder's unsubscribe link: the signed token is the key, whoever opens it. The page
    # takes the POST of its button, and the one-click POST of mail programs (RFC 8058).
    (
        "unsubscribe page",
        lambda w: reverse("reminders_unsubscribe", args=[_unsubscribe_token(w)]),
        {**ALL_200, "anonymous": 200, "on_post": 200},
    ),
    (
        "unsubscribe page, forged token",
        lambda w: reverse("reminders_unsubscribe", args=["IjAwMDAi:1xX2LY:forged"]),
        {**ALL_404, "anonymous": 404, "on_post": 404},
    ),
    # Facilitator workspace (more rows for its forms and writes in test_access_matrix_writes.py
    # and test_access_matrix_workspace.py).
    (
        "invitation search",
        lambda w: reverse("session_invitation_search", args=[w["session"].pk]) + "?q=a",
        {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404},
    ),
    (
        "invitation search, other session",
        lambda w: reverse("session_invitation_search", args=[w["other_session"].pk]) + "?q=a",
        {"organizer": 200, "facilitator": 404, "participant": 404, "stranger": 404},
    ),
]

# Briefing packs and whole-process exports (matrix_exports.py).
MATRIX += EXPORT_ROWS
# Outcome documents and the transfer log: their rows in matrix_outcomes.py.
MATRIX += OUTCOME_ROWS

PERSONAS = [
    "organizer",
    "facilitator",
    "participant",
    "stranger",
    "other_organizer",
    "other_facilitator",
    "other_participant",
    "co_participant",
]
# The attackers' personas expect what the persona they resemble expects, unless a row says
# otherwise: to the organizer's process, another process's organizer, facilitator and
# participant are strangers; a second invitee of the session is a participant like the first.
LIKE = {
    "other_organizer": "stranger",
    "other_facilitator": "stranger",
    "other_participant": "stranger",
    "co_participant": "participant",
}


def expected_for(expected: dict, persona: str):
    return expected.get(persona, expected.get(LIKE.get(persona, persona)))
