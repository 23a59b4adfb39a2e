"""factory-boy factories for every model of the dialogue work."""

from datetime import timedelta

import factory
from django.contrib.auth.models import User
from django.utils import timezone

from mediation.models import (
    ActionItem,
    AgendaItem,
    Consent,
    DialogueProcess,
    DialogueSession,
    Invitation,
    ItemRecord,
    Participant,
    ProcessMember,
    Profile,
    SessionRecord,
    Side,
    Topic,
)

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password(PASSWORD)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    name = factory.Faker("name")
    category = Participant.Category.ACADEMIC
    affiliation = factory.Faker("company")
    country = factory.Faker("country")
    languages = "English"
    email = factory.Sequence(lambda n: f"participant{n}@example.org")


class DialogueProcessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DialogueProcess
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Dialogue process {n}")
    conflict = "A dispute that official channels cannot yet discuss."
    track = DialogueProcess.Track.TRACK_2
    status = DialogueProcess.Status.ACTIVE

    @factory.post_generation
    def organizers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.organizers.add(*extracted)


class SideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Side

    process = factory.SubFactory(DialogueProcessFactory)
    name = factory.Sequence(lambda n: f"Side {n}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    process = factory.SubFactory(DialogueProcessFactory)
    title = factory.Sequence(lambda n: f"Topic {n}")
    sensitivity = Topic.Sensitivity.MEDIUM


class DialogueSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DialogueSession
        skip_postgeneration_save = True

    process = factory.SubFactory(DialogueProcessFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(hours=3))
    time_zone = "Europe/Zurich"
    location_kind = DialogueSession.LocationKind.VENUE
    venue = "Villa by the lake"
    confidentiality = DialogueSession.Confidentiality.CHATHAM_HOUSE
    # Published, as most sessions a test meets are; `draft=True` makes one the team's only.
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(published_at=None)

    @factory.post_generation
    def facilitators(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.facilitators.add(*extracted)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    session = factory.SubFactory(DialogueSessionFactory)
    participant = factory.SubFactory(ParticipantFactory)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    session = factory.SubFactory(DialogueSessionFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n}")
    duration_minutes = 30


class SessionRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionRecord

    session = factory.SubFactory(DialogueSessionFactory)
    internal_notes = "Internal: the delegation from the north hinted at flexibility."
    summary = "Participants explored confidence-building measures."


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    session = factory.SubFactory(DialogueSessionFactory)
    description = factory.Sequence(lambda n: f"Follow-up action {n}")
    due_date = factory.LazyFunction(lambda: (timezone.now() + timedelta(days=14)).date())


class ItemRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ItemRecord

    agenda_item = factory.SubFactory(AgendaItemFactory)
    record = factory.LazyAttribute(
        lambda o: SessionRecord.objects.get_or_create(session=o.agenda_item.session)[0]
    )
    discussion = "Both sides described their constraints."


class ProcessMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProcessMember

    process = factory.SubFactory(DialogueProcessFactory)
    participant = factory.SubFactory(ParticipantFactory)


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    participant = factory.SubFactory(ParticipantFactory)
    process = factory.SubFactory(DialogueProcessFactory)
    kind = Consent.Kind.LISTED


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profile
        django_get_or_create = ["user"]

    user = factory.SubFactory(UserFactory)
    time_zone = "Europe/Zurich"
