"""Shared fixtures: the personas and clients logged in as each.

The world they live in: one process organized by `organizer`, with a session `facilitator`
facilitates and `participant` is invited to (`session`), and a second session of the same
process that neither facilitator nor participant has anything to do with (`other_session`).
`stranger` is signed in but has no part in anything.

Beside it, the attackers' vantage points: `foreign_process`, organized by `other_organizer`
only, with `foreign_session`, facilitated by `other_facilitator`, to which
`other_participant` is invited; and `co_participant`, a second participant invited to
`session`. `all_personas` holds everyone.
"""

import email
import email.policy
import importlib
import sys
from unittest.mock import patch

import pytest
from django.apps import apps
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from pytest_django.plugin import blocking_manager_key
from whitenoise.base import WhiteNoise

from config import deployment
from tests.factories import DialogueProcessFactory, DialogueSessionFactory, UserFactory
from tests.migrated_template import Template
from tests.personas import (
    client_for,
    make_co_participant,
    make_foreign_session,
    make_organizer,
    make_participant,
    make_session,
)

# Keep the test modules' bytecode even where PYTHONDONTWRITEBYTECODE is set (as on these
# machines): without it every run, and every xdist worker, parses and rewrites the asserts of
# all test modules again, about 5 s of CPU each before the first test. Set here, the first
# conftest, before pytest imports the test modules; __pycache__/ is ignored by git.
sys.dont_write_bytecode = False


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Real hashers are slow on purpose; tests create many users. For the whole run, so rows
    made once for a module (tests/personas.py) are hashed the same way."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


MIGRATED_TEMPLATE = pytest.StashKey[Template]()


@pytest.fixture(scope="session")
def _migrated_template(request):
    """The migrated SQLite database of an earlier worker or run (tests/migrated_template.py)."""
    template = Template(django_settings.DATABASES["default"])
    request.config.stash[MIGRATED_TEMPLATE] = template
    yield template
    template.close()


@pytest.fixture(scope="session")
def django_db_keepdb(request, _migrated_template):
    """Keep (do not recreate) the in-memory database the template was copied into; an
    in-memory database goes with the run anyway."""
    return bool(request.config.getvalue("reuse_db")) or _migrated_template.restored


@pytest.fixture(scope="session")
def django_db_setup(_migrated_template, django_db_setup, django_db_blocker):
    """pytest-django's, on the template when there is one; saved as the template if not."""
    with django_db_blocker.unblock():
        _migrated_template.save()
        _migrated_template.remember()
    return django_db_setup


@pytest.fixture(scope="session", autouse=True)
def _static_files_listed_once():
    """WhiteNoise lists and stats every file under STATIC_ROOT when its middleware is made,
    and Django's test client makes the middleware anew for every client: about 60 ms each
    (measured: 5.2 s of a 13.5 s walk of three routes), and the suite makes thousands of
    clients. Each list is made once per run here; the files served are the same ones,
    since nothing adds a static file while the tests run."""
    listed = {}
    original = WhiteNoise.update_files_dictionary

    def update_files_dictionary(self, root, prefix):
        key = (
            root,
            prefix,
            self.max_age,
            self.allow_all_origins,
            self.charset,
            self.add_headers_function,
            self.index_file,
            # WhiteNoiseMiddleware's own test is a method: the same function on each.
            getattr(self.immutable_file_test, "__func__", self.immutable_file_test),
        )
        if key not in listed:
            before = set(self.files)
            original(self, root, prefix)
            listed[key] = {url: self.files[url] for url in self.files.keys() - before}
        self.files.update(listed[key])

    with patch.object(WhiteNoise, "update_files_dictionary", update_files_dictionary):
        yield


@pytest.fixture(scope="session", autouse=True)
def _static_files_as_they_are():
    """Production settings give static files hashed names from `collectstatic`'s manifest
    (config/deployment.py); tests collect nothing and find the files where they lie."""
    with override_settings(STORAGES=deployment.storages(hashed=False)):
        yield


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    names = getattr(item, "fixturenames", ())
    return (
        "transactional_db" in names
        or "live_server" in names
        or bool(marker and marker.kwargs.get("transaction"))
    )


# The longest tests, started first. pytest-xdist's worksteal gives each worker a contiguous
# half of the run and lets the idle one take the other's tail; a long test near the end of the
# run keeps one worker busy while the other waits. pytest-django runs the database tests,
# then the transactional ones (every browser test), then those without a database, so these
# sat at the very end. Each moves to the front of its group; the load test, which has a
# database of its own (not the test database), to the front of the run. Measured on the
# 2-core machine: the load test 30-37 s, mostly waiting on gunicorn and its clients; the
# accessibility walks 25-120 s each.
LONG_FIRST = (
    "tests/reliability/test_loadtest_smoke.py::",
    "tests/browser/test_pages_accessibility.py::",
    "tests/browser/test_admin_accessibility.py::",
)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """After pytest-django's ordering: the known-long tests moved forward, nothing else."""
    long = [item for item in items if item.nodeid.startswith(LONG_FIRST)]
    if not long:
        return
    rest = [item for item in items if not item.nodeid.startswith(LONG_FIRST)]
    own_database = [item for item in long if "reliability" in item.keywords]
    transactional = [item for item in long if item not in own_database]
    # pytest-django's transactional group begins at its first transactional test.
    at = next((i for i, item in enumerate(rest) if _is_transactional(item)), len(rest))
    items[:] = own_database + rest[:at] + transactional + rest[at:]


# The glossary's data migrations, in order: the terms, then their names and their parts in
# French and Arabic.
GLOSSARY_CONTENT = (
    ("0002_glossary_content", "add_content"),
    ("0004_term_translation_content", "add_translations"),
    ("0005_part_translations", "add_translations"),
)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Put the glossary's migrated content (terms and translations) back once a
    transactional test has emptied every table (after its fixtures' teardown, which is when
    the flush happens). Tests run in any order and an idle worker takes over another's
    queue, so a test reading the glossary may come after one that flushed the database.

    On SQLite's in-memory test database the whole database as migrated is copied back (a
    few milliseconds; running the three migrations' functions again took 0.7 s, after each
    of about 75 transactional tests); elsewhere the functions run again."""
    result = yield
    # After the last test the test database is already gone (nextitem is None).
    if nextitem is not None and _is_transactional(item):
        with item.config.stash[blocking_manager_key].unblock():
            template = item.config.stash.get(MIGRATED_TEMPLATE, None)
            if template is not None and template.put_back(connection):
                # Its ids are the migrated ones again, not those the flush's signals made.
                ContentType.objects.clear_cache()
            else:
                for migration, function in GLOSSARY_CONTENT:
                    module = importlib.import_module(f"glossary.migrations.{migration}")
                    getattr(module, function)(apps, None)
    return result


@pytest.fixture
def organizer(db):
    return make_organizer("organizer")


@pytest.fixture
def facilitator(db):
    return UserFactory(username="facilitator")


@pytest.fixture
def participant(db):
    return make_participant("participant", "Amina Participant")


@pytest.fixture
def stranger(db):
    return UserFactory(username="stranger")


@pytest.fixture
def other_organizer(db):
    """An organizer of another process only (the river-valley organizer of the demo)."""
    return make_organizer("other-organizer")


@pytest.fixture
def other_facilitator(db):
    return UserFactory(username="other-facilitator")


@pytest.fixture
def other_participant(db):
    return make_participant("other-participant", "Boris Outsider")


@pytest.fixture
def foreign_process(other_organizer):
    return DialogueProcessFactory(organizers=[other_organizer], title="Foreign process")


@pytest.fixture
def foreign_session(foreign_process, other_facilitator, other_participant):
    return make_foreign_session(foreign_process, other_facilitator, other_participant)


@pytest.fixture
def co_participant(session):
    """Another participant invited to `session`: they share a room with `participant`."""
    return make_co_participant(session)


@pytest.fixture
def process(organizer):
    return DialogueProcessFactory(organizers=[organizer])


@pytest.fixture
def session(process, facilitator, participant):
    return make_session(process, facilitator, participant)


@pytest.fixture
def other_session(process):
    return DialogueSessionFactory(process=process)


@pytest.fixture
def organizer_client(organizer):
    return client_for(organizer)


@pytest.fixture
def facilitator_client(facilitator):
    return client_for(facilitator)


@pytest.fixture
def participant_client(participant):
    return client_for(participant)


@pytest.fixture
def stranger_client(stranger):
    return client_for(stranger)


@pytest.fixture
def personas(organizer, facilitator, participant, stranger):
    return {
        "organizer": organizer,
        "facilitator": facilitator,
        "participant": participant,
        "stranger": stranger,
    }


@pytest.fixture
def all_personas(
    personas,
    other_organizer,
    other_facilitator,
    other_participant,
    co_participant,
    foreign_session,
):
    """Every persona, the attackers' included (their foreign process and session exist)."""
    return {
        **personas,
        "other_organizer": other_organizer,
        "other_facilitator": other_facilitator,
        "other_participant": other_participant,
        "co_participant": co_participant,
    }


@pytest.fixture
def other_organizer_client(other_organizer):
    return client_for(other_organizer)


@pytest.fixture
def other_facilitator_client(other_facilitator):
    return client_for(other_facilitator)


@pytest.fixture
def other_participant_client(other_participant):
    return client_for(other_participant)


@pytest.fixture
def co_participant_client(co_participant):
    return client_for(co_participant)


@pytest.fixture
def count_queries(db):
    """How many SQL queries a call makes: compare a page at two data sizes with it."""

    def _count(call) -> int:
        with CaptureQueriesContext(connection) as queries:
            call()
        return len(queries)

    return _count


@pytest.fixture(autouse=True)
def _two_factor_off(settings):
    """Most tests sign in with force_login; the two-factor tests turn REQUIRE_2FA back on."""
    settings.REQUIRE_2FA = False


@pytest.fixture(autouse=True)
def _every_email_parses_strictly():
    """Every email any test makes the product send must pass Python's strict mail parser,
    which raises on each defect that lenient mail programs quietly repair."""
    yield
    for message in getattr(mail, "outbox", []):
        email.message_from_bytes(message.message().as_bytes(), policy=email.policy.strict)
