"""Invitations and attendance: editors find people to invite, keep each invitation's role,
side and capacity, note who attended, and read the balance of the room.

Writes answer like the agenda builder's: a plain POST redirects to the session page
(#invitations) with a message; an htmx POST gets the invitations fragment back.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from mediation import access, audit
from mediation.errors import add_service_errors
from mediation.models import DialogueSession, Invitation, ReadEvent
from mediation.sessions.views.sessions import render_section, section_done, session_context

from .. import planning, selectors, services
from ..context import invitation_form
from ..forms import InvitationAddForm

FRAGMENT = "mediation/session/_invitations.html"
CANDIDATES = "mediation/session/_invitation_candidates.html"


def _invitation(session: DialogueSession, invitation_id: UUID) -> Invitation:
    try:
        return session.invitations.select_related("participant", "session").get(pk=invitation_id)
    except Invitation.DoesNotExist:
        raise Http404 from None


def _render(request, session, *, status=200, **extra) -> HttpResponse:
    return render_section(request, session, FRAGMENT, status=status, **extra)


def _done(request, session, message: str, *, level=messages.SUCCESS) -> HttpResponse:
    return section_done(request, session, FRAGMENT, "invitations", message, level=level)


@require_GET
@login_required
@never_cache
@vary_on_headers("HX-Request")
def invitation_search(request, session_id: UUID) -> HttpResponse:
    """People the user may invite whose name, pseudonym or affiliation matches `q`."""
    session = access.get_session(request.user, session_id, edit=True)
    query = request.GET.get("q", "")[:100].replace("\x00", "")
    candidates = planning.invitation_candidates(request.user, session, query)
    if any(c.shows_identity for c in candidates):
        # A protected person's real name is on the page: a read of their identity.
        audit.read_event_log(
            user=request.user,
            kind=ReadEvent.Kind.IDENTITY,
            obj=session,
            process_id=session.process_id,
        )
    extra = {"query": query, "candidates": candidates, "searched": bool(query.strip())}
    if request.htmx:
        return render(request, CANDIDATES, {"session": session, **extra})
    return render(
        request, "mediation/session_detail.html", session_context(request, session, **extra)
    )


@require_POST
@login_required
@vary_on_headers("HX-Request")
def invitation_add(request, session_id: UUID) -> HttpResponse:
    session = access.get_session(request.user, session_id, edit=True)
    form = InvitationAddForm(request.POST)
    if not form.is_valid():
        return _done(request, session, _("Choose someone to invite."), level=messages.ERROR)
    person = planning.invitable_person(
        request.user, session, form.cleaned_data["participant"], form.cleaned_data["found_by"]
    )
    if person is None:
        return _done(
            request,
            session,
            _("That person cannot be invited here, or is invited already."),
            level=messages.ERROR,
        )
    try:
        services.invitation_add(
            session=session, participant=person, role=form.cleaned_data["role"]
        )
    except ValidationError as error:
        return _done(request, session, " ".join(error.messages), level=messages.ERROR)
    return _done(request, session, _("%(name)s is invited.") % {"name": person})


@require_POST
@login_required
@vary_on_headers("HX-Request")
def invitation_update(request, session_id: UUID, invitation_id: UUID) -> HttpResponse:
    session = access.get_session(request.user, session_id, edit=True)
    invitation = _invitation(session, invitation_id)
    page = selectors.session_page(request.user, session)
    workspace = planning.session_workspace(request.user, session, page)
    form = invitation_form(session, invitation, workspace, request.POST)
    if form.is_valid():
        try:
            services.invitation_update(invitation=invitation, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _done(
                request, session, _("Saved for %(name)s.") % {"name": invitation.participant}
            )
    return _render(request, session, page=page, workspace=workspace, bound_invitation_form=form)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def invitation_remove(request, session_id: UUID, invitation_id: UUID) -> HttpResponse:
    session = access.get_session(request.user, session_id, edit=True)
    invitation = _invitation(session, invitation_id)
    try:
        services.invitation_remove(invitation=invitation)
    except services.InvitationAnswered:
        return _done(
            request,
            session,
            _("%(name)s has answered: the invitation stays.") % {"name": invitation.participant},
            level=messages.ERROR,
        )
    return _done(
        request,
        session,
        _("The invitation of %(name)s is withdrawn.") % {"name": invitation.participant},
    )
