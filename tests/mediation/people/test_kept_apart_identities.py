"""Organizers kept apart, who a person is: the findings of the attack with a second
organizer on a person's account, email and identity protection, replayed.

`other_organizer` runs only `foreign_process`; the protected person "Ri Chol-min" (seen by
others as "Delta", the `ri` fixture) takes part in `session` of the organizer's process.
Every replay must be refused with no row changed and no real name shown.
"""

from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from mediation.models import Consent, Participant
from mediation.notifications import enqueue as notify_enqueue
from mediation.people import services as people_services
from mediation.tokens import invitation_token_generator
from tests.factories import ConsentFactory, InvitationFactory, UserFactory
from tests.mediation.people.kept_apart import admin_url, change_form, identity_of

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
    before = identity_of(ri)
    response = other_organizer_client.post(
        admin_url(Participant, "change", ri.pk), change_form(ri, user=other_organizer.pk)
    )
    assert response.status_code == 302  # the "does not exist" redirect, as for a missing id
    assert reverse("admin:index") == response["Location"]
    assert identity_of(ri) == before
    # Nothing of the session reaches the attacker's own pages.
    assert session.title not in other_organizer_client.get(reverse("home")).content.decode()
    assert other_organizer_client.get(session.get_absolute_url()).status_code == 404


def test_an_organizer_of_the_person_cannot_link_an_account_only_a_superuser_can(
    organizer, organizer_client, ri
):
    stray = UserFactory(username="stray")
    organizer_client.post(admin_url(Participant, "change", ri.pk), change_form(ri, user=stray.pk))
    assert identity_of(ri)["user"] == ri.user_id != stray.pk
    boss = UserFactory(username="boss", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(boss)
    response = client.post(admin_url(Participant, "change", ri.pk), change_form(ri, user=stray.pk))
    assert response.status_code == 302
    assert identity_of(ri)["user"] == stray.pk


# --- 2. Taking over an account by changing its email --------------------------------------


def test_another_organizer_cannot_change_a_persons_email(
    other_organizer_client, foreign_session, ri
):
    other_organizer_client.post(
        admin_url(Participant, "change", ri.pk), change_form(ri, email="attacker@example.net")
    )
    assert identity_of(ri)["email"] == "ri.cholmin@example.org"


def test_an_organizer_of_one_of_the_persons_processes_cannot_change_their_identity(
    other_organizer_client, foreign_session, ri
):
    # Ri also takes part in the foreign process: its organizer sees Ri, but Ri is also in a
    # process that organizer does not run, so who Ri is stays out of their hands.
    InvitationFactory(session=foreign_session, participant=ri)
    page = other_organizer_client.get(admin_url(Participant, "change", ri.pk))
    assert page.status_code == 200
    assert 'name="email"' not in page.content.decode()
    before = identity_of(ri)
    response = other_organizer_client.post(
        admin_url(Participant, "change", ri.pk),
        change_form(
            ri,
            name="Someone Else",
            email="attacker@example.net",
            identity_protected=None,
            pseudonym="",
        ),
    )
    assert response.status_code == 302
    assert identity_of(ri) == before


def test_changing_the_email_voids_an_outstanding_link_and_moves_the_account_address(
    organizer, organizer_client, ri
):
    ri.user.set_unusable_password()
    ri.user.save()
    token = invitation_token_generator.make_token(ri.user)
    response = organizer_client.post(
        admin_url(Participant, "change", ri.pk), change_form(ri, email="ri.new@example.org")
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
        admin_url(Participant, "change", ri.pk), change_form(ri, identity_protected=None)
    )
    assert identity_of(ri)["identity_protected"] is True
    ConsentFactory(participant=ri, process=session.process, kind=Consent.Kind.LISTED)
    page = participant_client.get(session.get_absolute_url()).content.decode()
    assert "Ri Chol-min" not in page
    assert "Delta" in page


# --- 8. The smaller findings: the address notices and the accounts -----------------------


def test_the_old_address_hears_that_an_organizer_changed_it(
    organizer_client, ri, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        organizer_client.post(
            admin_url(Participant, "change", ri.pk), change_form(ri, email="ri.new@example.org")
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
            admin_url(Participant, "change", ri.pk), change_form(ri, email="ri.new@example.org")
        )
    invitation, notice = mailoutbox
    for sent in (invitation, notice):
        parsed = BytesParser(policy=policy.strict).parsebytes(sent.message().as_bytes())
        assert parsed["To"] == "ri.cholmin@example.org"
        body = parsed.get_body(preferencelist=("plain",)).get_content()
        assert "Ri Chol-min" not in body and "Delta" not in body
    parsed = BytesParser(policy=policy.strict).parsebytes(invitation.message().as_bytes())
    assert "Your username for signing in afterwards: p-ri000000" in parsed.get_body().get_content()


def test_only_superusers_open_the_user_admin(organizer_client, other_organizer_client):
    for client in (organizer_client, other_organizer_client):
        assert client.get(admin_url(User, "changelist")).status_code == 403
        assert client.get(reverse("admin:index")).status_code == 200
        assert "auth/user" not in client.get(reverse("admin:index")).content.decode()


def test_the_organizers_group_holds_no_permission_on_accounts(db):
    group = people_services.organizers_group_ensure()
    assert not group.permissions.filter(content_type__app_label="auth").exists()


def test_team_pickers_do_not_list_every_account(organizer, organizer_client, session, ri):
    UserFactory(username="somebody-elsewhere")
    page = organizer_client.get(admin_url(type(session), "change", session.pk)).content.decode()
    assert "somebody-elsewhere" not in page
    assert "facilitator" in page
