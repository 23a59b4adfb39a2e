"""A process as JSON: what the export holds, who may have it, and its read trace."""

import json

from django.urls import reverse

from mediation.models import ReadEvent
from mediation.process_json.schema import SCHEMA_VERSION, SECTIONS


def export(client, process):
    response = client.get(reverse("process_export", args=[process.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


def test_the_export_holds_everything_of_the_process(organizer_client, full_process):
    document = export(organizer_client, full_process)
    assert document["schema_version"] == SCHEMA_VERSION
    assert document["process"]["id"] == str(full_process.pk)
    for section in SECTIONS:
        assert document[section.name], f"{section.name} is empty"
    names = {row["name"] for row in document["participants"]}
    assert "Hidden Real-Name" in names
    assert document["records"][0]["internal_notes"] == "Internal: watch the quota numbers."
    assert document["item_records"][0]["topic_status"] == "convergence"
    assert "organizer" in document["process"]["organizers"]


def test_the_export_holds_no_secret(organizer_client, full_process, participant):
    participant.participant.calendar_token = "feed-secret-token"
    participant.participant.save()
    text = json.dumps(export(organizer_client, full_process))
    assert "feed-secret-token" not in text
    assert "password" not in text
    assert participant.password not in text


def test_the_export_holds_nothing_of_another_process(
    organizer_client, full_process, foreign_session
):
    text = json.dumps(export(organizer_client, full_process))
    assert str(foreign_session.pk) not in text
    assert "Boris Outsider" not in text


def test_the_export_is_in_the_read_audit(organizer, organizer_client, full_process):
    export(organizer_client, full_process)
    event = ReadEvent.objects.get(user=organizer, kind=ReadEvent.Kind.EXPORT)
    assert event.process_id == full_process.pk
    assert event.object_id == full_process.pk


def test_the_file_name_says_nothing_of_the_process(organizer_client, full_process):
    response = organizer_client.get(reverse("process_export", args=[full_process.pk]))
    assert full_process.title not in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("attachment;")


def test_only_the_processs_organizers_may_export_it(
    facilitator_client, participant_client, stranger_client, full_process
):
    url = reverse("process_export", args=[full_process.pk])
    assert facilitator_client.get(url).status_code == 403
    assert participant_client.get(url).status_code == 403
    assert stranger_client.get(url).status_code == 404


def test_the_export_query_count_does_not_grow(organizer_client, full_process, count_queries):
    from tests.factories import (
        ActionItemFactory,
        AgendaItemFactory,
        DialogueSessionFactory,
        InvitationFactory,
        ParticipantFactory,
        UserFactory,
    )

    def grow(n):
        for _ in range(n):
            session = DialogueSessionFactory(process=full_process, facilitators=[UserFactory()])
            person = ParticipantFactory(user=UserFactory())
            InvitationFactory(session=session, participant=person)
            AgendaItemFactory(session=session, lead=person)
            ActionItemFactory(session=session, owner=person)

    url = reverse("process_export", args=[full_process.pk])
    grow(1)
    small = count_queries(lambda: organizer_client.get(url))
    grow(6)
    assert count_queries(lambda: organizer_client.get(url)) == small
