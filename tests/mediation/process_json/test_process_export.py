"""A process as JSON: what the export holds, who may have it, and its read trace."""

import json

from django.urls import reverse

from mediation.models import (
    Briefing,
    OfficialContact,
    OutcomeClearance,
    OutcomeDocument,
    OutcomeVersion,
    ReadEvent,
)
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
    protected = next(row for row in document["participants"] if row["name"] == "Hidden Real-Name")
    assert document["sides"][0]["convenors"] == [protected["id"]]
    clearances = sorted(document["outcome_clearances"], key=lambda row: row["version"])
    assert [(row["convenor"], row["convenor_name"]) for row in clearances] == [
        (None, "Typed Before"),
        (protected["id"], ""),
    ]
    assert [row["number"] for row in document["outcome_versions"]].count(2) == 1
    briefing = document["briefings"][0]
    assert briefing["documents"] == [document["outcome_documents"][0]["id"]]
    assert briefing["contacts"] == [document["official_contacts"][0]["id"]]


def test_a_protected_contact_is_exported_with_its_real_name(organizer_client, full_process):
    """The export is for the process's organizers, who see real names: as for protected
    participants, the name goes beside the pseudonym."""
    contact = export(organizer_client, full_process)["official_contacts"][0]
    assert (contact["name"], contact["identity_protected"], contact["pseudonym"]) == (
        "Hidden Official",
        True,
        "Official K",
    )


def test_a_convenor_from_outside_the_roster_is_still_a_person_of_the_file(
    organizer_client, full_process
):
    from tests.factories import ParticipantFactory

    outsider = ParticipantFactory(name="Named Convenor Only")
    full_process.sides.get().convenors.add(outsider)
    document = export(organizer_client, full_process)
    assert str(outsider.pk) in {row["id"] for row in document["participants"]}


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
        SideFactory,
        UserFactory,
    )

    def grow(n):
        for _ in range(n):
            session = DialogueSessionFactory(process=full_process, facilitators=[UserFactory()])
            person = ParticipantFactory(user=UserFactory())
            InvitationFactory(session=session, participant=person)
            AgendaItemFactory(session=session, lead=person)
            ActionItemFactory(session=session, owner=person)
            side = SideFactory(process=full_process)
            side.convenors.set([person])
            contact = OfficialContact.objects.create(
                process=full_process, name="Official", institution="Ministry"
            )
            outcome = OutcomeDocument.objects.create(
                process=full_process, kind="non_paper", title="Paper"
            )
            outcome.cited_sessions.set([session])
            outcome.to_contacts.set([contact])
            OutcomeVersion.objects.create(document=outcome, number=1, title="Paper", body="x")
            OutcomeClearance.objects.create(
                document=outcome, side=side, version=1, convenor=person
            )
            briefing = Briefing.objects.create(
                process=full_process, briefed_on="2026-03-01", briefed_by="Chair", channel="call"
            )
            briefing.contacts.set([contact])
            briefing.documents.set([outcome])

    url = reverse("process_export", args=[full_process.pk])
    grow(1)
    small = count_queries(lambda: organizer_client.get(url))
    grow(6)
    assert count_queries(lambda: organizer_client.get(url)) == small
