"""A session is a draft until an organizer or its facilitator publishes it: the team works
on it, the people invited see nothing of it (page, home, calendar, answer, actions, emails,
reminders) until then. Publishing can send the invitations at once."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mediation.models import Consent, DialogueSession, Invitation
from mediation.notifications import emails
from mediation.portal.services import calendar_token_renew
from tests.factories import ActionItemFactory, ConsentFactory, InvitationFactory

TITLE = "Round 3: a draft nobody invited may see"


@pytest.fixture
def draft(session, participant):
    """The participant's session, made a draft, starting within the reminder window, with
    an accepted invitation, contact consent and an action the participant owns."""
    DialogueSession.objects.filter(pk=session.pk).update(
        published_at=None,
        title=TITLE,
        starts_at=timezone.now() + timedelta(hours=20),
        ends_at=timezone.now() + timedelta(hours=23),
    )
    Invitation.objects.filter(session=session).update(response=Invitation.Response.ACCEPTED)
    ConsentFactory(
        participant=participant.participant, process=session.process, kind=Consent.Kind.CONTACTED
    )
    session.refresh_from_db()
    return session


@pytest.fixture
def owned_action(draft, participant):
    return ActionItemFactory(
        session=draft, owner=participant.participant, description="Draft the hotline protocol"
    )


def test_the_people_invited_see_nothing_of_a_draft(draft, owned_action, participant_client):
    assert TITLE not in participant_client.get(reverse("home")).content.decode()
    assert participant_client.get(draft.get_absolute_url()).status_code == 404
    assert participant_client.get(reverse("session_calendar", args=[draft.pk])).status_code == 404
    answer = participant_client.post(
        reverse("session_answer", args=[draft.pk]), {"response": "declined"}
    )
    assert answer.status_code == 404
    assert Invitation.objects.get(session=draft).response == Invitation.Response.ACCEPTED
    assert "Draft the hotline protocol" not in (
        participant_client.get(reverse("my_actions")).content.decode()
    )
    done = participant_client.post(reverse("my_action_done", args=[owned_action.pk]))
    assert done.status_code == 404


def test_a_draft_is_not_in_the_calendar_feed(draft, participant, client):
    token = calendar_token_renew(participant=participant.participant)
    feed = client.get(reverse("calendar_feed", args=[token]))
    assert feed.status_code == 200
    assert str(draft.pk) not in feed.content.decode()
    assert "BEGIN:VEVENT" not in feed.content.decode()


def test_a_draft_sends_no_reminder_and_no_invitation(draft, owned_action, mailoutbox):
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert mailoutbox == []
    invitation = Invitation.objects.select_related("participant").get(session=draft)
    assert not emails.may_email(draft, invitation.participant)


def test_emailing_the_invitations_of_a_draft_is_refused(draft, facilitator_client, mailoutbox):
    response = facilitator_client.post(
        reverse("session_invitations_send", args=[draft.pk]), follow=True
    )
    assert "publish it before sending its invitations" in response.content.decode()
    assert mailoutbox == []
    assert Invitation.objects.get(session=draft).invited_at is None


def test_the_team_works_on_a_draft_and_is_told_it_is_one(draft, facilitator_client):
    page = facilitator_client.get(draft.get_absolute_url()).content.decode()
    assert TITLE in page
    assert "The people invited see nothing of it" in page
    assert reverse("session_publish", args=[draft.pk]) in page
    assert reverse("session_invitations_send", args=[draft.pk]) not in page


def test_publishing_shows_the_session_and_can_send_its_invitations(
    draft, facilitator, facilitator_client, participant_client, mailoutbox
):
    response = facilitator_client.post(
        reverse("session_publish", args=[draft.pk]), {"send": "1"}, follow=True
    )
    content = response.content.decode()
    assert "The session is published" in content
    assert "Invitations emailed: 1." in content
    assert len(mailoutbox) == 1
    draft.refresh_from_db()
    assert draft.published_at is not None
    entry = draft.history.first()
    assert (entry.history_user, entry.history_change_reason) == (
        facilitator,
        f"Published by {facilitator.get_username()}",
    )
    assert participant_client.get(draft.get_absolute_url()).status_code == 200
    assert TITLE in participant_client.get(reverse("home")).content.decode()


def test_publishing_without_sending_emails_no_one_and_twice_is_harmless(
    draft, facilitator_client, mailoutbox
):
    facilitator_client.post(reverse("session_publish", args=[draft.pk]))
    assert mailoutbox == []
    published_at = DialogueSession.objects.get(pk=draft.pk).published_at
    again = facilitator_client.post(reverse("session_publish", args=[draft.pk]), follow=True)
    assert "already published" in again.content.decode()
    assert DialogueSession.objects.get(pk=draft.pk).published_at == published_at


def test_an_organizer_publishes_drafts_from_the_admin(draft, organizer_client):
    changelist = reverse("admin:mediation_dialoguesession_changelist")
    drafts = organizer_client.get(changelist, {"published": "no"}).content.decode()
    assert TITLE in drafts
    organizer_client.post(
        changelist, {"action": "publish", "_selected_action": [str(draft.pk)]}, follow=True
    )
    assert DialogueSession.objects.get(pk=draft.pk).published_at is not None
    assert TITLE not in organizer_client.get(changelist, {"published": "no"}).content.decode()


def test_the_admin_will_not_email_the_invitations_of_a_draft(draft, organizer_client, mailoutbox):
    changelist = reverse("admin:mediation_dialoguesession_changelist")
    response = organizer_client.post(
        changelist,
        {"action": "send_invitation_emails", "_selected_action": [str(draft.pk)]},
        follow=True,
    )
    assert "Publish the drafts" in response.content.decode()
    assert mailoutbox == []


def test_another_invitee_of_a_published_session_is_unaffected(session, participant_client):
    """Only drafts are hidden: the published session of the same fixtures stays visible."""
    InvitationFactory(session=session)
    assert participant_client.get(session.get_absolute_url()).status_code == 200


def test_the_teams_lists_mark_a_draft(draft, facilitator_client):
    for url in (reverse("home"), draft.process.get_absolute_url()):
        content = facilitator_client.get(url).content.decode()
        assert TITLE in content
        assert "Draft: not yet published" in content
