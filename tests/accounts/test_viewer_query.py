"""A signed-in request reads its session, its user and the user's facts in two queries,
with queries compiled once per process (mediation/prepared.py)."""

from datetime import timedelta

from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.backends import ViewerBackend
from mediation import access
from mediation.access.roles import ORGANIZERS_GROUP
from tests.personas import client_for


def test_a_signed_in_bare_view_costs_two_queries_more_than_an_anonymous_one(
    client, participant, django_assert_num_queries
):
    with django_assert_num_queries(1):
        client.get(reverse("health"))
    signed_in = client_for(participant)
    signed_in.get(reverse("health"))
    # The session, then the user with their profile, roles and devices.
    with django_assert_num_queries(3):
        assert signed_in.get(reverse("health")).status_code == 200


def test_the_user_comes_with_the_same_facts_as_asking_afresh(facilitator, participant):
    for user in (facilitator, participant):
        loaded = ViewerBackend().get_user(user.pk)
        assert loaded == user
        assert loaded.get_session_auth_hash() == user.get_session_auth_hash()
        fresh = type(user).objects.get(pk=user.pk)
        assert loaded._viewer_facts == access.viewer_facts(fresh)


def test_the_facts_follow_the_database_from_one_request_to_the_next(participant):
    assert access.viewer_facts(ViewerBackend().get_user(participant.pk)).has_device is False
    TOTPDevice.objects.create(user=participant, name="phone", confirmed=True)
    participant.is_staff = True
    participant.save()
    participant.groups.add(Group.objects.get_or_create(name=ORGANIZERS_GROUP)[0])
    facts = access.viewer_facts(ViewerBackend().get_user(participant.pk))
    assert facts.has_device is True
    assert "organizer" in facts.roles


def test_a_deactivated_or_missing_user_is_nobody(participant):
    participant.is_active = False
    participant.save()
    assert ViewerBackend().get_user(participant.pk) is None
    assert ViewerBackend().get_user(987654) is None


def test_an_unknown_or_expired_session_signs_nobody_in(participant):
    client = client_for(participant)
    key = client.session.session_key
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    assert client.get(reverse("home")).status_code == 302
    client.cookies["sessionid"] = "no-such-session-key-at-all-00000"
    assert client.get(reverse("home")).status_code == 302
