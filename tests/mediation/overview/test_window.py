"""The overview shows a window of rounds: a process of hundreds of sessions draws twelve at a
time, the latest first, with links to earlier ones that work without JavaScript; a bad
`?rounds=` never fails; the query count is the same at 3 and at 60 sessions."""

import re

import pytest

from mediation.overview.window import ROUNDS_PER_PAGE, page_number, round_window
from tests.factories import ActionItemFactory, ParticipantFactory, SideFactory, TopicFactory

from .builders import held_round, seat, status_noted

pytestmark = pytest.mark.django_db


def _rounds(process, n: int, *, topic=None, start: int = 0) -> list:
    """n held rounds, a day apart, the earliest first ("Round 001"...; from `start` + 1,
    before the rounds already there): each with one person of each of two sides (the same
    two people throughout), a topic noted with what moved it, and an action."""
    sides = [SideFactory(process=process), SideFactory(process=process)]
    people = [ParticipantFactory(), ParticipantFactory()]
    topic = topic or TopicFactory(process=process, title="Water sharing")
    held = []
    for i in range(start, start + n):
        one = held_round(process, 1000 - i, title=f"Round {i + 1:03d}")
        for person, side in zip(people, sides, strict=True):
            seat(one, person, side)
        status_noted(one, topic, "explored" if i % 2 else "raised", convergence=f"Moved {i + 1}")
        ActionItemFactory(session=one)
        held.append(one)
    return held


def _page(client, process, rounds=None) -> str:
    url = process.get_absolute_url() + ("" if rounds is None else f"?rounds={rounds}")
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _timeline_titles(page: str) -> list[str]:
    timeline = page.split('id="timeline-heading"')[1].split("</section>")[0]
    return re.findall(r">(Round \d{3})</a></th>", timeline)


# --- Reading the parameter ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, 1),
        ("", 1),
        ("2", 2),
        (" 3 ", 3),
        ("junk", 1),
        ("-2", 1),
        ("0", 1),
        ("1e3", 1),
        ("٣", 1),  # Arabic-Indic digits: Python's int() would take them; we do not
        ("2.5", 1),
        ("999999999999999999999", 1),  # too long to be a page: the latest
        ("999", 25),
    ],
)
def test_the_page_asked_for_is_read_leniently(raw, expected):
    assert page_number(raw, 25) == expected


def test_the_windows_count_back_from_the_latest_round():
    sessions = [type("S", (), {"pk": n})() for n in range(30)]
    latest, middle, earliest = (round_window(sessions, str(p)) for p in (1, 2, 3))
    assert (latest.start, latest.stop) == (18, 30)
    assert (middle.start, middle.stop) == (6, 18)
    assert (earliest.start, earliest.stop) == (0, 6)
    assert latest.pages == 3 and latest.earlier_page == 2 and latest.later_page is None
    assert earliest.earlier_page is None and earliest.later_page == 2
    assert round_window([], None).pages == 1


# --- The page --------------------------------------------------------------------------


def test_a_short_process_shows_every_round_and_no_page_links(session, organizer_client):
    _rounds(session.process, 3)
    page = _page(organizer_client, session.process)
    assert _timeline_titles(page) == ["Round 001", "Round 002", "Round 003"]
    assert "rounds-nav" not in page


def test_a_long_process_shows_its_latest_rounds_first(process, organizer_client):
    _rounds(process, 30)
    page = _page(organizer_client, process)
    assert _timeline_titles(page) == [f"Round {n:03d}" for n in range(19, 31)]
    assert "Sessions 19 to 30 of 30" in page
    assert 'href="?rounds=2#timeline-heading"' in page
    assert "Later sessions" not in page
    # Every section drawn per session shows the window only.
    assert "Round 018" not in page


def test_earlier_rounds_are_a_link_away(process, organizer_client):
    _rounds(process, 30)
    middle = _page(organizer_client, process, 2)
    assert _timeline_titles(middle) == [f"Round {n:03d}" for n in range(7, 19)]
    assert 'href="?rounds=3#timeline-heading"' in middle
    assert 'href="?rounds=1#timeline-heading"' in middle
    earliest = _page(organizer_client, process, 3)
    assert _timeline_titles(earliest) == [f"Round {n:03d}" for n in range(1, 7)]
    assert "Earlier sessions" not in earliest


def test_the_topics_rounds_keep_their_numbers_in_a_window(process, organizer_client):
    _rounds(process, 30)
    middle = _page(organizer_client, process, 2)
    rounds_table = middle.split('class="table overview-table rounds-table"')[1].split("</table>")[
        0
    ]
    assert re.findall(r'<tr><td class="num">(\d+)</td>', rounds_table) == [
        str(n) for n in range(7, 19)
    ]
    chart = middle.split('class="chart chart-trajectory"')[1].split("</svg>")[0]
    labels = re.findall(r'class="axis-label round-label"[^>]*>(\d+)<', chart)
    assert labels[0] == "7" and labels[-1] == "18"
    # What moved the topic is quoted for the window's rounds, not the others.
    assert "Moved 7" in middle and "Moved 18" in middle and "Moved 19" not in middle


def test_the_first_round_of_a_window_is_compared_with_the_round_before_it(
    process, organizer_client
):
    _rounds(process, 30)
    continuity = _page(organizer_client, process, 2).split('id="continuity-heading"')[1]
    assert "first round" not in continuity.split("</section>")[0]


@pytest.mark.parametrize(
    ("raw", "first_shown"),
    [
        ("junk", "Round 019"),
        ("-1", "Round 019"),
        ("0", "Round 019"),
        ("٢", "Round 019"),
        ("%20", "Round 019"),
        ("1;2", "Round 019"),
        ("99999999999999999999999999", "Round 019"),
        ("3", "Round 001"),
        ("4000", "Round 001"),
    ],
)
def test_a_bad_page_gives_the_latest_or_the_earliest_rounds(
    process, organizer_client, raw, first_shown
):
    _rounds(process, 30)
    assert _timeline_titles(_page(organizer_client, process, raw))[0] == first_shown


@pytest.mark.parametrize("rounds", [None, "999"])
@pytest.mark.parametrize("persona", ["organizer", "facilitator"])
def test_the_query_count_is_the_same_at_3_and_60_sessions(
    process, personas, client, count_queries, rounds, persona
):
    """Each window (the latest, the earliest) holds the same kind of rounds at both sizes:
    held, seated, noted and quoted."""
    client.force_login(personas[persona])
    process.organizers.add(personas["organizer"])
    topic = TopicFactory(process=process, title="Water sharing")
    url = process.get_absolute_url() + ("" if rounds is None else f"?rounds={rounds}")
    for one in _rounds(process, 3, topic=topic):
        one.facilitators.add(personas["facilitator"])
    small = count_queries(lambda: client.get(url))
    for one in _rounds(process, 57, topic=topic, start=3):
        one.facilitators.add(personas["facilitator"])
    assert len(_timeline_titles(_page(client, process, rounds))) == ROUNDS_PER_PAGE
    assert count_queries(lambda: client.get(url)) == small
