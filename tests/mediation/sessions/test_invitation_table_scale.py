"""The facilitator's invitation table stays quick with many invitees: each row shows its
facts and a link that opens that one row's form, instead of a form in every row."""

import re

import pytest
from django.urls import reverse

from mediation.sessions.context import INVITATIONS_PER_PAGE
from tests.factories import InvitationFactory, ParticipantFactory

from .invitation_helpers import HTMX, update_url


def _invite(session, how_many: int) -> None:
    """Invitees of names and affiliations of one length, so that sizes compare."""
    for n in range(session.invitations.count(), how_many):
        person = ParticipantFactory(name=f"Guest {n:04}", affiliation="Institute")
        InvitationFactory(session=session, participant=person)


def _fields(html: str) -> int:
    """Form fields a person fills in (the withdraw buttons' CSRF tokens and the table's
    page number they carry are not fields)."""
    inputs = re.findall(r"<input[^>]*>", html)
    typed = [i for i in inputs if 'type="hidden"' not in i]
    return len(typed) + html.count("<select") + html.count("<textarea")


def _page(client, session):
    return client.get(reverse("session_detail", args=[session.pk]))


def test_the_table_shows_no_form_per_invitee(session, facilitator_client):
    _invite(session, 15)
    html = _page(facilitator_client, session).content.decode()
    assert 'class="invitation-form"' not in html
    assert html.count('class="invitation-facts"') == 15


@pytest.mark.parametrize("invitees", [15, 150])
def test_the_page_does_not_grow_in_fields_or_queries_with_invitees(
    session, facilitator_client, count_queries, invitees
):
    _invite(session, 15)
    small_html = _page(facilitator_client, session).content.decode()
    small_queries = count_queries(lambda: _page(facilitator_client, session))
    _invite(session, invitees)
    html = _page(facilitator_client, session).content.decode()
    assert _fields(html) == _fields(small_html)
    assert count_queries(lambda: _page(facilitator_client, session)) == small_queries


def test_the_change_link_opens_that_rows_form_on_the_page(session, invitation, facilitator_client):
    _invite(session, 3)
    response = facilitator_client.get(update_url(invitation))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert html.count('class="invitation-form"') == 1
    assert f'id="invitation-{invitation.pk}-role"' in html
    assert response["Cache-Control"].count("no-store")


def test_the_change_link_with_htmx_returns_the_section(session, invitation, facilitator_client):
    response = facilitator_client.get(update_url(invitation), **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="invitations"' in html
    assert f'id="invitation-{invitation.pk}-role"' in html


def test_a_refused_change_keeps_the_row_open_with_its_error(
    session, invitation, facilitator_client
):
    response = facilitator_client.post(
        update_url(invitation), {"role": "observer", "capacity": "personal", "attended": "yes"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="invitation-form"') == 1
    assert "once the session has started" in html
    invitation.refresh_from_db()
    assert invitation.role != "observer"


def test_the_page_renders_as_many_templates_at_150_invitees_as_at_15(session, facilitator_client):
    """Each row is written by the table's own loop, with no template included per row."""
    _invite(session, 15)
    small = len(_page(facilitator_client, session).templates)
    _invite(session, 150)
    response = _page(facilitator_client, session)
    assert response.content.decode().count('class="invitation-facts"') == INVITATIONS_PER_PAGE
    assert len(response.templates) == small


# What one more invitee may add to the page once the table's page is full: their choice in
# the two lists of people (an agenda item's lead, an action's owner), about 60 bytes each.
# A row of the table is about 1,900 bytes.
CHOICES_BYTES = 150
ROW_BYTES = 2_000


def test_the_page_at_150_invitees_weighs_a_full_page_of_rows_more_than_at_15(
    session, facilitator_client
):
    """At 15 invitees the table shows 15 rows, at 150 one page of them (25): the ten more
    rows and the invitees' choices in the lists of people, never 135 more rows and lines."""
    _invite(session, 15)
    small = len(_page(facilitator_client, session).content)
    _invite(session, 150)
    large = len(_page(facilitator_client, session).content)
    extra_rows = INVITATIONS_PER_PAGE - 15
    assert large - small < extra_rows * ROW_BYTES + 135 * CHOICES_BYTES
    assert large - small < 0.2 * 135 * ROW_BYTES


def test_past_a_full_page_an_invitee_adds_only_their_choices(session, facilitator_client):
    _invite(session, 30)
    thirty = len(_page(facilitator_client, session).content)
    _invite(session, 150)
    assert len(_page(facilitator_client, session).content) - thirty < 120 * CHOICES_BYTES


def test_the_invitation_section_weighs_the_same_at_30_and_150_invitees(
    session, facilitator_client
):
    _invite(session, 30)
    thirty = len(facilitator_client.get(section_url(session), **HTMX).content)
    _invite(session, 150)
    large = len(facilitator_client.get(section_url(session), **HTMX).content)
    assert abs(large - thirty) < 0.03 * thirty


def section_url(session, page=1):
    return f"{reverse('session_detail', args=[session.pk])}?invitations={page}"
