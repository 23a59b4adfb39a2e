"""Facilitators adding, moving and reordering at once never break the agenda's positions."""

import contextlib
import threading
import time

import pytest
from django.db import OperationalError, connections

from mediation.models import AgendaItem
from mediation.sessions import agenda as session_agenda
from tests.factories import AgendaItemFactory, DialogueSessionFactory
from tests.mediation.sessions.agenda_helpers import agenda_of


def _retrying_on_shared_cache_locks(call):
    """pytest-django's SQLite test database is in memory with a shared cache, where a busy
    table fails at once ("database table is locked") instead of waiting as the file
    database of every deployment does (tests/test_settings.py pins that wait). Retrying
    stands in for that wait; each failed attempt was rolled back whole."""
    for _ in range(500):
        try:
            return call()
        except OperationalError as error:
            if "locked" not in str(error):
                raise
            time.sleep(0.002)
    raise AssertionError("never got the lock")


@pytest.mark.django_db(transaction=True)
def test_two_facilitators_reordering_at_once_never_break_the_positions():
    session = DialogueSessionFactory()
    items = [AgendaItemFactory(session=session, position=i + 1) for i in range(8)]
    ids = [item.pk for item in items]
    orders = [list(reversed(ids)), ids[1:] + ids[:1], ids[::2] + ids[1::2]]
    start = threading.Barrier(len(orders))
    errors = []

    def facilitator(order):
        try:
            start.wait()
            for _ in range(15):
                _retrying_on_shared_cache_locks(
                    lambda: session_agenda.agenda_reorder(session=session, item_ids=order)
                )
                # Moves interleave with full reorders, both locking the session first.
                _retrying_on_shared_cache_locks(
                    lambda: session_agenda.agenda_item_move(
                        item=AgendaItem.objects.get(pk=order[0]), direction="down"
                    )
                )
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=facilitator, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = list(AgendaItem.objects.filter(session=session).values_list("pk", "position"))
    assert sorted(pk for pk, _ in rows) == sorted(ids)
    assert sorted(position for _, position in rows) == list(range(1, len(ids) + 1))


@pytest.mark.django_db(transaction=True)
def test_adds_and_reorders_at_once_keep_one_item_per_place():
    """Adding reads the last place and reordering checks the list against the agenda: each
    holds the session's lock from that read to its write, or two adds would claim one
    place and a reorder would strand an item added meanwhile (PostgreSQL runs this for
    real; SQLite serialises whole transactions)."""
    session = DialogueSessionFactory()
    agenda_of(session, "A", "B")
    start = threading.Barrier(3)
    errors = []

    def facilitator(name):
        from django.core.exceptions import ValidationError

        try:
            start.wait()
            for i in range(8):
                _retrying_on_shared_cache_locks(
                    lambda i=i: session_agenda.agenda_item_add(
                        session=session, title=f"{name} {i}", duration_minutes=5
                    )
                )
                order = list(reversed(_retrying_on_shared_cache_locks(lambda: _ordered(session))))
                # Refused when someone added an item meanwhile, as it should be.
                with contextlib.suppress(ValidationError):
                    _retrying_on_shared_cache_locks(
                        lambda order=order: session_agenda.agenda_reorder(
                            session=session, item_ids=order
                        )
                    )
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=facilitator, args=(n,)) for n in ("x", "y", "z")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = list(session.agenda_items.values_list("position", flat=True))
    assert sorted(rows) == list(range(1, 2 + 3 * 8 + 1))


def _ordered(session):
    return list(session.agenda_items.order_by("position").values_list("pk", flat=True))
