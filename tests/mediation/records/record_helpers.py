"""What the session record's tests share: the editor's URL and a full save of its form."""

from django.urls import reverse

HTMX = {"HTTP_HX_REQUEST": "true"}


def edit_url(session):
    return reverse("session_record_edit", args=[session.pk])


def record_post(version=1, **extra):
    return {
        "version": version,
        "internal_notes": "Room felt tense.",
        "summary": "Participants explored options.",
        "outcomes": "A working group.",
        **extra,
    }
