"""The rules of the domain, enforced by the database as well as by validation."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from mediation.models import DialogueSession
from tests.factories import (
    AgendaItemFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    SideFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def test_a_session_must_end_after_it_starts_in_the_database():
    session = DialogueSessionFactory()
    session.ends_at = session.starts_at
    with pytest.raises(IntegrityError), transaction.atomic():
        session.save()


def test_a_session_ending_before_it_starts_fails_validation_in_plain_words():
    session = DialogueSessionFactory.build()
    session.ends_at = session.starts_at - timedelta(minutes=1)
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "The session must end after it starts." in str(error.value)


def test_an_unknown_time_zone_is_refused():
    session = DialogueSessionFactory.build(time_zone="Mars/Olympus_Mons")
    with pytest.raises(ValidationError) as error:
        session.full_clean(exclude=["process"])
    assert "time_zone" in error.value.message_dict


def test_a_venue_session_names_its_venue():
    session = DialogueSessionFactory.build(
        location_kind=DialogueSession.LocationKind.VENUE, venue=""
    )
    with pytest.raises(ValidationError) as error:
        session.full_clean(exclude=["process"])
    assert "venue" in error.value.message_dict


def test_a_person_is_invited_once_per_session():
    invitation = InvitationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(session=invitation.session, participant=invitation.participant)


def test_a_second_invitation_fails_validation_in_plain_words():
    invitation = InvitationFactory()
    duplicate = InvitationFactory.build(
        session=invitation.session, participant=invitation.participant
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "This person is already invited to this session." in str(error.value)


def test_an_invitation_side_belongs_to_the_session_process():
    invitation = InvitationFactory.build(
        session=DialogueSessionFactory(), participant=ParticipantFactory(), side=SideFactory()
    )
    with pytest.raises(ValidationError) as error:
        invitation.full_clean()
    assert "side" in error.value.message_dict


def test_agenda_positions_are_unique_per_session():
    item = AgendaItemFactory(position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(session=item.session, position=1)
    AgendaItemFactory(position=1)  # another session may use the same position


def test_agenda_items_last_at_least_a_minute():
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(duration_minutes=0)
    item = AgendaItemFactory.build(session=DialogueSessionFactory(), duration_minutes=0)
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "An agenda item must last at least one minute." in str(error.value)


def test_an_agenda_topic_belongs_to_the_session_process():
    item = AgendaItemFactory.build(session=DialogueSessionFactory(), topic=TopicFactory())
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "topic" in error.value.message_dict


def test_a_protected_participant_needs_a_pseudonym():
    with pytest.raises(IntegrityError), transaction.atomic():
        ParticipantFactory(identity_protected=True, pseudonym="")


def test_a_protected_participant_is_known_publicly_by_pseudonym():
    person = ParticipantFactory(name="Ri Chol-min", identity_protected=True, pseudonym="K")
    assert person.public_name == "K"
    assert ParticipantFactory(name="Han Soo-jin").public_name == "Han Soo-jin"


def test_objects_are_addressed_by_uuid():
    session = DialogueSessionFactory()
    assert session.get_absolute_url() == f"/sessions/{session.pk}/"
    assert session.process.get_absolute_url() == f"/processes/{session.process.pk}/"
    assert len(str(session.pk)) == 36


def test_sessions_split_into_upcoming_soonest_first_and_past_latest_first():
    later = DialogueSessionFactory()
    sooner = DialogueSessionFactory(starts_at=later.starts_at - timedelta(days=3))
    old = DialogueSessionFactory(starts_at=later.starts_at - timedelta(days=60))
    older = DialogueSessionFactory(starts_at=later.starts_at - timedelta(days=90))
    assert list(DialogueSession.objects.upcoming()) == [sooner, later]
    assert list(DialogueSession.objects.past()) == [old, older]
