"""The world the access matrix walks: the personas with the sessions and process they are
(or are not) part of, made once per module (tests/personas.py) for its hundreds of tests."""

import copy

import pytest

from tests.personas import make_cast, rows_for_the_module

from .matrix import PERSONAS


@pytest.fixture(scope="module")
def module_cast(django_db_setup, django_db_blocker):
    """Every persona of tests/conftest.py and their processes, made before the module's first
    test; every test starts from these rows. A module that walks the world requests it from
    an autouse fixture, so the rows exist before any test's own transaction begins."""
    with rows_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            cast = make_cast(co_participant=True)
        yield cast


@pytest.fixture
def world(module_cast, db):
    """This test's copy: the session, the other session of the process, the process, and
    every persona, the attackers' included (their foreign process and session exist)."""
    cast = copy.deepcopy(module_cast)
    return {
        "session": cast["session"],
        "other_session": cast["other_session"],
        "process": cast["process"],
        "foreign_process": cast["foreign_process"],
        **{name: cast[name] for name in PERSONAS},
    }
