"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Playwright cannot download its own browsers on these machines, so it is pointed at
/usr/bin/chromium (or CHROMIUM_PATH). Playwright's sync API runs an event loop, which makes
Django refuse database access from the test thread unless DJANGO_ALLOW_ASYNC_UNSAFE is set.
"""

import io
import os
import shutil
import tempfile

import pytest
from django.db import connections

from tests.browser.demo_data import seed_demo

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def _chromium_home():
    """Keep Chromium's profile and caches out of the home directory."""
    home = tempfile.mkdtemp(prefix="chromium-home-")
    old = {key: os.environ.get(key) for key in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    os.environ["XDG_CONFIG_HOME"] = os.path.join(home, "config")
    os.environ["XDG_CACHE_HOME"] = os.path.join(home, "cache")
    yield
    for key, value in old.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _connections_closed_before_playwright_stops(playwright):
    """Close the database connections opened while Playwright ran, before it stops.

    Between its calls, Playwright's sync API leaves an event loop marked as running in the
    main thread. Django's connections are then kept in a storage of their own (asgiref's
    Local, for async code), apart from the thread's usual one. Tests that run after the
    first browser test of a worker open connections there. Once Playwright stops, Django's
    teardown only sees the usual storage, and a connection left open in the other one
    keeps PostgreSQL from dropping the test database ("is being accessed by other users").
    """
    yield
    connections.close_all()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package.")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def login(page, live_server):
    """Sign in through the real login form, as a person would.

    Tests run with REQUIRE_2FA off (tests/conftest.py), but the demo organizer and
    facilitator have an authenticator, which is asked for whatever REQUIRE_2FA says: this
    types the code `demo_code` prints.
    """

    def _login(username: str, password: str):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        if "/accounts/two-factor/" in page.url:
            from django.core.management import call_command

            out = io.StringIO()
            call_command("demo_code", username, stdout=out)
            page.get_by_label("Code").fill(out.getvalue().split()[1])
            page.get_by_role("button", name="Confirm").click()
            page.wait_for_load_state()
        return page

    return _login


@pytest.fixture(autouse=True)
def no_policy_violations(page):
    """Every browser test also checks that no script or style broke the page's CSP."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield
    assert violations == []


@pytest.fixture
def demo(transactional_db):
    """The demo's data (`manage.py seed_demo`), seeded once per worker (demo_data.py)."""
    seed_demo()
