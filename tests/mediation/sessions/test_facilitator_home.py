"""The facilitator's section of the home page: what to prepare, record and chase next."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mediation.models import ActionItem, DialogueSession, SessionRecord
from mediation.sessions import selectors as session_selectors
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    DialogueSessionFactory,
    InvitationFactory,
    SessionRecordFactory,
)


def home(client):
    return client.get(reverse("home")).content.decode()


def section(content):
    start = content.index('id="facilitator"')
    return content[start : content.index("</section>", start)]


def held(process, facilitator, days_ago, **kwargs):
    starts = timezone.now() - timedelta(days=days_ago)
    return DialogueSessionFactory(
        process=process,
        facilitators=[facilitator],
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        **kwargs,
    )


def test_only_facilitators_get_the_section(
    session, facilitator_client, participant_client, organizer_client
):
    assert 'id="facilitator"' in home(facilitator_client)
    assert 'id="facilitator"' not in home(participant_client)
    assert 'id="facilitator"' not in home(organizer_client)


def test_upcoming_sessions_say_what_is_missing(session, facilitator, facilitator_client):
    InvitationFactory(session=session)  # a second unanswered invitation
    InvitationFactory(session=session, response="accepted")
    ready = DialogueSessionFactory(
        process=session.process, facilitators=[facilitator], title="All set"
    )
    AgendaItemFactory(session=ready, position=1)
    InvitationFactory(session=ready, response="declined")
    content = section(home(facilitator_client))
    mine = content[
        content.index(session.title) : content.index("</li>", content.index(session.title))
    ]
    assert "No agenda yet" in mine
    assert "2 invitations unanswered" in mine
    assert f'href="{session.get_absolute_url()}#agenda"' in mine
    assert f'href="{session.get_absolute_url()}#invitations"' in mine
    done = content[content.index("All set") : content.index("</li>", content.index("All set"))]
    assert "No agenda yet" not in done and "unanswered" not in done
    assert "every invitation answered" in done


def test_sessions_facilitated_by_others_are_not_listed(session, other_session, facilitator_client):
    content = section(home(facilitator_client))
    assert session.title in content
    assert other_session.title not in content


def test_recently_held_sessions_without_a_shared_record(session, facilitator, facilitator_client):
    process = session.process
    no_record = held(process, facilitator, 3, title="Held, nothing written")
    draft = held(process, facilitator, 10, title="Held, draft record")
    SessionRecordFactory(session=draft, state=SessionRecord.State.DRAFT)
    shared = held(process, facilitator, 5, title="Held, shared")
    SessionRecordFactory(session=shared, state=SessionRecord.State.SHARED)
    held(process, facilitator, 4, title="Held under no record", confidentiality="no_record")
    held(process, facilitator, 90, title="Held long ago")
    held(process, facilitator, 2, title="Called off", status=DialogueSession.Status.CANCELLED)
    content = section(home(facilitator_client))
    record_part = content[content.index("record not shared yet") :]
    record_part = record_part[: record_part.index("</ul>")]
    assert no_record.title in record_part
    assert draft.title in record_part
    assert f'href="{draft.get_absolute_url()}#record"' in record_part
    assert "Held, shared" not in record_part
    assert "Held under no record" not in record_part
    assert "Held long ago" not in record_part
    assert "Called off" not in record_part


def test_open_actions_past_their_due_date(session, facilitator, facilitator_client, other_session):
    today = timezone.localdate()
    late = ActionItemFactory(
        session=session, description="Send the non-paper", due_date=today - timedelta(days=2)
    )
    ActionItemFactory(
        session=session, description="Not due yet", due_date=today + timedelta(days=2)
    )
    ActionItemFactory(
        session=session,
        description="Late but done",
        due_date=today - timedelta(days=2),
        status=ActionItem.Status.DONE,
    )
    ActionItemFactory(
        session=session,
        description="Late and in progress",
        due_date=today - timedelta(days=1),
        status=ActionItem.Status.IN_PROGRESS,
    )
    ActionItemFactory(
        session=other_session, description="Someone else's", due_date=today - timedelta(days=5)
    )
    content = section(home(facilitator_client))
    assert late.description in content
    assert "Late and in progress" in content
    assert "Not due yet" not in content
    assert "Late but done" not in content
    assert "Someone else" not in content


def test_archived_sessions_drop_out(session, facilitator, facilitator_client):
    session.archived_at = timezone.now()
    session.save()
    DialogueSessionFactory(process=session.process, facilitators=[facilitator], title="Still live")
    content = section(home(facilitator_client))
    assert session.title not in content
    assert "Still live" in content


def _grow(session, facilitator, n):
    today = timezone.localdate()
    for i in range(n):
        upcoming = DialogueSessionFactory(process=session.process, facilitators=[facilitator])
        AgendaItemFactory(session=upcoming, position=1)
        InvitationFactory(session=upcoming)
        past = held(session.process, facilitator, 3 + i)
        SessionRecordFactory(session=past, state=SessionRecord.State.DRAFT)
        ActionItemFactory(session=past, due_date=today - timedelta(days=1))


def test_home_query_count_does_not_grow_with_the_dashboard(
    session, facilitator, facilitator_client, count_queries
):
    _grow(session, facilitator, 2)
    small = count_queries(lambda: facilitator_client.get(reverse("home")))
    _grow(session, facilitator, 12)
    assert count_queries(lambda: facilitator_client.get(reverse("home"))) == small


def test_the_dashboard_is_three_queries(session, facilitator, django_assert_num_queries):
    _grow(session, facilitator, 3)
    with django_assert_num_queries(3):
        dashboard = session_selectors.facilitator_dashboard(facilitator)
    assert len(dashboard.upcoming) == 4
    assert len(dashboard.awaiting_record) == 3
    assert len(dashboard.overdue_actions) == 3


def test_the_lists_are_bounded(session, facilitator):
    for _ in range(25):
        DialogueSessionFactory(process=session.process, facilitators=[facilitator])
    assert (
        len(session_selectors.facilitator_dashboard(facilitator).upcoming)
        == session_selectors.DASHBOARD_ROWS
    )


@pytest.mark.parametrize("persona", ["participant", "stranger"])
def test_the_dashboard_is_empty_for_non_facilitators(session, personas, persona):
    dashboard = session_selectors.facilitator_dashboard(personas[persona])
    assert (dashboard.upcoming, dashboard.awaiting_record, dashboard.overdue_actions) == (
        [],
        [],
        [],
    )
