"""The demo data: realistic, idempotent, and visibly different for each login."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from mediation import access
from mediation.models import DialogueProcess, DialogueSession, Participant

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (DialogueProcess, DialogueSession, Participant, User)
    }


def test_it_loads_two_processes_a_dozen_people_of_every_category_and_sessions():
    seed()
    assert DialogueProcess.objects.count() == 2
    assert Participant.objects.count() >= 12
    assert set(Participant.objects.values_list("category", flat=True)) == set(
        Participant.Category.values
    )
    assert DialogueSession.objects.upcoming().exists()
    assert DialogueSession.objects.past().exists()


def test_running_it_twice_changes_nothing():
    seed()
    before = counts()
    seed()
    assert counts() == before


def test_it_prints_the_logins_and_the_password():
    output = seed("--password", "another-long-password")
    for username in ("organizer", "facilitator", "participant"):
        assert username in output
        assert User.objects.get(username=username).check_password("another-long-password")
    assert "another-long-password" in output


def test_each_login_sees_a_different_part_of_the_work():
    seed()
    organizer, facilitator, participant = (
        User.objects.get(username=name) for name in ("organizer", "facilitator", "participant")
    )
    everything = DialogueSession.objects.count()
    assert access.sessions_visible_to(organizer).count() == everything
    facilitated = access.sessions_visible_to(facilitator).count()
    invited = access.sessions_visible_to(participant).count()
    assert 0 < facilitated < everything
    assert 0 < invited < everything
    assert access.is_organizer(organizer)
    assert not access.is_organizer(facilitator)
    assert access.participant_of(participant) is not None


def test_it_has_a_protected_identity_and_a_session_without_written_record():
    seed()
    assert Participant.objects.filter(identity_protected=True).exists()
    assert DialogueSession.objects.filter(confidentiality="no_record").exists()


def test_the_river_organizer_runs_one_process_and_sees_only_its_people():
    seed()
    organizer, river = (User.objects.get(username=n) for n in ("organizer", "river-organizer"))
    assert list(access.processes_administered_by(river).values_list("title", flat=True)) == [
        "River valley water dialogue"
    ]
    everyone = set(Participant.objects.filter(invitations__isnull=False).values_list("pk"))
    assert set(access.participants_visible_to(organizer).values_list("pk")) >= everyone
    theirs = set(access.participants_visible_to(river).values_list("pk"))
    assert theirs and theirs < everyone
    assert not access.participants_visible_to(river).filter(identity_protected=True).exists()
