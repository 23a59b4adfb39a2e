"""The subscription feed is built once and kept in the cache until something it is written
from changes: each change of an input gives the changed file at once, and one person's
feed is never served to another."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from icalendar import Calendar

from mediation.models import Invitation
from mediation.people import services as people_services
from mediation.portal import calendar
from mediation.portal import services as portal_services
from mediation.portal.calendar import DTSTAMP
from tests.factories import (
    DialogueSessionFactory,
    InvitationFactory,
    ProfileFactory,
)
from tests.personas import make_participant


@pytest.fixture
def token(session, participant):
    return portal_services.calendar_token_renew(participant=participant.participant)


@pytest.fixture
def builds(monkeypatch):
    """How many times a feed's file was built (not read from the cache)."""
    built = []
    real = calendar.calendar_bytes

    def counting(*args, **kwargs):
        built.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(calendar, "calendar_bytes", counting)
    return built


def feed(client, token, **extra):
    response = client.get(reverse("calendar_feed", args=[token]), **extra)
    assert response.status_code == 200
    return response.content


def event(body: bytes):
    (only,) = Calendar.from_ical(body).walk("VEVENT")
    return only


def assert_as_built_afresh(client, token):
    """What the feed serves is what building it now gives (DTSTAMP aside)."""
    served = feed(client, token)
    cache.clear()
    assert DTSTAMP.sub(b"", served) == DTSTAMP.sub(b"", feed(client, token))


def test_a_second_read_comes_from_the_cache(client, token, builds, count_queries):
    first = feed(client, token)
    assert count_queries(lambda: feed(client, token)) == 2
    assert feed(client, token) == first
    assert len(builds) == 1


def test_the_feed_query_count_does_not_grow_when_built_or_cached(
    session, participant, client, count_queries
):
    for size in (1, 8):
        for n in range(size):
            other = DialogueSessionFactory(starts_at=session.starts_at + timedelta(days=n + 1))
            InvitationFactory(session=other, participant=participant.participant)
        token = portal_services.calendar_token_renew(participant=participant.participant)
        assert count_queries(lambda t=token: feed(client, t)) == 3  # built: one more
        assert count_queries(lambda t=token: feed(client, t)) == 2  # from the cache


def test_a_new_time_is_in_the_feed_at_once(session, client, token):
    before = event(feed(client, token))
    session.starts_at += timedelta(hours=2)
    session.ends_at += timedelta(hours=2)
    session.save()
    after = event(feed(client, token))
    assert after["DTSTART"].dt == before["DTSTART"].dt + timedelta(hours=2)
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert_as_built_afresh(client, token)


def test_a_new_title_place_and_objectives_are_in_the_feed_at_once(session, client, token):
    session.process.on_record = True
    session.process.save()
    feed(client, token)
    session.title = "Water sharing, second round"
    session.venue = "Harbour hall"
    session.objectives = "Agree on a joint survey."
    session.save()
    after = event(feed(client, token))
    assert str(after["SUMMARY"]) == "Water sharing, second round"
    assert str(after["LOCATION"]) == "Harbour hall"
    assert "Agree on a joint survey." in str(after["DESCRIPTION"])
    assert_as_built_afresh(client, token)


def test_the_process_rule_of_what_may_leave_is_followed_at_once(session, client, token):
    session.title = "The real title"
    session.save()
    assert "The real title" not in str(event(feed(client, token))["SUMMARY"])
    session.process.on_record = True
    session.process.save()
    assert str(event(feed(client, token))["SUMMARY"]) == "The real title"
    session.process.on_record = False
    session.process.save()
    assert "The real title" not in str(event(feed(client, token))["SUMMARY"])
    assert_as_built_afresh(client, token)


def test_an_answer_a_cancellation_and_a_withdrawal_are_in_the_feed_at_once(
    session, participant, client, token
):
    assert event(feed(client, token))["STATUS"] == "TENTATIVE"  # planned
    invitation = session.invitations.get(participant=participant.participant)
    invitation.response = Invitation.Response.DECLINED
    invitation.save()
    assert event(feed(client, token))["STATUS"] == "CANCELLED"
    invitation.response = Invitation.Response.ACCEPTED
    invitation.save()
    assert event(feed(client, token))["STATUS"] == "TENTATIVE"
    session.status = session.Status.CANCELLED
    session.save()
    assert event(feed(client, token))["STATUS"] == "CANCELLED"
    invitation.delete()
    assert Calendar.from_ical(feed(client, token)).walk("VEVENT") == []


def test_an_agenda_is_not_in_the_feed(session, client, token):
    """Agenda items never leave in a calendar: adding one leaves the file as it was."""
    from tests.factories import AgendaItemFactory

    first = feed(client, token)
    AgendaItemFactory(session=session, title="Sequencing of the talks")
    assert b"Sequencing" not in feed(client, token)
    assert feed(client, token) == first


def test_a_new_invitation_is_in_the_feed_at_once(session, participant, client, token):
    feed(client, token)
    other = DialogueSessionFactory(process=session.process)
    InvitationFactory(session=other, participant=participant.participant)
    assert len(Calendar.from_ical(feed(client, token)).walk("VEVENT")) == 2


def test_another_language_builds_the_feed_again(participant, client, token, builds):
    feed(client, token)
    ProfileFactory(user=participant, language="fr")
    feed(client, token)
    assert len(builds) == 2
    feed(client, token)
    assert len(builds) == 2


def test_a_renewed_token_reads_the_feed_again_and_the_old_one_nothing(
    participant, client, token, builds
):
    feed(client, token)
    renewed = portal_services.calendar_token_renew(participant=participant.participant)
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 404
    feed(client, renewed)
    assert len(builds) == 2


def test_the_links_follow_the_address_the_feed_is_read_at(client, token, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "tracker.example"]
    assert b"https://tracker.example/" not in feed(client, token)
    served = feed(client, token, HTTP_HOST="tracker.example", secure=True)
    assert b"https://tracker.example/sessions/" in served.replace(b"\r\n ", b"")


def test_one_persons_feed_is_never_served_to_another(session, participant, client, token):
    """Two people invited to the same session, each with their own answer: each feed says
    its owner's answer, whatever was read before it."""
    other_user = make_participant("second-guest", "Second Guest")
    InvitationFactory(
        session=session,
        participant=other_user.participant,
        response=Invitation.Response.DECLINED,
    )
    other_token = portal_services.calendar_token_renew(participant=other_user.participant)
    mine = feed(client, token)
    theirs = feed(client, other_token)
    assert event(mine)["STATUS"] == "TENTATIVE"
    assert event(theirs)["STATUS"] == "CANCELLED"
    assert event(feed(client, token))["STATUS"] == "TENTATIVE"
    assert mine != theirs


def test_a_feed_with_nothing_in_it_is_not_shared_either(client, db):
    users = [make_participant(f"empty-{n}", f"Empty {n}") for n in range(2)]
    tokens = [portal_services.calendar_token_renew(participant=u.participant) for u in users]
    bodies = [feed(client, t) for t in tokens]
    assert all(b"BEGIN:VEVENT" not in body for body in bodies)
    # The owners differ, so do their keys:
    owners = [u.participant for u in users]
    keys = {calendar.feed_key(owner=o, versions=[], site="x", name="n") for o in owners}
    assert len(keys) == 2


@pytest.mark.parametrize("what", ["session", "process"])
def test_archiving_and_restoring_from_the_admin_are_in_the_feed_at_once(
    what, session, client, token, organizer
):
    # The admin's archive action writes many rows at once (a bulk update, not save()).
    target = session if what == "session" else session.process
    queryset = type(target).objects.filter(pk=target.pk)
    before = feed(client, token)
    people_services.objects_archive(queryset=queryset, user=organizer)
    archived = feed(client, token)
    assert archived != before
    assert_as_built_afresh(client, token)
    people_services.objects_restore(queryset=queryset, user=organizer)
    assert DTSTAMP.sub(b"", feed(client, token)) == DTSTAMP.sub(b"", before)
