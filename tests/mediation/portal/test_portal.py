"""The participant portal: my agenda on the home page, and a session read as a participant."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from mediation.models import Consent, DialogueSession, SessionRecord
from tests.factories import (
    AgendaItemFactory,
    ConsentFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    ProfileFactory,
    SessionRecordFactory,
)


def _invite(participant_user, **session_fields):
    session = DialogueSessionFactory(**session_fields)
    InvitationFactory(session=session, participant=participant_user.participant)
    return session


# --- My agenda ----------------------------------------------------------------------------


def test_my_agenda_lists_upcoming_sessions_soonest_first_with_my_answer(
    session, participant, participant_client
):
    sooner = _invite(
        participant,
        process=session.process,
        title="The sooner one",
        starts_at=session.starts_at - timedelta(days=2),
    )
    session.invitations.update(response="tentative")
    content = participant_client.get(reverse("home")).content.decode()
    assert 'id="my-agenda"' in content
    assert content.index(sooner.title) < content.index(session.title)
    assert "Tentative" in content
    assert f'id="answer-{session.pk}"' in content
    assert reverse("session_answer", args=[session.pk]) in content


def test_my_agenda_says_where_or_that_it_is_undisclosed_or_online(participant, participant_client):
    _invite(participant, location_kind="undisclosed", venue="")
    _invite(participant, location_kind="online", venue="")
    _invite(participant, venue="Château de Penthes")
    content = participant_client.get(reverse("home")).content.decode()
    assert "undisclosed" in content
    assert "online" in content
    assert "Château de Penthes" in content


def test_my_agenda_hides_sessions_i_am_not_invited_to(session, other_session, participant_client):
    content = participant_client.get(reverse("home")).content.decode()
    assert session.title in content
    assert other_session.title not in content


def test_my_agenda_shows_both_zones_across_the_date_line(participant, participant_client):
    """18:00 on a Friday in Los Angeles is already Saturday afternoon in Kiritimati."""
    year = timezone.now().year + 1
    la = ZoneInfo("America/Los_Angeles")
    starts = datetime(year, 1, 15, 18, 0, tzinfo=la)
    _invite(
        participant,
        time_zone="America/Los_Angeles",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
    )
    ProfileFactory(user=participant, time_zone="Pacific/Kiritimati")
    content = participant_client.get(reverse("home")).content.decode()
    mine = starts.astimezone(ZoneInfo("Pacific/Kiritimati"))
    assert mine.day == 16 and mine.hour == 16
    assert f"{mine:%a} {mine.day} {mine:%b} {year}, 16:00" in content
    assert f"{starts:%a} 15 {starts:%b} {year}, 18:00" in content
    assert "Pacific/Kiritimati" in content
    assert "America/Los_Angeles" in content


def test_my_agenda_follows_the_daylight_saving_change_of_each_zone(
    participant, participant_client
):
    """New York moves its clocks three weeks before Zurich: the gap is 5 hours, then 6."""
    year = timezone.now().year + 1
    zurich = ZoneInfo("Europe/Zurich")
    between = datetime(year, 3, 20, 10, 0, tzinfo=zurich)  # NY already summer, Zurich not
    winter = datetime(year, 2, 20, 10, 0, tzinfo=zurich)  # both on standard time
    for starts in (between, winter):
        _invite(participant, time_zone="Europe/Zurich", starts_at=starts)
    ProfileFactory(user=participant, time_zone="America/New_York")
    content = participant_client.get(reverse("home")).content.decode()
    # Each session's local time, then the viewer's (same day: the time alone).
    assert f"20 Mar {year}, 10:00–" in content and f"20 Feb {year}, 10:00–" in content
    between_mine, winter_mine = (
        f'datetime="{moment.astimezone(ZoneInfo("America/New_York")).isoformat()}"'
        for moment in (between, winter)
    )
    assert f"{between_mine}>05:00–" in content
    assert f"{winter_mine}>04:00–" in content
    assert content.count('in your zone, <bdi class="zone">America/New_York</bdi>') == 2


def test_past_sessions_show_the_shared_summary_as_markdown(participant, participant_client):
    past = _invite(participant, starts_at=timezone.now() - timedelta(days=10), title="Gone by")
    SessionRecordFactory(
        session=past,
        summary="We **agreed** on ground rules.",
        state=SessionRecord.State.SHARED,
    )
    content = participant_client.get(reverse("home")).content.decode()
    assert content.index("Past sessions") < content.index("Gone by")
    assert "<strong>agreed</strong>" in content
    assert "Internal: the delegation" not in content


@pytest.mark.parametrize(
    ("state", "rule"),
    [
        (SessionRecord.State.DRAFT, DialogueSession.Confidentiality.CHATHAM_HOUSE),
        (SessionRecord.State.SHARED, DialogueSession.Confidentiality.NO_RECORD),
    ],
)
def test_past_sessions_hide_a_summary_that_may_not_leave(
    participant, participant_client, state, rule
):
    past = _invite(
        participant, starts_at=timezone.now() - timedelta(days=10), confidentiality=rule
    )
    SessionRecordFactory(session=past, summary="Not for you yet", state=state)
    content = participant_client.get(reverse("home")).content.decode()
    assert "Not for you yet" not in content
    assert "No summary shared." in content


def test_my_agenda_is_paginated(participant, participant_client):
    for n in range(12):
        _invite(participant, starts_at=timezone.now() + timedelta(days=n + 1), title=f"S{n:02}")
    first = participant_client.get(reverse("home")).content.decode()
    second = participant_client.get(reverse("home"), {"mine": 2}).content.decode()
    assert "S00" in first and "S11" not in first
    assert "S11" in second and "S00" not in second


@pytest.mark.parametrize("size", [2, 12])
def test_my_agenda_query_count_does_not_grow(participant, participant_client, count_queries, size):
    def build(n):
        for i in range(n):
            upcoming = _invite(participant, starts_at=timezone.now() + timedelta(days=i + 1))
            AgendaItemFactory(session=upcoming)
            past = _invite(participant, starts_at=timezone.now() - timedelta(days=i + 2))
            SessionRecordFactory(session=past, state=SessionRecord.State.SHARED)

    build(1)
    small = count_queries(lambda: participant_client.get(reverse("home")))
    build(size)
    assert count_queries(lambda: participant_client.get(reverse("home"))) == small


# --- Time zone and language from the profile ---------------------------------------------


def test_pages_speak_the_language_chosen_in_the_profile(participant, participant_client):
    ProfileFactory(user=participant, language="fr")
    response = participant_client.get(reverse("home"))
    assert '<html lang="fr"' in response.content.decode()


def test_arabic_pages_run_right_to_left(participant, participant_client):
    ProfileFactory(user=participant, language="ar")
    assert 'dir="rtl"' in participant_client.get(reverse("home")).content.decode()


def test_the_profile_zone_does_not_outlive_the_request(participant, participant_client, session):
    ProfileFactory(user=participant, time_zone="Asia/Seoul")
    participant_client.get(reverse("home"))
    assert timezone.get_current_timezone_name() == "UTC"


# --- The session page read by a participant ----------------------------------------------


def test_session_page_lists_others_only_as_far_as_consent_allows(session, participant_client):
    listed = InvitationFactory(session=session, participant=ParticipantFactory(name="Han Soo"))
    ConsentFactory(participant=listed.participant, process=session.process)
    protected = ParticipantFactory(
        name="Ri Chol-min", identity_protected=True, pseudonym="Participant K"
    )
    InvitationFactory(session=session, participant=protected)
    ConsentFactory(participant=protected, process=session.process)
    for _ in range(3):
        InvitationFactory(session=session, participant=ParticipantFactory(name="Unlisted Person"))
    withdrawn = InvitationFactory(
        session=session, participant=ParticipantFactory(name="Gone Quiet")
    )
    ConsentFactory(
        participant=withdrawn.participant,
        process=session.process,
        given_at=timezone.now() - timedelta(days=30),
        withdrawn_at=timezone.now(),
    )
    content = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Han Soo" in content
    assert "Participant K" in content
    assert "Ri Chol-min" not in content
    assert "Unlisted Person" not in content
    assert "Gone Quiet" not in content
    assert "and 4 others" in content


def test_session_page_shows_answers_only_when_the_process_allows(session, participant_client):
    other = InvitationFactory(session=session, response="declined")
    ConsentFactory(participant=other.participant, process=session.process)
    hidden = participant_client.get(session.get_absolute_url()).content.decode()
    assert other.participant.name in hidden
    assert "Declined" not in hidden
    session.process.answers_visible = True
    session.process.save()
    shown = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Declined" in shown


def test_session_page_explains_the_rule_in_plain_words_with_a_glossary_link(
    session, participant_client
):
    content = participant_client.get(session.get_absolute_url()).content.decode()
    assert "never reveal who said it" in content
    assert "/glossary/chatham-house-rule/" in content


def test_session_page_shows_agenda_objectives_answer_and_calendar(session, participant_client):
    session.objectives = "Explore a hotline."
    session.save()
    lead = ParticipantFactory(identity_protected=True, pseudonym="Delta", name="Real Lead")
    AgendaItemFactory(session=session, title="Incident prevention", lead=lead)
    ConsentFactory(participant=lead, process=session.process, kind=Consent.Kind.LISTED)
    content = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Explore a hotline." in content
    assert "Incident prevention" in content
    assert "Delta" in content and "Real Lead" not in content
    assert f'id="answer-{session.pk}"' in content
    assert reverse("session_calendar", args=[session.pk]) in content
    assert reverse("session_invitations_send", args=[session.pk]) not in content


def test_session_page_never_shows_a_shared_record_under_no_written_record(
    session, participant_client
):
    SessionRecordFactory(session=session, summary="Should not exist", state="shared")
    session.confidentiality = DialogueSession.Confidentiality.NO_RECORD
    session.save()
    content = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Should not exist" not in content


@pytest.mark.parametrize("size", [2, 10])
def test_participant_session_page_query_count_does_not_grow(
    session, participant_client, count_queries, size
):
    def build(n):
        for _ in range(n):
            invitation = InvitationFactory(session=session)
            ConsentFactory(
                participant=invitation.participant,
                process=session.process,
                kind=Consent.Kind.LISTED,
            )
            AgendaItemFactory(session=session, lead=invitation.participant)

    build(1)
    small = count_queries(lambda: participant_client.get(session.get_absolute_url()))
    build(size)
    assert count_queries(lambda: participant_client.get(session.get_absolute_url())) == small


def test_someone_who_runs_a_session_and_is_invited_to_another_sees_each_once(
    session, other_session, facilitator, client
):
    from tests.factories import ParticipantFactory as Person

    person = Person(user=facilitator)
    InvitationFactory(session=session, participant=person, role="facilitator")
    InvitationFactory(session=other_session, participant=person)
    client.force_login(facilitator)
    content = client.get(reverse("home")).content.decode()
    assert content.count(f'href="{session.get_absolute_url()}"') == 1
    assert content.count(f'href="{other_session.get_absolute_url()}"') == 1
    assert "Upcoming sessions I am invited to" in content
    assert f'id="answer-{other_session.pk}"' in content
    assert f'id="answer-{session.pk}"' not in content


def test_the_roles_are_listed_with_the_languages_own_comma(
    session, other_session, facilitator, client
):
    from tests.factories import ParticipantFactory as Person

    person = Person(user=facilitator)
    InvitationFactory(session=session, participant=person, role="facilitator")
    InvitationFactory(session=other_session, participant=person)
    client.force_login(facilitator)
    ProfileFactory(user=facilitator, language="ar")
    roles = BeautifulSoup(client.get(reverse("home")).content, "html.parser").select_one(".roles")
    assert "، " in roles.text
    assert ", " not in roles.text
