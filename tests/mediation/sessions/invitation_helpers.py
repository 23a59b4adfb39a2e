"""What the invitation tests share: the search, the invitation URLs, a session under way."""

from datetime import timedelta

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

HTMX = {"HTTP_HX_REQUEST": "true"}


def search(client, session, q, **headers):
    return client.get(reverse("session_invitation_search", args=[session.pk]), {"q": q}, **headers)


def add_url(session):
    return reverse("session_invitation_add", args=[session.pk])


def update_url(invitation):
    return reverse("session_invitation_update", args=[invitation.session_id, invitation.pk])


def remove_url(invitation):
    return reverse("session_invitation_remove", args=[invitation.session_id, invitation.pk])


def message_texts(response):
    return " ".join(str(m) for m in get_messages(response.wsgi_request))


def start_session(session, hours_ago=1):
    session.starts_at = timezone.now() - timedelta(hours=hours_ago)
    session.ends_at = session.starts_at + timedelta(hours=3)
    session.save()
