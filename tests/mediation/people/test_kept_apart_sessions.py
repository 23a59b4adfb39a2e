"""Organizers kept apart, the work of a process: the findings of the attack with a second
organizer on records, process pages, the next round, the invitation search, and topics
and sides, replayed.

`other_organizer` runs only `foreign_process`; the protected person "Ri Chol-min" (seen by
others as "Delta", the `ri` fixture) takes part in `session` of the organizer's process.
Every replay must be refused with no row changed and no real name shown.
"""

import uuid
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from mediation.models import AgendaItem, DialogueSession, Invitation, ReadEvent, SessionRecord
from mediation.sessions import services as session_services
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    SessionRecordFactory,
    SideFactory,
    TopicFactory,
)
from tests.mediation.people.kept_apart import admin_url
from tests.security.page_forms import main_form

# --- 4. The admin bypassed the record rules ------------------------------------------------


def test_records_are_read_only_in_the_admin_and_opening_one_is_audited(organizer_client, session):
    record = SessionRecordFactory(session=session)
    page = organizer_client.get(admin_url(SessionRecord, "change", record.pk))
    assert page.status_code == 200
    assert reverse("session_record_edit", args=[session.pk]) in page.content.decode()
    assert ReadEvent.objects.filter(kind=ReadEvent.Kind.RECORD, object_id=record.pk).count() == 1
    response = organizer_client.post(
        admin_url(SessionRecord, "change", record.pk),
        {"state": "shared", "summary": "Ri Chol-min said yes.", "internal_notes": "x"},
    )
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.state == SessionRecord.State.DRAFT
    assert record.version == 1


def test_no_record_can_be_added_to_a_no_record_session_in_the_admin(organizer_client, process):
    secret = DialogueSessionFactory(process=process, confidentiality="no_record")
    response = organizer_client.post(
        admin_url(SessionRecord, "add"), {"session": secret.pk, "internal_notes": "kept anyway"}
    )
    assert response.status_code == 403
    assert not SessionRecord.objects.filter(session=secret).exists()


# --- 5. The process page listed actions of sessions the viewer cannot open -----------------


def test_the_process_page_shows_no_action_of_a_session_the_viewer_cannot_open(
    session, other_session, facilitator_client, organizer_client
):
    ActionItemFactory(session=other_session, description="Brief the minister privately")
    ActionItemFactory(session=session, description="Circulate the non-paper")
    page = facilitator_client.get(session.process.get_absolute_url()).content.decode()
    assert "Circulate the non-paper" in page
    assert "Brief the minister privately" not in page
    assert (
        "Brief the minister privately"
        in organizer_client.get(session.process.get_absolute_url()).content.decode()
    )


def test_actions_of_an_archived_session_leave_the_process_page(other_session, organizer_client):
    ActionItemFactory(session=other_session, description="Brief the minister privately")
    other_session.archived_at = timezone.now()
    other_session.save()
    page = organizer_client.get(other_session.process.get_absolute_url()).content.decode()
    assert "Brief the minister privately" not in page


def test_topics_of_a_session_the_viewer_cannot_open_stay_off_the_process_page(
    session, other_session, facilitator_client
):
    AgendaItemFactory(
        session=other_session, topic=TopicFactory(process=session.process, title="Succession")
    )
    AgendaItemFactory(session=session, topic=TopicFactory(process=session.process, title="Water"))
    TopicFactory(process=session.process, title="Not taken up yet")
    page = facilitator_client.get(session.process.get_absolute_url()).content.decode()
    assert "Water" in page
    assert "Not taken up yet" in page
    assert "Succession" not in page


def test_the_next_round_carries_only_what_the_planner_may_open(
    session, other_session, facilitator
):
    ActionItemFactory(session=other_session, description="Brief the minister privately")
    ActionItemFactory(session=session, description="Circulate the non-paper")
    AgendaItemFactory(
        session=other_session, topic=TopicFactory(process=session.process, title="Succession")
    )
    copy, _created = session_services.session_plan_next_round(
        session=session,
        starts_at=session.starts_at + timedelta(days=30),
        title="Next",
        submission=uuid.uuid4(),
        user=facilitator,
    )
    agenda = " ".join(f"{i.title} {i.notes}" for i in copy.agenda_items.all())
    assert "Circulate the non-paper" in agenda
    assert "Brief the minister privately" not in agenda
    assert "Succession" not in agenda


# --- 6. The invitation search mapped a pseudonym to a real name ---------------------------
# (tests/mediation/sessions/test_invitation_search.py: searching as a facilitator shows the
# pseudonym only and does not match on the hidden name.)


def test_the_invitation_search_shows_a_pseudonym_to_a_facilitator_who_may_not_see_the_name(
    session, other_session, facilitator_client
):
    hidden = ParticipantFactory(name="Ri Chol-min", identity_protected=True, pseudonym="Delta")
    InvitationFactory(session=other_session, participant=hidden)
    for term in ("delta", "ri chol"):
        page = facilitator_client.get(
            reverse("session_invitation_search", args=[session.pk]), {"q": term}
        ).content.decode()
        assert "Ri Chol-min" not in page


# --- 7. Topics and sides of one process showed in another ---------------------------------


def test_the_admin_offers_only_the_sessions_own_topics_and_sides(
    organizer, organizer_client, session
):
    mine = TopicFactory(process=session.process, title="Hotline")
    elsewhere = TopicFactory(
        process=DialogueSessionFactory(process__organizers=[organizer]).process
    )
    side_elsewhere = SideFactory(process=elsewhere.process, name="Upstream villages")
    page = organizer_client.get(admin_url(type(session), "change", session.pk)).content.decode()
    assert str(mine.pk) in page
    assert str(elsewhere.pk) not in page
    assert str(side_elsewhere.pk) not in page


def test_an_agenda_item_cannot_take_another_process_topic_in_the_admin(
    organizer, organizer_client, session
):
    item = AgendaItemFactory(session=session, position=1)
    elsewhere = TopicFactory(
        process=DialogueSessionFactory(process__organizers=[organizer]).process
    )
    response = organizer_client.post(
        admin_url(AgendaItem, "change", item.pk),
        {"position": 1, "title": item.title, "topic": elsewhere.pk, "duration_minutes": 30},
    )
    assert response.status_code == 200  # the form again, with the error beside the field
    item.refresh_from_db()
    assert item.topic_id is None


@pytest.mark.parametrize("entry", ["agenda topic", "action topic", "invitation side"])
def test_the_database_refuses_a_link_to_another_process(session, entry):
    elsewhere = DialogueSessionFactory()
    topic = TopicFactory(process=elsewhere.process)
    side = SideFactory(process=elsewhere.process)
    with pytest.raises(IntegrityError), transaction.atomic():
        if entry == "agenda topic":
            AgendaItem.objects.filter(pk=AgendaItemFactory(session=session).pk).update(topic=topic)
        elif entry == "action topic":
            ActionItemFactory(session=session, topic=topic)
        else:
            Invitation.objects.filter(session=session).update(side=side)


def test_the_database_refuses_moving_a_session_with_topics_to_another_process(session):
    AgendaItemFactory(session=session, topic=TopicFactory(process=session.process))
    elsewhere = DialogueSessionFactory().process
    with pytest.raises(IntegrityError), transaction.atomic():
        type(session).objects.filter(pk=session.pk).update(process=elsewhere)


def test_a_new_sessions_agenda_cannot_take_another_process_topic_in_the_admin(
    organizer, organizer_client, process
):
    """Reproduced: on the add page the agenda inline accepted a topic of another process
    the same organizer runs (no session existed yet to compare it with)."""
    elsewhere = TopicFactory(
        process=DialogueSessionFactory(process__organizers=[organizer]).process
    )
    url = reverse("admin:mediation_dialoguesession_add")
    form = main_form(organizer_client.get(url), url)
    response = organizer_client.post(
        url,
        form.data(
            process=str(process.pk),
            title="Round 3",
            starts_at_0="2027-01-01",
            starts_at_1="10:00",
            ends_at_0="2027-01-01",
            ends_at_1="12:00",
            time_zone="UTC",
            location_kind="online",
            **{
                "agenda_items-TOTAL_FORMS": "1",
                "agenda_items-0-position": "1",
                "agenda_items-0-title": "Water sharing",
                "agenda_items-0-topic": str(elsewhere.pk),
                "agenda_items-0-duration_minutes": "30",
            },
        ),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not AgendaItem.objects.filter(topic=elsewhere).exists()
    assert not DialogueSession.objects.filter(title="Round 3").exists()


# --- 8. The smaller findings: leads and owners ------------------------------------------


@pytest.mark.parametrize("part", ["agenda item lead", "action owner"])
def test_a_lead_or_owner_must_be_invited_to_the_session(session, part):
    from django.core.exceptions import ValidationError

    stranger_to_it = ParticipantFactory()
    if part == "agenda item lead":
        obj, field = AgendaItemFactory.build(session=session, lead=stranger_to_it), "lead"
    else:
        obj, field = ActionItemFactory.build(session=session, owner=stranger_to_it), "owner"
    with pytest.raises(ValidationError) as refused:
        obj.full_clean()
    assert field in refused.value.message_dict
    setattr(obj, field, session.invitations.first().participant)
    obj.full_clean()
