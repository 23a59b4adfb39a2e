"""The transfer log of a process: its official contacts and briefings, for its team only.

Protected contacts show by pseudonym everywhere in the log; an organizer reads the real name
on the contact's own page, and each such read is in the read audit.
"""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from mediation import access, audit
from mediation.errors import Refusal, add_service_errors
from mediation.spreadsheets import csv_download, csv_safe

from .. import selectors, services, transfer, transfer_csv
from ..forms import BriefingFeedbackForm, BriefingForm, OfficialContactForm


def _briefing_form(request, can, data=None):
    return BriefingForm(
        data,
        contacts=transfer.contacts_of(can),
        documents=selectors.documents_of(request.user, can),
        topics=selectors.topic_choices(request.user, can.process),
    )


def _log_page(request, can, *, contact_form=None, briefing_form=None, status=200):
    return render(
        request,
        "mediation/outcomes/transfer.html",
        {
            "can": can,
            "process": can.process,
            "contacts": Paginator(transfer.contacts_of(can), 50).get_page(
                request.GET.get("contacts")
            ),
            "briefings": Paginator(transfer.briefings_of(can), 25).get_page(
                request.GET.get("page")
            ),
            "contact_form": contact_form or OfficialContactForm(),
            "briefing_form": briefing_form or _briefing_form(request, can),
        },
        status=status,
    )


@require_GET
@login_required
@never_cache
def transfer_log(request, process_id: UUID) -> HttpResponse:
    can = access.open_transfer_log(request.user, process_id)
    return _log_page(request, can)


@require_GET
@login_required
@never_cache
def transfer_log_csv(request, process_id: UUID) -> HttpResponse:
    """The whole log as a spreadsheet, for those who read the log: contacts named as the
    reader may name them, formula-safe cells, every download in the read audit."""
    can = access.open_transfer_log(request.user, process_id)
    table = transfer_csv.log_table(can)
    response, writer = csv_download(f"transfer-log-{timezone.localdate():%Y-%m-%d}.csv")
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([csv_safe(cell) for cell in row])
    audit.transfer_log_export_read(request.user, can.process, table.named)
    # A file that names officials must not sit in a shared cache.
    response["Cache-Control"] = "no-store, private"
    return response


@require_POST
@login_required
def transfer_contact_add(request, process_id: UUID) -> HttpResponse:
    can = access.open_transfer_log(request.user, process_id)
    form = OfficialContactForm(request.POST)
    if form.is_valid():
        data = dict(form.cleaned_data)
        submission = data.pop("submission")
        try:
            _contact, created = services.official_contact_add(
                process=can.process, submission=submission, **data
            )
        except Refusal as refusal:
            add_service_errors(form, refusal)
        else:
            messages.success(
                request,
                _("The contact is added.") if created else _("This contact was already added."),
            )
            return redirect(reverse("transfer_log", args=[can.process.pk]) + "#contacts")
    return _log_page(request, can, contact_form=form)


@require_POST
@login_required
def transfer_briefing_add(request, process_id: UUID) -> HttpResponse:
    can = access.open_transfer_log(request.user, process_id)
    form = _briefing_form(request, can, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            _briefing, created = services.briefing_add(
                process=can.process,
                user=request.user,
                submission=data["submission"],
                briefed_on=data["briefed_on"],
                briefed_by=data["briefed_by"],
                channel=data["channel"],
                contacts=list(data["contacts"]),
                documents=list(data["documents"]),
                topics=list(data["topics"]),
                reception=data["reception"],
                feedback=data["feedback"],
                feedback_on=data["feedback_on"],
            )
        except Refusal as refusal:
            add_service_errors(form, refusal)
        else:
            messages.success(
                request,
                _("The briefing is logged.")
                if created
                else _("This briefing was already logged."),
            )
            return redirect(reverse("transfer_log", args=[can.process.pk]) + "#briefings")
    return _log_page(request, can, briefing_form=form)


@require_GET
@login_required
@never_cache
def transfer_contact_detail(request, process_id: UUID, contact_id: UUID) -> HttpResponse:
    """One contact; the real name of a protected one for the process's organizers only."""
    can = access.open_transfer_log(request.user, process_id)
    contact = access.get_contact(can, contact_id)
    shows_identity = contact.identity_protected and can.see_identities
    if shows_identity:
        audit.contact_identity_read(request.user, contact)
    return render(
        request,
        "mediation/outcomes/contact.html",
        {
            "process": can.process,
            "contact": contact,
            "shows_identity": shows_identity,
            "briefings": transfer.briefings_of(can).filter(contacts=contact)[:50],
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def transfer_briefing_feedback(request, process_id: UUID, briefing_id: UUID) -> HttpResponse:
    """What came back from one briefing, and its reception."""
    can = access.open_transfer_log(request.user, process_id)
    briefing = access.get_briefing(can, briefing_id)
    if request.method == "POST":
        form = BriefingFeedbackForm(request.POST)
        if form.is_valid():
            services.briefing_feedback(briefing=briefing, **form.cleaned_data)
            messages.success(request, _("What came back is saved."))
            return redirect(reverse("transfer_log", args=[can.process.pk]) + "#briefings")
    else:
        form = BriefingFeedbackForm(
            initial={
                "reception": briefing.reception,
                "feedback": briefing.feedback,
                "feedback_on": briefing.feedback_on,
            }
        )
    return render(
        request,
        "mediation/outcomes/feedback.html",
        {"process": can.process, "briefing": briefing, "form": form},
    )
