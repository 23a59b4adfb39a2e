"""Tools of the bad-input suite: find every URL, fill its ids, read forms, snapshot the rows.

Other pages arrive with every merge, so nothing here lists URLs: `discover()` walks the URL
resolver and `fill()` puts real objects of a test world into each `<uuid:...>` slot, chosen
by the parameter's name (`session_id` → a session). A parameter whose name says nothing
stops the suite with a message naming it: add it to `PARAM_MODELS`.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.models import Group, User
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver

MISSING = uuid.UUID("00000000-0000-4000-8000-000000000000")
METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}

# Views the walker leaves to their own tests: signing in and out changes the client itself.
SKIPPED_NAMES = {"login", "logout"}
# Pages anyone may open without signing in. A new public page goes here, deliberately.
# The search is open to anonymous visitors, who find glossary terms only.
PUBLIC_NAMES = {
    "health",
    "glossary:index",
    "glossary:compare",
    "glossary:term",
    "search",
    "language_switch",
}

# The model an id parameter names, by the parameter's name without "_id"/"_pk".
PARAM_MODELS = {
    "session": "mediation.DialogueSession",
    "dialogue_session": "mediation.DialogueSession",
    "process": "mediation.DialogueProcess",
    "dialogue_process": "mediation.DialogueProcess",
    "agenda_item": "mediation.AgendaItem",
    "agenda": "mediation.AgendaItem",
    "invitation": "mediation.Invitation",
    "action": "mediation.ActionItem",
    "action_item": "mediation.ActionItem",
    "record": "mediation.SessionRecord",
    "session_record": "mediation.SessionRecord",
    "item_record": "mediation.ItemRecord",
    "participant": "mediation.Participant",
    "person": "mediation.Participant",
    "consent": "mediation.Consent",
    "topic": "mediation.Topic",
    "side": "mediation.Side",
    "document": "mediation.OutcomeDocument",
    "contact": "mediation.OfficialContact",
    "briefing": "mediation.Briefing",
}
# The objects the test world (conftest.py) holds on each side, "own" and "foreign": one of
# each kind. A model not listed here has no object in the world to try.
WORLD_LABELS = frozenset(
    {
        "mediation.DialogueProcess",
        "mediation.DialogueSession",
        "mediation.Topic",
        "mediation.Side",
        "mediation.AgendaItem",
        "mediation.ItemRecord",
        "mediation.SessionRecord",
        "mediation.Invitation",
        "mediation.ActionItem",
        "mediation.Participant",
        "mediation.Consent",
        "mediation.ProcessMember",
        "mediation.OutcomeDocument",
        "mediation.OfficialContact",
        "mediation.Briefing",
    }
)
# Models an organizer may reach across processes. None: even the people roster is seen
# only through one's own processes (access.participants_visible_to).
SHARED_MODELS: set[str] = set()
# "item_id" and the like: decided by the words of the route around it.
AMBIGUOUS = {"item": [("action", "mediation.ActionItem"), ("", "mediation.AgendaItem")]}

DEBUG_MARKERS = [
    b"Traceback (most recent call last)",
    b"You're seeing this error because you have",
    b"Exception Value:",
    b"django/core/handlers",
    b"Request Method:",
    b"DataError",
    b"IntegrityError",
    b"OperationalError",
]

_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the route itself when unnamed
    route: str  # "sessions/<uuid:session_id>/record/"
    params: tuple[tuple[str, str], ...]  # ((converter, name), ...)

    @property
    def is_public(self) -> bool:
        """Open without signing in: listed, or addressed by a secret token (calendar feeds)."""
        return self.name in PUBLIC_NAMES or any("token" in name for _, name in self.params)

    @property
    def uuid_params(self) -> list[str]:
        return [name for converter, name in self.params if converter == "uuid"]

    def __str__(self) -> str:
        return f"{self.name} /{self.route}"


def _walk(resolvers, prefix: str, namespace: str):
    for entry in resolvers:
        pattern = entry.pattern
        route = getattr(pattern, "_route", None)
        if route is None:  # a regex pattern: only the admin and i18n use them
            continue
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin" or route.startswith("admin"):
                continue
            ns = entry.namespace
            yield from _walk(
                entry.url_patterns, prefix + route, f"{namespace}{ns}:" if ns else namespace
            )
        elif isinstance(entry, URLPattern):
            full = prefix + route
            if full.startswith(("static/", "media/", "admin/")):
                continue
            name = f"{namespace}{entry.name}" if entry.name else full
            params = tuple((m["converter"] or "str", m["name"]) for m in _PARAM.finditer(full))
            yield Route(name=name, route=full, params=params)


def discover() -> list[Route]:
    """Every URL of the product except the admin, static files, sign-in and sign-out."""
    routes = [r for r in _walk(get_resolver().url_patterns, "", "") if r.name not in SKIPPED_NAMES]
    return sorted(set(routes), key=lambda r: r.route)


def model_for(route: Route, param: str) -> str:
    stem = re.sub(r"_(id|pk|uuid)$", "", param)
    if stem in PARAM_MODELS:
        return PARAM_MODELS[stem]
    for word, label in AMBIGUOUS.get(stem, []):
        if word in route.route:
            return label
    raise LookupError(
        f"{route}: the parameter {param!r} names no model the suite knows; add it to "
        "PARAM_MODELS in tests/security/walker.py"
    )


def fill(route: Route, world: dict, kinds: list[str]) -> str:
    """The URL with each parameter filled: kinds[i] is "own", "foreign" or "missing" for the
    i-th id parameter (the last kind repeats)."""
    url = route.route
    uuid_index = 0
    for converter, name in route.params:
        if converter == "uuid":
            kind = kinds[min(uuid_index, len(kinds) - 1)]
            uuid_index += 1
            value = MISSING if kind == "missing" else world[kind][model_for(route, name)].pk
        elif converter == "slug":
            value = world["slug"] if kinds[0] == "own" else "no-such-entry-zz"
        elif converter == "int":
            value = 2**31 - 1
        elif converter == "path":
            value = "no/such/thing"
        else:  # str: tokens in feed addresses and the like
            value = "not-a-real-token"
        url = _PARAM.sub(str(value), url, count=1)
    return "/" + url


# --- Responses -----------------------------------------------------------------------------


def assert_clean(response, what: str) -> None:
    """No server error, and nothing of Django's debug output or a traceback in the body."""
    assert response.status_code < 500, f"{what}: {response.status_code}"
    body = getattr(response, "content", b"")
    for marker in DEBUG_MARKERS:
        assert marker not in body, f"{what}: {marker!r} in the response"


def without_per_response_tokens(content: bytes) -> str:
    """The page minus what differs on every response anyway (CSRF token, CSP nonce)."""
    text = content.decode(errors="replace")
    text = re.sub(r'"X-CSRFToken": "[^"]+"', "", text)
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)
    return re.sub(r'nonce="[^"]+"', "", text)


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


# --- Rows ----------------------------------------------------------------------------------

# Reads are audited by design (showing a page, even a refused form again, is a read).
NOT_SNAPSHOTTED = {"mediation.readevent"}


def snapshot_models():
    models = [
        m
        for label in ("mediation", "glossary")
        for m in apps.get_app_config(label).get_models()
        if m._meta.label_lower not in NOT_SNAPSHOTTED
    ]
    return [*models, User, Group, User.groups.through]


# The last snapshot on SQLite, with the connection's count of changed rows when it was taken.
_last_snapshot: dict = {}


def forget_snapshots() -> None:
    """Called before each test: a rolled-back test leaves the rows as they were before it,
    but not SQLite's count of changes."""
    _last_snapshot.clear()


def snapshot() -> dict[str, tuple[int, str]]:
    """Per table: the row count and a hash of every column of every row.

    Raw SQL on one cursor: the walker takes hundreds of these, and the ORM's overhead per
    query would dominate the suite's time. On SQLite, when no statement has inserted,
    changed or deleted a row on this connection since the last snapshot of this test
    (`total_changes()`, which counts every such row and never goes down), the rows are
    those the last snapshot read: it is given again rather than read again.
    """
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT total_changes()")
            key = (connection.connection, cursor.fetchone()[0])
        if _last_snapshot.get("key") == key:
            return dict(_last_snapshot["state"])
        state = _read_snapshot()
        _last_snapshot.update(key=key, state=state)
        return dict(state)
    return _read_snapshot()


def _read_snapshot() -> dict[str, tuple[int, str]]:
    state = {}
    with connection.cursor() as cursor:
        for model in snapshot_models():
            table = connection.ops.quote_name(model._meta.db_table)
            pk = connection.ops.quote_name(model._meta.pk.column)
            cursor.execute(f"SELECT * FROM {table} ORDER BY {pk}")  # noqa: S608
            rows = cursor.fetchall()
            state[model._meta.label] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return state


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(label for label in before if before[label] != after.get(label))
