"""The transfer log as a spreadsheet: one row per briefing and official briefed, then one
per contact not briefed yet.

Contacts are named as the log's reader may name them: a protected contact by pseudonym,
unless the reader may see identities in this log (the process's organizers, as on the
contact's own page), who read the name with the pseudonym beside it. The rows say which
protected contacts they named, for the read audit. Every cell goes through
`spreadsheets.csv_safe` when written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from mediation import access
from mediation.models import OfficialContact

from . import transfer


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _day(value) -> str:
    return value.isoformat() if value else ""


@dataclass
class LogTable:
    header: list[str]
    rows: list[list] = field(default_factory=list)
    # Protected contacts whose real name the rows hold.
    named: list[OfficialContact] = field(default_factory=list)


def header() -> list[str]:
    return [
        _("Date"),
        _("Who briefed"),
        _("Contact"),
        _("Identity protected"),
        _("Institution"),
        _("Role"),
        _("Country"),
        _("Relation to the process"),
        _("Channel"),
        _("Documents"),
        _("Topics"),
        _("Reception"),
        _("What came back"),
        _("When it came back"),
    ]


def log_table(can: access.OutcomeAccess) -> LogTable:
    """The whole log of `can.process`, in a fixed number of queries (five)."""
    named: dict = {}

    def name(contact: OfficialContact) -> str:
        if not contact.identity_protected:
            return contact.name
        if can.see_identities:
            named[contact.pk] = contact
            return f"{contact.name} ({contact.pseudonym})"
        return contact.pseudonym

    def contact_cells(contact: OfficialContact | None) -> list:
        if contact is None:
            return ["", "", "", "", "", ""]
        return [
            name(contact),
            _yes_no(contact.identity_protected),
            contact.institution,
            contact.role,
            contact.country,
            contact.get_relation_display(),
        ]

    table = LogTable(header=header())
    briefed = set()
    for briefing in transfer.briefings_of(can):
        contacts = list(briefing.contacts.all()) or [None]
        documents = "; ".join(d.title for d in briefing.documents.all())
        topics = "; ".join(t.title for t in briefing.topics.all())
        for contact in contacts:
            if contact is not None:
                briefed.add(contact.pk)
            table.rows.append(
                [
                    _day(briefing.briefed_on),
                    briefing.briefed_by,
                    *contact_cells(contact),
                    briefing.get_channel_display(),
                    documents,
                    topics,
                    briefing.get_reception_display(),
                    briefing.feedback,
                    _day(briefing.feedback_on),
                ]
            )
    for contact in transfer.contacts_of(can):
        if contact.pk not in briefed:
            table.rows.append(["", "", *contact_cells(contact), "", "", "", "", "", ""])
    table.named = list(named.values())
    return table


__all__ = ["LogTable", "header", "log_table"]
