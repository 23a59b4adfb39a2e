"""Exports for the team: documents that leave the product, so each asks confidentiality.py
how to name people, is logged in the read audit, and is never cached."""

import csv
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from mediation import access, audit
from mediation.confidentiality import Audience, Content, disclosure_for
from mediation.spreadsheets import csv_safe


@require_GET
@login_required
@never_cache
def session_attendance_export(request: HttpRequest, session_id: UUID) -> HttpResponse:
    """Who was invited, in what role and side, their answer and attendance, as CSV.

    Names follow the EXPORT audience: only people who consented to be named appear by
    name (protected people by pseudonym); everyone else is "Participant (not named)".
    """
    session = access.open_session(request.user, session_id, edit=True).session
    invitations = list(
        session.invitations.select_related("participant", "side").order_by(
            "role", "participant__name"
        )
    )
    disclosure = disclosure_for(
        session, Audience.EXPORT, participants=[i.participant for i in invitations]
    )
    may_name = disclosure.allows(Content.ATTENDEES)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    # The file name says nothing about the session: its title may be confidential.
    response["Content-Disposition"] = (
        f'attachment; filename="attendance-{session.starts_at:%Y-%m-%d}.csv"'
    )
    # A byte-order mark first: without it Excel and LibreOffice's default import read the
    # file in a legacy code page, and "José Núñez" or any Arabic or Korean name comes out
    # garbled. Every CSV reader that knows UTF-8 skips it.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([_("Name"), _("Role"), _("Side"), _("Answer"), _("Attended")])
    not_named = _("Participant (not named)")
    for invitation in invitations:
        name = disclosure.name_of(invitation.participant) if may_name else None
        attended = {True: _("yes"), False: _("no"), None: ""}[invitation.attended]
        writer.writerow(
            [
                csv_safe(name or not_named),
                csv_safe(invitation.get_role_display()),
                csv_safe(invitation.side.name if invitation.side else ""),
                csv_safe(invitation.get_response_display()),
                attended,
            ]
        )
    audit.export_read(request.user, session)
    return response
