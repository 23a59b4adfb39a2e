"""The session record: editing it (with optimistic locking), sharing it after the
non-attribution check, locking and reopening it. The editor and the share check are pages of
their own (swapped into the record section by htmx); writes answer by the session page's
protocol (`sessions.context`)."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from mediation import access, audit, confidentiality
from mediation.fragments import render_region
from mediation.models import SessionRecord
from mediation.records import attribution, confirmations
from mediation.sessions.context import SessionPageContext

from .. import selectors, services
from ..forms import (
    ConfirmationsSent,
    SessionRecordForm,
    ShareForm,
    item_record_forms,
)

SECTION = "record"


def _done(request, can, message: str, *, level=messages.SUCCESS) -> HttpResponse:
    """After a write: the record section for htmx, the page at #record otherwise."""
    return SessionPageContext(request, can).done(SECTION, message, level=level)


def _record_of(session) -> SessionRecord | None:
    return selectors.record_of(session)


def _agenda_items(session):
    return list(session.agenda_items.select_related("topic").order_by("position"))


def _render_editor(request, session, *, record, form, item_forms, conflict=None, error=""):
    context = {
        "session": session,
        "record": record,
        "form": form,
        "item_forms": item_forms,
        "conflict": conflict,
        "conflict_items": selectors.record_items(conflict) if conflict else {},
        "error": error,
        "may_record": confidentiality.may_record(session),
    }
    if conflict is not None:
        saved = context["conflict_items"]
        context["conflict_rows"] = [
            (f.agenda_item, saved.get(f.agenda_item.pk)) for f in item_forms
        ]
    return render_region(request, "mediation/record_edit.html", SECTION, context)


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@vary_on_headers("HX-Request")
def session_record_edit(request, session_id: UUID) -> HttpResponse:
    can = access.open_session(request.user, session_id, edit=True)
    session = can.session
    if not confidentiality.may_record(session):
        error = _("This session runs with no written record: nothing is stored.")
        if request.method == "POST":
            messages.error(request, error)
        return _render_editor(request, session, record=None, form=None, item_forms=[], error=error)
    record = _record_of(session)
    items = _agenda_items(session)
    existing = selectors.record_items(record)
    if request.method == "GET":
        audit.record_read(request.user, record)
        initial = {
            "version": record.version if record else 1,
            "internal_notes": record.internal_notes if record else "",
            "outcomes": record.outcomes if record else "",
            "summary": record.summary if record else "",
        }
        if record is not None and record.state == SessionRecord.State.LOCKED:
            return _render_editor(
                request,
                session,
                record=record,
                form=None,
                item_forms=[],
                error=_("This record is locked: it can no longer be edited."),
            )
        return _render_editor(
            request,
            session,
            record=record,
            form=SessionRecordForm(initial=initial),
            item_forms=item_record_forms(items, existing),
        )

    form = SessionRecordForm(request.POST)
    item_forms = item_record_forms(items, existing, data=request.POST)
    bound = [f for f in item_forms if f.is_bound]
    if not (form.is_valid() and all(f.is_valid() for f in bound)):
        return _render_editor(request, session, record=record, form=form, item_forms=item_forms)
    data = form.cleaned_data
    try:
        record, unshared = services.session_record_save(
            session=session,
            user=request.user,
            version=data["version"],
            internal_notes=data["internal_notes"],
            summary=data["summary"],
            outcomes=data["outcomes"],
            items=[
                services.ItemRecordInput(agenda_item=f.agenda_item, **_item_values(f))
                for f in bound
            ],
        )
    except services.RecordConflict as conflict:
        # Keep every word typed; carry the saved version so a deliberate resave goes through.
        fresh = request.POST.copy()
        fresh["version"] = str(conflict.current.version)
        return _render_editor(
            request,
            session,
            record=conflict.current,
            form=SessionRecordForm(fresh),
            item_forms=item_record_forms(items, existing, data=fresh),
            conflict=conflict.current,
        )
    except services.RecordRefused as refused:
        return _render_editor(
            request,
            session,
            record=record,
            form=form,
            item_forms=item_forms,
            error=refused.text,
        )
    message = _("The record is saved.")
    level = messages.SUCCESS
    if unshared:
        message = _(
            "The record is saved. Its summary now names attendees, so it is back to draft: "
            "participants no longer read it until it is shared again."
        )
        level = messages.WARNING
    return _done(request, can, message, level=level)


def _item_values(form) -> dict:
    data = form.cleaned_data
    return {key: data[key] for key in ("discussion", "convergence", "divergence", "topic_status")}


def _share_context(session, record, *, sent=None, error="", unexplained=(), missing=(), form=None):
    """The share page: the summary, its findings (each with what the facilitator ticked and
    typed, kept when the page comes back with an error) and what it was checked against."""
    findings, checked = [], None
    if record is not None and confidentiality.needs_attribution_check(session):
        check = selectors.attribution_check_of(session)
        findings = check.findings(record.summary)
        checked = check.checked
    sent = sent or ConfirmationsSent()
    rows = [
        {
            "finding": finding,
            "described": confirmations.describe(finding),
            "confirmed": finding.id in sent.ticked,
            # Shared without confirming it: the first place a keyboard user is sent back to.
            "missing": finding.id in missing,
            "reason": sent.reasons.get(finding.id, ""),
            "error": _("Say why this sentence attributes nothing (at most %(max)d characters).")
            % {"max": confirmations.REASON_MAX}
            if finding.id in unexplained
            else "",
        }
        for finding in findings
    ]
    return {
        "session": session,
        "record": record,
        "findings": findings,
        "finding_rows": rows,
        "checked": checked,
        "highlighted": attribution.highlight(record.summary, findings) if record else "",
        "needs_check": confidentiality.needs_attribution_check(session),
        "reason_max": confirmations.REASON_MAX,
        "readers": session.invitations.count(),
        "form": form or ShareForm(initial={"version": record.version if record else 1}),
        "error": error,
    }


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@vary_on_headers("HX-Request")
def session_record_share(request, session_id: UUID) -> HttpResponse:
    can = access.open_session(request.user, session_id, edit=True)
    session = can.session
    record = _record_of(session) if confidentiality.may_record(session) else None
    template = "mediation/record_share.html"
    if request.method == "GET":
        audit.record_read(request.user, record)
        return render_region(request, template, SECTION, _share_context(session, record))
    form = ShareForm(request.POST)
    sent = ConfirmationsSent.of(request.POST)
    error, unexplained, missing = "", set(), set()
    if form.is_valid():
        try:
            services.session_record_share(
                session=session,
                user=request.user,
                version=form.cleaned_data["version"],
                confirmed=sent.confirmed,
            )
        except services.RecordRefused as refused:
            error = refused.text
        except services.RecordConflict:
            error = _(
                "The record changed since this check was shown. Check the summary again "
                "below before sharing it."
            )
            form = None
        except services.AttributionUnconfirmed as unconfirmed:
            error, unexplained = unconfirmed.text, unconfirmed.unexplained
            missing = unconfirmed.missing
        else:
            return _done(request, can, _("The summary is shared with participants."))
    record = _record_of(session) if confidentiality.may_record(session) else None
    return render_region(
        request,
        template,
        SECTION,
        _share_context(
            session,
            record,
            sent=sent,
            error=error,
            unexplained=unexplained,
            missing=missing,
            form=form,
        ),
    )


def _lifecycle(request, can, change, success: str) -> HttpResponse:
    try:
        change(session=can.session, user=request.user)
    except services.RecordRefused as refused:
        return _done(request, can, refused.text, level=messages.ERROR)
    return _done(request, can, success)


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
@vary_on_headers("HX-Request")
def session_record_lock(request, session_id: UUID) -> HttpResponse:
    """GET asks to confirm, saying what locking means; the POST of that form locks."""
    can = access.open_session(request.user, session_id, edit=True)
    if request.method == "GET":
        record = _record_of(can.session) if confidentiality.may_record(can.session) else None
        return render_region(
            request,
            "mediation/record_lock.html",
            SECTION,
            {"session": can.session, "record": record},
        )
    return _lifecycle(
        request,
        can,
        services.session_record_lock,
        _("The record is locked: nobody can edit it any more."),
    )


@require_POST
@login_required
@vary_on_headers("HX-Request")
def session_record_reopen(request, session_id: UUID) -> HttpResponse:
    can = access.open_session(request.user, session_id, edit=True)
    if not can.administer_process:
        raise PermissionDenied
    return _lifecycle(
        request,
        can,
        services.session_record_reopen,
        _("The record is reopened as a draft; participants no longer read it."),
    )
