"""A process with one of everything a process document holds."""

import datetime

import pytest

from mediation.models import (
    Briefing,
    Consent,
    OfficialContact,
    OutcomeClearance,
    OutcomeDocument,
    OutcomeVersion,
    SessionRecord,
    Topic,
)
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
    side.convenors.set([protected])
    contact = OfficialContact.objects.create(
        process=process,
        name="Hidden Official",
        identity_protected=True,
        pseudonym="Official K",
        institution="Ministry of Water",
    )
    outcome = OutcomeDocument.objects.create(
        process=process, kind="options_paper", title="Options for the quotas", version=2
    )
    outcome.cited_sessions.set([session])
    outcome.cited_topics.set([topic])
    outcome.to_sessions.set([session])
    outcome.to_contacts.set([contact])
    for number in (1, 2):
        OutcomeVersion.objects.create(
            document=outcome,
            number=number,
            title="Options",
            body=f"Text {number}",
            author=organizer,
        )
    OutcomeClearance.objects.create(
        document=outcome, side=side, version=1, convenor_name="Typed Before", recorded_by=organizer
    )
    OutcomeClearance.objects.create(
        document=outcome, side=side, version=2, convenor=protected, recorded_by=organizer
    )
    briefing = Briefing.objects.create(
        process=process,
        briefed_on=datetime.date(2026, 3, 2),
        briefed_by="The chair",
        channel="memo",
        feedback="Read with interest",
        recorded_by=organizer,
    )
    briefing.contacts.set([contact])
    briefing.documents.set([outcome])
    briefing.topics.set([topic])
    return process
