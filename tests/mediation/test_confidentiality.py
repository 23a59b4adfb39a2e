"""mediation/confidentiality.py: what may leave to whom, under every rule, and how people are
named.

The expected answers below are written out from the product's rules (README, PRODUCT.md),
one table per kind of content, and checked against every combination of audience,
confidentiality rule, "on the record" process and shared record.
"""

import itertools

import pytest

from mediation.confidentiality import (
    Audience,
    Content,
    disclosure_for,
    may_attribute,
    may_leave,
    may_record,
    needs_attribution_check,
    public_title,
)
from mediation.models import Consent, DialogueSession, SessionRecord
from tests.factories import (
    ConsentFactory,
    DialogueProcessFactory,
    DialogueSessionFactory,
    ParticipantFactory,
    SessionRecordFactory,
)

Rule = DialogueSession.Confidentiality
A = Audience
OUTSIDE = {A.CALENDAR, A.EMAIL}


def expected(content, audience, rule, on_record, shared, answers_visible) -> bool:
    """The rules, written independently of the implementation."""
    kept = rule != Rule.NO_RECORD
    if content == Content.NOTES:
        # The working record: the team only, and only if anything may be written at all.
        return kept and audience == A.TEAM
    if content == Content.SUMMARY:
        if not kept:
            return False
        if audience == A.TEAM:
            return True
        # Participants and shared documents get it once the team shared it; never the
        # calendar or mailboxes.
        return shared and audience in {A.PARTICIPANTS, A.EXPORT}
    if content in {Content.TITLE, Content.TOPICS, Content.PLACE}:
        if audience in {A.TEAM, A.PARTICIPANTS}:
            return True
        # Calendars, mail and exports leave the product: only an on-the-record process says
        # what the meeting is about or where it is.
        return on_record
    if content == Content.ATTENDEES:
        if audience in {A.TEAM, A.PARTICIPANTS, A.EXPORT}:
            return True  # each person is then named or not by their consents (name_of)
        return on_record
    if content == Content.ANSWERS:
        return audience == A.TEAM or (audience == A.PARTICIPANTS and answers_visible)
    raise AssertionError(content)


CASES = list(
    itertools.product(
        list(Content),
        list(Audience),
        list(Rule),
        [True, False],  # process on the record
        [True, False],  # record shared
        [True, False],  # answers visible to participants
    )
)


@pytest.mark.parametrize(
    ("content", "audience", "rule", "on_record", "shared", "answers_visible"),
    CASES,
    ids=["-".join(str(part) for part in case) for case in CASES],
)
def test_may_leave_follows_the_rules(content, audience, rule, on_record, shared, answers_visible):
    process = DialogueProcessFactory.build(on_record=on_record, answers_visible=answers_visible)
    session = DialogueSessionFactory.build(process=process, confidentiality=rule)
    record = SessionRecordFactory.build(
        session=session,
        state=SessionRecord.State.SHARED if shared else SessionRecord.State.DRAFT,
    )
    answer = may_leave(content, session=session, audience=audience, record=record)
    assert answer is expected(content, audience, rule, on_record, shared, answers_visible)


@pytest.mark.parametrize("audience", [a for a in Audience if a != A.TEAM])
def test_a_summary_without_a_record_never_leaves(audience):
    session = DialogueSessionFactory.build(confidentiality=Rule.ON_RECORD)
    assert not may_leave(Content.SUMMARY, session=session, audience=audience, record=None)


def test_a_locked_record_counts_as_shared():
    session = DialogueSessionFactory.build(confidentiality=Rule.CHATHAM_HOUSE)
    record = SessionRecordFactory.build(session=session, state=SessionRecord.State.LOCKED)
    assert may_leave(Content.SUMMARY, session=session, audience=A.PARTICIPANTS, record=record)


@pytest.mark.parametrize("rule", list(Rule))
def test_recording_and_attribution_follow_the_rule(rule):
    session = DialogueSessionFactory.build(confidentiality=rule)
    assert may_record(session) is (rule != Rule.NO_RECORD)
    assert may_attribute(session) is (rule == Rule.ON_RECORD)
    assert needs_attribution_check(session) is (rule in {Rule.CHATHAM_HOUSE, Rule.OFF_RECORD})


@pytest.mark.parametrize("on_record", [True, False])
@pytest.mark.parametrize("audience", list(Audience))
def test_public_title_is_neutral_wherever_the_title_may_not_go(audience, on_record):
    process = DialogueProcessFactory.build(on_record=on_record)
    session = DialogueSessionFactory.build(
        process=process, title="Secret talks on the northern border", public_title=""
    )
    title = public_title(session, audience)
    if audience in {A.TEAM, A.PARTICIPANTS} or on_record:
        assert title == "Secret talks on the northern border"
    else:
        assert title == "Dialogue meeting"
        session.public_title = "Workshop"
        assert public_title(session, audience) == "Workshop"


# --- Naming people ----------------------------------------------------------------------

KIND = Consent.Kind


@pytest.fixture
def people(db):
    process = DialogueProcessFactory(on_record=False)
    session = DialogueSessionFactory(process=process)
    open_person = ParticipantFactory(name="Open Person")
    protected = ParticipantFactory(
        name="Real Secret Name", identity_protected=True, pseudonym="Participant K"
    )
    return process, session, open_person, protected


def _consent(person, process, *kinds):
    for kind in kinds:
        ConsentFactory(participant=person, process=process, kind=kind)


# (audience, process on the record, consents given, expected for open, expected for protected)
NAMING = [
    (A.TEAM, False, (), "Open Person", "Real Secret Name (Participant K)"),
    (A.PARTICIPANTS, False, (), None, None),
    (A.PARTICIPANTS, False, (KIND.LISTED,), "Open Person", "Participant K"),
    (A.PARTICIPANTS, False, (KIND.NAMED, KIND.CONTACTED), None, None),
    (A.EXPORT, False, (), None, None),
    (A.EXPORT, False, (KIND.LISTED,), None, None),
    (A.EXPORT, False, (KIND.NAMED,), "Open Person", "Participant K"),
    (A.CALENDAR, False, (KIND.NAMED, KIND.LISTED), None, None),
    (A.CALENDAR, True, (KIND.NAMED,), "Open Person", "Participant K"),
    (A.EMAIL, False, (KIND.NAMED, KIND.LISTED), None, None),
    (A.EMAIL, True, (KIND.LISTED,), None, None),
    (A.EMAIL, True, (KIND.NAMED,), "Open Person", "Participant K"),
]


@pytest.mark.parametrize(
    ("audience", "on_record", "kinds", "open_name", "protected_name"),
    NAMING,
    ids=[f"{row[0]}-onrecord={row[1]}-{'+'.join(row[2]) or 'none'}" for row in NAMING],
)
def test_name_of_follows_audience_and_consents(
    people, audience, on_record, kinds, open_name, protected_name
):
    process, session, open_person, protected = people
    process.on_record = on_record
    process.save()
    _consent(open_person, process, *kinds)
    _consent(protected, process, *kinds)
    disclosure = disclosure_for(session, audience, participants=[open_person, protected])
    assert disclosure.name_of(open_person) == open_name
    assert disclosure.name_of(protected) == protected_name


@pytest.mark.parametrize("audience", [a for a in Audience if a != A.TEAM])
def test_a_protected_person_is_never_named_outside_the_team(people, audience):
    process, session, _open, protected = people
    process.on_record = True
    process.save()
    _consent(protected, process, KIND.LISTED, KIND.NAMED, KIND.CONTACTED)
    name = disclosure_for(session, audience, participants=[protected]).name_of(protected)
    assert name == "Participant K"
    assert "Real Secret Name" not in (name or "")


def test_consents_of_another_process_do_not_count(people):
    _process, session, open_person, _protected = people
    elsewhere = DialogueProcessFactory()
    _consent(open_person, elsewhere, KIND.LISTED, KIND.NAMED, KIND.CONTACTED)
    disclosure = disclosure_for(session, A.PARTICIPANTS, participants=[open_person])
    assert disclosure.name_of(open_person) is None
    assert not disclosure.may_contact(open_person)


def test_may_contact_needs_the_consent_and_an_address(people):
    process, session, open_person, protected = people
    _consent(open_person, process, KIND.CONTACTED)
    protected.email = ""
    protected.save()
    _consent(protected, process, KIND.CONTACTED)
    disclosure = disclosure_for(session, A.EMAIL, participants=[open_person, protected])
    assert disclosure.may_contact(open_person)
    assert not disclosure.may_contact(protected)


def test_a_withdrawn_consent_no_longer_counts(people):
    process, session, open_person, _protected = people
    ConsentFactory(
        participant=open_person,
        process=process,
        kind=KIND.LISTED,
        withdrawn_at="2100-01-01T00:00:00Z",
    )
    disclosure = disclosure_for(session, A.PARTICIPANTS, participants=[open_person])
    assert disclosure.name_of(open_person) is None


def test_disclosure_reads_consents_in_one_query(people, django_assert_num_queries):
    _process, session, open_person, protected = people
    more = ParticipantFactory.create_batch(5)
    with django_assert_num_queries(1):
        disclosure_for(session, A.PARTICIPANTS, participants=[open_person, protected, *more])
    with django_assert_num_queries(0):
        disclosure_for(session, A.TEAM, participants=[open_person, protected, *more])
