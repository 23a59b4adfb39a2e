"""Every saved version is kept, with its author; two versions compare line by line."""

import uuid

from django.urls import reverse

from mediation.models import OutcomeDocument, OutcomeVersion

from .factories import OutcomeDocumentFactory


def test_saving_adds_a_version_and_keeps_the_earlier_one(process, organizer, organizer_client):
    document = OutcomeDocumentFactory(process=process, body="The hotline runs by day.")
    response = organizer_client.post(
        reverse("outcome_edit", args=[document.pk]),
        {
            "based_on": 1,
            "title": document.title,
            "body": "The hotline runs day and night.",
            "note": "Night shifts",
            "rule": OutcomeDocument.Rule.NON_ATTRIBUTABLE,
        },
    )
    assert response.status_code == 302
    versions = list(document.versions.order_by("number"))
    assert [v.body for v in versions] == [
        "The hotline runs by day.",
        "The hotline runs day and night.",
    ]
    assert versions[1].author == organizer
    assert versions[1].note == "Night shifts"


def test_the_comparison_marks_what_was_added_and_removed(process, organizer_client):
    document = OutcomeDocumentFactory(process=process, body="Keep this.\nDrop this.")
    OutcomeVersion.objects.create(
        document=document, number=2, title=document.title, body="Keep this.\nAdd <this>."
    )
    document.version = 2
    document.save()
    page = organizer_client.get(
        reverse("outcome_versions", args=[document.pk]) + "?a=1&b=2"
    ).content.decode()
    assert '<li class="diff-removed" dir="auto"><del>' in page
    assert "Drop this." in page
    assert "Add &lt;this&gt;." in page  # escaped, never markup
    assert '<li class="diff-same" dir="auto">Keep this.</li>' in page


def test_junk_version_numbers_fall_back_to_the_last_two(process, organizer_client):
    document = OutcomeDocumentFactory(process=process)
    response = organizer_client.get(reverse("outcome_versions", args=[document.pk]) + "?a=x&b=99")
    assert response.status_code == 200


def test_a_bad_new_version_keeps_the_text_and_writes_nothing(process, organizer_client):
    document = OutcomeDocumentFactory(process=process)
    response = organizer_client.post(
        reverse("outcome_edit", args=[document.pk]),
        {"based_on": 1, "title": "", "body": "My long text, typed at night.", "rule": "x"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "My long text, typed at night." in page
    assert 'aria-describedby="id_title_error"' in page or "id_title_error" in page
    assert document.versions.count() == 1


def test_a_draft_seeded_from_the_records(session, organizer_client):
    from mediation.models import Topic
    from tests.factories import AgendaItemFactory, ItemRecordFactory, TopicFactory

    topic = TopicFactory(process=session.process, title="Hotline", status=Topic.Status.CONVERGENCE)
    item = AgendaItemFactory(session=session, topic=topic, position=1)
    ItemRecordFactory(agenda_item=item, convergence="Both navies want a direct line.")
    response = organizer_client.post(
        reverse("outcome_list", args=[session.process.pk]),
        {
            "kind": OutcomeDocument.Kind.NON_PAPER,
            "title": "Non-paper on the hotline",
            "rule": OutcomeDocument.Rule.NON_ATTRIBUTABLE,
            "cited_sessions": [str(session.pk)],
            "seed": "on",
            "body": "",
            "submission": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
    document = OutcomeDocument.objects.get(title="Non-paper on the hotline")
    body = document.versions.get().body
    assert "Both navies want a direct line." in body
    assert "Hotline: Convergence" in body
    assert document.state == OutcomeDocument.State.DRAFT
