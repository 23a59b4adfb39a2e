"""A named convenor of each side: organizers name each side's convenors in the admin (among
the people of that process only); a clearance is given by one of the side's own convenors,
picked, not typed; a side that names none blocks release; the document page names the
convenor as the reader may name them."""

import pytest
from django.urls import reverse

from mediation.errors import Refusal
from mediation.models import DialogueProcess, OutcomeClearance, ReadEvent, Side
from mediation.outcomes import services
from tests.factories import ParticipantFactory, ProcessMemberFactory, SideFactory
from tests.security.page_forms import field_errors, main_form

from .factories import OutcomeDocumentFactory, convenor_of


@pytest.fixture
def north(process):
    side = SideFactory(process=process, name="North")
    convenor_of(side)
    return side


@pytest.fixture
def south(process):
    return SideFactory(process=process, name="South")  # names no convenor yet


@pytest.fixture
def document(process):
    return OutcomeDocumentFactory(process=process, body="A hotline between the two navies.")


def _clear(document, side, user, convenor):
    return services.outcome_document_clear(
        document=document, user=user, side=side, version=document.version, convenor=convenor
    )


# --- The rules, in the services -----------------------------------------------------------


def test_a_side_without_a_named_convenor_blocks_release(document, north, south, organizer):
    _clear(document, north, organizer, convenor_of(north))
    with pytest.raises(Refusal, match="No convenor is named for South"):
        services.outcome_document_release(document=document, user=organizer)
    document.refresh_from_db()
    assert not document.is_released


def test_release_waits_for_each_sides_own_convenor(document, north, south, organizer):
    _clear(document, north, organizer, convenor_of(north))
    convenor_of(south)  # named now, but has not cleared
    with pytest.raises(Refusal, match="Not every side has cleared version 1 yet: South"):
        services.outcome_document_release(document=document, user=organizer)
    _clear(document, south, organizer, convenor_of(south))
    services.outcome_document_release(document=document, user=organizer)
    document.refresh_from_db()
    assert document.is_released
    assert {c.convenor for c in document.clearances.all()} == {
        convenor_of(north),
        convenor_of(south),
    }


def test_a_new_version_asks_the_convenors_again(document, north, organizer):
    _clear(document, north, organizer, convenor_of(north))
    services.outcome_document_revise(
        document=document,
        user=organizer,
        based_on=1,
        title=document.title,
        body="A staffed hotline.",
        note="",
        rule=document.rule,
    )
    document.refresh_from_db()
    with pytest.raises(Refusal, match="Not every side has cleared version 2 yet: North"):
        services.outcome_document_release(document=document, user=organizer)


def test_someone_the_side_does_not_name_cannot_clear_for_it(document, north, process, organizer):
    on_the_roster = ProcessMemberFactory(process=process, side=north).participant
    with pytest.raises(Refusal) as refused:
        _clear(document, north, organizer, on_the_roster)
    assert "convenor" in refused.value.error_dict
    assert not document.clearances.exists()


def test_the_convenor_of_another_side_cannot_clear_for_this_one(document, north, south, organizer):
    with pytest.raises(Refusal) as refused:
        _clear(document, south, organizer, convenor_of(north))
    assert "side" in refused.value.error_dict  # South names no one
    southerner = convenor_of(south)
    with pytest.raises(Refusal, match="not a named convenor of North"):
        _clear(document, north, organizer, southerner)
    assert not document.clearances.exists()


def test_naming_convenors_takes_people_of_the_process_only(north, foreign_process):
    outsider = ProcessMemberFactory(process=foreign_process).participant
    with pytest.raises(Refusal):
        services.side_convenors_name(side=north, convenors=[outsider])
    assert outsider not in north.convenors.all()


# --- The document page ---------------------------------------------------------------------


def _detail(document):
    return reverse("outcome_detail", args=[document.pk])


def _post_clear(client, document, side, convenor):
    return client.post(
        reverse("outcome_clear", args=[document.pk]),
        {"side": side.pk, "convenor": convenor, "version": document.version},
    )


def test_the_page_picks_the_convenor_and_shows_who_cleared_and_when(
    document, north, organizer_client
):
    person = convenor_of(north)
    response = _post_clear(organizer_client, document, north, str(person.pk))
    assert response.status_code == 302
    page = organizer_client.get(_detail(document)).content.decode()
    assert '<optgroup label="North">' in page  # the convenors, by side
    assert f"Cleared by {person.name} on" in page


def test_the_page_refuses_a_convenor_of_another_side_beside_the_field(
    document, north, south, organizer_client
):
    southerner = convenor_of(south)
    response = _post_clear(organizer_client, document, north, str(southerner.pk))
    assert response.status_code == 200
    assert set(field_errors(response, "convenor")) == {
        "This person is not a named convenor of North: choose one of its own convenors."
    }
    assert not OutcomeClearance.objects.exists()


@pytest.mark.parametrize(
    "value", ["", "not-a-uuid", "00000000-0000-0000-0000-000000000000", "=cmd|' /C calc'!A0"]
)
def test_bad_convenor_input_is_refused_and_nothing_written(
    document, north, organizer_client, value
):
    response = _post_clear(organizer_client, document, north, value)
    assert response.status_code == 200
    assert field_errors(response, "convenor")
    assert not OutcomeClearance.objects.exists()


def test_a_person_of_another_process_is_no_choice(
    document, north, organizer_client, foreign_process
):
    outsider = ProcessMemberFactory(process=foreign_process).participant
    response = _post_clear(organizer_client, document, north, str(outsider.pk))
    assert "Select a valid choice" in " ".join(field_errors(response, "convenor"))
    assert f'<option value="{outsider.pk}"' not in response.content.decode()
    assert not OutcomeClearance.objects.exists()


def test_the_page_says_which_side_needs_a_convenor(document, north, south, organizer_client):
    page = organizer_client.get(_detail(document)).content.decode()
    assert "Still to name: South." in page
    assert "No convenor named yet" in page


@pytest.fixture
def protected_convenor(process, north):
    person = ParticipantFactory(
        name="Kim Secret", identity_protected=True, pseudonym="Participant K"
    )
    ProcessMemberFactory(process=process, participant=person, side=north)
    north.convenors.set([person])
    return person


def test_a_protected_convenor_shows_by_pseudonym_to_a_facilitator_not_cleared(
    document, north, protected_convenor, session, organizer, facilitator_client
):
    _clear(document, north, organizer, protected_convenor)
    page = facilitator_client.get(_detail(document)).content.decode()
    assert "Cleared by Participant K on" in page
    assert "Kim Secret" not in page
    assert not ReadEvent.objects.filter(kind=ReadEvent.Kind.IDENTITY).exists()


def test_the_organizer_reads_the_convenors_name_and_the_read_is_audited(
    document, north, protected_convenor, organizer, organizer_client
):
    _clear(document, north, organizer, protected_convenor)
    page = organizer_client.get(_detail(document)).content.decode()
    assert "Cleared by Kim Secret (Participant K) on" in page
    event = ReadEvent.objects.get(kind=ReadEvent.Kind.IDENTITY)
    assert event.participant == protected_convenor
    assert event.process_id == document.process_id


def test_a_clearance_typed_before_convenors_were_named_stays_readable(
    document, north, organizer_client
):
    OutcomeClearance.objects.create(
        document=document, side=north, version=1, convenor_name="Convenor typed by hand"
    )
    page = organizer_client.get(_detail(document)).content.decode()
    assert "Cleared by Convenor typed by hand on" in page
    assert "name as typed before the side named its convenors" in page


# --- The admin ----------------------------------------------------------------------------


def _process_change(process):
    return reverse("admin:mediation_dialogueprocess_change", args=[process.pk])


def test_the_admin_offers_the_processs_own_people_only(
    process, north, organizer, organizer_client, foreign_process
):
    mine = ProcessMemberFactory(process=process).participant
    # The organizer runs the other process too: its people are still no choice here.
    foreign_process.organizers.add(organizer)
    theirs = ProcessMemberFactory(process=foreign_process).participant
    page = organizer_client.get(_process_change(process)).content.decode()
    assert f'value="{mine.pk}"' in page
    assert f'value="{theirs.pk}"' not in page
    assert "add_id_sides-0-convenors" not in page  # no new person from here: in no process


def test_an_organizer_cannot_name_another_processs_person(
    process, north, organizer, organizer_client, foreign_process
):
    foreign_process.organizers.add(organizer)
    theirs = ProcessMemberFactory(process=foreign_process).participant
    url = _process_change(process)
    form = main_form(organizer_client.get(url), url)
    response = organizer_client.post(url, form.data(**{"sides-0-convenors": [str(theirs.pk)]}))
    assert response.status_code == 200
    assert field_errors(response, "sides-0-convenors")
    assert theirs not in Side.objects.get(pk=north.pk).convenors.all()


def test_an_organizer_names_a_convenor_in_the_admin(process, north, organizer_client):
    mine = ProcessMemberFactory(process=process).participant
    url = _process_change(process)
    form = main_form(organizer_client.get(url), url)
    chosen = [*form.data().get("sides-0-convenors", []), str(mine.pk)]
    response = organizer_client.post(url, form.data(**{"sides-0-convenors": chosen}))
    assert response.status_code == 302
    assert mine in Side.objects.get(pk=north.pk).convenors.all()
    assert DialogueProcess.objects.filter(pk=process.pk).exists()


def test_the_side_admin_scopes_the_convenors_to_its_process(
    process, north, organizer, organizer_client, foreign_process
):
    foreign_process.organizers.add(organizer)
    theirs = ProcessMemberFactory(process=foreign_process).participant
    url = reverse("admin:mediation_side_change", args=[north.pk])
    page = organizer_client.get(url)
    assert page.status_code == 200
    assert f'value="{theirs.pk}"' not in page.content.decode()
    response = organizer_client.post(url, {"name": "North", "convenors": [str(theirs.pk)]})
    assert field_errors(response, "convenors")
    assert theirs not in north.convenors.all()


def test_the_page_costs_the_same_with_more_protected_convenors(
    document, process, organizer, organizer_client, count_queries
):
    def grow(n):
        for i in range(n):
            side = SideFactory(process=process)
            person = ParticipantFactory(identity_protected=True, pseudonym=f"Envoy {i}")
            ProcessMemberFactory(process=process, participant=person, side=side)
            side.convenors.add(person)
            _clear(document, side, organizer, person)

    grow(1)
    small = count_queries(lambda: organizer_client.get(_detail(document)))
    grow(3)
    large = count_queries(lambda: organizer_client.get(_detail(document)))
    assert small == large
    assert ReadEvent.objects.filter(kind=ReadEvent.Kind.IDENTITY).count() == 4
