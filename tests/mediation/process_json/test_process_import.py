"""Restoring a process from its JSON: a round trip into an empty database gives the same
document back; a damaged file is refused with every problem named, and changes nothing."""

import copy
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from mediation.models import (
    Briefing,
    DialogueProcess,
    DialogueSession,
    OfficialContact,
    OutcomeDocument,
    Participant,
    Side,
)
from mediation.process_json.selectors import process_document
from mediation.process_json.services import ImportRefused, process_import

MISSING = "00000000-0000-4000-8000-000000000001"


def without_time(document: dict) -> dict:
    return {key: value for key, value in document.items() if key != "exported_at"}


@pytest.fixture
def document(organizer_client, full_process):
    response = organizer_client.get(reverse("process_export", args=[full_process.pk]))
    return json.loads(response.content)


def row_counts() -> dict:
    from django.apps import apps
    from django.contrib.auth import get_user_model

    counts = {
        model.__name__: model.objects.count()
        for model in apps.get_app_config("mediation").get_models()
    }
    return {**counts, "users": get_user_model().objects.count()}


@pytest.mark.django_db(transaction=True)
def test_a_process_comes_back_the_same_in_an_empty_database(document, tmp_path):
    call_command("flush", interactive=False, verbosity=0)
    assert not DialogueProcess.objects.exists()
    file = tmp_path / "process.json"
    file.write_text(json.dumps(document), encoding="utf-8")
    out = io.StringIO()
    call_command("import_process", str(file), stdout=out)
    assert "Restored" in out.getvalue()
    process = DialogueProcess.objects.get()
    assert without_time(json.loads(json.dumps(process_document(process), default=str))) == (
        without_time(document)
    )
    # The accounts come back without a password, organizers as organizers.
    organizer = process.organizers.get()
    assert not organizer.has_usable_password()
    assert organizer.groups.filter(name="Organizers").exists()
    assert Participant.objects.get(name="Hidden Real-Name").identity_protected
    # What the process produced comes back too, links and all.
    side = Side.objects.get(name="Upstream communities")
    assert list(side.convenors.values_list("name", flat=True)) == ["Hidden Real-Name"]
    contact = OfficialContact.objects.get()
    assert (contact.name, contact.pseudonym) == ("Hidden Official", "Official K")
    outcome = OutcomeDocument.objects.get()
    assert (outcome.title, outcome.version) == ("Options for the quotas", 2)
    assert outcome.cited_sessions.count() == outcome.to_sessions.count() == 1
    assert list(outcome.to_contacts.all()) == [contact]
    assert sorted(outcome.versions.values_list("number", "body")) == [
        (1, "Text 1"),
        (2, "Text 2"),
    ]
    assert sorted(
        outcome.clearances.values_list("version", "convenor__name", "convenor_name")
    ) == [(1, None, "Typed Before"), (2, "Hidden Real-Name", "")]
    briefing = Briefing.objects.get()
    assert list(briefing.contacts.all()) == [contact]
    assert list(briefing.documents.all()) == [outcome]
    assert briefing.topics.get().title == "Seasonal water quotas"
    assert briefing.recorded_by.username == "organizer"


def damaged(document: dict, damage) -> dict:
    copied = copy.deepcopy(document)
    damage(copied)
    return copied


def refused(document) -> list[str]:
    with pytest.raises(ImportRefused) as caught:
        process_import(document=document)
    return caught.value.problems


def test_a_file_of_another_schema_version_is_refused(document):
    before = row_counts()
    problems = refused(damaged(document, lambda d: d.update(schema_version=99)))
    assert problems == ["schema_version: 99 is not a version this product reads (it reads 1, 2)"]
    assert row_counts() == before


def test_missing_sections_and_keys_are_each_named(document):
    def damage(d):
        del d["topics"]
        del d["sessions"][0]["starts_at"]
        d["invitations"][0]["favourite_colour"] = "blue"

    problems = refused(damaged(document, damage))
    assert "topics: missing, or not a list" in problems
    assert "sessions[0]: missing key: starts_at" in problems
    assert "invitations[0]: unknown key: favourite_colour" in problems


def test_broken_references_are_each_named(document):
    def damage(d):
        d["agenda_items"][0]["session"] = "00000000-0000-4000-8000-000000000000"
        d["actions"][0]["owner"] = "not-an-id"
        d["sessions"][0]["facilitators"] = ["nobody-of-the-file"]

    problems = refused(damaged(document, damage))
    assert any(p.startswith("agenda_items[0].session: ") for p in problems)
    broken_owner = "actions[0].owner: 'not-an-id' is no row of participants"
    assert broken_owner in problems
    assert any(p.startswith("sessions[0].facilitators: ") for p in problems)


def test_duplicate_ids_are_refused(document):
    def damage(d):
        d["participants"].append(dict(d["participants"][0]))
        d["users"].append(dict(d["users"][0]))

    problems = refused(damaged(document, damage))
    assert any("appears twice in participants" in p for p in problems)
    assert any(p.startswith("users[") and "appears twice" in p for p in problems)


def test_ids_already_in_the_database_are_refused(document):
    before = row_counts()
    problems = refused(document)
    assert any(p.startswith("process[id ") and "already in the database" in p for p in problems)
    assert any("already has an account here" in p for p in problems)
    assert row_counts() == before


def test_bad_values_and_broken_rules_are_named(document):
    def damage(d):
        d["sessions"][0]["ends_at"] = d["sessions"][0]["starts_at"]
        d["sessions"][0]["confidentiality"] = "whispered"
        d["consents"][0]["given_at"] = "2026-01-01T10:00:00"
        lead = d["agenda_items"][0]["lead"]
        d["invitations"] = [row for row in d["invitations"] if row["participant"] != lead]

    problems = refused(damaged(document, damage))
    assert any(p.startswith("sessions[0].confidentiality: ") for p in problems)
    assert any("needs its offset" in p for p in problems)
    assert any("The session must end after it starts." in p for p in problems)


@pytest.mark.django_db(transaction=True)
def test_a_damaged_file_changes_nothing_in_an_empty_database(document, tmp_path):
    call_command("flush", interactive=False, verbosity=0)
    before = row_counts()
    bad = damaged(document, lambda d: d["actions"][0].update(topic="missing-topic"))
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(bad), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_process", str(file), stderr=err)
    assert "actions[0].topic" in err.getvalue()
    assert row_counts() == before
    assert not DialogueSession.objects.exists()


def test_a_rule_of_the_product_the_file_breaks_is_named(document):
    def damage(d):
        lead = d["agenda_items"][0]["lead"]
        d["invitations"] = [row for row in d["invitations"] if row["participant"] != lead]

    problems = refused(damaged(document, damage))
    assert any("the lead is not invited to the session" in p for p in problems)


def test_a_file_that_is_not_json_is_refused(tmp_path):
    file = tmp_path / "notes.json"
    file.write_text("{ not json", encoding="utf-8")
    with pytest.raises(CommandError, match="is not JSON"):
        call_command("import_process", str(file))


@pytest.mark.django_db(transaction=True)
def test_a_row_the_database_refuses_half_way_leaves_nothing_behind(document, monkeypatch):
    """Past the checks (here switched off), a refusal of the database while writing rolls
    back every row already written."""
    from mediation.process_json import validation

    call_command("flush", interactive=False, verbosity=0)
    before = row_counts()
    monkeypatch.setattr(validation, "check_rules", lambda rows: [])
    twice = damaged(
        document, lambda d: d["invitations"].append({**d["invitations"][0], "id": str(MISSING)})
    )
    problems = refused(twice)
    assert len(problems) == 1 and problems[0].startswith("the database refused a row: ")
    assert row_counts() == before


def test_damage_to_what_the_process_produced_is_named_in_place(document):
    before = row_counts()
    stranger = "00000000-0000-4000-8000-000000000002"

    def damage(d):
        d["outcome_clearances"][0]["side"] = MISSING
        d["briefings"][0]["documents"] = [stranger]
        d["sides"][0]["convenors"] = [MISSING]
        d["outcome_versions"].append(dict(d["outcome_versions"][0]))
        d["official_contacts"].append(dict(d["official_contacts"][0]))

    problems = refused(damaged(document, damage))
    assert f"outcome_clearances[0].side: '{MISSING}' is no row of sides" in problems
    assert f"briefings[0].documents: '{stranger}' is no row of outcome_documents" in problems
    assert f"sides[0].convenors: '{MISSING}' is no row of participants" in problems
    assert any(
        p.startswith("outcome_versions[2].id: ") and "appears twice in outcome_versions" in p
        for p in problems
    )
    assert any(
        p.startswith("official_contacts[1].id: ") and "appears twice" in p for p in problems
    )
    assert row_counts() == before


def test_a_clearance_of_a_version_its_document_lacks_is_refused(document):
    def damage(d):
        d["outcome_clearances"][0]["version"] = 7

    problems = refused(damaged(document, damage))
    assert any(
        p.startswith("outcome_clearances[id ") and "its document has no such version" in p
        for p in problems
    )


def test_a_protected_contact_without_a_pseudonym_is_refused(document):
    problems = refused(damaged(document, lambda d: d["official_contacts"][0].update(pseudonym="")))
    assert "official_contacts[0]: A protected contact needs a pseudonym." in problems


def version_1(document: dict) -> dict:
    """The document as version 1 wrote it: none of what came with version 2."""
    old = {key: value for key, value in document.items() if key not in NEW_SECTIONS}
    old["schema_version"] = 1
    old["sides"] = [{k: v for k, v in row.items() if k != "convenors"} for row in old["sides"]]
    return old


NEW_SECTIONS = (
    "official_contacts",
    "outcome_documents",
    "outcome_versions",
    "outcome_clearances",
    "briefings",
)


@pytest.mark.django_db(transaction=True)
def test_a_version_1_file_still_imports(document):
    call_command("flush", interactive=False, verbosity=0)
    report = process_import(document=version_1(document))
    assert report.counts["sessions"] == 1
    assert report.counts["outcome_documents"] == 0
    assert not OutcomeDocument.objects.exists()
    assert not Side.objects.get().convenors.exists()


def test_a_version_1_file_with_a_key_of_version_2_is_refused(document):
    old = version_1(document)
    old["sides"][0]["convenors"] = []
    assert "sides[0]: unknown key: convenors" in refused(old)
