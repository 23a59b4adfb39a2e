"""Organizers kept apart, the roster: who each organizer lists, finds and adds, what
reading a protected person leaves in the read audit, and the one rule that decides.

`other_organizer` runs only `foreign_process`; the protected person "Ri Chol-min" (seen by
others as "Delta", the `ri` fixture) takes part in `session` of the organizer's process.
Every replay must be refused with no row changed and no real name shown.
"""

import pytest

from mediation import access
from mediation.models import Participant, ProcessMember, ReadEvent
from tests.factories import InvitationFactory, ParticipantFactory, ProcessMemberFactory
from tests.mediation.people.kept_apart import admin_url

# --- 8. The smaller findings: the roster ------------------------------------------------


def test_the_roster_shows_an_organizer_only_the_people_of_their_processes(
    other_organizer_client, foreign_session, ri, participant
):
    page = other_organizer_client.get(admin_url(Participant, "changelist")).content.decode()
    assert "Boris Outsider" in page
    assert participant.participant.name not in page
    assert "Delta" not in page and "Ri Chol-min" not in page


def test_the_roster_list_never_shows_a_protected_real_name(organizer_client, ri):
    page = organizer_client.get(admin_url(Participant, "changelist")).content.decode()
    assert "Delta (protected identity)" in page
    assert "Ri Chol-min" not in page
    assert not ReadEvent.objects.exists()


def test_opening_a_protected_persons_page_in_the_admin_is_audited(
    organizer, organizer_client, ri, session
):
    page = organizer_client.get(admin_url(Participant, "change", ri.pk))
    assert "Ri Chol-min" in page.content.decode()
    event = ReadEvent.objects.get()
    assert (event.kind, event.user, event.object_id, event.process_id) == (
        ReadEvent.Kind.IDENTITY,
        organizer,
        ri.pk,
        session.process_id,
    )


def test_a_new_person_joins_the_roster_of_one_of_the_organizers_processes(
    organizer_client, process, foreign_process
):
    data = {
        "roster_process": process.pk,
        "name": "Nadia Newcomer",
        "category": "academic",
        "email": "nadia@example.org",
        "consents-TOTAL_FORMS": "0",
        "consents-INITIAL_FORMS": "0",
    }
    refused = organizer_client.post(
        admin_url(Participant, "add"), {**data, "roster_process": foreign_process.pk}
    )
    assert refused.status_code == 200
    assert not Participant.objects.filter(name="Nadia Newcomer").exists()
    assert organizer_client.post(admin_url(Participant, "add"), data).status_code == 302
    person = Participant.objects.get(name="Nadia Newcomer")
    assert person.memberships.get().process == process


def test_someone_of_another_process_joins_only_by_exact_address(
    organizer_client, process, foreign_session, other_participant
):
    boris = other_participant.participant
    find = admin_url(Participant, "find")
    partial = organizer_client.post(find, {"term": "Boris", "process": process.pk})
    assert "Boris Outsider" not in partial.content.decode()
    exact = organizer_client.post(find, {"term": boris.email.upper(), "process": process.pk})
    assert "Boris Outsider" in exact.content.decode()
    added = organizer_client.post(
        find, {"term": boris.email, "process": process.pk, "participant": boris.pk}
    )
    assert added.status_code == 302
    assert boris.memberships.filter(process=process).exists()


def test_a_protected_person_of_another_process_joins_only_by_address_and_pseudonym(
    other_organizer_client, foreign_process, ri
):
    """A pseudonym is read by every participant of the person's process, and easily guessed
    ("Participant K"): alone it would let any organizer pull a protected person onto their
    roster and read the name behind it."""
    find = admin_url(Participant, "find")
    for term, pseudonym in [("", "Delta"), ("ri.cholmin@example.org", ""), ("x@y.org", "Delta")]:
        response = other_organizer_client.post(
            find, {"term": term, "pseudonym": pseudonym, "process": foreign_process.pk}
        )
        assert str(ri.pk) not in response.content.decode(), (term, pseudonym)
    data = {"term": "RI.CHOLMIN@example.org", "pseudonym": "delta", "process": foreign_process.pk}
    page = other_organizer_client.post(find, data).content.decode()
    assert "Delta (protected identity)" in page
    assert "Ri Chol-min" not in page
    other_organizer_client.post(find, {**data, "participant": ri.pk})
    assert ri.memberships.filter(process=foreign_process).exists()


def test_reading_a_shared_protected_person_is_in_every_process_read_audit(
    other_organizer, other_organizer_client, foreign_process, ri, session
):
    ProcessMemberFactory(process=foreign_process, participant=ri)
    assert other_organizer_client.get(admin_url(Participant, "change", ri.pk)).status_code == 200
    events = ReadEvent.objects.filter(kind=ReadEvent.Kind.IDENTITY, user=other_organizer)
    assert set(events.values_list("process_id", flat=True)) == {
        foreign_process.pk,
        session.process_id,
    }


def test_archiving_a_person_shared_with_another_process_is_refused(
    other_organizer_client, foreign_session, ri
):
    InvitationFactory(session=foreign_session, participant=ri)
    other_organizer_client.post(
        admin_url(Participant, "changelist"),
        {"action": "archive_selected", "_selected_action": [str(ri.pk)]},
    )
    ri.refresh_from_db()
    assert ri.archived_at is None


def test_the_roster_rule_in_one_place(organizer, other_organizer, foreign_session, ri):
    assert access.can_change_identity(organizer, ri)
    assert not access.participants_visible_to(other_organizer).filter(pk=ri.pk).exists()
    ProcessMemberFactory(process=foreign_session.process, participant=ri)
    assert access.participants_visible_to(other_organizer).filter(pk=ri.pk).exists()
    assert not access.can_change_identity(other_organizer, ri)
    assert not access.can_change_identity(organizer, ri)


@pytest.mark.parametrize(
    "term",
    ["a\x00b", "x" * 255, "y" * 1_000_000, "‮Delta", "참가자 K", "' OR 1=1 --", "%", "_"],
    ids=["nul", "over-long", "megabyte", "rtl-override", "hangul", "sql", "percent", "underscore"],
)
def test_the_find_page_answers_hostile_terms_with_a_message_and_finds_no_one(
    organizer_client, process, ri, term
):
    ri_pseudonym_holder = ParticipantFactory(
        identity_protected=True, pseudonym="참가자 K", email="참가자@example.org"
    )
    response = organizer_client.post(
        admin_url(Participant, "find"),
        {"term": "참가자@example.org", "pseudonym": term, "process": process.pk}
        if term == "참가자 K"
        else {"term": term, "pseudonym": term[:100], "process": process.pk},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Traceback" not in page
    if term == "참가자 K":
        assert str(ri_pseudonym_holder.pk) in page  # foreign script found exactly, as typed
    else:
        assert 'name="participant"' not in page
        if term in {"a\x00b", "x" * 255, "y" * 1_000_000}:
            assert "errorlist" in page  # the error beside the field
    assert not ProcessMember.objects.exists()
