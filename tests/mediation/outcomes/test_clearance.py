"""Clearance by every side: release waits for each side's clearance of the current version,
a new version asks for clearance again, and a non-attributable text that names someone who
took part is not cleared."""

import pytest

from mediation.errors import Refusal
from mediation.models import OutcomeDocument
from mediation.outcomes import services
from tests.factories import InvitationFactory, ParticipantFactory, SideFactory

from .factories import OutcomeClearanceFactory, OutcomeDocumentFactory, convenor_of


@pytest.fixture
def sides(process):
    sides = [SideFactory(process=process, name=name) for name in ("North", "South")]
    for side in sides:
        convenor_of(side)  # each names a convenor
    return sides


@pytest.fixture
def document(process):
    return OutcomeDocumentFactory(process=process, body="The hotline should work day and night.")


def _clear(document, side, organizer, version=None):
    return services.outcome_document_clear(
        document=document,
        user=organizer,
        side=side,
        version=version or document.version,
        convenor=convenor_of(side),
    )


def _revise(document, user, body):
    return services.outcome_document_revise(
        document=document,
        user=user,
        based_on=document.version,
        title=document.title,
        body=body,
        note="",
        rule=document.rule,
    )


def test_release_is_refused_until_every_side_cleared(document, sides, organizer):
    _clear(document, sides[0], organizer)
    with pytest.raises(Refusal, match="South"):
        services.outcome_document_release(document=document, user=organizer)
    document.refresh_from_db()
    assert document.state == OutcomeDocument.State.DRAFT
    _clear(document, sides[1], organizer)
    services.outcome_document_release(document=document, user=organizer)
    document.refresh_from_db()
    assert document.is_released
    assert document.released_by == organizer


def test_a_new_version_asks_every_side_again(document, sides, organizer):
    for side in sides:
        _clear(document, side, organizer)
    _revise(document, organizer, "The hotline should work around the clock.")
    document.refresh_from_db()
    assert document.version == 2
    with pytest.raises(Refusal, match="North, South"):
        services.outcome_document_release(document=document, user=organizer)


def test_an_old_version_cannot_be_cleared(document, sides, organizer):
    _revise(document, organizer, "Second text.")
    document.refresh_from_db()
    with pytest.raises(Refusal, match="no longer the current one"):
        _clear(document, sides[0], organizer, version=1)
    assert not document.clearances.exists()


def test_a_process_without_sides_releases_nothing(document, organizer):
    with pytest.raises(Refusal, match="no sides"):
        services.outcome_document_release(document=document, user=organizer)


def test_a_side_of_another_process_cannot_clear(document, sides, organizer, foreign_process):
    with pytest.raises(Refusal):
        _clear(document, SideFactory(process=foreign_process), organizer)


def test_a_released_document_does_not_change(document, sides, organizer):
    for side in sides:
        OutcomeClearanceFactory(document=document, side=side)
    services.outcome_document_release(document=document, user=organizer)
    with pytest.raises(Refusal, match="released"):
        _revise(document, organizer, "Changed after release.")


def test_a_stale_form_does_not_replace_a_newer_version(document, organizer, facilitator):
    _revise(document, organizer, "The organizer's text.")
    with pytest.raises(Refusal, match="saved version 2"):
        services.outcome_document_revise(
            document=document,
            user=facilitator,
            based_on=1,
            title=document.title,
            body="The facilitator's text.",
            note="",
            rule=document.rule,
        )
    assert document.versions.get(number=2).body == "The organizer's text."
    assert document.versions.count() == 2


# --- The non-attribution check -------------------------------------------------------------


@pytest.fixture
def named_document(process, session):
    person = ParticipantFactory(name="Tariq Haddad", affiliation="")
    InvitationFactory(session=session, participant=person)
    document = OutcomeDocumentFactory(
        process=process, body="Tariq Haddad proposed a hotline between the two navies."
    )
    document.cited_sessions.add(session)
    return document


def test_a_non_attributable_text_naming_an_attendee_is_not_cleared(
    named_document, sides, organizer
):
    with pytest.raises(Refusal, match="names or singles out"):
        _clear(named_document, sides[0], organizer)
    assert not named_document.clearances.exists()


def test_the_same_text_is_cleared_once_rewritten(named_document, sides, organizer):
    _revise(named_document, organizer, "A proposal for a hotline between the navies was made.")
    named_document.refresh_from_db()
    _clear(named_document, sides[0], organizer)
    assert named_document.clearances.get().version == 2


def test_an_attributable_text_may_name_people(named_document, sides, organizer):
    named_document.rule = OutcomeDocument.Rule.ATTRIBUTABLE
    named_document.save()
    _clear(named_document, sides[0], organizer)
    assert named_document.clearances.count() == 1


def test_the_document_page_marks_the_sentence_that_names_someone(
    named_document, sides, organizer_client
):
    page = organizer_client.get(f"/outcomes/{named_document.pk}/").content.decode()
    assert "<mark>Tariq Haddad</mark>" in page
    assert "non-attribution check found 1 sentence" in page
