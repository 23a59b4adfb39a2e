"""The admin as the organizers' safe, consents: scoped to the organizer's processes,
withdrawn (dated) rather than deleted, recorded with who recorded them."""

from datetime import timedelta

from django.utils import timezone

from mediation.models import Consent, DialogueProcess, Participant
from tests.factories import ConsentFactory, ParticipantFactory, ProcessMemberFactory
from tests.mediation.admin.admin_helpers import admin_url, changelist_action

# --- Consents ----------------------------------------------------------------------------


def test_consents_list_shows_only_the_organizers_processes(admin_client_, process, foreign):
    mine = ConsentFactory(process=process)
    page = admin_client_.get(admin_url(Consent, "changelist"))
    assert page.status_code == 200
    ids = {c.pk for c in page.context["cl"].result_list}
    assert ids == {mine.pk}
    assert "Foreign process" not in page.content.decode()
    assert (
        admin_client_.get(admin_url(Consent, "change", foreign["consent"].pk)).status_code == 302
    )


def test_the_withdraw_action_dates_the_withdrawal_and_keeps_the_row(
    admin_client_, organizer, process
):
    consent = ConsentFactory(process=process)
    changelist_action(admin_client_, Consent, "withdraw_selected", consent)
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert consent.history.first().history_user == organizer


def test_consents_are_never_deleted_in_the_admin(admin_client_, process):
    consent = ConsentFactory(process=process)
    assert admin_client_.get(admin_url(Consent, "delete", consent.pk)).status_code == 403
    assert Consent.objects.filter(pk=consent.pk).exists()


def test_an_organizer_records_a_consent_and_is_named_as_recorder(
    admin_client_, organizer, process
):
    person = ProcessMemberFactory(process=process).participant
    response = admin_client_.post(
        admin_url(Consent, "add"),
        {
            "participant": person.pk,
            "process": process.pk,
            "kind": "named",
            "given_at_0": timezone.localdate().isoformat(),
            "given_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    consent = Consent.objects.get(participant=person)
    assert consent.recorded_by == organizer


def test_a_consent_of_another_process_cannot_be_recorded(admin_client_, foreign):
    person = ParticipantFactory()
    response = admin_client_.post(
        admin_url(Consent, "add"),
        {
            "participant": person.pk,
            "process": foreign["process"].pk,
            "kind": "named",
            "given_at_0": timezone.localdate().isoformat(),
            "given_at_1": "10:00:00",
        },
    )
    assert response.status_code == 200
    assert not Consent.objects.filter(participant=person).exists()


def test_participant_and_process_pages_show_their_consents_dated(
    admin_client_, participant, process, foreign
):
    person = participant.participant
    ConsentFactory(participant=person, process=process, kind="listed")
    ConsentFactory(participant=person, process=foreign["process"], kind="named")
    page = admin_client_.get(admin_url(Participant, "change", person.pk)).content.decode()
    assert "Consents" in page
    assert "May be listed to other participants" in page
    assert "Foreign process" not in page
    process_page = admin_client_.get(admin_url(DialogueProcess, "change", process.pk))
    assert person.name in process_page.content.decode()


def test_consents_filter_by_in_force_or_withdrawn(admin_client_, process):
    in_force = ConsentFactory(process=process)
    withdrawn = ConsentFactory(process=process, withdrawn_at=timezone.now() + timedelta(hours=1))
    for value, expected in [("yes", in_force), ("no", withdrawn)]:
        page = admin_client_.get(admin_url(Consent, "changelist") + f"?in_force={value}")
        assert [c.pk for c in page.context["cl"].result_list] == [expected.pk]
