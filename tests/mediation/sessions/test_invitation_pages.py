"""The invitation table comes a page at a time (`?invitations=N`, 25 rows): plain links to
the section without JavaScript, the section alone for htmx; the counts, the row actions
and the list of who cannot be emailed still speak of the whole session."""

import pytest
from django.urls import reverse

from mediation.models import Invitation, ReadEvent
from mediation.sessions.context import INVITATIONS_PER_PAGE
from tests.factories import InvitationFactory, ParticipantFactory

from .invitation_helpers import HTMX, remove_url, update_url


@pytest.fixture
def crowd(session):
    """60 invitations in the table's order: three pages, the last of 10 rows."""
    for n in range(59):
        InvitationFactory(session=session, participant=ParticipantFactory(name=f"Guest {n:03}"))
    return list(session.invitations.order_by("role", "participant__name"))


def page_url(session, page):
    return f"{reverse('session_detail', args=[session.pk])}?invitations={page}"


def rows_shown(html, crowd):
    return [i for i in crowd if f'id="invitation-{i.pk}"' in html]


def test_the_first_page_shows_the_first_25_rows(session, crowd, facilitator_client):
    html = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert rows_shown(html, crowd) == crowd[:INVITATIONS_PER_PAGE]
    assert "Invitations 1 to 25 of 60." in html
    assert f'href="{page_url(session, 2)}#invitations"' in html


def test_page_two_shows_rows_26_to_50(session, crowd, facilitator_client):
    html = facilitator_client.get(page_url(session, 2)).content.decode()
    assert rows_shown(html, crowd) == crowd[25:50]
    assert "<html" in html
    assert "Page 2 of 3" in html
    assert f'href="{page_url(session, 1)}#invitations"' in html
    assert f'href="{page_url(session, 3)}#invitations"' in html


@pytest.mark.parametrize("asked", ["99", "-1"])
def test_a_page_past_the_end_shows_the_last_one(session, crowd, facilitator_client, asked):
    response = facilitator_client.get(page_url(session, asked))
    assert response.status_code == 200
    assert rows_shown(response.content.decode(), crowd) == crowd[50:]


@pytest.mark.parametrize("asked", ["x", "", "2.5"])
def test_a_page_that_is_not_a_number_shows_the_first(session, crowd, facilitator_client, asked):
    response = facilitator_client.get(page_url(session, asked))
    assert response.status_code == 200
    assert rows_shown(response.content.decode(), crowd) == crowd[:25]


def test_the_pager_with_htmx_swaps_only_the_section(session, crowd, facilitator_client):
    response = facilitator_client.get(page_url(session, 2), **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="invitations"')
    assert rows_shown(html, crowd) == crowd[25:50]
    assert f'hx-get="{page_url(session, 3)}"' in html
    assert 'hx-target="#invitations"' in html
    assert "HX-Request" in response["Vary"]


def test_other_htmx_requests_and_history_restores_get_the_whole_page(
    session, crowd, facilitator_client
):
    assert "<html" in facilitator_client.get(session.get_absolute_url(), **HTMX).content.decode()
    restore = {**HTMX, "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}
    assert "<html" in facilitator_client.get(page_url(session, 2), **restore).content.decode()


def test_participants_asking_a_page_get_their_own_page(session, crowd, participant_client):
    html = participant_client.get(page_url(session, 2), **HTMX).content.decode()
    assert "<html" in html
    assert 'id="invitations"' not in html


def test_the_room_is_counted_over_every_page(session, crowd, facilitator_client):
    Invitation.objects.filter(pk__in=[i.pk for i in crowd[:40]]).update(response="accepted")
    html = facilitator_client.get(page_url(session, 3)).content.decode()
    # The balance table: 60 invited, 40 accepted, whatever page of rows is shown.
    assert "<td>60</td><td>40</td>" in html.replace("\n", "")


def test_changing_a_row_opens_the_page_that_holds_it(session, crowd, facilitator_client):
    row = crowd[55]
    html = facilitator_client.get(update_url(row)).content.decode()
    assert html.count('class="invitation-form"') == 1
    assert f'id="invitation-{row.pk}-role"' in html
    assert "Page 3 of 3" in html
    assert f'{page_url(session, 3)}#invitation-{row.pk}"' in html  # its Cancel


def test_a_saved_row_comes_back_to_its_page(session, crowd, facilitator_client):
    row = crowd[30]
    response = facilitator_client.post(
        update_url(row), {"role": "participant", "capacity": "personal", "invitations": "2"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{page_url(session, 2)}#invitations"


def test_withdrawing_from_page_two_comes_back_to_page_two(session, crowd, facilitator_client):
    row = crowd[30]
    response = facilitator_client.post(remove_url(row), {"invitations": "2"})
    assert response["Location"] == f"{page_url(session, 2)}#invitations"
    assert not session.invitations.filter(pk=row.pk).exists()
    html = facilitator_client.post(remove_url(crowd[31]), {"invitations": "2"}, **HTMX)
    assert rows_shown(html.content.decode(), crowd) == crowd[25:30] + crowd[32:52]


def test_a_hostile_page_number_in_a_write_is_not_put_in_the_address(
    session, crowd, facilitator_client
):
    response = facilitator_client.post(remove_url(crowd[30]), {"invitations": "2#x?y=<b>"})
    assert response["Location"].startswith(f"{page_url(session, '')}2%23x")
    assert "<b>" not in response["Location"]


def test_the_header_names_the_first_few_who_cannot_be_emailed(session, crowd, facilitator_client):
    # Nobody in the crowd agreed to be emailed.
    html = facilitator_client.get(session.get_absolute_url()).content.decode()
    unreachable = html.count("has not agreed to be contacted by email")
    assert unreachable == 5
    assert "people invited cannot be emailed" in html
    assert "?not_emailed=all#not-emailed" in html
    everyone = facilitator_client.get(session.get_absolute_url() + "?not_emailed=all")
    assert everyone.content.decode().count("has not agreed to be contacted by email") > 50


def test_a_page_of_the_table_read_alone_leaves_a_trace_of_the_names_it_shows(
    session, crowd, facilitator, facilitator_client
):
    hidden = ParticipantFactory(name="Zed Protected", identity_protected=True, pseudonym="Zulu")
    InvitationFactory(session=session, participant=hidden)
    reads = ReadEvent.objects.filter(user=facilitator, kind=ReadEvent.Kind.IDENTITY)
    html = facilitator_client.get(page_url(session, 3), **HTMX).content.decode()
    assert "Zed Protected" in html
    assert reads.exists()
