"""Sharing a summary under Chatham House or off the record goes through the attribution check."""

import pytest
from django.urls import reverse

from mediation.models import DialogueSession, Invitation, SessionRecord
from mediation.records.attribution import find_attributions, terms_for
from tests.factories import InvitationFactory, ParticipantFactory, SessionRecordFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def attendee(session):
    person = ParticipantFactory(
        name="Min-jun Lee", pseudonym="Delta", affiliation="Harbour Institute"
    )
    InvitationFactory(session=session, participant=person)
    return person


def share(client, session, record, confirm=(), reasons=None):
    """Post the share form, ticking `confirm` with a reason each (or the `reasons` given)."""
    if reasons is None:
        reasons = dict.fromkeys(confirm, "Said in the plenary, on the record.")
    data = {"version": record.version, "confirm": list(confirm)}
    data |= {f"reason-{finding_id}": reason for finding_id, reason in reasons.items()}
    return client.post(reverse("session_record_share", args=[session.pk]), data)


def findings_of(session, record):
    people = [i.participant for i in session.invitations.exclude(response="declined")]
    return find_attributions(record.summary, terms_for(people))


def test_the_check_highlights_names_and_stops_sharing(session, attendee, facilitator_client):
    record = SessionRecordFactory(
        session=session, summary="The fleet was discussed. Lee <b>proposed</b> a pause."
    )
    page = facilitator_client.get(reverse("session_record_share", args=[session.pk]))
    content = page.content.decode()
    assert "<mark>Lee</mark> &lt;b&gt;proposed&lt;/b&gt;" in content
    assert "f<mark>" not in content
    response = share(facilitator_client, session, record)
    assert response.status_code == 200
    assert "names attendees" in response.content.decode()
    record.refresh_from_db()
    assert record.state == SessionRecord.State.DRAFT


def test_partial_confirmation_is_refused_and_complete_confirmation_shares(
    session, attendee, facilitator_client
):
    record = SessionRecordFactory(
        session=session, summary="Lee spoke.\nThe Harbour Institute view was heard."
    )
    ids = [f.id for f in findings_of(session, record)]
    assert len(ids) == 2
    share(facilitator_client, session, record, confirm=ids[:1])
    record.refresh_from_db()
    assert record.state == SessionRecord.State.DRAFT
    assert share(facilitator_client, session, record, confirm=ids).status_code == 302
    record.refresh_from_db()
    assert record.state == SessionRecord.State.SHARED


def test_the_history_keeps_each_confirmed_sentence_who_confirmed_it_and_why(
    session, attendee, facilitator, facilitator_client
):
    record = SessionRecordFactory(
        session=session, summary="Lee spoke.\nThe Harbour Institute view was heard."
    )
    lee, harbour = findings_of(session, record)
    reasons = {
        lee.id: "Lee gave the opening address, which is public.",
        harbour.id: "The institute hosted; its view is published.",
    }
    assert (
        share(facilitator_client, session, record, [lee.id, harbour.id], reasons).status_code
        == 302
    )
    entry = SessionRecord.objects.get(pk=record.pk).history.first()
    assert entry.history_user == facilitator
    reason = entry.history_change_reason
    username = facilitator.get_username()
    assert f"Shared with participants by {username}." in reason
    assert f"{username} confirmed that 2 sentences attribute nothing:" in reason
    assert "“Lee spoke.” names Lee (points to Min-jun Lee). Why: Lee gave the opening" in reason
    assert "names the affiliation Harbour Institute" in reason
    assert "Why: The institute hosted; its view is published." in reason


def test_an_organizer_reads_the_confirmations_in_the_records_history(
    session, attendee, facilitator_client, organizer_client
):
    record = SessionRecordFactory(session=session, summary="Delta opened the session.")
    ids = [f.id for f in findings_of(session, record)]
    share(facilitator_client, session, record, ids, {ids[0]: "Delta chaired & opened it."})
    page = organizer_client.get(reverse("admin:mediation_sessionrecord_history", args=[record.pk]))
    assert page.status_code == 200
    assert "names the pseudonym Delta" in page.content.decode()
    assert "Why: Delta chaired &amp; opened it." in page.content.decode()


def test_the_history_names_a_protected_attendee_by_pseudonym_only(session, facilitator_client):
    person = ParticipantFactory(name="Hidden Person", pseudonym="Kestrel", identity_protected=True)
    InvitationFactory(session=session, participant=person)
    record = SessionRecordFactory(session=session, summary="Hidden spoke first.")
    ids = [f.id for f in findings_of(session, record)]
    assert share(facilitator_client, session, record, ids).status_code == 302
    reason = SessionRecord.objects.get(pk=record.pk).history.first().history_change_reason
    assert "points to Kestrel" in reason
    assert "Hidden Person" not in reason


@pytest.mark.parametrize("reason", ["", "   ", "x" * 501])
def test_a_confirmation_without_a_reason_is_refused_beside_its_field(
    session, attendee, facilitator_client, reason
):
    record = SessionRecordFactory(session=session, summary="Lee spoke.\nDelta agreed.")
    lee, delta = findings_of(session, record)
    reasons = {lee.id: "Lee chaired, as announced.", delta.id: reason}
    response = share(facilitator_client, session, record, [lee.id, delta.id], reasons)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Say why each sentence you confirm attributes nothing." in content
    assert f'id="reason-{delta.id}-error"' in content
    assert f'id="reason-{lee.id}-error"' not in content
    # What was ticked and typed comes back as it was.
    assert 'value="Lee chaired, as announced."' in content
    assert content.count(" checked>") == 2
    record.refresh_from_db()
    assert record.state == SessionRecord.State.DRAFT
    assert record.history.count() == 1


def test_a_stale_confirmation_is_refused(session, attendee, facilitator_client):
    record = SessionRecordFactory(session=session, summary="Delta spoke.")
    ids = [f.id for f in findings_of(session, record)]
    response = share(facilitator_client, session, record, confirm=[*ids, "0123456789abcdef"])
    assert "changed since" in response.content.decode()
    record.refresh_from_db()
    assert record.state == SessionRecord.State.DRAFT


def test_a_rewritten_summary_shares_without_confirmation(session, attendee, facilitator_client):
    record = SessionRecordFactory(session=session, summary="One attendee proposed a pause.")
    assert share(facilitator_client, session, record).status_code == 302
    record.refresh_from_db()
    assert record.state == SessionRecord.State.SHARED


def test_people_who_declined_are_not_checked(session, facilitator_client):
    person = ParticipantFactory(name="Absent Person")
    InvitationFactory(session=session, participant=person, response=Invitation.Response.DECLINED)
    record = SessionRecordFactory(session=session, summary="Absent Person was missed.")
    assert share(facilitator_client, session, record).status_code == 302


def test_on_the_record_sessions_are_not_checked(session, attendee, facilitator_client):
    session.confidentiality = DialogueSession.Confidentiality.ON_RECORD
    session.save()
    record = SessionRecordFactory(session=session, summary="Lee proposed a pause.")
    assert share(facilitator_client, session, record).status_code == 302


def test_off_the_record_sessions_are_checked(session, attendee, facilitator_client):
    session.confidentiality = DialogueSession.Confidentiality.OFF_RECORD
    session.save()
    record = SessionRecordFactory(session=session, summary="Lee proposed a pause.")
    assert share(facilitator_client, session, record).status_code == 200
    record.refresh_from_db()
    assert record.state == SessionRecord.State.DRAFT


def test_an_empty_summary_cannot_be_shared(session, facilitator_client):
    record = SessionRecordFactory(session=session, summary="  ")
    response = share(facilitator_client, session, record)
    assert "Write the summary" in response.content.decode()
    record.refresh_from_db()
    assert record.state == SessionRecord.State.DRAFT


def test_editing_a_shared_summary_to_name_someone_takes_it_back_to_draft(
    session, attendee, facilitator_client, participant_client
):
    record = SessionRecordFactory(session=session, summary="All fine.", state="shared")
    response = facilitator_client.post(
        reverse("session_record_edit", args=[session.pk]),
        {"version": record.version, "internal_notes": "", "outcomes": "", "summary": "Lee won."},
        follow=True,
    )
    assert "back to draft" in response.content.decode()
    record.refresh_from_db()
    assert record.state == SessionRecord.State.DRAFT
    assert "Lee won." not in participant_client.get(session.get_absolute_url()).content.decode()


def test_the_share_post_over_htmx_returns_the_record_section(
    session, attendee, facilitator_client
):
    record = SessionRecordFactory(session=session, summary="Lee spoke.")
    response = facilitator_client.post(
        reverse("session_record_share", args=[session.pk]),
        {"version": record.version},
        **HTMX,
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert 'id="record"' in content
    assert 'name="confirm"' in content


@pytest.fixture
def check_spy(monkeypatch):
    """Where the check ran: whether a transaction was open each time it read a summary."""
    from django.db import connection

    from mediation.records import attribution

    seen = []
    real = attribution.find_attributions

    def spy(text, *args):
        seen.append(connection.in_atomic_block)
        return real(text, *args)

    monkeypatch.setattr(attribution, "find_attributions", spy)
    return seen


def test_the_check_runs_before_the_write_transaction_of_a_share_and_a_save(
    transactional_db, session, attendee, facilitator, check_spy
):
    """A long summary is read with no transaction open, so nobody else waits on it; the
    write that follows still refuses a record that changed meanwhile (version)."""
    from mediation.records import services

    record = SessionRecordFactory(session=session, summary="Delta proposed a pause.")
    with pytest.raises(services.AttributionUnconfirmed):
        services.session_record_share(session=session, user=facilitator, version=record.version)
    [finding] = findings_of(session, record)
    record = services.session_record_share(
        session=session,
        user=facilitator,
        version=record.version,
        confirmed={finding.id: "Delta is the rapporteur's pseudonym, cited by agreement."},
    )
    services.session_record_save(
        session=session,
        user=facilitator,
        version=record.version,
        internal_notes="",
        summary="Delta proposed a longer pause.",
        outcomes="",
    )
    assert check_spy == [False, False, False]  # two shares, one save
    assert SessionRecord.objects.get(session=session).state == SessionRecord.State.DRAFT


def test_a_share_of_a_summary_changed_after_its_check_is_refused(session, attendee, facilitator):
    from mediation.records import services

    record = SessionRecordFactory(session=session, summary="A clean summary.")
    checked_version = record.version
    SessionRecord.objects.filter(pk=record.pk).update(
        summary="Delta proposed a pause.", version=checked_version + 1
    )
    with pytest.raises(services.RecordConflict):
        services.session_record_share(session=session, user=facilitator, version=checked_version)
    assert SessionRecord.objects.get(pk=record.pk).state == SessionRecord.State.DRAFT


def test_the_page_says_what_the_summary_was_checked_against(
    session, attendee, participant, facilitator_client
):
    SessionRecordFactory(session=session, summary="Everyone agreed on a hotline.")
    page = facilitator_client.get(reverse("session_record_share", args=[session.pk]))
    text = " ".join(page.content.decode().split())
    assert "No sentence of the summary names an attendee by any of the names checked." in text
    # Two attendees (the session's participant and Min-jun Lee): full names, given names
    # and surnames, one pseudonym, one affiliation (the participant has none).
    people = [i.participant for i in session.invitations.exclude(response="declined")]
    names = {t.text for t in terms_for(people) if t.kind == "name"}
    assert f"Checked against 2 attendees: {len(names)} names and parts of names, 1 pseudonym" in (
        text
    )
    assert "words describing them (role, title or rank, country, side, capacity)" in text
    assert "A description is stopped when it fits fewer than 2 attendees." in text


def test_a_finding_says_whom_it_points_to_by_the_name_shown_to_anyone(session, facilitator_client):
    protected = ParticipantFactory(name="Ri Chol-min", pseudonym="Delta", identity_protected=True)
    InvitationFactory(session=session, participant=protected)
    SessionRecordFactory(session=session, summary="Chol-min insisted on sequencing.")
    page = facilitator_client.get(reverse("session_record_share", args=[session.pk]))
    text = " ".join(page.content.decode().split())
    assert "names Chol-min (points to Delta)" in text


def test_a_finding_on_a_name_that_is_a_common_word_says_why_it_was_read_as_the_name(
    session, facilitator_client
):
    InvitationFactory(session=session, participant=ParticipantFactory(name="Rose Park"))
    SessionRecordFactory(
        session=session, summary="We met in the park. Then Mr Park raised the hotline."
    )
    page = facilitator_client.get(reverse("session_record_share", args=[session.pk]))
    text = " ".join(page.content.decode().split())
    assert "names Park (points to Rose Park)" in text
    assert "is also a common word; it follows a title here." in text
    assert text.count('name="confirm"') == 1  # "the park" is not a finding


def _room_with_one_colonel(session):
    colonel = ParticipantFactory(
        name="Ri Chol-min",
        pseudonym="Delta",
        identity_protected=True,
        category="retired_military",
        country="DPRK",
        title="Colonel (retired)",
    )
    InvitationFactory(session=session, participant=colonel)
    for name in ("Rose Park", "Élodie Lefèvre"):
        InvitationFactory(
            session=session,
            participant=ParticipantFactory(name=name, category="academic", country="France"),
        )


def test_a_description_that_fits_one_attendee_is_a_finding_naming_whom_it_fits(
    session, facilitator_client
):
    _room_with_one_colonel(session)
    record = SessionRecordFactory(
        session=session,
        summary="A retired colonel of the Korean People's Army insisted on sequencing.",
    )
    page = facilitator_client.get(reverse("session_record_share", args=[session.pk]))
    text = " ".join(page.content.decode().split())
    assert "describes 1 attendee by “colonel, korean”" in text
    assert "(points to Delta)" in text
    assert "Ri Chol-min" not in text
    response = share(facilitator_client, session, record)
    assert SessionRecord.objects.get(pk=record.pk).state == SessionRecord.State.DRAFT
    assert response.status_code == 200


def test_the_process_threshold_protects_small_groups_too(session, facilitator_client):
    _room_with_one_colonel(session)
    record = SessionRecordFactory(session=session, summary="The French academic disagreed.")
    # Two French academics: not one person, so not stopped with the default threshold (2)...
    assert findings_of_with_descriptions(session, record) == []
    # ...but a process that protects groups of two stops it.
    session.process.description_threshold = 3
    session.process.save()
    [finding] = findings_of_with_descriptions(session, record)
    assert finding.kind == "description"
    assert len(finding.who) == 2


def findings_of_with_descriptions(session, record):
    from mediation.records import selectors

    session = DialogueSession.objects.get(pk=session.pk)
    return selectors.attribution_check_of(session).findings(record.summary)


def test_the_share_pages_query_count_does_not_grow_with_attendees_or_findings(
    session, attendee, facilitator_client, count_queries
):
    record = SessionRecordFactory(session=session, summary="Lee spoke. Delta agreed.")
    url = reverse("session_record_share", args=[session.pk])

    def post():
        response = share(facilitator_client, session, SessionRecord.objects.get(pk=record.pk))
        assert "names attendees" in response.content.decode()

    small = count_queries(lambda: facilitator_client.get(url)), count_queries(post)
    names = [f"Person{n} Surname{n}" for n in range(25)]
    for name in names:
        InvitationFactory(
            session=session, participant=ParticipantFactory(name=name, title="Colonel")
        )
    SessionRecord.objects.filter(pk=record.pk).update(summary=" ".join(names) + " spoke.")
    assert (count_queries(lambda: facilitator_client.get(url)), count_queries(post)) == small
