"""An htmx request after the sign-in expired loads the login page whole, not in a fragment."""

from django.test import Client
from django.urls import reverse


def test_an_expired_htmx_request_is_redirected_by_htmx_to_sign_in(session):
    client = Client()
    page = f"http://testserver{session.get_absolute_url()}"
    response = client.post(
        reverse("session_agenda_add", args=[session.pk]),
        {"title": "x", "duration_minutes": "5"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=page,
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"/accounts/login/?next={session.get_absolute_url()}"
    assert "Location" not in response
    assert b"<form" not in response.content


def test_the_query_of_the_page_is_kept(session):
    response = Client().get(
        reverse("session_invitation_search", args=[session.pk]),
        {"q": "kim"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/?page=2&past=3",
    )
    assert response["HX-Redirect"] == "/accounts/login/?next=/%3Fpage%3D2%26past%3D3"


def test_a_current_url_on_another_host_is_not_trusted(session):
    response = Client().get(
        reverse("session_invitation_search", args=[session.pk]),
        {"q": "kim"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="https://evil.example/phish",
    )
    search = reverse("session_invitation_search", args=[session.pk])
    assert response["HX-Redirect"] == f"/accounts/login/?next={search}%3Fq%3Dkim"


def test_without_the_header_the_request_path_is_used(session):
    response = Client().get(session.get_absolute_url(), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"] == f"/accounts/login/?next={session.get_absolute_url()}"


def test_ordinary_requests_keep_the_usual_redirect(session):
    response = Client().get(session.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={session.get_absolute_url()}"
    assert "HX-Redirect" not in response


def test_other_htmx_redirects_are_left_alone(session, facilitator_client):
    response = facilitator_client.post(
        reverse("session_agenda_add", args=[session.pk]),
        {"title": "x", "duration_minutes": "5"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "HX-Redirect" not in response
    response = Client().get("/admin/", HTTP_HX_REQUEST="true")  # the admin's own login
    assert response.status_code == 302
    assert "HX-Redirect" not in response
