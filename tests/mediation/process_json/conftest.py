"""A process with one of everything a process document holds."""

import pytest

from mediation.models import Consent, SessionRecord, Topic
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ConsentFactory,
    InvitationFactory,
    ItemRecordFactory,
    ParticipantFactory,
    ProcessMemberFactory,
    SessionRecordFactory,
    SideFactory,
    TopicFactory,
)


@pytest.fixture
def full_process(session, participant, organizer):
    process = session.process
    side = SideFactory(process=process, name="Upstream communities")
    topic = TopicFactory(process=process, title="Seasonal water quotas", status="convergence")
    protected = ParticipantFactory(
        name="Hidden Real-Name", identity_protected=True, pseudonym="Participant Q"
    )
    ProcessMemberFactory(process=process, participant=protected, side=side, added_by=organizer)
    ConsentFactory(participant=protected, process=process, kind=Consent.Kind.LISTED)
    InvitationFactory(session=session, participant=protected, side=side, note="Arrives late")
    item = AgendaItemFactory(session=session, topic=topic, lead=protected, notes="Start soft")
    record = SessionRecordFactory(
        session=session,
        state=SessionRecord.State.SHARED,
        internal_notes="Internal: watch the quota numbers.",
    )
    ItemRecordFactory(
        record=record,
        agenda_item=item,
        convergence="A joint gauge",
        topic_status=Topic.Status.CONVERGENCE,
    )
    ActionItemFactory(session=session, topic=topic, owner=participant.participant)
    return process
