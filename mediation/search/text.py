"""Matching what someone typed against text columns: the one function every search uses.

`matches(fields, query)` is a condition for `filter()`, true where every word of the query
starts a word of the fields (PostgreSQL) or appears in them (SQLite):

- on PostgreSQL, full-text search (`SearchVector` against a prefix `SearchQuery`) under
  the `tracker_search` configuration, which folds case and accents (the `simple`
  dictionary after `unaccent`: no language's stemming, as the text is in many languages).
  Migration 0019_search creates the configuration and GIN indexes on the same expressions;
- on SQLite, `LIKE` on both sides passed through `tracker_fold`, a function registered on
  every connection that folds case and accents the way the attribution check does, so
  "ÉLODIE" finds "Élodie" and "jose" finds "José" there too.

`relevance(fields, query)` is an expression to order the rows found, best first, each
field with a weight (A, the name or title, down to D):

- on PostgreSQL, `SearchRank` of the fields' weighted vectors (same configuration) against
  the query's words, any of them counting;
- on SQLite, a portable score: for each word, the weight of each field it appears in
  (A 1, B 0.4, C 0.2, D 0.1, the weights PostgreSQL gives by default);
- on both, a bonus when an A field starts with the query's first word (folded: `unaccent`
  and `lower` on PostgreSQL, `tracker_fold` on SQLite), so a title that begins with what
  was typed comes before one that merely holds it (a rank alone ignores where words sit).

What someone types is never SQL nor query syntax here: it is cut to its words (letters and
digits of any script), at most MAX_WORDS of them, from at most MAX_LENGTH characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.backends.signals import connection_created
from django.db.models import Case, Expression, F, FloatField, Func, Q, TextField, Value, When
from django.db.models.functions import Lower
from django.db.models.lookups import Contains, StartsWith
from django.dispatch import receiver

CONFIG = "tracker_search"
MAX_LENGTH = 200
MAX_WORDS = 8
FOLD_FUNCTION = "tracker_fold"

_WORD = re.compile(r"[^\W_]+")


def fold(text: str | None) -> str:
    """Case and accents folded: "Núñez" is "nunez"."""
    if text is None:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words_of(query: str) -> list[str]:
    """The words of a query, in order: no punctuation, operator or quote survives."""
    return _WORD.findall(query[:MAX_LENGTH])[:MAX_WORDS]


@receiver(connection_created, dispatch_uid="tracker_fold")
def _register_fold(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(FOLD_FUNCTION, 1, fold, deterministic=True)


class Folded(Func):
    function = FOLD_FUNCTION
    output_field = TextField()


class _Unaccent(Func):
    function = "unaccent"
    output_field = TextField()


def _folded(column: Expression) -> Expression:
    """The column with case and accents folded, in the database's own way."""
    if connection.vendor == "postgresql":
        return Lower(_Unaccent(column))
    return Folded(column)


def _postgres(fields: list[str], words: list[str]) -> Q:
    from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorExact

    # Each word is letters and digits only, so it cannot break out of the query syntax.
    raw = " & ".join(f"{word}:*" for word in words)
    vector = SearchVector(*fields, config=CONFIG)
    return Q(SearchVectorExact(vector, SearchQuery(raw, search_type="raw", config=CONFIG)))


def _sqlite(fields: list[str], words: list[str]) -> Q:
    return reduce(
        and_,
        (
            reduce(or_, (Q(Contains(Folded(F(field)), fold(word))) for field in fields))
            for word in words
        ),
    )


WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
STARTS_BONUS = 0.5


def _column(field) -> Expression:
    return F(field) if isinstance(field, str) else field


def _postgres_rank(fields: list[tuple], words: list[str]) -> Expression:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    vectors = [
        SearchVector(_column(field), weight=weight, config=CONFIG) for field, weight in fields
    ]
    vector = reduce(lambda a, b: a + b, vectors)
    # Any word counts toward the rank (the filter already asked for every one).
    raw = " | ".join(f"{word}:*" for word in words)
    return SearchRank(vector, SearchQuery(raw, search_type="raw", config=CONFIG)) + _starts_bonus(
        fields, words
    )


def _sqlite_score(fields: list[tuple], words: list[str]) -> Expression:
    parts = [
        Case(
            When(Contains(Folded(_column(field)), fold(word)), then=Value(WEIGHTS[weight])),
            default=Value(0.0),
            output_field=FloatField(),
        )
        for word in words
        for field, weight in fields
    ]
    return reduce(lambda a, b: a + b, parts) + _starts_bonus(fields, words)


def _starts_bonus(fields: list[tuple], words: list[str]) -> Expression:
    bonuses = [
        Case(
            When(StartsWith(_folded(_column(field)), fold(words[0])), then=Value(STARTS_BONUS)),
            default=Value(0.0),
            output_field=FloatField(),
        )
        for field, weight in fields
        if weight == "A"
    ]
    return reduce(lambda a, b: a + b, bonuses, Value(0.0, output_field=FloatField()))


def relevance(fields: list[tuple], query: str) -> Expression:
    """How well a row answers `query`, higher first: `fields` are (field name or
    expression, weight "A" to "D"). Rank only by what the searcher may read of the row:
    a field they may not match on must not order their results either."""
    words = words_of(query)
    if not words or not fields:
        return Value(0.0, output_field=FloatField())
    if connection.vendor == "postgresql":
        return _postgres_rank(fields, words)
    return _sqlite_score(fields, words)


def matches(fields: list[str], query: str) -> Q:
    """Rows where every word of `query` is found in `fields` (nothing for no word)."""
    words = words_of(query)
    if not words:
        return Q(pk__in=[])
    if connection.vendor == "postgresql":
        return _postgres(fields, words)
    return _sqlite(fields, words)
