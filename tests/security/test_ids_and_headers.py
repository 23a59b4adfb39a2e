"""Ids, query parameters, headers and request sizes an attacker controls.

- non-numeric, huge or malformed ids where a UUID belongs: 404, never 500;
- page numbers and search terms that are junk, negative, huge or hold a NUL byte: the page
  (clamped to a real page) or a 404;
- an unknown Host header: 400 in the product's layout, no traceback;
- too many form fields or too big a body: 400;
- newlines in names that end up in email headers: never in a header, never a 500.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.test.client import BOUNDARY, encode_multipart
from django.urls import reverse

from tests.factories import PASSWORD

from .page_forms import writable_forms
from .walker import assert_clean, changed_tables, discover, fill, snapshot

ROUTES = discover()
BAD_IDS = [
    "1",
    "-1",
    "99999999999999999999999999999999",
    "abc",
    "00000000000000000000000000000000",  # a UUID without dashes: not the URL form
    "00000000-0000-0000-0000-00000000000g",
    "%00",
    "..%2F..%2Fetc%2Fpasswd",
    # Upper case is not the URL form either (MISSING itself has no letters to change).
    "ABCDEF00-0000-4000-8000-0000000000AB",
]
BAD_QUERIES = [
    "page=999999999999999999999",
    "page=-1",
    "page=abc",
    "page=1&page=2&past=-5",
    "past=999999999999999999999",
    "q=" + "a" * 5000,
    "q=%FF%FE",
    "terms=" + "&terms=".join(str(n) for n in range(50)),
]
# NUL bytes in the query string are refused before any view: see the tests further down.


@pytest.mark.parametrize("route", [r for r in ROUTES if r.uuid_params], ids=str)
def test_malformed_ids_are_not_found(route, world, clients):
    own = fill(route, world, ["own"])
    real = str(world["own"][next(iter(world["own"]))].pk)
    for bad in BAD_IDS:
        for param in route.uuid_params:
            pattern = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
            urls = [pattern.sub(bad, own, count=1), pattern.sub(bad, own)]
            for url in urls:
                # Refused by the URL resolver, before any view: one persona is enough.
                for persona in ("organizer",):
                    response = clients[persona].get(url)
                    assert_clean(response, f"{persona} {url} ({param})")
                    # 400 for a NUL byte (config/middleware.py), 404 for anything else.
                    assert response.status_code in {400, 404}, f"{persona} {url}"
                    if "%00" not in bad:
                        assert response.status_code == 404, f"{persona} {url}"
    assert real  # the world had objects to build the URLs from


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_junk_in_query_parameters_gets_a_page_or_a_404(route, world, clients):
    url = fill(route, world, ["own"])
    for persona in ("organizer",):
        plain = clients[persona].get(url).status_code
        for query in BAD_QUERIES:
            response = clients[persona].get(f"{url}?{query}")
            assert_clean(response, f"{persona} {url}?{query[:40]}")
            assert response.status_code in {plain, 400, 404}, f"{persona} {url}?{query[:40]}"


def test_a_huge_page_number_shows_the_last_page(organizer_client, world):
    response = organizer_client.get(reverse("process_list") + "?page=999999999999999999999")
    assert response.status_code == 200
    assert world["own"]["mediation.DialogueProcess"].title in response.content.decode()


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/health/", "/glossary/", "/admin/"])
@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost:99999x"])
def test_an_unknown_host_is_refused(db, path, host):
    response = Client().get(path, HTTP_HOST=host)
    assert response.status_code == 400
    assert_clean(response, f"{host}{path}")
    assert "Bad request" in response.content.decode()
    assert host not in response.content.decode()


def test_the_allowed_hosts_do_not_include_a_wildcard():
    assert "*" not in settings.ALLOWED_HOSTS


def test_too_many_form_fields_are_refused(participant):
    data = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    before = snapshot()
    response = Client().post(
        reverse("login"), {**data, "username": "participant", "password": PASSWORD}
    )
    assert response.status_code == 400
    assert_clean(response, "too many fields")
    assert changed_tables(before, snapshot()) == []


def test_an_oversized_body_is_refused(participant):
    before = snapshot()
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = Client().post(
        reverse("login"),
        f"username=participant&password={PASSWORD}&pad={big}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400
    assert_clean(response, "oversized body")
    assert changed_tables(before, snapshot()) == []


def test_an_oversized_admin_form_is_refused(world, organizer_client):
    session = world["own"]["mediation.DialogueSession"]
    url = reverse("admin:mediation_dialoguesession_change", args=[session.pk])
    data = {f"f{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    before = snapshot()
    response = organizer_client.post(url, data)
    assert response.status_code == 400
    assert changed_tables(before, snapshot()) == []


# One field more than Django accepts, encoded once (the test client would encode the same
# multipart body again for every post). The content type is the client's own, spelled out
# anew, so that the client sends these bytes as they are.
TOO_MANY_FIELDS = encode_multipart(
    BOUNDARY, {f"f{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
)
TOO_MANY_FIELDS_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_too_many_fields_never_break_a_page(route, world, clients):
    url = fill(route, world, ["own"])
    for persona in ("organizer", "participant"):
        before = snapshot()
        response = clients[persona].post(url, TOO_MANY_FIELDS, content_type=TOO_MANY_FIELDS_TYPE)
        print("STATUS", response.status_code, url)
        assert_clean(response, f"{persona} {url}")
        if response.status_code != 302:
            assert changed_tables(before, snapshot()) == [], url


# --- Newlines in names that reach email headers -----------------------------------------

EVIL = "Evil\r\nBcc: x@evil.example"
SENDS_MAIL = re.compile(
    r"send_mail|send_mass_mail|EmailMessage|EmailMultiAlternatives|mail_admins|mail_managers"
)


def _code_that_sends_mail() -> list[Path]:
    found = []
    for app in ("mediation", "glossary", "config"):
        for path in sorted((Path(settings.BASE_DIR) / app).rglob("*.py")):
            if "migrations" not in path.parts and SENDS_MAIL.search(path.read_text()):
                found.append(path)
    return found


def _poison_names(world):
    for kind in ("own", "foreign"):
        objects = world[kind]
        participant = objects["mediation.Participant"]
        participant.name = f"{EVIL} {participant.name}"
        participant.save()
        session = objects["mediation.DialogueSession"]
        session.title = f"{EVIL} title"
        session.public_title = f"{EVIL} public"
        session.save()
        process = objects["mediation.DialogueProcess"]
        process.title = f"{EVIL} process"
        process.save()
    for user in world["users"].values():
        user.first_name = EVIL
        user.last_name = EVIL
        user.save()


def _assert_headers_clean(message, where):
    built = message.message()
    for name, value in built.items():
        assert "\n" not in str(value) and "\r" not in str(value), f"{where}: {name} header"
    assert not any("evil.example" in r for r in message.recipients()), f"{where}: recipients"


def test_newlines_in_names_never_reach_an_email_header(world, clients, settings):
    senders = _code_that_sends_mail()
    assert senders, "the invitation and reminder emails are sent from mediation/"
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    _poison_names(world)
    mail.outbox = []
    tried = []
    for route in ROUTES:
        url = fill(route, world, ["own"])
        for persona in ("organizer", "facilitator", "participant"):
            for form in writable_forms(clients[persona].get(url), url):
                response = clients[persona].post(form.action, form.data())
                assert_clean(response, f"{persona} posting {form.action}")
                tried.append(form.action)
    commands = Path(settings.BASE_DIR) / "mediation" / "management" / "commands"
    for path in sorted(commands.glob("*.py")):
        if SENDS_MAIL.search(path.read_text()) or "mail" in path.stem or "remind" in path.stem:
            try:
                call_command(path.stem, verbosity=0)
                tried.append(path.stem)
            except (CommandError, SystemExit):
                pass  # needs arguments this test cannot guess
    for message in mail.outbox:
        _assert_headers_clean(message, message.subject[:60])
    assert mail.outbox, (
        f"{', '.join(str(p) for p in senders)} send email, but nothing this test triggers "
        f"({len(tried)} forms and commands) sent any: add the trigger here"
    )


# --- NUL bytes outside forms ------------------------------------------------------------
# Forms refuse NUL with a message (Django's ProhibitNullCharactersValidator). Anything read
# straight from the request (search terms, cookies, headers written to the audit trail)
# never reaches a form: on PostgreSQL a NUL there would be a DataError, a 500.


@pytest.mark.parametrize(
    "path",
    [
        "/glossary/?q=peace%00",
        "/glossary/compare/?terms=track-ii%00&terms=x",
        "/admin/mediation/dialoguesession/?q=%00",
        "/admin/mediation/participant/?q=a%00b",
        "/admin/mediation/participant/autocomplete/?term=%00",
        "/?page=%00",
        "/%00/",
        "/sessions/%00/",
    ],
)
def test_a_nul_byte_in_the_address_is_a_clean_refusal(organizer_client, path):
    response = organizer_client.get(path)
    assert_clean(response, path)
    assert response.status_code in {200, 302, 400, 404}, path


@pytest.mark.parametrize("cookie", ["sessionid", "csrftoken", "django_language"])
def test_a_nul_byte_in_a_cookie_is_a_clean_refusal(db, cookie):
    raw = {"HTTP_COOKIE": f"{cookie}=abcdefgh\x00ijklmnopqrstuvwxyz012345"}
    client = Client()
    for response in (client.get(reverse("home"), **raw), client.post(reverse("login"), {}, **raw)):
        assert_clean(response, cookie)
        assert response.status_code == 400


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_USER_AGENT": "Mozilla\x00/5.0"},
        {"HTTP_X_FORWARDED_FOR": "10.0.0.1\x00"},
        {"HTTP_ACCEPT_LANGUAGE": "fr\x00"},
        {"HTTP_REFERER": "http://testserver/\x00"},
    ],
)
def test_a_nul_byte_in_a_header_of_a_failed_sign_in_is_a_clean_refusal(participant, headers):
    before = snapshot()
    response = Client().post(
        reverse("login"), {"username": "participant", "password": "wrong-password!"}, **headers
    )
    assert_clean(response, str(headers))
    assert response.status_code in {200, 400}
    assert changed_tables(before, snapshot()) == []


@pytest.mark.parametrize(
    "data",
    [
        {"username": "participant\x00", "password": PASSWORD},
        {"username": "participant", "password": PASSWORD + "\x00"},
        {"username": "\x00", "password": "\x00"},
    ],
)
def test_a_nul_byte_in_the_sign_in_form_is_a_form_error(participant, data):
    before = snapshot()
    client = Client()
    response = client.post(reverse("login"), data)
    assert_clean(response, repr(data))
    assert response.status_code in {200, 400}
    assert "_auth_user_id" not in client.session
    assert changed_tables(before, snapshot()) == []
