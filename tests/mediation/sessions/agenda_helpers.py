"""What the agenda builder's tests share: its URLs, reading the agenda back, building one."""

import re

from django.contrib.messages import get_messages
from django.urls import reverse

from tests.factories import AgendaItemFactory

HTMX = {"HTTP_HX_REQUEST": "true"}


def add_url(session):
    return reverse("session_agenda_add", args=[session.pk])


def item_url(name, item):
    return reverse(name, args=[item.session_id, item.pk])


def reorder_url(session):
    return reverse("session_agenda_reorder", args=[session.pk])


def positions(session):
    return list(session.agenda_items.order_by("position").values_list("title", "position"))


def titles(session):
    return [title for title, _ in positions(session)]


def agenda_of(session, *names):
    return [
        AgendaItemFactory(session=session, position=i + 1, title=name, duration_minutes=30)
        for i, name in enumerate(names)
    ]


def described_by_error(content, field_id):
    """Whether the field's own tag points at its error message (aria-describedby)."""
    tag = re.search(rf'<(?:input|select|textarea)\b[^>]*\bid="{field_id}"[^>]*>', content)
    return (
        tag is not None
        and re.search(rf'aria-describedby="[^"]*\b{field_id}_error\b', tag.group(0)) is not None
    )


def message_texts(response):
    return [str(m) for m in get_messages(response.wsgi_request)]
