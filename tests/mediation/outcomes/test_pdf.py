"""A released document downloads as PDF with its attribution rule on every page, for those
who may read it; a draft has no PDF; each download is in the read audit."""

import io

from django.urls import reverse
from pypdf import PdfReader

from mediation.models import OutcomeDocument, ReadEvent

from .factories import OutcomeDocumentFactory

LONG = "\n\n".join(
    f"Paragraph {n}: the hotline would be staffed day and night." for n in range(120)
)


def _pages(response) -> list[str]:
    assert response["Content-Type"] == "application/pdf"
    return [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]


def test_the_participant_downloads_the_document_given_to_her(
    session, participant, participant_client
):
    document = OutcomeDocumentFactory(
        process=session.process,
        title="Chair's summary",
        state=OutcomeDocument.State.RELEASED,
        to_sessions=[session],
        body=LONG,
    )
    pages = _pages(participant_client.get(reverse("outcome_pdf", args=[document.pk])))
    assert len(pages) > 1
    for text in pages:
        assert "NON-ATTRIBUTABLE" in text.upper()
    assert "Chair's summary" in pages[0] or "Chair’s summary" in pages[0]
    assert "Paragraph 119" in pages[-1]
    assert ReadEvent.objects.filter(
        kind=ReadEvent.Kind.EXPORT, object_id=document.pk, user=participant
    ).exists()


def test_the_rule_not_for_circulation_is_printed(session, organizer_client):
    document = OutcomeDocumentFactory(
        process=session.process,
        rule=OutcomeDocument.Rule.LIST_ONLY,
        state=OutcomeDocument.State.RELEASED,
    )
    (text,) = _pages(organizer_client.get(reverse("outcome_pdf", args=[document.pk])))
    assert "NOT FOR CIRCULATION BEYOND THE LIST" in text.upper()


def test_a_draft_has_no_pdf_and_others_get_none(session, organizer_client, participant_client):
    draft = OutcomeDocumentFactory(process=session.process)
    assert organizer_client.get(reverse("outcome_pdf", args=[draft.pk])).status_code == 404
    kept = OutcomeDocumentFactory(process=session.process, state=OutcomeDocument.State.RELEASED)
    assert participant_client.get(reverse("outcome_pdf", args=[kept.pk])).status_code == 403
