"""Adding an item to the agenda on the session page: topics, lead, bad input refused beside
the field, and one item per submitted form."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from mediation.models import Topic
from mediation.sessions import agenda as session_agenda
from tests.factories import (
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    TopicFactory,
)
from tests.mediation.sessions.agenda_helpers import (
    HTMX,
    add_url,
    agenda_of,
    described_by_error,
    positions,
    titles,
)

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
    assert 'id="messages"' in content and 'hx-swap-oob="innerHTML"' in content
    assert "added to the agenda" in content


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


# --- One item per submitted form, whenever the session is ------------------------------


def test_now_is_used_only_for_display(session):
    # A session in the past can still have its agenda edited (to record what happened).
    session.starts_at = timezone.now() - timedelta(days=2)
    session.ends_at = session.starts_at + timedelta(hours=2)
    session.save()
    item = session_agenda.agenda_item_add(
        session=session, title="Late addition", duration_minutes=5
    )
    assert item.position == 1


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
