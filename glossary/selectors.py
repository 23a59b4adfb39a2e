"""Reads of the glossary: the A to Z list and its search, one entry, and comparisons.

Each page's reads take a fixed number of queries whatever the number of terms: related rows
come through `prefetch_related`, and the names used for linking come from `link_index`, one
query per page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import and_

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    Model,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.functions import Lower
from django.utils import translation

from .links import LinkIndex
from .models import (
    TRANSLATION_LANGUAGES,
    Comparison,
    Example,
    ExampleTranslation,
    Question,
    QuestionTranslation,
    QuickFact,
    QuickFactTranslation,
    Term,
    TermTranslation,
)

# Offered when a search finds nothing: the entries a newcomer should read first.
SUGGESTED_SLUGS = (
    "track-ii",
    "track-i",
    "track-1-5",
    "public-diplomacy",
    "chatham-house-rule",
    "multi-track-diplomacy",
)
# Longer queries are cut: each word adds a condition, and nobody types ten to find a term.
MAX_SEARCH_WORDS = 8
# The compare table gets unreadable past this many columns.
MAX_COMPARED = 6


def content_language() -> str | None:
    """The active language when entries may be translated into it; None for English."""
    language = (translation.get_language() or "").split("-")[0]
    return language if language in dict(TRANSLATION_LANGUAGES) else None


def localize(terms: Iterable[Term]) -> list[Term]:
    """The terms shown in the active language where translated (one query, none in
    English); each untranslated field keeps its English text."""
    terms = list(terms)
    language = content_language()
    if language is None or not terms:
        return terms
    rows = TermTranslation.objects.filter(language=language, term_id__in={t.pk for t in terms})
    by_term = {row.term_id: row for row in rows}
    for term in terms:
        if term.pk in by_term:
            by_term[term.pk].apply_to(term)
    return terms


def translated[M: Model](parts: QuerySet[M], language: str | None) -> QuerySet[M]:
    """Facts, examples, questions or comparisons with their text in `language` alongside
    (`translated_<field>`): a join on the same query, so translating costs no query."""
    if language is None:
        return parts
    fields = parts.model.translations.rel.related_model.TRANSLATED_FIELDS
    parts = parts.annotate(
        shown=FilteredRelation("translations", condition=Q(translations__language=language))
    )
    return parts.annotate(**{f"translated_{name}": F(f"shown__{name}") for name in fields})


def show_translated[M: Model](parts: Iterable[M]) -> list[M]:
    """The parts of `translated` showing their translated text where there is some; each
    field left empty in the translation keeps its English text."""
    parts = list(parts)
    for part in parts:
        part.translated_fields = set()
        for name in type(part).translations.rel.related_model.TRANSLATED_FIELDS:
            value = getattr(part, f"translated_{name}", None)
            if value:
                setattr(part, name, value)
                part.translated_fields.add(name)
    return parts


def link_index() -> LinkIndex:
    """Every term's slug, names and definition, for links and autolinks: one query, and one
    more for the translations when the page is not in English. A translated name is shown
    and linked; the English names stay linkable as other names."""
    rows = list(Term.objects.order_by().values_list("pk", "slug", "name", "aliases", "definition"))
    language = content_language()
    translated = {}
    if language is not None:
        translated = {
            row.term_id: row for row in TermTranslation.objects.filter(language=language)
        }
    entries = []
    for pk, slug, name, aliases, definition in rows:
        row = translated.get(pk)
        if row is not None and row.name:
            aliases, name = f"{aliases}, {name}" if aliases else name, row.name
        if row is not None and row.definition:
            definition = row.definition
        entries.append((slug, name, aliases, definition))
    return LinkIndex(entries)


def _named(word: str, language: str | None = None) -> Q:
    """The word anywhere in a name, another name or the definition ("track" finds
    "Multi-track diplomacy"), and in the name or definition of the term's translation into
    `language`, when there is one."""
    named = Q(name__icontains=word) | Q(aliases__icontains=word) | Q(definition__icontains=word)
    if language is None:
        return named
    translated = TermTranslation.objects.filter(term=OuterRef("pk"), language=language)
    translated = translated.filter(Q(name__icontains=word) | Q(definition__icontains=word))
    return named | Q(Exists(translated))


def _whole_word(word: str) -> str:
    # `\W` and escaped characters mean the same to Python's `re` (SQLite) and to
    # PostgreSQL's regular expressions, so the pattern works on both.
    return rf"(^|\W){re.escape(word)}(\W|$)"


def _mentioned(word: str, language: str | None = None) -> Q:
    """The word, as a whole word, anywhere in the entry: its names, definition,
    explanation, guidance, quick facts, examples and questions, in English and in their
    translation into `language`. Whole words only, so that the long texts answer what was
    asked: "track" is not found in "tracker"."""
    pattern = _whole_word(word)
    facts = QuickFact.objects.filter(Q(label__iregex=pattern) | Q(value__iregex=pattern))
    examples = Example.objects.filter(text__iregex=pattern)
    questions = Question.objects.filter(Q(question__iregex=pattern) | Q(answer__iregex=pattern))
    mentioned = Q()
    if language is not None:
        translated_facts = QuickFactTranslation.objects.filter(
            Q(label__iregex=pattern) | Q(value__iregex=pattern), language=language
        )
        translated_examples = ExampleTranslation.objects.filter(
            text__iregex=pattern, language=language
        )
        translated_questions = QuestionTranslation.objects.filter(
            Q(question__iregex=pattern) | Q(answer__iregex=pattern), language=language
        )
        translated_entry = TermTranslation.objects.filter(
            Q(explanation__iregex=pattern) | Q(guidance__iregex=pattern), language=language
        )
        mentioned = (
            Q(pk__in=translated_facts.values("part__term_id"))
            | Q(pk__in=translated_examples.values("part__term_id"))
            | Q(pk__in=translated_questions.values("part__term_id"))
            | Q(pk__in=translated_entry.values("term_id"))
        )
    return mentioned | (
        Q(name__iregex=pattern)
        | Q(aliases__iregex=pattern)
        | Q(definition__iregex=pattern)
        | Q(explanation__iregex=pattern)
        | Q(guidance__iregex=pattern)
        | Q(pk__in=facts.values("term_id"))
        | Q(pk__in=examples.values("term_id"))
        | Q(pk__in=questions.values("term_id"))
    )


def search_terms(query: str = "") -> QuerySet[Term]:
    """Terms A to Z; with a query, those where every word appears in a name or definition
    (`named`, listed first), then those whose whole entry mentions every word as a whole
    word (the explanation, facts, examples, questions: "Montville" finds Track II).

    `icontains` and `iregex` are case-insensitive on SQLite (for ASCII letters) and on
    PostgreSQL.
    """
    terms = Term.objects.only("name", "slug", "definition")
    words = query.split()[:MAX_SEARCH_WORDS]
    if not words:
        return terms.order_by(Lower("name"))
    language = content_language()
    named = reduce(and_, (_named(word, language) for word in words))
    found = reduce(and_, (_named(word, language) | _mentioned(word, language) for word in words))
    return (
        terms.filter(found)
        .annotate(named=ExpressionWrapper(named, output_field=BooleanField()))
        .order_by("-named", Lower("name"))
    )


def suggested_terms() -> list[Term]:
    """A few terms to offer when a search finds nothing, or when a page is missing."""
    terms = list(search_terms().filter(slug__in=SUGGESTED_SLUGS))
    # Editors may have renamed or removed the usual suggestions: offer what there is.
    return localize(terms or search_terms()[: len(SUGGESTED_SLUGS)])


def term_with_content(slug: str) -> Term | None:
    """The term with everything its page shows, or None if no term has this slug."""
    language = content_language()
    term = (
        Term.objects.prefetch_related(
            Prefetch("facts", queryset=translated(QuickFact.objects.all(), language)),
            Prefetch("examples", queryset=translated(Example.objects.all(), language)),
            Prefetch("questions", queryset=translated(Question.objects.all(), language)),
            Prefetch(
                "related_terms",
                queryset=Term.objects.only("name", "slug", "definition").order_by(Lower("name")),
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if term is not None:
        localize([term, *term.related_terms.all()])
        for parts in (term.facts.all(), term.examples.all(), term.questions.all()):
            show_translated(parts)
    return term


@dataclass(frozen=True)
class ComparisonRow:
    """One row of a term's comparison table: the other term and how the two differ.
    `translated_fields` holds "differences" when they are shown in the page's language,
    as a translated part's does (`english_if_untranslated` marks the English fallback)."""

    other: Term
    differences: str
    translated_fields: frozenset[str] = frozenset()


def comparisons_of(term: Term) -> list[ComparisonRow]:
    """Every comparison the term takes part in, on either side, facing the other term."""
    comparisons = show_translated(
        translated(Comparison.objects.filter(Q(term=term) | Q(other=term)), content_language())
        .select_related("term", "other")
        .order_by("pk")
    )
    rows = [
        ComparisonRow(c.side_facing(term), c.differences, frozenset(c.translated_fields))
        for c in comparisons
    ]
    localize(row.other for row in rows)
    return rows


@dataclass
class CompareTable:
    """Terms side by side: one column per term, one row per quick-fact label."""

    terms: list[Term]
    fact_rows: list[tuple[str, list[str | None]]] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    @property
    def is_complete(self) -> bool:
        return len(self.terms) >= 2

    @property
    def slugs(self) -> list[str]:
        return [term.slug for term in self.terms]

    @property
    def names(self) -> list[str]:
        return [term.name for term in self.terms]


def parse_compare_slugs(values: list[str]) -> list[str]:
    """Slugs from `?terms=a,b` and from `?terms=a&terms=b` (the no-JavaScript form), in
    order, without repeats."""
    slugs: list[str] = []
    for value in values:
        for slug in value.split(","):
            slug = slug.strip().lower()
            if slug and slug not in slugs:
                slugs.append(slug)
    return slugs


def compare_table(slugs: list[str]) -> CompareTable:
    """The compare page for these slugs, in the order asked; unknown slugs are reported."""
    wanted, dropped = slugs[:MAX_COMPARED], slugs[MAX_COMPARED:]
    language = content_language()
    found = {
        term.slug: term
        for term in Term.objects.filter(slug__in=wanted).prefetch_related(
            Prefetch("facts", queryset=translated(QuickFact.objects.all(), language)),
            Prefetch("examples", queryset=translated(Example.objects.all(), language)),
        )
    }
    localize(found.values())
    for term in found.values():
        show_translated(term.facts.all())
        show_translated(term.examples.all())
    table = CompareTable(
        terms=[found[slug] for slug in wanted if slug in found],
        unknown=[slug for slug in wanted if slug not in found],
        dropped=dropped,
    )
    if not table.is_complete:
        return table

    # Labels in order of first appearance, matched regardless of case ("type" = "Type").
    labels: dict[str, str] = {}
    values: dict[tuple[int, str], str] = {}
    for term in table.terms:
        for fact in term.facts.all():
            key = fact.label.strip().casefold()
            labels.setdefault(key, fact.label.strip())
            values.setdefault((term.pk, key), fact.value)
    table.fact_rows = [
        (label, [values.get((term.pk, key)) for term in table.terms])
        for key, label in labels.items()
    ]
    table.comparisons = show_translated(
        translated(
            Comparison.objects.filter(term__in=table.terms, other__in=table.terms), language
        ).order_by("pk")
    )
    # The table's own (translated) terms, rather than second copies from the database.
    by_pk = {term.pk: term for term in table.terms}
    for comparison in table.comparisons:
        comparison.term, comparison.other = by_pk[comparison.term_id], by_pk[comparison.other_id]
    return table


def compare_choices() -> list[Term]:
    """Every term, for the form that picks terms to compare, named in the page's language."""
    return localize(Term.objects.only("name", "slug").order_by(Lower("name")))


def localized_page(terms: Iterable[Term]) -> list[Term]:
    """A page of the A to Z list in the page's language, in its alphabetical order."""
    terms = localize(terms)
    if content_language() is not None:
        terms.sort(key=lambda term: term.name.casefold())
    return terms
