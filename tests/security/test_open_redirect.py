"""Open redirects: `next` on sign-in and sign-out only ever leads back into the product.

Browsers read a backslash as a slash and ignore tabs and newlines inside URLs, so each of
these would leave the site if it were followed as given.
"""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

EVIL = [
    "https://evil.example/steal",
    "//evil.example",
    "///evil.example",
    "////evil.example",
    "https:evil.example",
    "https:/evil.example",
    "http:\\\\evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "\\/evil.example",
    "/\\/evil.example",
    " //evil.example",
    "\t//evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "%2F%2Fevil.example",
    "/%2F%2Fevil.example",
    "%2F%5Cevil.example",
    "/%5Cevil.example",
    "https%3A%2F%2Fevil.example",
    "%68ttps://evil.example",
    "https://evil.example@testserver.evil.example",
    "https://testserver@evil.example",
    "https://testserver.evil.example",
    "http://[::1]:80@evil.example",
    "\x00//evil.example",
    "/\x00/evil.example",
    "https://evil。example",
]


def _stays_here(location: str) -> bool:
    """Whether a browser following `location` stays on this site.

    Done as a browser does (WHATWG URL parsing): leading and trailing control characters
    and spaces dropped, tabs and newlines removed, backslashes read as slashes. Percent
    escapes are not decoded: "%2F%2Fevil.example" is a path on this site.
    """
    cleaned = location.strip("".join(chr(c) for c in range(0x21)))
    cleaned = "".join(ch for ch in cleaned if ch not in "\t\n\r").replace("\\", "/")
    parts = urlsplit(cleaned)
    if parts.scheme and parts.scheme.lower() not in {"http", "https"}:
        return False
    if parts.netloc and parts.netloc != "testserver":
        return False
    return not cleaned.startswith("//") and not (parts.scheme and not parts.netloc)


def _next_on_page(html: str) -> str:
    match = re.search(r'name="next" value="([^"]*)"', html)
    return unescape(match[1]) if match else ""


@pytest.mark.parametrize("target", EVIL)
def test_sign_in_never_sends_anyone_off_site(participant, target):
    client = Client()
    response = client.post(
        reverse("login"), {"username": "participant", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert _stays_here(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", EVIL)
def test_the_sign_in_page_does_not_carry_an_off_site_next(db, target):
    page = Client().get(reverse("login"), {"next": target})
    if "\x00" in target:  # refused before any view (config/middleware.py)
        assert page.status_code == 400
        return
    assert page.status_code == 200
    html = page.content.decode()
    assert _stays_here(_next_on_page(html)), _next_on_page(html)
    assert "javascript:" not in html.lower()


@pytest.mark.parametrize("target", EVIL)
def test_a_signed_in_visitor_on_the_sign_in_page_stays_here(participant_client, target):
    response = participant_client.get(reverse("login"), {"next": target})
    if "\x00" in target:
        assert response.status_code == 400
        return
    assert response.status_code == 302
    assert _stays_here(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", EVIL)
def test_sign_out_never_sends_anyone_off_site(participant_client, target):
    response = participant_client.post(reverse("logout"), {"next": target})
    assert response.status_code == 302
    assert _stays_here(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", ["/sessions/", "/glossary/"])
def test_sign_in_follows_a_next_inside_the_product(participant, target):
    """The control: a legitimate `next` is still honoured."""
    response = Client().post(
        reverse("login"), {"username": "participant", "password": PASSWORD, "next": target}
    )
    assert response["Location"] == target


def test_the_safety_check_itself_catches_what_it_should():
    assert not _stays_here("//evil.example")
    assert not _stays_here("/\\evil.example")
    assert not _stays_here("https:evil.example")
    assert not _stays_here("\t//evil.example")
    assert not _stays_here("JavaScript:alert(1)")
    assert _stays_here("/sessions/")
    assert _stays_here("%2F%2Fevil.example")  # a path on this site
