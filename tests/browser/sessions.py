"""Sessions the browser tests open as their facilitator, made with the factories."""

from datetime import timedelta

from django.utils import timezone

from mediation.models import DialogueSession
from tests.factories import DialogueProcessFactory, DialogueSessionFactory, UserFactory

FACILITATOR = "farid"  # signs in with tests.factories.PASSWORD


def make_facilitator():
    """The user `FACILITATOR`, Farid Facilitator."""
    return UserFactory(username=FACILITATOR, first_name="Farid", last_name="Facilitator")


def session_under_way(title: str, **fields) -> DialogueSession:
    """A session of a new process, facilitated by `FACILITATOR`, that began half an hour
    ago and runs two hours (so attendance can be noted and the record written)."""
    facilitator = make_facilitator()
    starts = timezone.now() - timedelta(minutes=30)
    return DialogueSessionFactory(
        process=DialogueProcessFactory(),
        facilitators=[facilitator],
        title=title,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        **fields,
    )
