"""The organizers' busiest lists cost no full-table work: no second count of the whole
table, no DISTINCT over it for a filter's choices."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mediation.models import Invitation
from tests.factories import InvitationFactory

CHANGELISTS = [
    "admin:mediation_participant_changelist",
    "admin:mediation_dialoguesession_changelist",
    "admin:mediation_invitation_changelist",
    "admin:mediation_agendaitem_changelist",
]


@pytest.mark.parametrize("name", CHANGELISTS)
def test_a_big_list_runs_no_distinct_and_no_second_count(name, session, organizer_client):
    InvitationFactory.create_batch(3, session=session)
    with CaptureQueriesContext(connection) as queries:
        response = organizer_client.get(reverse(name))
    assert response.status_code == 200
    # The sessions' date hierarchy lists the days that have sessions (a DISTINCT over an
    # indexed date): that one is the list's navigation, kept.
    sql = [q["sql"].upper() for q in queries if "TRUNC(" not in q["sql"].upper()]
    assert not [s for s in sql if "DISTINCT" in s]
    assert len([s for s in sql if "COUNT(" in s]) <= 1


def test_the_process_filter_offers_the_organizers_processes_and_filters(
    session, other_session, organizer_client, foreign_session
):
    url = reverse("admin:mediation_invitation_changelist")
    InvitationFactory(session=other_session)
    html = organizer_client.get(url).content.decode()
    assert session.process.title in html
    assert foreign_session.process.title not in html
    filtered = organizer_client.get(url, {"session__process__id": str(session.process_id)})
    assert filtered.status_code == 200
    in_process = Invitation.objects.filter(session__process=session.process).count()
    assert filtered.context["cl"].result_count == in_process == 2
    # A made-up value is refused, never a server error.
    assert organizer_client.get(url, {"session__process__id": "junk"}).status_code < 500


@pytest.mark.parametrize("language", ["en", "fr", "ar"])
def test_each_rows_checkbox_is_the_element_djangos_widget_draws(language, session):
    """The lists draw the selection checkbox without a widget template per row
    (mediation/admin/rows.py): the element stays exactly Django's, escaping included."""
    from django.contrib import admin
    from django.utils import translation

    invitation = InvitationFactory(session=session)
    session.title = 'Talks <b>"A" & B</b>'
    invitation.session = session
    model_admin = admin.site._registry[Invitation]
    with translation.override(language):
        ours = model_admin.action_checkbox(invitation)
        djangos = admin.ModelAdmin.action_checkbox(model_admin, invitation)
    assert ours == djangos
    assert 'class="action-select"' in ours


@pytest.mark.parametrize("name", CHANGELISTS[:3])
def test_the_rows_can_still_be_selected_for_an_action(name, session, organizer_client):
    InvitationFactory.create_batch(2, session=session)
    html = organizer_client.get(reverse(name)).content.decode()
    assert 'id="action-toggle"' in html
    assert html.count('<input type="checkbox" name="_selected_action" value="') >= 1
