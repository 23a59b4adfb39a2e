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
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

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
PUBLIC_NAMES = {"health", "glossary:index", "glossary:compare", "glossary:term"}

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


def snapshot() -> dict[str, tuple[int, str]]:
    """Per table: the row count and a hash of every column of every row.

    Raw SQL on one cursor: the walker takes hundreds of these, and the ORM's overhead per
    query would dominate the suite's time.
    """
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


# --- Forms ---------------------------------------------------------------------------------

TEXT_INPUT_TYPES = {"text", "search", "email", "url", "tel", ""}


@dataclass
class Field:
    name: str
    tag: str  # input, textarea, select
    type: str = ""
    value: str = ""
    values: list[str] = field(default_factory=list)  # selected options
    checked: bool = False
    attrs: dict = field(default_factory=dict)

    @property
    def is_text(self) -> bool:
        return self.tag == "textarea" or (self.tag == "input" and self.type in TEXT_INPUT_TYPES)

    @property
    def max_length(self) -> int | None:
        value = self.attrs.get("maxlength")
        return int(value) if value and value.isdigit() else None


@dataclass
class Form:
    action: str
    method: str
    fields: list[Field] = field(default_factory=list)

    def data(self, **overrides) -> dict[str, list[str]]:
        """What a browser would send, with `overrides` replacing or adding fields."""
        sent: dict[str, list[str]] = {}
        for f in self.fields:
            if f.tag == "input" and f.type in {"submit", "button", "image", "reset", "file"}:
                continue
            if f.tag == "input" and f.type in {"checkbox", "radio"}:
                if f.checked:
                    sent.setdefault(f.name, []).append(f.value or "on")
            elif f.tag == "select":
                sent.setdefault(f.name, []).extend(f.values)
            else:
                sent.setdefault(f.name, []).append(f.value)
        for name, value in overrides.items():
            sent[name] = value if isinstance(value, list) else [value]
        return sent

    def text_fields(self) -> list[Field]:
        return [f for f in self.fields if f.is_text]


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: dict | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = Form(
                action=urljoin(self.page_url, a.get("action") or self.page_url),
                method=(a.get("method") or "get").lower(),
            )
            self.forms.append(self._form)
            return
        if self._form is None or (tag != "option" and not a.get("name")):
            return
        if tag == "input":
            self._form.fields.append(
                Field(
                    name=a["name"],
                    tag="input",
                    type=a.get("type", "text").lower(),
                    value=a.get("value", ""),
                    checked="checked" in a,
                    attrs=a,
                )
            )
        elif tag == "textarea":
            self._textarea = Field(name=a["name"], tag="textarea", attrs=a)
            self._form.fields.append(self._textarea)
        elif tag == "select":
            self._select = Field(name=a["name"], tag="select", attrs=a)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None and "selected" in a:
            self._select.values.append(a.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            # The browser drops the one newline that follows <textarea>.
            self._textarea.value = self._textarea.value.removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


def forms_of(html: bytes | str, page_url: str) -> list[Form]:
    parser = _FormParser(page_url)
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return parser.forms


def post_forms_of(response, page_url: str) -> list[Form]:
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    return [f for f in forms_of(response.content, page_url) if f.method == "post"]


def action_name(form: Form) -> str | None:
    """The URL name a form posts to (None if it posts off the site or nowhere known)."""
    from urllib.parse import urlsplit

    from django.urls import Resolver404, resolve

    try:
        match = resolve(urlsplit(form.action).path)
    except Resolver404:
        return None
    return match.view_name


def writable_forms(response, page_url: str) -> list[Form]:
    """POST forms of a page, minus signing out (in every page's header)."""
    return [
        f
        for f in post_forms_of(response, page_url)
        if action_name(f) not in {*SKIPPED_NAMES, "admin:logout"}
    ]


def main_form(response, page_url: str) -> Form:
    """The page's own form (posting to the page itself), not the sign-out form in its header."""
    from urllib.parse import urlsplit

    forms = [f for f in post_forms_of(response, page_url) if urlsplit(f.action).path == page_url]
    assert forms, f"no form posting to {page_url}"
    return max(forms, key=lambda f: len(f.fields))


def field_errors(response, name: str) -> list[str]:
    """The errors a re-rendered form shows for the field posted as `name` (prefixes
    included, so an admin inline's `topics-0-title` is found too)."""
    from django.forms import BaseForm, BaseFormSet

    forms = []
    contexts = response.context if response.context is not None else []
    if not isinstance(contexts, list):
        contexts = [contexts]
    for context in contexts:
        values = list(context.flatten().values())
        values += [v for value in values if isinstance(value, list | tuple) for v in value]
        for value in values:
            value = getattr(value, "form", None) or getattr(value, "formset", None) or value
            if isinstance(value, BaseForm):
                forms.append(value)
            elif isinstance(value, BaseFormSet):
                forms.extend(value.forms)
    errors = []
    for form in forms:
        for field_name, messages in form.errors.items():
            if form.add_prefix(field_name) == name:
                errors.extend(messages)
    return errors


# Fields that take a format rather than free text: they get their own tests.
FORMATTED = re.compile(r"(email|time_zone|slug|url|token|password|_0$|_1$|-id$|^q$|__prefix__)")


def free_text_fields(form: Form) -> list[Field]:
    return [
        f
        for f in form.text_fields()
        if f.type not in {"email", "url"}
        and not FORMATTED.search(f.name)
        and not {"vDateField", "vTimeField"} & set(f.attrs.get("class", "").split())
        and not f.attrs.get("readonly")
    ]


def stored_somewhere(value: str) -> bool:
    """Whether any text column of the product holds exactly `value`."""
    from django.db.models import CharField, Q, TextField

    for model in apps.get_app_config("mediation").get_models():
        if model.__name__.startswith("Historical"):
            continue
        names = [
            f.name for f in model._meta.concrete_fields if isinstance(f, CharField | TextField)
        ]
        query = Q()
        for name in names:
            query |= Q(**{name: value})
        if names and model._base_manager.filter(query).exists():
            return True
    return False
