"""Invitations and attendance: editors find people to invite, keep each invitation's role,
side and capacity, note who attended, and read the balance of the room.

Writes answer by the session page's protocol (`sessions.context`): htmx gets the
invitations fragment, a plain POST a redirect to #invitations.
"""

from __future__ import annotations

from dataclasses import replace
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from mediation import audit
from mediation.errors import Refusal, add_service_errors
from mediation.models import Consent, DialogueSession, Invitation
from mediation.people import services as people_services

from .. import planning, services
from ..context import SessionPageContext
from ..forms import ContactConsentForm, InvitationAddForm, consent_given_at

SECTION = "invitations"
CANDIDATES = "mediation/session/_invitation_candidates.html"


def _invitation(session: DialogueSession, invitation_id: UUID) -> Invitation:
    try:
        return session.invitations.select_related("participant", "session").get(pk=invitation_id)
    except Invitation.DoesNotExist:
        raise Http404 from None


def _with_forms(candidates, query: str, bound: InvitationAddForm | None = None) -> list:
    """Each candidate with its own invite form (ids unique on the page); the one the user
    just sent, with its errors, in place of a fresh one."""
    return [
        replace(
            candidate,
            form=bound
            if bound is not None and bound.data.get("participant") == str(candidate.person.pk)
            else InvitationAddForm(
                auto_id=f"invite-{candidate.person.pk}-%s",
                initial={"participant": candidate.person.pk, "found_by": query},
            ),
        )
        for candidate in candidates
    ]


@require_GET
@login_required
@never_cache
@vary_on_headers("HX-Request")
def invitation_search(request, session_id: UUID) -> HttpResponse:
    """People the user may invite whose name, pseudonym or affiliation matches `q`."""
    ctx = SessionPageContext.open(request, session_id, edit=True)
    query = request.GET.get("q", "")[:100].replace("\x00", "")
    candidates = planning.invitation_candidates(request.user, ctx.can, query)
    if any(c.shows_identity for c in candidates):
        # A protected person's real name is in the results: a read of their identity.
        audit.session_identities_read(request.user, ctx.session)
    candidates = _with_forms(candidates, query)
    extra = {"query": query, "candidates": candidates, "searched": bool(query.strip())}
    if request.htmx:
        return render(request, CANDIDATES, {"session": ctx.session, **extra})
    return ctx.render(**extra)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def invitation_add(request, session_id: UUID) -> HttpResponse:
    ctx = SessionPageContext.open(request, session_id, edit=True)
    form = InvitationAddForm(request.POST)
    if "participant" in form.errors:
        return ctx.done(SECTION, _("Choose someone to invite."), level=messages.ERROR)
    valid = form.is_valid()
    person = planning.invitable_person(
        request.user, ctx.can, form.cleaned_data["participant"], form.data.get("found_by", "")
    )
    if person is None:
        return ctx.done(
            SECTION,
            _("That person cannot be invited here, or is invited already."),
            level=messages.ERROR,
        )
    if not valid:
        # Shown again where it was typed: the search that found them, their form with errors.
        query = form.data.get("found_by", "")[:100]
        candidates = planning.invitation_candidates(request.user, ctx.can, query)
        # Bound again with the ids of that person's form (errors carry the field's id).
        form = InvitationAddForm(request.POST, auto_id=f"invite-{person.pk}-%s")
        form.is_valid()
        extra = {"query": query, "searched": True}
        extra["candidates"] = _with_forms(candidates, query, bound=form)
        return ctx.render(SECTION, **extra)
    consent_on = form.cleaned_data["consent_given_on"]
    try:
        services.invitation_add(
            session=ctx.session,
            participant=person,
            role=form.cleaned_data["role"],
            user=request.user,
            consent_method=form.cleaned_data["consent_method"],
            consent_given_at=consent_given_at(consent_on) if consent_on else None,
        )
    except Refusal as refused:
        return ctx.done(SECTION, refused.text, level=messages.ERROR)
    if form.cleaned_data["consent_method"]:
        return ctx.done(
            SECTION,
            _("%(name)s is invited; their agreement to be emailed is recorded.")
            % {"name": person},
        )
    return ctx.done(SECTION, _("%(name)s is invited.") % {"name": person})


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@vary_on_headers("HX-Request")
def invitation_update(request, session_id: UUID, invitation_id: UUID) -> HttpResponse:
    """The session page with this invitation's form open in its row (GET), or its save."""
    ctx = SessionPageContext.open(request, session_id, edit=True)
    invitation = _invitation(ctx.session, invitation_id)
    if request.method == "GET":
        return ctx.render(SECTION, invitation_form=ctx.invitation_form(invitation))
    form = ctx.invitation_form(invitation, request.POST)
    if form.is_valid():
        try:
            services.invitation_update(invitation=invitation, **form.cleaned_data)
        except Refusal as refused:
            add_service_errors(form, refused)
        else:
            return ctx.done(SECTION, _("Saved for %(name)s.") % {"name": invitation.participant})
    return ctx.render(SECTION, invitation_form=form)


@require_POST
@login_required
@vary_on_headers("HX-Request")
def invitation_remove(request, session_id: UUID, invitation_id: UUID) -> HttpResponse:
    ctx = SessionPageContext.open(request, session_id, edit=True)
    invitation = _invitation(ctx.session, invitation_id)
    try:
        services.invitation_remove(invitation=invitation)
    except Refusal as refused:
        return ctx.done(SECTION, refused.text, level=messages.ERROR)
    return ctx.done(
        SECTION, _("The invitation of %(name)s is withdrawn.") % {"name": invitation.participant}
    )


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def invitation_consent(request, session_id: UUID, invitation_id: UUID) -> HttpResponse:
    """Record, on someone's behalf, that they agreed to be emailed: how, when, by whom."""
    ctx = SessionPageContext.open(request, session_id, edit=True)
    invitation = _invitation(ctx.session, invitation_id)
    form = ContactConsentForm(
        request.POST if request.method == "POST" else None,
        initial={"given_on": timezone.localdate()},
    )
    if form.is_valid():
        given_at = consent_given_at(form.cleaned_data["given_on"])
        people_services.consent_give(
            participant=invitation.participant,
            process=ctx.session.process,
            kind=Consent.Kind.CONTACTED,
            user=request.user,
            method=form.cleaned_data["method"],
            given_at=given_at,
        )
        messages.success(
            request,
            _("Recorded: %(name)s agreed to be contacted by email.")
            % {"name": invitation.participant},
        )
        return redirect(ctx.session)
    return render(
        request,
        "mediation/invitation_consent.html",
        {"session": ctx.session, "invitation": invitation, "form": form},
        status=400 if form.is_bound else 200,
    )
