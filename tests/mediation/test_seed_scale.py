"""seed_scale writes the asked numbers of rows, history included, and the bench personas."""

from django.contrib.auth.models import User

from mediation import access
from mediation.demo import scale
from mediation.models import AgendaItem, DialogueSession, Invitation, Participant


def test_it_writes_the_asked_sizes_and_the_bench_personas(db):
    size = scale.Size(
        participants=200, processes=3, facilitators=3, sessions=30, invitations=500,
        agenda_items=90,
    )  # fmt: skip
    counts = scale.seed(size)
    assert Participant.objects.count() == 201  # and the bench participant
    assert DialogueSession.objects.count() == 30
    assert Invitation.objects.count() == 500
    assert AgendaItem.objects.count() == 90
    assert Invitation.history.count() == 500
    small, big = (DialogueSession.objects.get(pk=pk) for pk in counts["bench sessions"])
    assert (small.invitations.count(), big.invitations.count()) == (15, 150)
    assert small.agenda_items.count() == big.agenda_items.count() == 20
    facilitator = User.objects.get(username="bench-facilitator")
    assert access.sessions_editable_by(facilitator).filter(pk=big.pk).exists()
    organizer = User.objects.get(username="bench-organizer")
    assert access.is_organizer(organizer)
    assert access.sessions_visible_to(User.objects.get(username="bench-participant")).exists()
