"""The profile: time zone, language, email, password; and the participant's own actions."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mediation.models import ActionItem, Profile
from tests.factories import PASSWORD, ActionItemFactory, DialogueSessionFactory, ParticipantFactory


def test_the_profile_saves_zone_language_and_email_everywhere(participant, participant_client):
    response = participant_client.post(
        reverse("profile"),
        {"time_zone": "Pacific/Auckland", "language": "fr", "email": "amina@example.net"},
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=participant)
    assert (profile.time_zone, profile.language) == ("Pacific/Auckland", "fr")
    participant.refresh_from_db()
    participant.participant.refresh_from_db()
    assert participant.email == participant.participant.email == "amina@example.net"
    page = participant_client.get(reverse("profile")).content.decode()
    assert '<html lang="fr"' in page


def test_an_unknown_time_zone_is_refused_and_what_was_typed_is_kept(
    participant, participant_client
):
    response = participant_client.post(
        reverse("profile"),
        {"time_zone": "Mars/Olympus_Mons", "language": "en", "email": "kept@example.org"},
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "is neither a time zone nor a city we know" in content
    assert 'value="Mars/Olympus_Mons"' in content
    assert 'value="kept@example.org"' in content
    assert 'aria-describedby="id_time_zone_' in content
    assert not Profile.objects.filter(user=participant).exists()


def test_the_profile_shows_the_feed_address_only_to_participants(
    participant_client, facilitator_client
):
    participant_client.post(reverse("calendar_token_renew"))
    assert "/calendar/" in participant_client.get(reverse("profile")).content.decode()
    page = facilitator_client.get(reverse("profile")).content.decode()
    assert "/calendar/" not in page
    assert facilitator_client.post(reverse("calendar_token_renew")).status_code == 404


def test_changing_the_password_signs_out_every_other_session(participant, participant_client):
    elsewhere = Client()
    elsewhere.force_login(participant)  # a second session, as on another device
    assert elsewhere.get(reverse("home")).status_code == 200
    response = participant_client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a-much-longer-passphrase-7",
            "new_password2": "a-much-longer-passphrase-7",
        },
    )
    assert response.status_code == 302
    assert participant_client.get(reverse("home")).status_code == 200
    signed_out = elsewhere.get(reverse("home"))
    assert signed_out.status_code == 302
    assert signed_out["Location"].startswith(reverse("login"))


def test_a_short_new_password_is_refused(participant, participant_client):
    response = participant_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "short1x", "new_password2": "short1x"},
    )
    assert response.status_code == 400
    assert "at least 12 characters" in response.content.decode()
    participant.refresh_from_db()
    assert participant.check_password(PASSWORD)


# --- My actions ---------------------------------------------------------------------------


def test_my_actions_lists_mine_with_overdue_highlighted(session, participant, participant_client):
    me = participant.participant
    late = ActionItemFactory(
        session=session, owner=me, due_date=timezone.localdate() - timedelta(days=2)
    )
    soon = ActionItemFactory(session=session, owner=me)
    theirs = ActionItemFactory(session=session, owner=ParticipantFactory())
    hidden = ActionItemFactory(session=DialogueSessionFactory(), owner=me)
    content = participant_client.get(reverse("my_actions")).content.decode()
    assert late.description in content and soon.description in content
    assert theirs.description not in content
    assert hidden.description not in content  # a session I may not see (not invited)
    assert content.index(late.description) < content.index(soon.description)
    assert f'id="action-{late.pk}" class="my-action overdue"' in content


def test_marking_an_action_done_plain_and_with_htmx(session, participant, participant_client):
    first = ActionItemFactory(session=session, owner=participant.participant)
    second = ActionItemFactory(session=session, owner=participant.participant)
    plain = participant_client.post(reverse("my_action_done", args=[first.pk]))
    assert plain.status_code == 302
    assert plain["Location"] == reverse("my_actions")
    htmx = participant_client.post(
        reverse("my_action_done", args=[second.pk]), HTTP_HX_REQUEST="true"
    )
    content = htmx.content.decode()
    assert htmx.status_code == 200
    assert "<html" not in content
    assert f'id="action-{second.pk}"' in content
    assert "Done" in content
    assert set(ActionItem.objects.values_list("status", flat=True)) == {"done"}
    full = participant_client.get(reverse("my_actions")).content.decode()
    assert "<html" in full and f'id="action-{second.pk}"' in full


@pytest.mark.parametrize("persona", ["facilitator", "organizer", "stranger"])
def test_nobody_else_marks_my_action_done(session, participant, personas, client, persona):
    action = ActionItemFactory(session=session, owner=participant.participant)
    client.force_login(personas[persona])
    assert client.post(reverse("my_action_done", args=[action.pk])).status_code == 404
    action.refresh_from_db()
    assert action.status == "open"


@pytest.mark.parametrize("size", [2, 12])
def test_my_actions_query_count_does_not_grow(
    session, participant, participant_client, count_queries, size
):
    ActionItemFactory(session=session, owner=participant.participant)
    small = count_queries(lambda: participant_client.get(reverse("my_actions")))
    for _ in range(size):
        ActionItemFactory(session=session, owner=participant.participant)
    assert count_queries(lambda: participant_client.get(reverse("my_actions"))) == small


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Baku", "Asia/Baku"),
        ("geneva", "Europe/Zurich"),
        ("Séoul", "Asia/Seoul"),
        ("서울", None),
        ("SEOUL", "Asia/Seoul"),
    ],
)
def test_a_zone_is_typed_as_its_city(participant, participant_client, typed, zone):
    response = participant_client.post(
        reverse("profile"), {"time_zone": typed, "language": "en", "email": "p@example.org"}
    )
    if zone is None:  # a city in another language is not guessed at: refused, kept
        assert response.status_code == 400
        assert f'value="{typed}"' in response.content.decode()
        return
    assert response.status_code == 302
    assert Profile.objects.get(user=participant).time_zone == zone


def test_the_zone_box_offers_every_zone_by_city(participant_client):
    page = participant_client.get(reverse("profile")).content.decode()
    assert 'list="id_time_zone-zones"' in page
    assert '<option value="Europe/Zurich" label="Bern, Geneva, Geneve, Lausanne, Zurich">' in page
    assert '<option value="Asia/Baku" label="Baku">' in page
