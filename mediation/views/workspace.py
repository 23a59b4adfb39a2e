"""The forms the team plans a session with, built for the session page and its fragments.

The session page, and every fragment the agenda builder and the invitation panel send back,
are rendered from the same context, so a fragment always looks like its part of the page.
Forms are built from lists the page already holds: many forms cost no extra query.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone

from mediation import selectors
from mediation.forms import AgendaItemForm, InvitationAddForm, InvitationForm
from mediation.models import DialogueSession, Invitation


def agenda_form(workspace: selectors.Workspace, data=None, **kwargs) -> AgendaItemForm:
    kwargs.setdefault("auto_id", "agenda-new-%s")
    return AgendaItemForm(data, topics=workspace.topics, leads=workspace.leads, **kwargs)


def invitation_form(
    session: DialogueSession, invitation: Invitation, workspace: selectors.Workspace, data=None
) -> InvitationForm:
    return InvitationForm(
        data,
        invitation=invitation,
        sides=workspace.sides,
        has_started=session.starts_at <= timezone.now(),
    )


def editor_context(
    session: DialogueSession,
    page: selectors.SessionPage,
    workspace: selectors.Workspace,
    *,
    bound_agenda_form: AgendaItemForm | None = None,
    bound_invitation_form: InvitationForm | None = None,
) -> dict:
    rows = []
    for invitation in page.invitations:
        form = bound_invitation_form
        if form is None or form.invitation.pk != invitation.pk:
            form = invitation_form(session, invitation, workspace)
        rows.append((invitation, form))
    return {
        "workspace": workspace,
        "agenda_form": bound_agenda_form or agenda_form(workspace),
        "invitation_rows": rows,
        "invite_form": InvitationAddForm(auto_id="invite-%s"),
    }


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal beside the field it names, or above the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)
