"""factory-boy factories of outcome documents and the transfer log."""

import datetime

import factory

from mediation.models import (
    Briefing,
    OfficialContact,
    OutcomeClearance,
    OutcomeDocument,
    OutcomeVersion,
)
from tests.factories import DialogueProcessFactory, ProcessMemberFactory


class OutcomeDocumentFactory(factory.django.DjangoModelFactory):
    """A document with its first version (`body` sets that version's text)."""

    class Meta:
        model = OutcomeDocument
        skip_postgeneration_save = True

    process = factory.SubFactory(DialogueProcessFactory)
    kind = OutcomeDocument.Kind.NON_PAPER
    title = factory.Sequence(lambda n: f"Non-paper {n}")
    rule = OutcomeDocument.Rule.NON_ATTRIBUTABLE

    @factory.post_generation
    def body(obj, create, extracted, **kwargs):
        if create:
            OutcomeVersion.objects.create(
                document=obj, number=obj.version, title=obj.title, body=extracted or "Text."
            )

    @factory.post_generation
    def to_sessions(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.to_sessions.add(*extracted)


def convenor_of(side):
    """The side's first named convenor; one on the process's roster, named, if it has
    none."""
    person = side.convenors.order_by("created_at").first()
    if person is None:
        person = ProcessMemberFactory(process=side.process, side=side).participant
        side.convenors.add(person)
    return person


class OutcomeClearanceFactory(factory.django.DjangoModelFactory):
    """A clearance by the side's named convenor (pass `side`)."""

    class Meta:
        model = OutcomeClearance

    document = factory.SubFactory(OutcomeDocumentFactory)
    version = factory.LazyAttribute(lambda c: c.document.version)
    convenor = factory.LazyAttribute(lambda c: convenor_of(c.side))


class OfficialContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficialContact

    process = factory.SubFactory(DialogueProcessFactory)
    name = factory.Sequence(lambda n: f"Official {n}")
    institution = "Ministry of Foreign Affairs"
    role = "Desk officer"


class BriefingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Briefing
        skip_postgeneration_save = True

    process = factory.SubFactory(DialogueProcessFactory)
    briefed_on = datetime.date(2026, 3, 2)
    briefed_by = "The co-convenors"
    channel = Briefing.Channel.ORAL

    @factory.post_generation
    def contacts(obj, create, extracted, **kwargs):
        if create:
            obj.contacts.add(*(extracted or [OfficialContactFactory(process=obj.process)]))

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.add(*extracted)
