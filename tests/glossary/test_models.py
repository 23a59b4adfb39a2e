"""Rules the glossary's models enforce."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from glossary.models import Comparison, Term
from tests.glossary.factories import ComparisonFactory, TermFactory

pytestmark = pytest.mark.django_db


def test_a_comparison_stored_one_way_cannot_be_stored_the_other_way():
    first, second = TermFactory(), TermFactory()
    ComparisonFactory(term=first, other=second)

    with pytest.raises(IntegrityError):
        ComparisonFactory(term=second, other=first)


def test_the_reversed_duplicate_comparison_is_reported_by_validation():
    first, second = TermFactory(), TermFactory()
    ComparisonFactory(term=first, other=second)

    with pytest.raises(ValidationError, match="already compared"):
        Comparison(term=second, other=first, differences="Again.").full_clean()


def test_a_term_cannot_be_compared_with_itself():
    term = TermFactory()

    with pytest.raises(ValidationError, match="different term"):
        Comparison(term=term, other=term, differences="Same.").full_clean()


def test_a_term_cannot_take_the_compare_pages_slug():
    term = TermFactory.build(slug="compare")

    with pytest.raises(ValidationError) as error:
        term.full_clean()
    assert "slug" in error.value.message_dict


def test_terms_are_listed_a_to_z_regardless_of_case():
    TermFactory(name="zeta term", slug="zeta-term")
    TermFactory(name="Alpha term", slug="alpha-term")
    TermFactory(name="beta term", slug="beta-term")

    names = [term.name for term in Term.objects.all()]
    assert names.index("Alpha term") < names.index("beta term") < names.index("zeta term")
