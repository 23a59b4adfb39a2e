"""Tabular inlines name each input of a row after its column, for screen readers (the
column header alone names nothing). The browser check with axe-core is in
tests/browser/test_admin_accessibility.py; this one needs no browser."""

import re

from django.urls import reverse

from tests.factories import AgendaItemFactory


def accessible_name(page: str, name: str) -> str | None:
    """The aria-label of the input, select or textarea called `name` on the page."""
    tag = re.search(rf'<(?:input|select|textarea)\b[^>]*\bname="{name}"[^>]*>', page)
    label = re.search(r'\baria-label="([^"]*)"', tag.group(0))
    return label and label.group(1)


def test_every_input_of_an_agenda_row_is_named_after_its_column(admin_client_, session):
    AgendaItemFactory(session=session, position=1, title="Opening")
    url = reverse("admin:mediation_dialoguesession_change", args=[session.pk])
    page = admin_client_.get(url).content.decode()
    names = {
        field: accessible_name(page, f"agenda_items-0-{field}")
        for field in ["title", "topic", "duration_minutes", "lead", "notes", "DELETE"]
    }
    # The position is shown, not typed (new items go to the end).
    assert 'name="agenda_items-0-position"' not in page
    assert names == {
        "title": "Title",
        "topic": "Topic",
        "duration_minutes": "Duration (minutes)",
        "lead": "Lead",
        "notes": "Notes",
        "DELETE": "Delete",
    }


def test_the_person_picker_of_an_invitation_row_is_named_too(admin_client_, session):
    url = reverse("admin:mediation_dialoguesession_change", args=[session.pk])
    page = admin_client_.get(url).content.decode()
    assert accessible_name(page, "invitations-0-participant") == "Participant"
    assert accessible_name(page, "invitations-0-side") == "Side"
