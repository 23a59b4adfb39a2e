"""The agenda builder on the session page: add, edit, remove, move and reorder items."""

import contextlib
import re
import threading
import time
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.db import OperationalError, connections
from django.urls import reverse
from django.utils import timezone

from mediation.models import ActionItem, AgendaItem, Topic
from mediation.sessions import agenda as session_agenda
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ItemRecordFactory,
    ParticipantFactory,
    SideFactory,
    TopicFactory,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


def add_url(session):
    return reverse("session_agenda_add", args=[session.pk])


def item_url(name, item):
    return reverse(name, args=[item.session_id, item.pk])


def reorder_url(session):
    return reverse("session_agenda_reorder", args=[session.pk])


def positions(session):
    return list(session.agenda_items.order_by("position").values_list("title", "position"))


def titles(session):
    return [title for title, _ in positions(session)]


def agenda_of(session, *names):
    return [
        AgendaItemFactory(session=session, position=i + 1, title=name, duration_minutes=30)
        for i, name in enumerate(names)
    ]


def described_by_error(content, field_id):
    """Whether the field's own tag points at its error message (aria-describedby)."""
    tag = re.search(rf'<(?:input|select|textarea)\b[^>]*\bid="{field_id}"[^>]*>', content)
    return (
        tag is not None
        and re.search(rf'aria-describedby="[^"]*\b{field_id}_error\b', tag.group(0)) is not None
    )


def message_texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


# --- Adding -------------------------------------------------------------------------------


def test_facilitator_adds_an_item_and_lands_on_the_agenda(session, facilitator_client):
    response = facilitator_client.post(
        add_url(session), {"title": "Opening round", "duration_minutes": "20"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{session.get_absolute_url()}#agenda"
    item = session.agenda_items.get()
    assert (item.title, item.position, item.duration_minutes) == ("Opening round", 1, 20)
    page = facilitator_client.get(response["Location"]).content.decode()
    assert "“Opening round” added to the agenda." in page


def test_items_are_appended_in_order(session, facilitator_client):
    agenda_of(session, "First", "Second")
    facilitator_client.post(add_url(session), {"title": "Third", "duration_minutes": "10"})
    assert positions(session) == [("First", 1), ("Second", 2), ("Third", 3)]


def test_htmx_add_returns_the_agenda_fragment_with_the_message(session, facilitator_client):
    response = facilitator_client.post(
        add_url(session), {"title": "Opening round", "duration_minutes": "20"}, **HTMX
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in content
    assert 'id="agenda"' in content
    assert "Opening round" in content
    assert 'id="messages"' in content and 'hx-swap-oob="true"' in content
    assert "added to the agenda" in content


def test_the_full_page_shows_the_builder_to_editors_only(
    session, facilitator_client, participant_client
):
    agenda_of(session, "First")
    as_facilitator = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert "<html" in as_facilitator
    assert f'action="{add_url(session)}"' in as_facilitator
    assert "agenda-reorder.js" in as_facilitator
    as_participant = participant_client.get(session.get_absolute_url()).content.decode()
    assert "First" in as_participant
    assert add_url(session) not in as_participant
    assert "agenda-reorder.js" not in as_participant
    assert 'draggable="true"' not in as_participant


def test_an_organizer_of_the_process_may_build_the_agenda(session, organizer_client):
    response = organizer_client.post(
        add_url(session), {"title": "Set by the organizer", "duration_minutes": "15"}
    )
    assert response.status_code == 302
    assert titles(session) == ["Set by the organizer"]


def test_picking_a_topic_of_the_process(session, facilitator_client):
    topic = TopicFactory(process=session.process, title="Water sharing")
    facilitator_client.post(
        add_url(session), {"title": "Rivers", "duration_minutes": "30", "topic": str(topic.pk)}
    )
    assert session.agenda_items.get().topic == topic


def test_typing_a_new_topic_creates_it_in_the_process(session, facilitator_client):
    facilitator_client.post(
        add_url(session),
        {"title": "Prisoners", "duration_minutes": "30", "new_topic": "Detainees"},
    )
    topic = Topic.objects.get(title="Detainees")
    assert topic.process == session.process
    assert session.agenda_items.get().topic == topic


def test_typing_an_existing_topic_title_reuses_the_topic(session, facilitator_client):
    existing = TopicFactory(process=session.process, title="Detainees")
    facilitator_client.post(
        add_url(session),
        {"title": "Prisoners", "duration_minutes": "30", "new_topic": "detainees"},
    )
    assert Topic.objects.filter(process=session.process).count() == 1
    assert session.agenda_items.get().topic == existing


def test_the_same_title_in_another_process_is_another_topic(session, facilitator_client):
    TopicFactory(title="Detainees")  # another process
    facilitator_client.post(
        add_url(session),
        {"title": "Prisoners", "duration_minutes": "30", "new_topic": "Detainees"},
    )
    assert session.agenda_items.get().topic.process == session.process


def test_the_service_reuses_a_topic_created_by_someone_else_meanwhile(session):
    TopicFactory(process=session.process, title="Detainees")
    item = session_agenda.agenda_item_add(
        session=session, title="Prisoners", duration_minutes=10, new_topic_title="Detainees"
    )
    assert item.topic.title == "Detainees"
    assert Topic.objects.filter(process=session.process).count() == 1


def test_choosing_a_topic_and_typing_one_is_refused(session, facilitator_client):
    topic = TopicFactory(process=session.process)
    response = facilitator_client.post(
        add_url(session),
        {"title": "Both", "duration_minutes": "30", "topic": str(topic.pk), "new_topic": "Other"},
    )
    assert response.status_code == 200
    assert "Choose a topic or type a new one, not both." in response.content.decode()
    assert not session.agenda_items.exists()
    assert not Topic.objects.filter(title="Other").exists()


def test_the_lead_is_someone_invited(session, participant, facilitator_client):
    facilitator_client.post(
        add_url(session),
        {"title": "Led", "duration_minutes": "30", "lead": str(participant.participant.pk)},
    )
    assert session.agenda_items.get().lead == participant.participant


BAD_INPUT = [
    ({"duration_minutes": "0"}, "duration_minutes", "greater than or equal to 1"),
    ({"duration_minutes": "-5"}, "duration_minutes", "greater than or equal to 1"),
    ({"duration_minutes": "100000"}, "duration_minutes", "less than or equal to 1440"),
    ({"duration_minutes": "ten"}, "duration_minutes", "Enter a whole number."),
    ({"duration_minutes": ""}, "duration_minutes", "This field is required."),
    ({"title": ""}, "title", "This field is required."),
    ({"title": "x" * 201}, "title", "at most 200 characters"),
    ({"title": "Null\x00byte"}, "title", "Null characters are not allowed."),
    ({"new_topic": "Null\x00byte"}, "new_topic", "Null characters are not allowed."),
    ({"new_topic": "t" * 201}, "new_topic", "at most 200 characters"),
    ({"notes": "Null\x00byte"}, "notes", "Null characters are not allowed."),
    ({"topic": "not-a-uuid"}, "topic", "Select a valid choice."),
    ({"lead": "\x00"}, "lead", "Select a valid choice."),
]


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
@pytest.mark.parametrize(("change", "field", "error"), BAD_INPUT)
def test_bad_input_is_refused_beside_the_field_and_nothing_is_saved(
    session, facilitator_client, htmx, change, field, error
):
    data = {"title": "Kept title", "duration_minutes": "30", "new_topic": "", **change}
    response = facilitator_client.post(add_url(session), data, **(HTMX if htmx else {}))
    content = response.content.decode()
    assert response.status_code == 200
    assert error in content
    assert f'id="agenda-new-{field}_error"' in content
    assert described_by_error(content, f"agenda-new-{field}")
    assert ("<html" in content) is not htmx
    assert not session.agenda_items.exists()
    assert not Topic.objects.exists()
    if field != "title":
        assert 'value="Kept title"' in content


def test_ids_from_another_process_are_not_choices(session, facilitator_client):
    foreign_topic = TopicFactory()
    outsider = ParticipantFactory()
    InvitationFactory(session=DialogueSessionFactory(), participant=outsider)
    for field, value in [("topic", foreign_topic.pk), ("lead", outsider.pk)]:
        response = facilitator_client.post(
            add_url(session), {"title": "Sneaky", "duration_minutes": "30", field: str(value)}
        )
        assert response.status_code == 200
        assert "Select a valid choice." in response.content.decode()
    assert not session.agenda_items.exists()


def test_the_service_refuses_a_foreign_topic_or_an_uninvited_lead(session):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        session_agenda.agenda_item_add(
            session=session, title="x", duration_minutes=5, topic=TopicFactory()
        )
    with pytest.raises(ValidationError):
        session_agenda.agenda_item_add(
            session=session, title="x", duration_minutes=5, lead=ParticipantFactory()
        )
    assert not session.agenda_items.exists()


def test_a_failed_add_does_not_keep_the_new_topic(session):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        session_agenda.agenda_item_add(
            session=session,
            title="x",
            duration_minutes=5,
            new_topic_title="Orphan",
            lead=ParticipantFactory(),
        )
    assert not Topic.objects.filter(title="Orphan").exists()


# --- Editing ------------------------------------------------------------------------------


def test_edit_opens_the_item_form_in_place(session, facilitator_client):
    first, _ = agenda_of(session, "First", "Second")
    url = item_url("session_agenda_item_edit", first)
    page = facilitator_client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert "<html" in content
    assert f'id="agenda-{first.pk}-title"' in content
    assert 'value="First"' in content
    assert "no-store" in page["Cache-Control"]
    fragment = facilitator_client.get(url, **HTMX).content.decode()
    assert "<html" not in fragment
    assert 'id="agenda"' in fragment
    assert f'id="agenda-{first.pk}-title"' in fragment


def test_editing_an_item_saves_it(session, facilitator_client):
    (item,) = agenda_of(session, "First")
    url = item_url("session_agenda_item_edit", item)
    response = facilitator_client.post(
        url, {"title": "Renamed", "duration_minutes": "45", "new_topic": "Fresh topic"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title, item.duration_minutes, item.topic.title) == ("Renamed", 45, "Fresh topic")
    fragment = facilitator_client.post(
        url, {"title": "Again", "duration_minutes": "40"}, **HTMX
    ).content.decode()
    assert "<html" not in fragment and "Again" in fragment


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_a_bad_edit_changes_nothing_and_keeps_what_was_typed(session, facilitator_client, htmx):
    (item,) = agenda_of(session, "First")
    response = facilitator_client.post(
        item_url("session_agenda_item_edit", item),
        {"title": "Typed but refused", "duration_minutes": "0"},
        **(HTMX if htmx else {}),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert 'value="Typed but refused"' in content
    assert described_by_error(content, f"agenda-{item.pk}-duration_minutes")
    item.refresh_from_db()
    assert (item.title, item.duration_minutes) == ("First", 30)


def test_an_item_of_another_session_is_not_found_through_this_one(
    session, other_session, facilitator_client
):
    foreign = AgendaItemFactory(session=other_session, title="Theirs")
    url = reverse("session_agenda_item_edit", args=[session.pk, foreign.pk])
    assert facilitator_client.get(url).status_code == 404
    assert (
        facilitator_client.post(url, {"title": "Mine now", "duration_minutes": "5"}).status_code
        == 404
    )
    remove = reverse("session_agenda_item_remove", args=[session.pk, foreign.pk])
    assert facilitator_client.post(remove).status_code == 404
    foreign.refresh_from_db()
    assert foreign.title == "Theirs"


# --- Removing -----------------------------------------------------------------------------


def test_removing_an_item_closes_the_gap(session, facilitator_client):
    _, second, _ = agenda_of(session, "First", "Second", "Third")
    response = facilitator_client.post(item_url("session_agenda_item_remove", second))
    assert response.status_code == 302
    assert positions(session) == [("First", 1), ("Third", 2)]


def test_htmx_remove_returns_the_fragment(session, facilitator_client):
    (item,) = agenda_of(session, "Gone soon")
    response = facilitator_client.post(item_url("session_agenda_item_remove", item), **HTMX)
    content = response.content.decode()
    assert "<html" not in content and 'id="agenda"' in content
    assert "removed from the agenda" in content
    assert not session.agenda_items.exists()


@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_an_item_with_record_notes_is_not_removed(session, facilitator_client, htmx):
    (item,) = agenda_of(session, "Noted")
    ItemRecordFactory(agenda_item=item)
    response = facilitator_client.post(
        item_url("session_agenda_item_remove", item), **(HTMX if htmx else {})
    )
    assert response.status_code == (200 if htmx else 302)
    text = response.content.decode() if htmx else " ".join(message_texts(response))
    assert "has notes in the session record" in text
    assert session.agenda_items.filter(pk=item.pk).exists()


# --- Moving and reordering ---------------------------------------------------------------


def test_moving_an_item_up_and_down(session, facilitator_client):
    first, _, third = agenda_of(session, "First", "Second", "Third")
    facilitator_client.post(item_url("session_agenda_item_move", third), {"direction": "up"})
    assert titles(session) == ["First", "Third", "Second"]
    facilitator_client.post(item_url("session_agenda_item_move", first), {"direction": "down"})
    assert positions(session) == [("Third", 1), ("First", 2), ("Second", 3)]


def test_moving_past_either_end_changes_nothing(session, facilitator_client):
    first, second = agenda_of(session, "First", "Second")
    facilitator_client.post(item_url("session_agenda_item_move", first), {"direction": "up"})
    facilitator_client.post(item_url("session_agenda_item_move", second), {"direction": "down"})
    assert positions(session) == [("First", 1), ("Second", 2)]


def test_a_move_without_a_direction_is_refused(session, facilitator_client):
    _, second = agenda_of(session, "First", "Second")
    response = facilitator_client.post(
        item_url("session_agenda_item_move", second), {"direction": "sideways"}, **HTMX
    )
    assert response.status_code == 200
    assert "Move an item up or down." in response.content.decode()
    assert titles(session) == ["First", "Second"]


def test_htmx_move_returns_the_fragment(session, facilitator_client):
    _, second = agenda_of(session, "First", "Second")
    response = facilitator_client.post(
        item_url("session_agenda_item_move", second), {"direction": "up"}, **HTMX
    )
    content = response.content.decode()
    assert "<html" not in content and 'id="agenda"' in content
    assert content.index("Second") < content.index("First")


def test_reordering_rewrites_every_position_in_one_request(session, facilitator_client):
    a, b, c = agenda_of(session, "A", "B", "C")
    response = facilitator_client.post(
        reorder_url(session), {"item": [str(c.pk), str(a.pk), str(b.pk)]}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#agenda")
    assert positions(session) == [("C", 1), ("A", 2), ("B", 3)]


def test_htmx_reorder_returns_the_fragment(session, facilitator_client):
    a, b = agenda_of(session, "A", "B")
    response = facilitator_client.post(
        reorder_url(session), {"item": [str(b.pk), str(a.pk)]}, **HTMX
    )
    content = response.content.decode()
    assert "<html" not in content and 'id="agenda"' in content
    assert "The new order of the agenda is saved." in content
    assert titles(session) == ["B", "A"]


def test_reordering_keeps_positions_in_a_tight_range_whatever_they_were(session):
    a = AgendaItemFactory(session=session, position=30000, title="A")
    b = AgendaItemFactory(session=session, position=7, title="B")
    session_agenda.agenda_reorder(session=session, item_ids=[a.pk, b.pk])
    assert positions(session) == [("A", 1), ("B", 2)]


@pytest.mark.parametrize(
    "make_order",
    [
        pytest.param(lambda a, b, c, x: [a, b], id="missing"),
        pytest.param(lambda a, b, c, x: [a, b, c, x], id="foreign"),
        pytest.param(lambda a, b, c, x: [a, b, x], id="swapped-for-foreign"),
        pytest.param(lambda a, b, c, x: [a, a, b, c], id="duplicate-extra"),
        pytest.param(lambda a, b, c, x: [a, a, b], id="duplicate-instead"),
        pytest.param(lambda a, b, c, x: [], id="empty"),
        pytest.param(lambda a, b, c, x: [a, b, "not-a-uuid"], id="garbage"),
        pytest.param(lambda a, b, c, x: [a, b, "\x00"], id="nul"),
    ],
)
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "htmx"])
def test_a_reorder_that_does_not_match_the_agenda_changes_nothing(
    session, other_session, facilitator_client, make_order, htmx
):
    a, b, c = agenda_of(session, "A", "B", "C")
    x = AgendaItemFactory(session=other_session, position=1, title="X")
    order = [str(getattr(i, "pk", i)) for i in make_order(a, b, c, x)]
    response = facilitator_client.post(
        reorder_url(session), {"item": order}, **(HTMX if htmx else {})
    )
    assert response.status_code == (200 if htmx else 302)
    text = response.content.decode() if htmx else " ".join(message_texts(response))
    assert "agenda" in text and (
        "changed while you were reordering" in text or "not an order" in text
    )
    assert positions(session) == [("A", 1), ("B", 2), ("C", 3)]
    assert AgendaItem.objects.get(pk=x.pk).position == 1


def test_a_reorder_made_before_someone_added_an_item_is_refused(session, facilitator_client):
    a, b = agenda_of(session, "A", "B")
    stale = [str(b.pk), str(a.pk)]
    facilitator_client.post(add_url(session), {"title": "C", "duration_minutes": "5"})
    facilitator_client.post(reorder_url(session), {"item": stale})
    assert titles(session) == ["A", "B", "C"]


def _retrying_on_shared_cache_locks(call):
    """pytest-django's SQLite test database is in memory with a shared cache, where a busy
    table fails at once ("database table is locked") instead of waiting as the file
    database of every deployment does (tests/test_settings.py pins that wait). Retrying
    stands in for that wait; each failed attempt was rolled back whole."""
    for _ in range(500):
        try:
            return call()
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.002)
    raise AssertionError("never got the lock")


@pytest.mark.django_db(transaction=True)
def test_two_facilitators_reordering_at_once_never_break_the_positions():
    session = DialogueSessionFactory()
    items = [AgendaItemFactory(session=session, position=i + 1) for i in range(8)]
    ids = [item.pk for item in items]
    orders = [list(reversed(ids)), ids[1:] + ids[:1], ids[::2] + ids[1::2]]
    start = threading.Barrier(len(orders))
    errors = []

    def facilitator(order):
        try:
            start.wait()
            for _ in range(15):
                _retrying_on_shared_cache_locks(
                    lambda: session_agenda.agenda_reorder(session=session, item_ids=order)
                )
                # Moves interleave with full reorders, both locking the session first.
                _retrying_on_shared_cache_locks(
                    lambda: session_agenda.agenda_item_move(
                        item=AgendaItem.objects.get(pk=order[0]), direction="down"
                    )
                )
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=facilitator, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = list(AgendaItem.objects.filter(session=session).values_list("pk", "position"))
    assert sorted(pk for pk, _ in rows) == sorted(ids)
    assert sorted(position for _, position in rows) == list(range(1, len(ids) + 1))


@pytest.mark.django_db(transaction=True)
def test_adds_and_reorders_at_once_keep_one_item_per_place():
    """Adding reads the last place and reordering checks the list against the agenda: each
    holds the session's lock from that read to its write, or two adds would claim one
    place and a reorder would strand an item added meanwhile (PostgreSQL runs this for
    real; SQLite serialises whole transactions)."""
    session = DialogueSessionFactory()
    agenda_of(session, "A", "B")
    start = threading.Barrier(3)
    errors = []

    def facilitator(name):
        from django.core.exceptions import ValidationError

        try:
            start.wait()
            for i in range(8):
                _retrying_on_shared_cache_locks(
                    lambda i=i: session_agenda.agenda_item_add(
                        session=session, title=f"{name} {i}", duration_minutes=5
                    )
                )
                order = list(reversed(_retrying_on_shared_cache_locks(lambda: _ordered(session))))
                # Refused when someone added an item meanwhile, as it should be.
                with contextlib.suppress(ValidationError):
                    _retrying_on_shared_cache_locks(
                        lambda order=order: session_agenda.agenda_reorder(
                            session=session, item_ids=order
                        )
                    )
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=facilitator, args=(n,)) for n in ("x", "y", "z")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = list(session.agenda_items.values_list("position", flat=True))
    assert sorted(rows) == list(range(1, 2 + 3 * 8 + 1))


def _ordered(session):
    return list(session.agenda_items.order_by("position").values_list("pk", flat=True))


# --- Times and totals ---------------------------------------------------------------------


def test_each_item_starts_after_the_previous_one_in_the_session_time_zone(
    session, facilitator_client
):
    session.time_zone = "Asia/Tokyo"
    session.save()
    AgendaItemFactory(session=session, position=1, duration_minutes=45, title="First")
    AgendaItemFactory(session=session, position=2, duration_minutes=30, title="Second")
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    second = (session.starts_at + timedelta(minutes=45)).astimezone(session.zone)
    assert f'datetime="{second.isoformat()}"' in content
    assert f">{second:%H:%M}</time>" in content
    assert "Times in Asia/Tokyo" in content
    assert "Planned: 75 of 180 minutes." in content
    assert "runs over" not in content


def test_an_agenda_that_runs_over_says_by_how_much(session, facilitator_client):
    AgendaItemFactory(session=session, position=1, duration_minutes=200)
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert "Planned: 200 of 180 minutes." in content
    assert 'role="alert">The agenda runs over the session\'s length by 20 minutes.' in content


# --- Open actions of earlier sessions -----------------------------------------------------


@pytest.fixture
def earlier(session):
    """The previous round, run by the same facilitator."""
    return DialogueSessionFactory(
        process=session.process,
        starts_at=session.starts_at - timedelta(days=30),
        facilitators=list(session.facilitators.all()),
    )


def test_actions_of_an_earlier_session_the_facilitator_cannot_open_are_not_offered(
    session, facilitator_client
):
    side_meeting = DialogueSessionFactory(
        process=session.process, starts_at=session.starts_at - timedelta(days=3)
    )
    ActionItemFactory(session=side_meeting, description="Brief the minister privately")
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert "Brief the minister privately" not in content


def test_open_actions_of_earlier_sessions_are_offered(session, earlier, facilitator_client):
    topic = TopicFactory(process=session.process, title="Crossings")
    open_one = ActionItemFactory(
        session=earlier, description="Draft the crossing protocol", topic=topic
    )
    ActionItemFactory(
        session=earlier, description="In progress one", status=ActionItem.Status.IN_PROGRESS
    )
    ActionItemFactory(session=earlier, description="Already done", status=ActionItem.Status.DONE)
    later = DialogueSessionFactory(
        process=session.process, starts_at=session.starts_at + timedelta(days=9)
    )
    ActionItemFactory(session=later, description="From a later session")
    ActionItemFactory(description="From another process")
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert open_one.description in content
    assert "In progress one" in content
    assert "Already done" not in content
    assert "From a later session" not in content
    assert "From another process" not in content


def test_adding_an_open_action_to_the_agenda(session, earlier, facilitator_client):
    topic = TopicFactory(process=session.process, title="Crossings")
    action = ActionItemFactory(
        session=earlier, description="Draft the crossing protocol", topic=topic
    )
    response = facilitator_client.post(add_url(session), {"from_action": str(action.pk)}, **HTMX)
    assert response.status_code == 200
    item = session.agenda_items.get()
    assert (item.title, item.topic, item.position) == ("Draft the crossing protocol", topic, 1)
    # Once on the agenda, it is no longer offered.
    assert f'value="{action.pk}"' not in response.content.decode()


def test_an_action_of_another_process_cannot_be_added(session, facilitator_client):
    foreign = ActionItemFactory(description="Not yours")
    response = facilitator_client.post(add_url(session), {"from_action": str(foreign.pk)})
    assert response.status_code == 302
    assert "no longer open" in " ".join(message_texts(response))
    assert not session.agenda_items.exists()


def test_at_most_twenty_earlier_actions_are_offered(session, earlier, facilitator_client):
    for i in range(25):
        ActionItemFactory(session=earlier, description=f"Pending task {i:02d}")
    content = facilitator_client.get(session.get_absolute_url()).content.decode()
    assert content.count('name="from_action"') == 20


# --- Access and query counts --------------------------------------------------------------


def _writes(session, item):
    return [
        (add_url(session), {"title": "x", "duration_minutes": "5"}),
        (item_url("session_agenda_item_edit", item), {"title": "x", "duration_minutes": "5"}),
        (item_url("session_agenda_item_remove", item), {}),
        (item_url("session_agenda_item_move", item), {"direction": "down"}),
        (reorder_url(session), {"item": [str(item.pk)]}),
    ]


@pytest.mark.parametrize(("persona", "status"), [("participant", 403), ("stranger", 404)])
def test_non_editors_change_nothing(session, personas, client, persona, status):
    (item,) = agenda_of(session, "Untouched")
    client.force_login(personas[persona])
    for url, data in _writes(session, item):
        assert client.post(url, data).status_code == status, url
        assert client.post(url, data, **HTMX).status_code == status, url
    assert positions(session) == [("Untouched", 1)]


def test_a_facilitator_of_another_session_gets_404(session, other_session, facilitator_client):
    (item,) = agenda_of(other_session, "Theirs")
    for url, data in _writes(other_session, item):
        assert facilitator_client.post(url, data).status_code == 404, url
    assert positions(other_session) == [("Theirs", 1)]


def test_anonymous_writes_are_sent_to_sign_in(session, client):
    (item,) = agenda_of(session, "Untouched")
    for url, data in _writes(session, item):
        response = client.post(url, data)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def _grow(session, n):
    start = session.agenda_items.count()
    earlier = DialogueSessionFactory(
        process=session.process, starts_at=session.starts_at - timedelta(days=3)
    )
    for i in range(n):
        person = ParticipantFactory()
        InvitationFactory(
            session=session, participant=person, side=SideFactory(process=session.process)
        )
        topic = TopicFactory(process=session.process)
        AgendaItemFactory(
            session=session, position=start + i + 1, lead=person, topic=topic, duration_minutes=5
        )
        ActionItemFactory(session=earlier, topic=topic, owner=person)


@pytest.mark.parametrize("persona", ["facilitator", "organizer"])
def test_the_editor_page_query_count_does_not_grow_with_items_and_invitations(
    session, personas, client, count_queries, persona
):
    client.force_login(personas[persona])
    url = session.get_absolute_url()
    _grow(session, 2)
    small = count_queries(lambda: client.get(url))
    _grow(session, 15)
    assert count_queries(lambda: client.get(url)) == small
    fragment_small = count_queries(
        lambda: client.post(add_url(session), {"title": "t", "duration_minutes": "1"}, **HTMX)
    )
    _grow(session, 5)
    assert (
        count_queries(
            lambda: client.post(add_url(session), {"title": "u", "duration_minutes": "1"}, **HTMX)
        )
        == fragment_small
    )


def test_the_agenda_is_shown_to_participants_without_controls(session, participant_client):
    agenda_of(session, "Readable")
    content = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Readable" in content
    assert "session_agenda" not in content
    assert "Move “Readable” up" not in content and "Remove “Readable”" not in content


def test_now_is_used_only_for_display(session):
    # A session in the past can still have its agenda edited (to record what happened).
    session.starts_at = timezone.now() - timedelta(days=2)
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save()
    item = session_agenda.agenda_item_add(
        session=session, title="Late addition", duration_minutes=5
    )
    assert item.position == 1


def test_services_refuse_an_item_removed_meanwhile(session):
    first, _ = agenda_of(session, "First", "Second")
    stale = AgendaItem.objects.get(pk=first.pk)
    session_agenda.agenda_item_remove(item=first)
    with pytest.raises(AgendaItem.DoesNotExist):
        session_agenda.agenda_item_move(item=stale, direction="down")
    with pytest.raises(AgendaItem.DoesNotExist):
        session_agenda.agenda_item_update(item=stale, title="x", duration_minutes=5)
    assert positions(session) == [("Second", 1)]


def test_the_same_add_form_sent_twice_adds_one_item(session, facilitator_client):
    page = facilitator_client.get(session.get_absolute_url()).content.decode()
    token = re.search(r'name="submission" value="([0-9a-f-]{36})"', page).group(1)
    data = {"submission": token, "title": "Opening round", "duration_minutes": "20"}
    first = facilitator_client.post(add_url(session), data)
    second = facilitator_client.post(add_url(session), data)
    assert first.status_code == second.status_code == 302
    assert list(session.agenda_items.values_list("title", flat=True)) == ["Opening round"]


def test_a_fresh_form_adds_another_item(session, facilitator_client):
    for _ in range(2):
        page = facilitator_client.get(session.get_absolute_url()).content.decode()
        token = re.search(r'name="submission" value="([0-9a-f-]{36})"', page).group(1)
        facilitator_client.post(
            add_url(session), {"submission": token, "title": "Round", "duration_minutes": "10"}
        )
    assert session.agenda_items.count() == 2
