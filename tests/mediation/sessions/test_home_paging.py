"""The home's session lists page without counting every session: twenty a page, links to
the next and previous pages, and bad page numbers land on a page that exists."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation.sessions.views.home import PAGE_SIZE
from tests.factories import DialogueSessionFactory


@pytest.fixture
def many_upcoming(process, facilitator):
    now = timezone.now()
    return [
        DialogueSessionFactory(
            process=process,
            facilitators=[facilitator],
            title=f"Round {i:02d}",
            starts_at=now + timedelta(days=i + 1),
            ends_at=now + timedelta(days=i + 1, hours=2),
        )
        for i in range(PAGE_SIZE + 5)
    ]


def upcoming_section(client, query=""):
    content = client.get(reverse("home") + query).content.decode()
    start = content.index('id="upcoming-heading"')
    return content[start : content.index("</section>", start)]


def test_first_page_links_to_the_next(many_upcoming, facilitator_client):
    page = upcoming_section(facilitator_client)
    assert "Round 00" in page and "Round 19" in page and "Round 20" not in page
    assert 'href="?page=2" rel="next"' in page
    assert 'rel="prev"' not in page
    assert "Page 1" in page


def test_last_page_links_back_and_not_on(many_upcoming, facilitator_client):
    page = upcoming_section(facilitator_client, "?page=2")
    assert "Round 20" in page and "Round 24" in page and "Round 19" not in page
    assert 'href="?page=1" rel="prev"' in page
    assert 'rel="next"' not in page


@pytest.mark.parametrize("number", ["abc", "0", "-3", "", "1.5"])
def test_a_page_number_that_is_not_one_shows_the_first_page(
    many_upcoming, facilitator_client, number
):
    page = upcoming_section(facilitator_client, f"?page={number}")
    assert "Round 00" in page and "Page 1" in page


@pytest.mark.parametrize("number", ["3", "999", "99999999999999999999999"])
def test_a_page_past_the_end_shows_the_last_page(many_upcoming, facilitator_client, number):
    page = upcoming_section(facilitator_client, f"?page={number}")
    assert "Round 24" in page and "Page 2" in page and 'rel="next"' not in page


def test_one_page_of_sessions_shows_no_pager(process, facilitator, facilitator_client):
    DialogueSessionFactory(process=process, facilitators=[facilitator], title="Only one")
    page = upcoming_section(facilitator_client)
    assert "Only one" in page and 'class="pagination"' not in page
