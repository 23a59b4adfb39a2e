"""Who reads a process's briefings outside the transfer log (the overview's trajectories):
the same people as the log itself, persona by persona."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from mediation import access
from tests.mediation.outcomes.factories import BriefingFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("persona", "reads"),
    [
        ("organizer", True),
        ("facilitator", True),
        ("participant", False),
        ("stranger", False),
        ("other_organizer", False),
        ("other_facilitator", False),
        ("other_participant", False),
        ("co_participant", False),
    ],
)
def test_briefings_are_read_by_whoever_reads_the_transfer_log(
    session, all_personas, persona, reads
):
    briefing = BriefingFactory(process=session.process)
    user = all_personas[persona]
    assert access.briefings_visible_to(user).filter(pk=briefing.pk).exists() is reads
    try:
        access.open_transfer_log(user, session.process_id)
        opens_log = True
    except (PermissionDenied, Http404):  # not the team
        opens_log = False
    assert opens_log is reads


def test_nobody_signed_out_reads_a_briefing(session):
    BriefingFactory(process=session.process)
    assert not access.briefings_visible_to(AnonymousUser()).exists()


def test_an_archived_process_keeps_its_briefings_to_itself(session, organizer):
    briefing = BriefingFactory(process=session.process)
    session.process.archived_at = timezone.now()
    session.process.save(update_fields=["archived_at"])
    assert not access.briefings_visible_to(organizer).filter(pk=briefing.pk).exists()
