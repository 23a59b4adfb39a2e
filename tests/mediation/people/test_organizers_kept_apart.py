"""Organizers kept apart: each finding of the attack with a second organizer, replayed.

`other_organizer` runs only `foreign_process`; the protected person "Ri Chol-min" (seen by
others as "Delta") takes part in `session` of the organizer's process. Every replay must be
refused with no row changed and no real name shown.
"""

import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mediation import access
from mediation.models import (
    AgendaItem,
    Consent,
    DialogueSession,
    Invitation,
    Participant,
    ProcessMember,
    ReadEvent,
    SessionRecord,
)
from mediation.notifications import enqueue as notify_enqueue
from mediation.people import services as people_services
from mediation.sessions import services as session_services
from mediation.tokens import invitation_token_generator
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ConsentFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    ProcessMemberFactory,
    SessionRecordFactory,
    SideFactory,
    TopicFactory,
    UserFactory,
)
from tests.security.walker import main_form

IDENTITY = list(Participant.IDENTITY_FIELDS)


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def ri(session):
    """A protected participant of the organizer's process, with an account."""
    user = UserFactory(username="p-ri000000", email="ri.cholmin@example.org")
    person = ParticipantFactory(
        name="Ri Chol-min",
        identity_protected=True,
        pseudonym="Delta",
        email="ri.cholmin@example.org",
        user=user,
        affiliation="Korean People's Army (retired)",
    )
    InvitationFactory(session=session, participant=person)
    return person


def _identity(person: Participant) -> dict:
    person.refresh_from_db()
    return {name: getattr(person, name if name != "user" else "user_id") for name in IDENTITY}


def _change_form(person: Participant, **changes) -> dict:
    """Every field of the participant change form, as a browser would post it."""
    data = {
        "name": person.name,
        "category": person.category,
        "affiliation": person.affiliation,
        "country": person.country,
        "languages": person.languages,
        "email": person.email,
        "user": person.user_id or "",
        "expertise": person.expertise,
        "pseudonym": person.pseudonym,
        "consents-TOTAL_FORMS": "0",
        "consents-INITIAL_FORMS": "0",
    }
    if person.identity_protected:
        data["identity_protected"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


# --- 1. Relinking a participant -----------------------------------------------------------


def test_another_organizer_cannot_find_a_protected_person_through_autocomplete(
    other_organizer_client, foreign_session, ri
):
    for model_name, field in [("invitation", "participant"), ("consent", "participant")]:
        response = other_organizer_client.get(
            reverse("admin:autocomplete"),
            {
                "app_label": "mediation",
                "model_name": model_name,
                "field_name": field,
                "term": "Ri",
            },
        )
        assert response.status_code == 200
        assert str(ri.pk) not in response.content.decode()
        assert "Delta" not in response.content.decode()


def test_another_organizer_cannot_relink_a_person_to_their_own_account(
    other_organizer, other_organizer_client, foreign_session, ri, participant_client, session
):
    before = _identity(ri)
    response = other_organizer_client.post(
        _url(Participant, "change", ri.pk), _change_form(ri, user=other_organizer.pk)
    )
    assert response.status_code == 302  # the "does not exist" redirect, as for a missing id
    assert reverse("admin:index") == response["Location"]
    assert _identity(ri) == before
    # Nothing of the session reaches the attacker's own pages.
    assert session.title not in other_organizer_client.get(reverse("home")).content.decode()
    assert other_organizer_client.get(session.get_absolute_url()).status_code == 404


def test_an_organizer_of_the_person_cannot_link_an_account_only_a_superuser_can(
    organizer, organizer_client, ri
):
    stray = UserFactory(username="stray")
    organizer_client.post(_url(Participant, "change", ri.pk), _change_form(ri, user=stray.pk))
    assert _identity(ri)["user"] == ri.user_id != stray.pk
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(boss)
    response = client.post(_url(Participant, "change", ri.pk), _change_form(ri, user=stray.pk))
    assert response.status_code == 302
    assert _identity(ri)["user"] == stray.pk


# --- 2. Taking over an account by changing its email --------------------------------------


def test_another_organizer_cannot_change_a_persons_email(
    other_organizer_client, foreign_session, ri
):
    other_organizer_client.post(
        _url(Participant, "change", ri.pk), _change_form(ri, email="attacker@example.net")
    )
    assert _identity(ri)["email"] == "ri.cholmin@example.org"


def test_an_organizer_of_one_of_the_persons_processes_cannot_change_their_identity(
    other_organizer_client, foreign_session, ri
):
    # Ri also takes part in the foreign process: its organizer sees Ri, but Ri is also in a
    # process that organizer does not run, so who Ri is stays out of their hands.
    InvitationFactory(session=foreign_session, participant=ri)
    page = other_organizer_client.get(_url(Participant, "change", ri.pk))
    assert page.status_code == 200
    assert 'name="email"' not in page.content.decode()
    before = _identity(ri)
    response = other_organizer_client.post(
        _url(Participant, "change", ri.pk),
        _change_form(
            ri,
            name="Someone Else",
            email="attacker@example.net",
            identity_protected=None,
            pseudonym="",
        ),
    )
    assert response.status_code == 302
    assert _identity(ri) == before


def test_changing_the_email_voids_an_outstanding_link_and_moves_the_account_address(
    organizer, organizer_client, ri
):
    ri.user.set_unusable_password()
    ri.user.save()
    token = invitation_token_generator.make_token(ri.user)
    response = organizer_client.post(
        _url(Participant, "change", ri.pk), _change_form(ri, email="ri.new@example.org")
    )
    assert response.status_code == 302
    ri.refresh_from_db()
    assert ri.user.email == "ri.new@example.org"
    assert not invitation_token_generator.check_token(ri.user, token)


def test_the_set_password_link_goes_to_the_address_the_account_holds(session, ri, mailoutbox):
    ri.user.set_unusable_password()
    ri.user.save()
    ConsentFactory(participant=ri, process=session.process, kind=Consent.Kind.CONTACTED)
    # The roster's address changed behind the product's back (a bulk update, a shell).
    Participant.objects.filter(pk=ri.pk).update(email="attacker@example.net")
    notify_enqueue.session_invitations_send(
        session=session, base_url="https://tracker.example.org"
    )
    assert [message.to for message in mailoutbox] == [["ri.cholmin@example.org"]]


def test_a_link_stops_working_when_the_roster_address_changes(ri):
    ri.user.set_unusable_password()
    ri.user.save()
    token = invitation_token_generator.make_token(ri.user)
    Participant.objects.filter(pk=ri.pk).update(email="attacker@example.net")
    user = User.objects.get(pk=ri.user_id)
    assert not invitation_token_generator.check_token(user, token)


# --- 3. Removing identity protection across processes -------------------------------------


def test_another_organizer_cannot_lift_identity_protection(
    other_organizer_client, foreign_session, ri, participant_client, session
):
    other_organizer_client.post(
        _url(Participant, "change", ri.pk), _change_form(ri, identity_protected=None)
    )
    assert _identity(ri)["identity_protected"] is True
    ConsentFactory(participant=ri, process=session.process, kind=Consent.Kind.LISTED)
    page = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Ri Chol-min" not in page
    assert "Delta" in page


# --- 4. The admin bypassed the record rules ------------------------------------------------


def test_records_are_read_only_in_the_admin_and_opening_one_is_audited(organizer_client, session):
    record = SessionRecordFactory(session=session)
    page = organizer_client.get(_url(SessionRecord, "change", record.pk))
    assert page.status_code == 200
    assert reverse("session_record_edit", args=[session.pk]) in page.content.decode()
    assert ReadEvent.objects.filter(kind=ReadEvent.Kind.RECORD, object_id=record.pk).count() == 1
    response = organizer_client.post(
        _url(SessionRecord, "change", record.pk),
        {"state": "shared", "summary": "Ri Chol-min said yes.", "internal_notes": "x"},
    )
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.state == SessionRecord.State.DRAFT
    assert record.version == 1


def test_no_record_can_be_added_to_a_no_record_session_in_the_admin(organizer_client, process):
    secret = DialogueSessionFactory(process=process, confidentiality="no_record")
    response = organizer_client.post(
        _url(SessionRecord, "add"), {"session": secret.pk, "internal_notes": "kept anyway"}
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
        submission=uuid.uuid4(),
        user=facilitator,
    )
    agenda = " ".join(f"{i.title} {i.notes}" for i in copy.agenda_items.all())
    assert "Circulate the non-paper" in agenda
    assert "Brief the minister privately" not in agenda
    assert "Succession" not in agenda


# --- 6. The invitation search mapped a pseudonym to a real name ---------------------------
# (tests/mediation/sessions/test_invitations.py: searching as a facilitator shows the
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
    page = organizer_client.get(_url(type(session), "change", session.pk)).content.decode()
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
        _url(AgendaItem, "change", item.pk),
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


# --- 8. The smaller findings ----------------------------------------------------------------


def test_only_superusers_open_the_user_admin(organizer_client, other_organizer_client):
    for client in (organizer_client, other_organizer_client):
        assert client.get(_url(User, "changelist")).status_code == 403
        assert client.get(reverse("admin:index")).status_code == 200
        assert "auth/user" not in client.get(reverse("admin:index")).content.decode()


def test_the_roster_shows_an_organizer_only_the_people_of_their_processes(
    other_organizer_client, foreign_session, ri, participant
):
    page = other_organizer_client.get(_url(Participant, "changelist")).content.decode()
    assert "Boris Outsider" in page
    assert participant.participant.name not in page
    assert "Delta" not in page and "Ri Chol-min" not in page


def test_the_roster_list_never_shows_a_protected_real_name(organizer_client, ri):
    page = organizer_client.get(_url(Participant, "changelist")).content.decode()
    assert "Delta (protected identity)" in page
    assert "Ri Chol-min" not in page
    assert not ReadEvent.objects.exists()


def test_opening_a_protected_persons_page_in_the_admin_is_audited(
    organizer, organizer_client, ri, session
):
    page = organizer_client.get(_url(Participant, "change", ri.pk))
    assert "Ri Chol-min" in page.content.decode()
    event = ReadEvent.objects.get()
    assert (event.kind, event.user, event.object_id, event.process_id) == (
        ReadEvent.Kind.IDENTITY,
        organizer,
        ri.pk,
        session.process_id,
    )


def test_a_new_person_joins_the_roster_of_one_of_the_organizers_processes(
    organizer_client, process, foreign_process
):
    data = {
        "roster_process": process.pk,
        "name": "Nadia Newcomer",
        "category": "academic",
        "email": "nadia@example.org",
        "consents-TOTAL_FORMS": "0",
        "consents-INITIAL_FORMS": "0",
    }
    refused = organizer_client.post(
        _url(Participant, "add"), {**data, "roster_process": foreign_process.pk}
    )
    assert refused.status_code == 200
    assert not Participant.objects.filter(name="Nadia Newcomer").exists()
    assert organizer_client.post(_url(Participant, "add"), data).status_code == 302
    person = Participant.objects.get(name="Nadia Newcomer")
    assert person.memberships.get().process == process


def test_someone_of_another_process_joins_only_by_exact_address(
    organizer_client, process, foreign_session, other_participant
):
    boris = other_participant.participant
    find = _url(Participant, "find")
    partial = organizer_client.post(find, {"term": "Boris", "process": process.pk})
    assert "Boris Outsider" not in partial.content.decode()
    exact = organizer_client.post(find, {"term": boris.email.upper(), "process": process.pk})
    assert "Boris Outsider" in exact.content.decode()
    added = organizer_client.post(
        find, {"term": boris.email, "process": process.pk, "participant": boris.pk}
    )
    assert added.status_code == 302
    assert boris.memberships.filter(process=process).exists()


def test_a_protected_person_of_another_process_joins_only_by_address_and_pseudonym(
    other_organizer_client, foreign_process, ri
):
    """A pseudonym is read by every participant of the person's process, and easily guessed
    ("Participant K"): alone it would let any organizer pull a protected person onto their
    roster and read the name behind it."""
    find = _url(Participant, "find")
    for term, pseudonym in [("", "Delta"), ("ri.cholmin@example.org", ""), ("x@y.org", "Delta")]:
        response = other_organizer_client.post(
            find, {"term": term, "pseudonym": pseudonym, "process": foreign_process.pk}
        )
        assert str(ri.pk) not in response.content.decode(), (term, pseudonym)
    data = {"term": "RI.CHOLMIN@example.org", "pseudonym": "delta", "process": foreign_process.pk}
    page = other_organizer_client.post(find, data).content.decode()
    assert "Delta (protected identity)" in page
    assert "Ri Chol-min" not in page
    other_organizer_client.post(find, {**data, "participant": ri.pk})
    assert ri.memberships.filter(process=foreign_process).exists()


def test_reading_a_shared_protected_person_is_in_every_process_read_audit(
    other_organizer, other_organizer_client, foreign_process, ri, session
):
    ProcessMemberFactory(process=foreign_process, participant=ri)
    assert other_organizer_client.get(_url(Participant, "change", ri.pk)).status_code == 200
    events = ReadEvent.objects.filter(kind=ReadEvent.Kind.IDENTITY, user=other_organizer)
    assert set(events.values_list("process_id", flat=True)) == {
        foreign_process.pk,
        session.process_id,
    }


def test_archiving_a_person_shared_with_another_process_is_refused(
    other_organizer_client, foreign_session, ri
):
    InvitationFactory(session=foreign_session, participant=ri)
    other_organizer_client.post(
        _url(Participant, "changelist"),
        {"action": "archive_selected", "_selected_action": [str(ri.pk)]},
    )
    ri.refresh_from_db()
    assert ri.archived_at is None


def test_the_organizers_group_holds_no_permission_on_accounts(db):
    group = people_services.organizers_group_ensure()
    assert not group.permissions.filter(content_type__app_label="auth").exists()


def test_team_pickers_do_not_list_every_account(organizer, organizer_client, session, ri):
    UserFactory(username="somebody-elsewhere")
    page = organizer_client.get(_url(type(session), "change", session.pk)).content.decode()
    assert "somebody-elsewhere" not in page
    assert "facilitator" in page


def test_the_roster_rule_in_one_place(organizer, other_organizer, foreign_session, ri):
    assert access.can_change_identity(organizer, ri)
    assert not access.participants_visible_to(other_organizer).filter(pk=ri.pk).exists()
    ProcessMemberFactory(process=foreign_session.process, participant=ri)
    assert access.participants_visible_to(other_organizer).filter(pk=ri.pk).exists()
    assert not access.can_change_identity(other_organizer, ri)
    assert not access.can_change_identity(organizer, ri)


def test_the_old_address_hears_that_an_organizer_changed_it(
    organizer_client, ri, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(
            _url(Participant, "change", ri.pk), _change_form(ri, email="ri.new@example.org")
        )
    [notice] = mailoutbox
    assert notice.to == ["ri.cholmin@example.org"]
    assert notice.subject == "The email address of your account was changed"
    assert "ri.new@example.org" not in notice.body
    assert "p-ri000000" in notice.body


def test_the_old_address_hears_when_the_person_changes_it_themselves(
    participant, participant_client, mailoutbox, django_capture_on_commit_callbacks
):
    old = participant.email
    with django_capture_on_commit_callbacks(execute=True):
        response = participant_client.post(
            reverse("profile"),
            {"time_zone": "Europe/Zurich", "language": "en", "email": "amina.new@example.org"},
        )
    assert response.status_code == 302
    assert [m.to for m in mailoutbox] == [[old]]


@pytest.mark.parametrize(
    "term",
    ["a\x00b", "x" * 255, "y" * 1_000_000, "‮Delta", "참가자 K", "' OR 1=1 --", "%", "_"],
    ids=["nul", "over-long", "megabyte", "rtl-override", "hangul", "sql", "percent", "underscore"],
)
def test_the_find_page_answers_hostile_terms_with_a_message_and_finds_no_one(
    organizer_client, process, ri, term
):
    ri_pseudonym_holder = ParticipantFactory(
        identity_protected=True, pseudonym="참가자 K", email="참가자@example.org"
    )
    response = organizer_client.post(
        _url(Participant, "find"),
        {"term": "참가자@example.org", "pseudonym": term, "process": process.pk}
        if term == "참가자 K"
        else {"term": term, "pseudonym": term[:100], "process": process.pk},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Traceback" not in page
    if term == "참가자 K":
        assert str(ri_pseudonym_holder.pk) in page  # foreign script found exactly, as typed
    else:
        assert 'name="participant"' not in page
        if term in {"a\x00b", "x" * 255, "y" * 1_000_000}:
            assert "errorlist" in page  # the error beside the field
    assert not ProcessMember.objects.exists()


def test_the_invitation_and_the_address_notice_read_right_in_a_strict_mail_parser(
    session, organizer_client, ri, mailoutbox, django_capture_on_commit_callbacks
):
    from email import policy
    from email.parser import BytesParser

    ri.user.set_unusable_password()
    ri.user.save()
    ConsentFactory(participant=ri, process=session.process, kind=Consent.Kind.CONTACTED)
    notify_enqueue.session_invitations_send(
        session=session, base_url="https://tracker.example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(
            _url(Participant, "change", ri.pk), _change_form(ri, email="ri.new@example.org")
        )
    invitation, notice = mailoutbox
    for sent in (invitation, notice):
        parsed = BytesParser(policy=policy.strict).parsebytes(sent.message().as_bytes())
        assert parsed["To"] == "ri.cholmin@example.org"
        body = parsed.get_body(preferencelist=("plain",)).get_content()
        assert "Ri Chol-min" not in body and "Delta" not in body
    parsed = BytesParser(policy=policy.strict).parsebytes(invitation.message().as_bytes())
    assert "Your username for signing in afterwards: p-ri000000" in parsed.get_body().get_content()


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
