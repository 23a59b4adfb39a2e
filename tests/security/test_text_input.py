"""Text fields: what is typed is stored as typed and shown escaped, or refused with a message
next to the field. Never evaluated, never a 500, nothing half-saved.

Every free-text field of every form the personas can reach is tried: the product's pages
(discovered) and the admin's add and change forms of the dialogue models (as organizer).
Each kind of form once per page: the edit forms of the page's action items are one kind,
and a page shown again by another route (SAME_PAGE_AS) is tried where it is first shown.
- template syntax, control characters, a right-to-left override, script and event-handler
  payloads: stored literally, and no page shows them unescaped;
- a NUL byte, max_length + 1 characters: a form error on that field, nothing changed (NUL
  must be refused by the form: PostgreSQL cannot store it and would fail with a 500);
- 1 MB in a field without a limit: stored whole, or refused; never a 500.
"""

import contextlib
import re

import pytest
from django.contrib import admin
from django.urls import reverse

from .page_forms import (
    SAME_PAGE_AS,
    action_name,
    field_errors,
    form_kind,
    free_text_fields,
    main_form,
    stored_somewhere,
    writable_forms,
)
from .walker import assert_clean, changed_tables, discover, fill, snapshot

LITERAL = {
    "template": "{{ 7*7 }} {% debug %} {{ request.user.password }}",
    "script": (
        '<script>alert("xss")</script><img src=x onerror=alert(1)>'
        '<a href="JaVaScRiPt:alert(1)">x</a><svg onload=alert(1)>'
    ),
    "control": "ctl\x01\x02\x07\x1b[31m\x08end",
    "rtl": "name\u202egnp.exe",
}
UNESCAPED = [
    re.compile(r"<script>alert", re.IGNORECASE),
    re.compile(r"<img[^>]*onerror", re.IGNORECASE),
    re.compile(r"<svg[^>]*onload", re.IGNORECASE),
    # A real link is a tag: an escaped "&lt;a href=..." in text is harmless.
    re.compile(r"<a\b[^>]*href\s*=\s*[\"']?\s*javascript:", re.IGNORECASE),
    # What {% debug %} prints if a template evaluated the input.
    re.compile(r"\{'csrf_token'|sql_queries"),
]
MEGABYTE = "x" * 1_000_000

# The read audit and session records are read-only in the admin (no add, no change:
# tests/mediation/admin/test_admin_*.py, tests/mediation/people/test_kept_apart_*.py), and
# the two-factor console has no form but its action
# (tests/mediation/admin/test_admin_devices.py), so nobody types text into them there;
# records are attacked through the product's record page.
READ_ONLY_ADMINS = {
    "mediation.ReadEvent",
    "mediation.SessionRecord",
    "mediation.TwoFactorAccount",
    # Outcomes are written through their pages (mediation/outcomes/), attacked there.
    "mediation.Briefing",
    "mediation.OfficialContact",
    "mediation.OutcomeDocument",
}
ADMIN_MODELS = sorted(
    model._meta.label
    for model in admin.site._registry
    if model._meta.app_label == "mediation" and model._meta.label not in READ_ONLY_ADMINS
)
PRODUCT_ROUTES = discover()


def _assert_nothing_unescaped(response, what):
    html = response.content.decode(errors="replace")
    for pattern in UNESCAPED:
        assert not pattern.search(html), f"{what}: {pattern.pattern} found unescaped"


def _clip(value: str, max_length: int | None) -> str:
    return value[:max_length] if max_length else value


def _shown_pages(world):
    session = world["own"]["mediation.DialogueSession"]
    return [
        reverse("home"),
        session.get_absolute_url(),
        world["own"]["mediation.DialogueProcess"].get_absolute_url(),
    ]


class _Findings(list):
    """What went wrong, payload by payload: one failed payload does not hide the others."""

    @contextlib.contextmanager
    def attempt(self):
        try:
            yield
        except AssertionError as error:
            # The message names payload, field and page; the next line shows what differed.
            self.append("\n  ".join(line[:300] for line in str(error).splitlines()[:2]))

    def assert_none(self):
        assert not self, f"{len(self)} payload(s) mishandled:\n\n" + "\n\n".join(self)


class _PageForms:
    """The POST forms of `page_url` as `client` gets them: fetched once, and again only after
    a write (`writes` counts every accepted post of the test, whoever sent it).

    A refused post changes nothing (each attempt checks that), so the form it was refused on
    is as current as a new rendering would be; after an accepted post, a version number or a
    one-time submission token in it may be used up, so the page is fetched again.
    """

    def __init__(self, client, page_url: str, writes: list[int]):
        self.client, self.page_url, self.writes = client, page_url, writes
        self._forms, self._seen_at = [], None

    def all(self):
        if self._seen_at != self.writes[0]:
            self.seen(self.client.get(self.page_url))
        return self._forms

    def seen(self, response):
        """The page as `client` just got it: current until the next write."""
        self._forms = writable_forms(response, self.page_url)
        self._seen_at = self.writes[0]
        return response

    def current(self, form):
        """The form posting where `form` does, with the same fields, as the page shows it now."""
        names = sorted(f.name for f in form.fields)
        for candidate in self.all():
            if (
                candidate.action == form.action
                and sorted(f.name for f in candidate.fields) == names
            ):
                return candidate
        return form


def _attack_form(client, clients, world, page_url, form, *, literal_check, findings, page=None):
    """Every payload on `form` (found on `page_url`), posted by `client`; each mishandled
    payload is added to `findings`.

    With `page` (the page's `_PageForms`), each post sends the form as the page shows it
    now, so a version number or a one-time token in it is current: a stale one would be
    refused for that reason instead. Without, `form` is posted as it is.
    """
    writes = page.writes if page is not None else [0]

    def fresh():
        return page.current(form) if page is not None else form

    def get_page():
        response = client.get(page_url)
        return page.seen(response) if page is not None else response

    fields = free_text_fields(form)
    if not fields:
        return

    for label, payload in LITERAL.items():
        with findings.attempt():
            sent = {f.name: _clip(payload, f.max_length) for f in fields}
            before = snapshot()
            response = client.post(form.action, fresh().data(**sent))
            what = f"{label} payload on {page_url}"
            assert_clean(response, what)
            _assert_nothing_unescaped(response, what)
            if response.status_code >= 400 or response.status_code == 200:
                assert changed_tables(before, snapshot()) == [], what
                continue
            writes[0] += 1
            literal_check(sent, what)
            if label not in {"template", "script"}:
                continue
            _assert_nothing_unescaped(get_page(), f"{what}, then the form's page")
            for url in _shown_pages(world):
                for persona in ("organizer", "participant"):
                    _assert_nothing_unescaped(clients[persona].get(url), f"{what}, then {url}")

    for f in fields:
        attempts = [("NUL byte", "before\x00after")]
        if f.max_length:
            attempts.append(("max_length + 1", "y" * (f.max_length + 1)))
        else:
            attempts.append(("1 MB", MEGABYTE))
        for label, value in attempts:
            with findings.attempt():
                before = snapshot()
                response = client.post(form.action, fresh().data(**{f.name: value}))
                what = f"{label} in {f.name} on {page_url}"
                assert_clean(response, what)
                if label == "1 MB" and response.status_code == 302:
                    writes[0] += 1
                    assert stored_somewhere(value), f"{what}: accepted but not stored whole"
                    continue
                assert response.status_code in {200, 400}, what
                assert changed_tables(before, snapshot()) == [], what
                if response.status_code == 200:
                    assert field_errors(response, f.name), f"{what}: no error next to the field"


@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_admin_change_forms_store_text_literally_and_refuse_bad_text(
    label, world, clients, organizer_client
):
    obj = world["own"][label]
    model = type(obj)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])

    def literal_check(sent, what):
        page = organizer_client.get(url)
        _assert_nothing_unescaped(page, what)
        shown = {f.name: f.value for f in main_form(page, url).fields}
        for name, value in sent.items():
            assert shown[name] == value, f"{what}: {name} stored or shown differently"

    form = main_form(organizer_client.get(url), url)
    findings = _Findings()
    _attack_form(
        organizer_client, clients, world, url, form, literal_check=literal_check, findings=findings
    )
    findings.assert_none()


@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_admin_add_forms_refuse_nul_bytes_and_over_long_text(label, world, organizer_client):
    model = type(world["own"][label])
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    form = main_form(organizer_client.get(url), url)
    findings = _Findings()
    for f in free_text_fields(form):
        attempts = [("before\x00after", "NUL byte")]
        if f.max_length:
            attempts.append(("y" * (f.max_length + 1), "max_length + 1"))
        for value, what in attempts:
            with findings.attempt():
                before = snapshot()
                response = organizer_client.post(url, form.data(**{f.name: value}))
                assert_clean(response, f"{what} in {f.name}")
                assert response.status_code == 200, f"{what} in {f.name}"
                assert field_errors(response, f.name), f"{what} in {f.name}: no error next to it"
                assert changed_tables(before, snapshot()) == [], f"{what} in {f.name}"
    findings.assert_none()


@pytest.mark.parametrize("route", PRODUCT_ROUTES, ids=str)
def test_product_forms_store_text_literally_and_refuse_bad_text(route, world, clients):
    url = fill(route, world, ["own"])

    def literal_check(sent, what):
        for name, value in sent.items():
            assert stored_somewhere(value), f"{what}: {name} not stored as typed"

    findings = _Findings()
    writes = [0]
    attacked = set()
    for persona in ("organizer", "facilitator", "participant"):
        page = _PageForms(clients[persona], url, writes)
        for form in page.all():
            # One form of each kind, as the first persona offered it (the same view reads
            # the edit form of every action item, whoever posts it).
            kind = form_kind(form)
            if kind in attacked:
                continue
            attacked.add(kind)
            if route.name in SAME_PAGE_AS and action_name(form) != route.name:
                continue
            _attack_form(
                clients[persona],
                clients,
                world,
                url,
                form,
                literal_check=literal_check,
                findings=findings,
                page=page,
            )
    findings.assert_none()


@pytest.mark.parametrize(("name", "same_as"), SAME_PAGE_AS.items())
def test_each_route_named_the_same_page_is_that_page(name, same_as, world, clients):
    """What lets the test above leave their other forms to `same_as`'s test: to each
    persona who gets the page, it is `same_as`'s template offering the same kinds of text
    form (and its own) that `same_as`'s page offers."""
    (route,) = [r for r in PRODUCT_ROUTES if r.name == name]
    (other,) = [r for r in PRODUCT_ROUTES if r.name == same_as]
    url, other_url = fill(route, world, ["own"]), fill(other, world, ["own"])

    def text_form_kinds(response, page_url):
        return {
            form_kind(f)
            for f in writable_forms(response, page_url)
            if free_text_fields(f) and action_name(f) != name
        }

    seen = 0
    for persona in ("organizer", "facilitator", "participant"):
        page = clients[persona].get(url)
        if page.status_code != 200:
            continue
        seen += 1
        other_page = clients[persona].get(other_url)
        assert other_page.status_code == 200, persona
        assert page.templates[0].name == other_page.templates[0].name, persona
        assert text_form_kinds(page, url) == text_form_kinds(other_page, other_url), persona
    assert seen, f"nobody opens {name}: nothing to compare"


def test_the_suite_reaches_the_admin_forms_it_claims_to():
    """If the admin stopped registering the dialogue models, the tests above would pass
    by trying nothing."""
    assert {
        "mediation.DialogueSession",
        "mediation.ActionItem",
        "mediation.Participant",
    } <= set(ADMIN_MODELS)


def _form_classes():
    """Every form class the product defines (forms modules, views, admin), found by import."""
    import importlib
    import pkgutil

    from django import forms

    import glossary
    import mediation

    for package in (mediation, glossary):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if ".migrations" in info.name or ".management" in info.name:
                continue
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                if (
                    isinstance(value, type)
                    and issubclass(value, forms.BaseForm)
                    and value.__module__ == info.name
                ):
                    yield value


def test_every_text_field_of_every_form_refuses_nul_bytes(db):
    """A form field taking text without Django's NUL check would let a NUL reach
    PostgreSQL (a DataError, a 500). forms.CharField and its subclasses carry the check."""
    from django.core.validators import ProhibitNullCharactersValidator
    from django.forms import CharField, ModelChoiceField, MultipleChoiceField

    checked = 0
    for form_class in _form_classes():
        try:
            fields = form_class.base_fields
        except AttributeError:
            continue
        for name, field in fields.items():
            if isinstance(field, ModelChoiceField | MultipleChoiceField):
                continue
            if isinstance(field, CharField):
                checked += 1
                assert any(
                    isinstance(v, ProhibitNullCharactersValidator) for v in field.validators
                ), f"{form_class.__module__}.{form_class.__name__}.{name}"
    assert checked, "no text field found: the search above is broken"
