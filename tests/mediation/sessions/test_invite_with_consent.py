"""Inviting someone who has not agreed to be emailed: the invite form itself records how and
when they agreed (a dated consent kept with the editor's name), so the invitation email can
reach them; a half-filled or impossible answer is refused beside its field."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mediation.models import Consent
from mediation.notifications import enqueue
from tests.factories import ConsentFactory
from tests.mediation.sessions.invitation_helpers import HTMX, add_url, message_texts, search


def contact_consents(person):
    return Consent.objects.filter(participant=person, kind=Consent.Kind.CONTACTED)


def test_the_search_offers_to_record_consent_for_someone_without_it(
    session, known, facilitator_client
):
    page = search(facilitator_client, session, "Kim", **HTMX).content.decode()
    assert "Not agreed to be emailed yet" in page
    assert f'id="invite-{known.pk}-consent_method"' in page
    assert 'name="consent_given_on"' in page


def test_someone_who_agreed_already_is_just_invited(session, known, facilitator_client):
    ConsentFactory(participant=known, process=session.process, kind=Consent.Kind.CONTACTED)
    page = search(facilitator_client, session, "Kim", **HTMX).content.decode()
    assert "Not agreed to be emailed yet" not in page
    assert "consent_method" not in page


def test_inviting_with_consent_records_it_dated_and_signed(
    session, known, facilitator, facilitator_client, mailoutbox
):
    day = timezone.localdate() - timedelta(days=3)
    response = facilitator_client.post(
        add_url(session),
        {
            "participant": str(known.pk),
            "consent_method": "colleague",
            "consent_given_on": day.isoformat(),
        },
    )
    assert response.status_code == 302
    assert "their agreement to be emailed is recorded" in message_texts(response)
    consent = contact_consents(known).get()
    assert consent.process == session.process
    assert consent.method == Consent.Method.COLLEAGUE
    assert timezone.localdate(consent.given_at) == day
    assert consent.recorded_by == facilitator
    sent, _skipped = enqueue.session_invitations_send(
        session=session, base_url="https://dialogues.example.org/"
    )
    assert sent >= 1
    assert known.email in {address for m in mailoutbox for address in m.to}


def test_inviting_without_consent_records_none(session, known, facilitator_client):
    facilitator_client.post(add_url(session), {"participant": str(known.pk)})
    assert session.invitations.filter(participant=known).exists()
    assert not contact_consents(known).exists()


@pytest.mark.parametrize(
    ("sent", "field", "message"),
    [
        ({"consent_method": "in_person"}, "consent_given_on", "Say on which day they agreed."),
        ({"consent_given_on": "2026-01-05"}, "consent_method", "Say how they agreed"),
        (
            {"consent_method": "in_person", "consent_given_on": "2999-01-01"},
            "consent_given_on",
            "not in the future",
        ),
        (
            {"consent_method": "telepathy", "consent_given_on": "2026-01-05"},
            "consent_method",
            "Select a valid choice",
        ),
        (
            {"consent_method": "email", "consent_given_on": "دیروز"},
            "consent_given_on",
            "Enter a valid date",
        ),
    ],
)
def test_a_bad_consent_answer_is_refused_beside_its_field_and_nothing_is_written(
    session, known, facilitator_client, sent, field, message
):
    response = facilitator_client.post(
        add_url(session), {"participant": str(known.pk), "found_by": "Kim", **sent}, **HTMX
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    # The error sits in the field group of the person's own form, with what was typed kept.
    assert f'id="invite-{known.pk}-{field}_error"' in page
    for value in sent.values():
        assert value in page
    assert '<details class="candidate-consent" open>' in page
    assert not session.invitations.filter(participant=known).exists()
    assert not contact_consents(known).exists()


def test_without_javascript_a_bad_answer_shows_the_whole_page_with_the_error(
    session, known, facilitator_client
):
    response = facilitator_client.post(
        add_url(session),
        {"participant": str(known.pk), "found_by": "Kim", "consent_method": "email"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "<html" in page
    assert "Say on which day they agreed." in page
    assert not session.invitations.filter(participant=known).exists()
