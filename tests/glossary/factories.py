"""factory-boy factories for the glossary's models."""

import factory

from glossary.models import Comparison, Example, Question, QuickFact, Term


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Factory term {n}")
    slug = factory.Sequence(lambda n: f"factory-term-{n}")
    definition = factory.LazyAttribute(lambda t: f"The meaning of {t.name.lower()}.")
    explanation = "A longer explanation, written for a newcomer."
    guidance = "What a reader can do about it."

    @factory.post_generation
    def related_terms(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.related_terms.add(*extracted)


class QuickFactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuickFact

    term = factory.SubFactory(TermFactory)
    position = factory.Sequence(lambda n: n)
    label = factory.Sequence(lambda n: f"Fact {n}")
    value = "A short value"


class ExampleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Example

    term = factory.SubFactory(TermFactory)
    kind = Example.Kind.HYPOTHETICAL
    text = "Suppose two communities meet to talk."


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    term = factory.SubFactory(TermFactory)
    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "An answer."


class ComparisonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comparison

    term = factory.SubFactory(TermFactory)
    other = factory.SubFactory(TermFactory)
    differences = "They differ in who takes part."


def term_with_everything(**kwargs) -> Term:
    """A term with a fact, an example of each kind and a question, as a full entry has."""
    term = TermFactory(**kwargs)
    QuickFactFactory(term=term, label="Type")
    QuickFactFactory(term=term, label="Participants")
    ExampleFactory(term=term, kind=Example.Kind.REAL_WORLD)
    ExampleFactory(term=term, kind=Example.Kind.HYPOTHETICAL)
    QuestionFactory(term=term)
    return term
