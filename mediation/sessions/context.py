"""The session page's context: built once per request, for the page and its sections."""

from __future__ import annotations

from django.utils import timezone

from mediation.models import DialogueSession, Invitation

from . import planning, selectors
from .forms import AgendaItemForm, InvitationAddForm, InvitationForm


def agenda_form(workspace: planning.Workspace, data=None, **kwargs) -> AgendaItemForm:
    kwargs.setdefault("auto_id", "agenda-new-%s")
    return AgendaItemForm(data, topics=workspace.topics, leads=workspace.leads, **kwargs)


def invitation_form(
    session: DialogueSession, invitation: Invitation, workspace: planning.Workspace, data=None
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
    workspace: planning.Workspace,
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
