"""The session page's context: the one builder of the page and of each of its sections.

A request that opens a session gets what the viewer may do there once
(`access.open_session`), then builds this object once. Every section view follows one
protocol (`SessionPageContext.render` and `.done`):

- htmx: the section's fragment, `mediation/session/_<section>.html#<section>`, followed by
  the messages out of band (`mediation.fragments`);
- a plain POST that wrote: a redirect to the page at the section's anchor, the message kept
  for the next page;
- bad input, either way: the section (htmx) or the whole page with every form, the bound one
  keeping what was typed, at status 200.

The read audit of what a response shows is written here, once per rendered response.
"""

from __future__ import annotations

from functools import cached_property
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.core.paginator import Page, Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from mediation import access, audit, confidentiality
from mediation.fragments import render_region
from mediation.models import ActionItem, Invitation, SessionRecord
from mediation.notifications import emails
from mediation.records.forms import ActionItemAddForm, ActionItemForm
from mediation.records.selectors import record_items

from . import planning, selectors
from .forms import AgendaItemForm, InvitationForm

PAGE = "mediation/session_detail.html"
SECTIONS = ("agenda", "invitations", "record", "actions")

# The invitation table shows a page of rows: its size and time stay the same with 15 or
# 150 invitees. The page is named by `?invitations=N` (a GET, or a field of a row's form
# so that a write comes back to the same page).
INVITATIONS_PER_PAGE = 25
INVITATIONS_PAGE = "invitations"
# The header names this many of the invitees who cannot be emailed; `?not_emailed=all`
# names them all.
NOT_EMAILED_SHOWN = 5
NOT_EMAILED_ALL = "not_emailed"


def section_template(section: str) -> str:
    return f"mediation/session/_{section}.html"


class SessionPageContext:
    """What the session page and its sections render from, for one request.

    Its parts are computed when first needed and once: a view validates a form against
    `workspace` and re-renders with the same objects.
    """

    def __init__(self, request, can: access.SessionAccess):
        self.request = request
        self.user = request.user
        self.can = can
        self.session = can.session

    @classmethod
    def open(cls, request, session_id, *, edit: bool = False) -> SessionPageContext:
        """For the session the URL names: a 404 if the user may not see it, a 403 if `edit`
        is asked of someone who may not edit it."""
        return cls(request, access.open_session(request.user, session_id, edit=edit))

    @cached_property
    def page(self) -> selectors.SessionPage:
        return selectors.session_page(self.user, self.can)

    @cached_property
    def workspace(self) -> planning.Workspace | None:
        """The team's planning choices; None for anyone who may not edit the session."""
        if not self.can.edit:
            return None
        return planning.session_workspace(self.user, self.can, self.page)

    @cached_property
    def may_record(self) -> bool:
        return confidentiality.may_record(self.session)

    # --- Forms, built from lists fetched once: many forms cost no extra query -------------

    def agenda_form(self, data=None, **kwargs) -> AgendaItemForm:
        kwargs.setdefault("auto_id", "agenda-new-%s")
        workspace = self.workspace
        return AgendaItemForm(data, topics=workspace.topics, leads=workspace.leads, **kwargs)

    def invitation_form(self, invitation: Invitation, data=None) -> InvitationForm:
        return InvitationForm(
            data,
            invitation=invitation,
            sides=self.workspace.sides,
            has_started=self.session.starts_at <= timezone.now(),
        )

    @cached_property
    def _action_choices(self) -> tuple[list, list]:
        # Anyone invited may own an action; topics are those the team may read of.
        owners = sorted(self.workspace.leads, key=lambda person: person.name)
        return owners, self.workspace.topics

    def action_add_form(self, data=None) -> ActionItemAddForm:
        owners, topics = self._action_choices
        return ActionItemAddForm(data, owners=owners, topics=topics)

    def action_form(self, action: ActionItem, data=None) -> ActionItemForm:
        owners, topics = self._action_choices
        return ActionItemForm.for_action(action, owners=owners, topics=topics, data=data)

    # --- The context ----------------------------------------------------------------------

    def context(
        self,
        *,
        agenda_form: AgendaItemForm | None = None,
        invitation_form: InvitationForm | None = None,
        action_add_form: ActionItemAddForm | None = None,
        action_form: ActionItemForm | None = None,
        **extra,
    ) -> dict:
        """The page's context, with any bound form in place of its blank one."""
        page, can = self.page, self.can
        context = {
            "page": page,
            "session": self.session,
            "can": can,
            "may_record": self.may_record,
            "record_rows": [],
            "action_rows": [],
            "can_reopen": False,
        }
        if can.edit:
            context.update(
                self._editor_context(agenda_form, invitation_form, action_add_form, action_form)
            )
        context.update(extra)
        return context

    def _editor_context(self, agenda_form, invitation_form, action_add_form, action_form):
        page = self.page
        invitations = self.invitation_page(
            invitation_form.invitation if invitation_form is not None else None
        )
        record = page.record if self.may_record else None
        record_rows = []
        if record is not None:
            existing = record_items(record)
            record_rows = [(slot.item, existing.get(slot.item.pk)) for slot in page.schedule]
        return {
            "workspace": self.workspace,
            "agenda_form": agenda_form or self.agenda_form(),
            # One page of rows, and one form at most, for the row being changed: a bound
            # form per row, then a row per invitee, made the page grow with the invitees.
            "invitation_page": invitations,
            "invitation_rows": [
                (
                    invitation,
                    invitation_form
                    if invitation_form is not None
                    and invitation_form.invitation.pk == invitation.pk
                    else None,
                )
                for invitation in invitations
            ],
            # Called by the template only where it shows them (the page's header).
            "not_emailed": self._not_emailed_shown,
            "record_rows": record_rows,
            "can_reopen": record is not None
            and record.state == SessionRecord.State.LOCKED
            and self.can.administer_process,
            "action_add_form": action_add_form or self.action_add_form(),
            "action_rows": [
                (
                    action,
                    action_form
                    if action_form is not None and action_form.action.pk == action.pk
                    else self.action_form(action),
                )
                for action in page.actions
            ],
        }

    def invitation_page(self, open_invitation: Invitation | None = None) -> Page:
        """The page of the invitation table to show: the one holding the row whose form is
        open, else the one asked for; past the end, the last; not a number, the first."""
        invitations = self.page.invitations
        paginator = Paginator(invitations, INVITATIONS_PER_PAGE)
        if open_invitation is not None:
            index = next((n for n, i in enumerate(invitations) if i.pk == open_invitation.pk), 0)
            return paginator.get_page(index // INVITATIONS_PER_PAGE + 1)
        return paginator.get_page(self._asked_invitations_page())

    def _asked_invitations_page(self) -> str | None:
        request = self.request
        asked = request.GET.get(INVITATIONS_PAGE)
        if asked is None and request.method == "POST":
            try:
                asked = request.POST.get(INVITATIONS_PAGE)
            except SuspiciousOperation:
                # A body Django refuses to parse (too many fields): the write the view made
                # without reading it stands; the table shows its first page.
                return None
        return asked

    def _not_emailed(self) -> list[tuple[Invitation, str]]:
        """The invitations not emailed yet whose person cannot be, and why."""
        pending = [i for i in self.page.invitations if i.invited_at is None]
        reasons = emails.not_emailable(self.session, [i.participant for i in pending])
        return [(i, reasons[i.participant_id]) for i in pending if i.participant_id in reasons]

    def _not_emailed_shown(self) -> dict | None:
        """Who cannot be emailed, as the header shows them: how many, and the first few
        (all of them when the page is asked `?not_emailed=all`)."""
        rows = self._not_emailed()
        if not rows:
            return None
        everyone = self.request.GET.get(NOT_EMAILED_ALL) == "all"
        return {
            "count": len(rows),
            "rows": rows if everyone else rows[:NOT_EMAILED_SHOWN],
            "more": 0 if everyone else max(len(rows) - NOT_EMAILED_SHOWN, 0),
        }

    def _audit(self, section: str | None) -> None:
        """Leave the read traces of what this response shows: the record's notes (the whole
        page, or its record section) and protected people's real names (the whole page, or
        the invitation table read alone)."""
        page, can = self.page, self.can
        if can.edit and section in (None, "record"):
            audit.record_read(self.user, page.record)
        # The whole page, or a page of the invitation table asked for (its pager, a row's
        # form): both show names.
        shows_names = section is None or (
            section == INVITATIONS_PAGE and self.request.method == "GET"
        )
        if (
            shows_names
            and can.see_identities
            and any(i.participant.identity_protected for i in page.invitations)
        ):
            audit.session_identities_read(self.user, self.session)

    # --- Responses ------------------------------------------------------------------------

    def render(self, section: str | None = None, *, status: int = 200, **kwargs) -> HttpResponse:
        """The section for htmx (messages out of band), else the whole page."""
        if not self.request.htmx:
            section = None
        context = self.context(**kwargs)
        self._audit(section)
        template = PAGE if section is None else section_template(section)
        return render_region(self.request, template, section, context, status=status)

    def done(self, section: str, message: str, *, level=messages.SUCCESS) -> HttpResponse:
        """After a write: the fresh section for htmx, else back to the page at the section."""
        messages.add_message(self.request, level, message)
        if self.request.htmx:
            return SessionPageContext(self.request, self.can).render(section)
        query = ""
        if section == INVITATIONS_PAGE and (asked := self._asked_invitations_page()):
            # Back to the page of the table the write was made from.
            query = "?" + urlencode({INVITATIONS_PAGE: asked[:10]})
        return redirect(f"{self.session.get_absolute_url()}{query}#{section}")
