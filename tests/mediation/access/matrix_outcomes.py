"""The access matrix's rows for outcome documents and the transfer log (matrix.py adds them
to MATRIX)."""

import uuid

from django.urls import reverse

MISSING = uuid.UUID("00000000-0000-4000-8000-000000000000")
ALL_404 = {"organizer": 404, "facilitator": 404, "participant": 404, "stranger": 404}


# --- Outcome documents and the transfer log ------------------------------------------------
# Drafts are the team's (organizers and the facilitators of the process's sessions); a
# participant reads a released document only when it was given to a session they are invited
# to; the transfer log is the team's alone.


def _document(w, *, released=False, to=None):
    from mediation.models import OutcomeDocument
    from tests.mediation.outcomes.factories import OutcomeDocumentFactory

    state = OutcomeDocument.State.RELEASED if released else OutcomeDocument.State.DRAFT
    return OutcomeDocumentFactory(process=w["process"], state=state, to_sessions=to or [])


def _contact(w):
    from tests.mediation.outcomes.factories import OfficialContactFactory

    return OfficialContactFactory(
        process=w["process"], identity_protected=True, pseudonym="Envoy A"
    )


def _briefing(w):
    from tests.mediation.outcomes.factories import BriefingFactory

    return BriefingFactory(process=w["process"])


TEAM_ONLY = {"organizer": 200, "facilitator": 200, "participant": 403, "stranger": 404}
READERS = {"organizer": 200, "facilitator": 200, "participant": 200, "stranger": 404}

OUTCOME_ROWS = [
    (
        "outcomes of the process",
        lambda w: reverse("outcome_list", args=[w["process"].pk]),
        READERS,
    ),
    ("outcomes of a missing process", lambda w: reverse("outcome_list", args=[MISSING]), ALL_404),
    (
        "outcomes of another process",
        lambda w: reverse("outcome_list", args=[w["foreign_process"].pk]),
        {**ALL_404, "other_organizer": 200, "other_facilitator": 200, "other_participant": 200},
    ),
    (
        "draft outcome document",
        lambda w: reverse("outcome_detail", args=[_document(w).pk]),
        TEAM_ONLY,
    ),
    (
        "released document given to the participant's session",
        lambda w: reverse(
            "outcome_detail", args=[_document(w, released=True, to=[w["session"]]).pk]
        ),
        READERS,
    ),
    (
        "released document given to another session",
        lambda w: reverse(
            "outcome_detail", args=[_document(w, released=True, to=[w["other_session"]]).pk]
        ),
        TEAM_ONLY,
    ),
    (
        "PDF of a released document given to the participant's session",
        lambda w: reverse("outcome_pdf", args=[_document(w, released=True, to=[w["session"]]).pk]),
        READERS,
    ),
    (
        "PDF of a draft (none yet)",
        lambda w: reverse("outcome_pdf", args=[_document(w).pk]),
        {"organizer": 404, "facilitator": 404, "participant": 403, "stranger": 404},
    ),
    ("missing outcome document", lambda w: reverse("outcome_detail", args=[MISSING]), ALL_404),
    (
        "new version of an outcome document",
        lambda w: reverse("outcome_edit", args=[_document(w).pk]),
        TEAM_ONLY,
    ),
    (
        "versions of an outcome document",
        lambda w: reverse("outcome_versions", args=[_document(w).pk]),
        TEAM_ONLY,
    ),
    (
        "versions of a released document given to the participant",
        lambda w: reverse(
            "outcome_versions", args=[_document(w, released=True, to=[w["session"]]).pk]
        ),
        TEAM_ONLY,
    ),
    (
        "transfer log",
        lambda w: reverse("transfer_log", args=[w["process"].pk]),
        TEAM_ONLY,
    ),
    (
        "transfer log as CSV",
        lambda w: reverse("transfer_log_csv", args=[w["process"].pk]),
        TEAM_ONLY,
    ),
    (
        "transfer log as CSV of another process",
        lambda w: reverse("transfer_log_csv", args=[w["foreign_process"].pk]),
        {**ALL_404, "other_organizer": 200, "other_facilitator": 200, "other_participant": 403},
    ),
    (
        "transfer log as CSV of a missing process",
        lambda w: reverse("transfer_log_csv", args=[MISSING]),
        ALL_404,
    ),
    (
        "transfer log of a missing process",
        lambda w: reverse("transfer_log", args=[MISSING]),
        ALL_404,
    ),
    (
        "protected official contact",
        lambda w: reverse("transfer_contact_detail", args=[w["process"].pk, _contact(w).pk]),
        TEAM_ONLY,
    ),
    (
        "briefing feedback",
        lambda w: reverse("transfer_briefing_feedback", args=[w["process"].pk, _briefing(w).pk]),
        TEAM_ONLY,
    ),
    (
        "briefing of another process",
        lambda w: reverse(
            "transfer_briefing_feedback", args=[w["process"].pk, _briefing_elsewhere(w).pk]
        ),
        {"organizer": 404, "facilitator": 404, "participant": 403, "stranger": 404},
    ),
]


def _briefing_elsewhere(w):
    from tests.mediation.outcomes.factories import BriefingFactory

    return BriefingFactory(process=w["foreign_process"])
