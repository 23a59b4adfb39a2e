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
from django.db.models import F, Func, Q, TextField
from django.db.models.lookups import Contains
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


def matches(fields: list[str], query: str) -> Q:
    """Rows where every word of `query` is found in `fields` (nothing for no word)."""
    words = words_of(query)
    if not words:
        return Q(pk__in=[])
    if connection.vendor == "postgresql":
        return _postgres(fields, words)
    return _sqlite(fields, words)
