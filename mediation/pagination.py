"""A pager that does not count: it reads one row more than a page holds to know whether a
next page exists. For lists whose full count grows with the data (a facilitator's sessions):
Django's Paginator counts every row on every request, this reads only the page shown."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet

# Beyond this page number the request is treated as past the end (an offset this large is
# no list anyone pages through, and keeps the OFFSET within what databases accept).
MAX_PAGE = 100_000


@dataclass
class LookaheadPage(Sequence):
    """The parts of django.core.paginator.Page the templates use, without a total (and
    without `paginator`: _components/pagination.html then says "Page n", not "of N")."""

    object_list: list
    number: int
    has_next_rows: bool

    def __len__(self) -> int:
        return len(self.object_list)

    def __getitem__(self, index):
        return self.object_list[index]

    def has_next(self) -> bool:
        return self.has_next_rows

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def _page_number(value) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return 1  # as Paginator.get_page: not a number -> the first page
    return 1 if number < 1 else min(number, MAX_PAGE + 1)


def lookahead_page(queryset: QuerySet, per_page: int, number) -> LookaheadPage:
    """The page `number` of an ordered queryset, read with one LIMIT query (two when the
    number is past the end: then the last page, as Paginator.get_page gives)."""
    page = _page_number(number)
    start = (page - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if not rows and page > 1:
        total = queryset.count()
        page = max(1, -(-total // per_page))
        start = (page - 1) * per_page
        rows = list(queryset[start : start + per_page + 1])
    return LookaheadPage(rows[:per_page], page, len(rows) > per_page)
