"""The demo's outcomes: each login reads a different, correct subset."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.http import Http404

from mediation import access
from mediation.models import Briefing, DialogueProcess, OutcomeDocument
from tests.personas import rows_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _demo_rows(django_db_blocker):
    with rows_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            call_command("seed_demo", stdout=io.StringIO())
        yield


@pytest.fixture
def demo(_demo_rows, db):
    return {u.username: u for u in User.objects.all()}


def _titles(user):
    return set(access.outcomes_visible_to(user).values_list("title", flat=True))


def test_the_organizer_reads_every_document(demo):
    assert _titles(demo["organizer"]) == set(
        OutcomeDocument.objects.values_list("title", flat=True)
    )
    assert len(_titles(demo["organizer"])) == 4


def test_the_river_organizer_reads_the_river_valley_only(demo):
    assert _titles(demo["river-organizer"]) == {"Joint statement on independent monitoring"}


def test_the_participant_reads_only_what_was_released_to_her_sessions(demo):
    assert _titles(demo["participant"]) == {
        "Chair's summary of round 1",
        "Joint statement on independent monitoring",
    }


def test_the_non_paper_was_cleared_by_every_side_and_briefed_to_two_officials(demo):
    paper = OutcomeDocument.objects.get(title="Non-paper on an incident hotline")
    assert paper.is_released
    cleared = set(paper.clearances.filter(version=paper.version).values_list("side", flat=True))
    assert cleared == set(paper.process.sides.values_list("pk", flat=True))
    receptions = {b.reception for b in paper.briefings.all()}
    assert len(paper.briefings.all()) == 2 and len(receptions) == 2


def test_the_options_paper_waits_for_clearance_of_its_new_version(demo):
    paper = OutcomeDocument.objects.get(title="Options paper on sequencing")
    assert not paper.is_released and paper.version == 2
    assert paper.clearances.exists()
    assert not paper.clearances.filter(version=2).exists()


def test_only_the_team_opens_the_transfer_log(demo):
    back_channel = DialogueProcess.objects.get(title="US–DPRK back channel")
    assert Briefing.objects.filter(process=back_channel).count() == 2
    access.open_transfer_log(demo["organizer"], back_channel.pk)
    access.open_transfer_log(demo["facilitator"], back_channel.pk)
    with pytest.raises(PermissionDenied):  # invited to its sessions: a member without the right
        access.open_transfer_log(demo["participant"], back_channel.pk)
    with pytest.raises(Http404):  # a stranger to the process
        access.open_transfer_log(demo["river-organizer"], back_channel.pk)
