"""Outcome documents: a process's list (and the form that starts a draft), one document, its
new version, its versions compared, clearance by a side, and release."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mediation import access, audit
from mediation.errors import Refusal, add_service_errors
from mediation.records import attribution
from mediation.records.markdown import render_markdown

from .. import pdf, selectors, services
from ..forms import ClearanceForm, OutcomeDocumentCreateForm, OutcomeDocumentReviseForm


def _create_form(request, can, data=None):
    return OutcomeDocumentCreateForm(
        data,
        sessions=selectors.session_choices(request.user, can.process),
        topics=selectors.topic_choices(request.user, can.process),
    )


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def outcome_list(request, process_id: UUID) -> HttpResponse:
    """The documents the reader may see; the team also starts a draft here."""
    can = access.open_outcomes(request.user, process_id, team=request.method == "POST")
    form = _create_form(request, can) if can.team else None
    if request.method == "POST":
        form = _create_form(request, can, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                document, created = services.outcome_document_create(
                    process=can.process,
                    user=request.user,
                    submission=data["submission"],
                    kind=data["kind"],
                    title=data["title"],
                    rule=data["rule"],
                    body=data["body"],
                    cited_sessions=list(data["cited_sessions"]),
                    cited_topics=list(data["cited_topics"]),
                    seed=data["seed"],
                )
            except Refusal as refusal:
                add_service_errors(form, refusal)
            else:
                messages.success(
                    request,
                    _("The draft is saved as version 1. Only the team sees it.")
                    if created
                    else _("This draft was already saved."),
                )
                return redirect("outcome_detail", document.pk)
    documents = Paginator(selectors.documents_of(request.user, can), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "mediation/outcomes/list.html",
        {"can": can, "process": can.process, "documents": documents, "form": form},
    )


def _clear_form(table, document, data=None) -> ClearanceForm:
    return ClearanceForm(
        data,
        initial=None if data is not None else {"version": document.version},
        sides=document.process.sides.order_by("name"),
        convenors=table.choices,
    )


def _detail_context(request, can, clear_form=None) -> dict:
    document = selectors.document_page(can.document)
    version = selectors.current_version(document)
    context = {"can": can, "document": document, "version": version}
    context["body"] = render_markdown(version.body if version else "")
    if can.team:
        findings = selectors.attribution_findings(document, version)
        table = selectors.clearance_table(request.user, document)
        audit.convenor_identities_read(request.user, table.identities_shown, document.process_id)
        context |= {
            "sides": table.rows,
            "unnamed": table.unnamed,
            "findings": findings,
            "highlighted": (
                attribution.highlight(selectors.checked_text(version), findings)
                if findings
                else ""
            ),
            "all_cleared": table.all_cleared and not table.unnamed,
            "clear_form": clear_form or _clear_form(table, document),
        }
    return context


@require_GET
@login_required
@never_cache
def outcome_detail(request, document_id: UUID) -> HttpResponse:
    can = access.open_outcome(request.user, document_id)
    return render(request, "mediation/outcomes/detail.html", _detail_context(request, can))


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def outcome_edit(request, document_id: UUID) -> HttpResponse:
    """Write a new version (and who receives the document)."""
    can = access.open_outcome(request.user, document_id, team=True)
    document = selectors.document_page(can.document)
    if document.is_released:
        messages.error(request, _("This document is released: it cannot change any more."))
        return redirect("outcome_detail", document.pk)
    choices = {
        "sessions": selectors.session_choices(request.user, document.process),
        "topics": selectors.topic_choices(request.user, document.process),
        "contacts": document.process.official_contacts.order_by("institution"),
    }
    if request.method == "POST":
        form = OutcomeDocumentReviseForm(request.POST, **choices)
        if form.is_valid():
            data = form.cleaned_data
            try:
                version = services.outcome_document_revise(
                    document=document,
                    user=request.user,
                    based_on=data["based_on"],
                    title=data["title"],
                    body=data["body"],
                    note=data["note"],
                    rule=data["rule"],
                    cited_sessions=list(data["cited_sessions"]),
                    cited_topics=list(data["cited_topics"]),
                    to_sessions=list(data["to_sessions"]),
                    to_contacts=list(data["to_contacts"]),
                    to_public=data["to_public"],
                )
            except Refusal as refusal:
                add_service_errors(form, refusal)
            else:
                messages.success(
                    request,
                    _("Version %(number)s is saved. Every side must clear it again.")
                    % {"number": version.number},
                )
                return redirect("outcome_detail", document.pk)
    else:
        current = selectors.current_version(document)
        form = OutcomeDocumentReviseForm(
            initial={
                "based_on": document.version,
                "title": document.title,
                "body": current.body if current else "",
                "rule": document.rule,
                "cited_sessions": list(document.cited_sessions.all()),
                "cited_topics": list(document.cited_topics.all()),
                "to_sessions": list(document.to_sessions.all()),
                "to_contacts": list(document.to_contacts.all()),
                "to_public": document.to_public,
            },
            **choices,
        )
    return render(request, "mediation/outcomes/edit.html", {"document": document, "form": form})


@require_GET
@login_required
@never_cache
def outcome_versions(request, document_id: UUID) -> HttpResponse:
    """Every version, and two of them compared (`?a=1&b=2`; by default the last two)."""
    can = access.open_outcome(request.user, document_id, team=True)
    document = can.document
    versions = list(selectors.versions_of(document)[:200])
    by_number = {v.number: v for v in versions}

    def number(key: str, default: int) -> int:
        value = request.GET.get(key, "")
        return int(value) if value.isdigit() and int(value) in by_number else default

    newer = number("b", document.version)
    older = number("a", max(1, newer - 1))
    if older not in by_number or newer not in by_number:
        raise Http404
    return render(
        request,
        "mediation/outcomes/versions.html",
        {
            "document": document,
            "versions": versions,
            "older": by_number[older],
            "newer": by_number[newer],
            "lines": selectors.compare(by_number[older], by_number[newer]),
        },
    )


@require_POST
@login_required
def outcome_clear(request, document_id: UUID) -> HttpResponse:
    can = access.open_outcome(request.user, document_id, team=True)
    document = can.document
    table = selectors.clearance_table(request.user, document)
    form = _clear_form(table, document, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.outcome_document_clear(
                document=document,
                user=request.user,
                side=data["side"],
                version=data["version"],
                convenor=data["convenor"],
            )
        except Refusal as refusal:
            add_service_errors(form, refusal)
        else:
            messages.success(
                request,
                _("%(side)s cleared version %(number)s.")
                % {"side": data["side"].name, "number": data["version"]},
            )
            return redirect(reverse("outcome_detail", args=[document.pk]) + "#clearance")
    return render(
        request, "mediation/outcomes/detail.html", _detail_context(request, can, clear_form=form)
    )


@require_POST
@login_required
def outcome_release(request, document_id: UUID) -> HttpResponse:
    can = access.open_outcome(request.user, document_id, team=True)
    try:
        services.outcome_document_release(document=can.document, user=request.user)
    except Refusal as refusal:
        messages.error(request, refusal.text)
    else:
        messages.success(request, _("The document is released to its distribution list."))
    return redirect(reverse("outcome_detail", args=[can.document.pk]) + "#clearance")


@require_GET
@login_required
@never_cache
def outcome_pdf(request, document_id: UUID) -> HttpResponse:
    """A released document as PDF, for whoever may read it (a draft has none)."""
    can = access.open_outcome(request.user, document_id)
    if not can.document.is_released:
        raise Http404
    document = selectors.document_page(can.document)
    version = selectors.current_version(document)
    content = pdf.document_pdf(
        document=document, version=version, body=render_markdown(version.body)
    )
    audit.outcome_export_read(request.user, document)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="outcome-{document.pk}.pdf"'
    return response
