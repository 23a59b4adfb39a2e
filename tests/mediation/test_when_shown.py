"""Every session time is shown where the session meets, naming that zone, and, when the
viewer's clock reads otherwise at that instant, in the viewer's zone too, naming it: on the
participant's home and session page, the facilitator's pages, the briefing pack, the process
overview, the organizers' console and the emails; right across daylight-saving changes and
the date line."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation.models import Consent, DialogueSession
from mediation.notifications import enqueue as notify_enqueue
from tests.factories import AgendaItemFactory, ConsentFactory, ProfileFactory

pytestmark = pytest.mark.django_db

YOURS = 'in your zone, <bdi class="zone">{}</bdi>'


def _at(session, zone: str, *parts, hours: int = 2):
    starts = datetime(*parts, tzinfo=ZoneInfo(zone))
    session.time_zone, session.starts_at = zone, starts
    # Added in UTC: a span across a clock change lasts its hours, not its wall-clock hours.
    session.ends_at = (starts.astimezone(UTC) + timedelta(hours=hours)).astimezone(starts.tzinfo)
    session.save()
    return session


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _time(moment: datetime, zone: str, text: str) -> str:
    """The `<time>` element of `moment` as read in `zone`."""
    return f'<time datetime="{moment.astimezone(ZoneInfo(zone)).isoformat()}">{text}</time>'


@pytest.fixture
def in_lima(participant, facilitator, organizer):
    for user in (participant, facilitator, organizer):
        ProfileFactory(user=user, time_zone="America/Lima")


# --- A viewer in Lima, a session in Baku ---------------------------------------------------


@pytest.mark.parametrize("page", ["home", "session"])
def test_a_participant_in_lima_sees_baku_time_then_their_own(
    session, participant_client, in_lima, page
):
    _at(session, "Asia/Baku", 2027, 3, 4, 14, 0)
    url = reverse("home") if page == "home" else session.get_absolute_url()

    html = _page(participant_client, url)

    baku = _time(session.starts_at, "Asia/Baku", "Thu 4 Mar 2027, 14:00–16:00")
    lima = _time(session.starts_at, "America/Lima", "05:00–07:00")
    assert f'{baku} <bdi class="zone">Asia/Baku</bdi>' in html
    assert f'<span class="when-yours">· {lima} {YOURS.format("America/Lima")}</span>' in html


def test_the_facilitator_sees_both_times_on_their_home_and_the_agenda(
    session, facilitator_client, in_lima
):
    _at(session, "Asia/Baku", 2027, 3, 4, 14, 0)
    AgendaItemFactory(session=session, position=1, duration_minutes=45, title="Opening")
    AgendaItemFactory(session=session, position=2, duration_minutes=30, title="Water")

    home = _page(facilitator_client, reverse("home"))
    page = _page(facilitator_client, session.get_absolute_url())

    assert _time(session.starts_at, "America/Lima", "05:00–07:00") in home
    second = session.starts_at + timedelta(minutes=45)
    assert _time(second, "Asia/Baku", "14:45–15:15") in page
    assert _time(second, "America/Lima", "05:45–06:15") in page
    assert YOURS.format("America/Lima") in page


def test_the_briefing_pack_gives_both_times(session, participant_client, in_lima):
    _at(session, "Asia/Baku", 2027, 3, 4, 14, 0)
    AgendaItemFactory(session=session, position=1, duration_minutes=45, title="Opening")

    html = _page(participant_client, reverse("session_briefing", args=[session.pk]))

    assert _time(session.starts_at, "Asia/Baku", "Thu 4 Mar 2027, 14:00–16:00") in html
    assert _time(session.starts_at, "America/Lima", "05:00–05:45") in html
    assert _time(session.starts_at, "America/Lima", "05:00–07:00") in html


def test_the_organizers_console_gives_both_times(session, organizer_client, in_lima):
    session.status = DialogueSession.Status.CONFIRMED
    _at(session, "Asia/Baku", *(timezone.now() + timedelta(days=2)).timetuple()[:3], 14, 0)

    html = _page(organizer_client, reverse("admin:index"))

    assert '<bdi class="zone">Asia/Baku</bdi>' in html
    assert _time(session.starts_at, "America/Lima", "05:00–07:00") in html


def test_an_invitation_email_gives_the_recipients_time(session, participant, in_lima, mailoutbox):
    # On the record: the place, and so the session's zone, may go out by email.
    session.process.on_record = True
    session.process.save()
    _at(session, "Asia/Baku", 2027, 3, 4, 14, 0)
    ConsentFactory(
        participant=participant.participant, process=session.process, kind=Consent.Kind.CONTACTED
    )

    notify_enqueue.session_invitations_send(session=session, base_url="https://x.example")

    [message] = mailoutbox
    assert (
        "When: Thursday 4 March 2027, 14:00–16:00 Asia/Baku · "
        "05:00–07:00 in your zone, America/Lima"
    ) in message.body


# --- The same zone: one time --------------------------------------------------------------


@pytest.mark.parametrize("page", ["home", "session"])
def test_a_viewer_in_the_sessions_zone_sees_one_time(
    session, participant, participant_client, page
):
    ProfileFactory(user=participant, time_zone="Asia/Baku")
    _at(session, "Asia/Baku", 2027, 3, 4, 14, 0)
    url = reverse("home") if page == "home" else session.get_absolute_url()

    html = _page(participant_client, url)

    baku = _time(session.starts_at, "Asia/Baku", "Thu 4 Mar 2027, 14:00–16:00")
    assert f'<span class="when">{baku} <bdi class="zone">Asia/Baku</bdi></span>' in html
    assert "in your zone" not in html


def test_a_zone_that_reads_the_same_is_named_without_a_second_time(
    session, participant, participant_client
):
    ProfileFactory(user=participant, time_zone="Europe/Paris")
    _at(session, "Europe/Zurich", 2027, 6, 1, 9, 0)

    html = _page(participant_client, reverse("home"))

    assert 'same time in your zone, <bdi class="zone">Europe/Paris</bdi>' in html
    assert html.count("<time ") == 1


# --- Daylight saving ----------------------------------------------------------------------


def test_zurich_and_new_york_are_five_hours_apart_between_their_spring_changes(
    session, participant, participant_client
):
    """New York moves its clocks on the second Sunday of March, Zurich on the last."""
    ProfileFactory(user=participant, time_zone="America/New_York")
    between = _at(session, "Europe/Zurich", 2027, 3, 20, 10, 0).starts_at

    html = _page(participant_client, session.get_absolute_url())

    assert _time(between, "Europe/Zurich", "Sat 20 Mar 2027, 10:00–12:00") in html
    assert _time(between, "America/New_York", "05:00–07:00") in html


def test_zurich_and_new_york_are_six_hours_apart_once_both_moved(
    session, participant, participant_client
):
    ProfileFactory(user=participant, time_zone="America/New_York")
    after = _at(session, "Europe/Zurich", 2027, 3, 29, 10, 0).starts_at

    html = _page(participant_client, session.get_absolute_url())

    assert _time(after, "America/New_York", "04:00–06:00") in html


def test_a_session_across_the_spring_change_ends_an_hour_later_on_the_clock(
    session, participant, participant_client
):
    """01:30 in New York on 14 March 2027, for two hours: the clocks skip 02:00 to 03:00."""
    ProfileFactory(user=participant, time_zone="Europe/Zurich")
    starts = _at(session, "America/New_York", 2027, 3, 14, 1, 30).starts_at

    html = _page(participant_client, session.get_absolute_url())

    assert _time(starts, "America/New_York", "Sun 14 Mar 2027, 01:30–04:30") in html
    assert _time(starts, "Europe/Zurich", "07:30–09:30") in html


@pytest.mark.parametrize(
    ("day", "zurich"),
    [(3, "01:00–03:00"), (5, "02:00–04:00")],  # Sydney falls back on Sunday 4 April 2027
)
def test_sydney_falling_back_moves_its_sessions_an_hour_later_in_zurich(
    session, participant, participant_client, day, zurich
):
    ProfileFactory(user=participant, time_zone="Europe/Zurich")
    starts = _at(session, "Australia/Sydney", 2027, 4, day, 10, 0).starts_at

    html = _page(participant_client, session.get_absolute_url())

    assert _time(starts, "Australia/Sydney", f"{starts:%a} {day} Apr 2027, 10:00–12:00") in html
    assert _time(starts, "Europe/Zurich", zurich) in html


# --- The date line ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("session_zone", "viewer_zone", "local", "yours"),
    [
        # Kiritimati is UTC+14, Pago Pago UTC−11: a day and an hour apart.
        (
            "Pacific/Kiritimati",
            "Pacific/Pago_Pago",
            "Fri 15 Jan 2027, 10:00–12:00",
            "Thu 14 Jan 2027, 09:00–11:00",
        ),
        # Apia is UTC+13, Honolulu UTC−10.
        (
            "Pacific/Apia",
            "Pacific/Honolulu",
            "Fri 15 Jan 2027, 10:00–12:00",
            "Thu 14 Jan 2027, 11:00–13:00",
        ),
    ],
)
@pytest.mark.parametrize("page", ["home", "session"])
def test_across_the_date_line_the_viewers_time_carries_its_own_date(
    session, participant, participant_client, session_zone, viewer_zone, local, yours, page
):
    ProfileFactory(user=participant, time_zone=viewer_zone)
    starts = _at(session, session_zone, 2027, 1, 15, 10, 0).starts_at
    url = reverse("home") if page == "home" else session.get_absolute_url()

    html = _page(participant_client, url)

    assert _time(starts, session_zone, local) in html
    assert f"{_time(starts, viewer_zone, yours)} {YOURS.format(viewer_zone)}" in html


def test_the_overview_timeline_gives_the_viewers_date_across_the_date_line(
    session, organizer, organizer_client
):
    ProfileFactory(user=organizer, time_zone="Pacific/Pago_Pago")
    starts = _at(session, "Pacific/Kiritimati", 2027, 1, 15, 10, 0).starts_at

    html = _page(organizer_client, session.process.get_absolute_url())

    assert _time(starts, "Pacific/Kiritimati", "15 Jan 2027") in html
    assert (
        f"{_time(starts, 'Pacific/Pago_Pago', '14 Jan 2027')} {YOURS.format('Pacific/Pago_Pago')}"
        in html
    )


def test_the_overview_gives_one_date_where_the_day_is_the_same(
    session, organizer, organizer_client
):
    ProfileFactory(user=organizer, time_zone="America/Lima")
    starts = _at(session, "Asia/Baku", 2027, 3, 4, 14, 0).starts_at

    html = _page(organizer_client, session.process.get_absolute_url())

    assert f'<span class="when">{_time(starts, "Asia/Baku", "4 Mar 2027")}</span>' in html


# --- Languages ----------------------------------------------------------------------------


def test_in_arabic_the_times_of_day_are_kept_left_to_right(
    session, participant, participant_client
):
    """Otherwise a right-to-left line shows "10:00–13:00" as "13:00–10:00"."""
    ProfileFactory(user=participant, time_zone="America/Lima", language="ar")
    _at(session, "Asia/Baku", 2027, 3, 4, 14, 0)

    html = _page(participant_client, session.get_absolute_url())

    assert 'dir="rtl"' in html
    assert '<span dir="ltr">14:00–16:00</span>' in html
    assert '<span dir="ltr">05:00–07:00</span>' in html


def test_in_french_the_date_is_french(session, participant, participant_client):
    ProfileFactory(user=participant, time_zone="America/Lima", language="fr")
    _at(session, "Asia/Baku", 2027, 3, 4, 14, 0)

    html = _page(participant_client, reverse("home"))

    assert "jeu. 4 mars 2027, 14:00–16:00" in html
    assert '<span dir="ltr">' not in html
