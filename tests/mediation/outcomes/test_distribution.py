"""Who reads which document: the team every one, drafts included; a participant only the
released documents given to them; the transfer log only the team, protected contacts by
pseudonym, and an organizer's reading of the name is in the read audit."""

from django.urls import reverse

from mediation.models import OutcomeDocument, ReadEvent

from .factories import OfficialContactFactory, OutcomeDocumentFactory

RELEASED = OutcomeDocument.State.RELEASED


def _documents(process, session, other_session):
    return {
        "draft": OutcomeDocumentFactory(process=process, title="Draft options paper"),
        "mine": OutcomeDocumentFactory(
            process=process, title="Chair's summary", state=RELEASED, to_sessions=[session]
        ),
        "theirs": OutcomeDocumentFactory(
            process=process, title="Side memo", state=RELEASED, to_sessions=[other_session]
        ),
        "public": OutcomeDocumentFactory(
            process=process, title="Public statement", state=RELEASED, to_public=True
        ),
        "undistributed": OutcomeDocumentFactory(
            process=process, title="Kept back", state=RELEASED
        ),
    }


def test_a_participant_lists_only_what_was_given_to_them(
    session, other_session, participant_client
):
    _documents(session.process, session, other_session)
    page = participant_client.get(reverse("outcome_list", args=[session.process.pk]))
    text = page.content.decode()
    assert "Chair&#x27;s summary" in text or "Chair's summary" in text
    assert "Public statement" in text
    for hidden in ("Draft options paper", "Side memo", "Kept back", "Start a draft"):
        assert hidden not in text


def test_the_team_lists_every_document(session, other_session, facilitator_client):
    _documents(session.process, session, other_session)
    text = facilitator_client.get(reverse("outcome_list", args=[session.process.pk])).content
    for title in (b"Draft options paper", b"Side memo", b"Kept back", b"Public statement"):
        assert title in text


def test_a_participant_does_not_see_the_distribution_or_clearance(session, participant_client):
    document = OutcomeDocumentFactory(
        process=session.process, state=RELEASED, to_sessions=[session], body="Shared text."
    )
    text = participant_client.get(reverse("outcome_detail", args=[document.pk])).content.decode()
    assert "Shared text." in text
    assert "Non-attributable" in text  # the rule is printed with the text
    assert "Clearance" not in text and "Distribution" not in text


def test_protected_contacts_show_by_pseudonym_in_the_log(process, session, organizer_client):
    OfficialContactFactory(
        process=process, name="Real Name Kept", identity_protected=True, pseudonym="Envoy K"
    )
    text = organizer_client.get(reverse("transfer_log", args=[process.pk])).content.decode()
    assert "Envoy K" in text
    assert "Real Name Kept" not in text


def test_an_organizer_reads_a_protected_name_and_the_audit_keeps_it(
    process, organizer, organizer_client
):
    contact = OfficialContactFactory(
        process=process, name="Real Name Kept", identity_protected=True, pseudonym="Envoy K"
    )
    url = reverse("transfer_contact_detail", args=[process.pk, contact.pk])
    assert "Real Name Kept" in organizer_client.get(url).content.decode()
    event = ReadEvent.objects.get(kind=ReadEvent.Kind.IDENTITY, object_id=contact.pk)
    assert event.user == organizer and event.process_id == process.pk
    assert "Real Name Kept" not in event.object_label


def test_a_facilitator_reads_the_pseudonym_only(process, session, facilitator_client):
    contact = OfficialContactFactory(
        process=process, name="Real Name Kept", identity_protected=True, pseudonym="Envoy K"
    )
    url = reverse("transfer_contact_detail", args=[process.pk, contact.pk])
    text = facilitator_client.get(url).content.decode()
    assert "Envoy K" in text and "Real Name Kept" not in text
    assert not ReadEvent.objects.filter(object_id=contact.pk).exists()
