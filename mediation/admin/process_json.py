"""A process as JSON in the admin: the "Download as JSON" action and the page that
imports a process from its file.

The download gives, per process, the very file of `/processes/<id>/export.json`; several
selected processes come as one zip of those files. The changelist's queryset is the
organizer's own processes (`access.processes_administered_by`), so nobody downloads a
process they do not run; each file is filed in the read audit as export.json's is.

The import is for superusers only. A document names accounts, organizers among them, and
the process's organizers: an organizer importing it could hand organizer rights to
anyone, or restore a process into a database shared with processes they do not run.
It runs the checks and the all-or-nothing write of `manage.py import_process`.
"""

from __future__ import annotations

import io
import zipfile

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mediation import audit
from mediation.process_json import services
from mediation.process_json.forms import ProcessImportForm
from mediation.process_json.schema import PROCESS_SECTION, SECTIONS
from mediation.process_json.selectors import process_document_json
from mediation.process_json.validation import check


def _json_file(process) -> HttpResponse:
    response = HttpResponse(
        process_document_json(process), content_type="application/json; charset=utf-8"
    )
    # As export.json's: the name says nothing about the process.
    response["Content-Disposition"] = f'attachment; filename="process-{process.pk}.json"'
    return response


def _zip_file(processes) -> HttpResponse:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for process in processes:
            archive.writestr(f"process-{process.pk}.json", process_document_json(process))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="processes-{stamp}.zip"'
    return response


def _created(report: services.ImportReport) -> str:
    """What an import wrote, in the admin's words (the models' own plural names)."""
    parts = []
    for section in (PROCESS_SECTION, *SECTIONS):
        count = report.counts.get(section.name, 0)
        if count:
            parts.append(f"{section.model._meta.verbose_name_plural}: {count}")
    return "; ".join(parts)


class ProcessJsonAdminMixin:
    """On the processes' admin: the download action and the import page."""

    change_list_template = "admin/mediation/dialogueprocess/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="mediation_dialogueprocess_import",
            ),
            *super().get_urls(),
        ]

    @admin.action(description=_("Download as JSON"))
    def download_json(self, request, queryset):
        processes = list(queryset.order_by("title", "pk"))
        if not processes:
            # Ticks on processes the organizer does not run select nothing.
            self.message_user(request, gettext("No process was selected."), messages.WARNING)
            return None
        response = _json_file(processes[0]) if len(processes) == 1 else _zip_file(processes)
        for process in processes:
            audit.process_export_read(request.user, process)
        response["Cache-Control"] = "no-store"
        return response

    def import_view(self, request):
        if not request.user.is_superuser:
            raise PermissionDenied
        posted = request.method == "POST"
        form = ProcessImportForm(
            request.POST if posted else None, request.FILES if posted else None
        )
        if posted and form.is_valid():
            done = self._import(request, form)
            if done is not None:
                return done
        form.describe_errors()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Import a process from JSON"),
            "form": form,
        }
        return TemplateResponse(request, "admin/mediation/dialogueprocess/import.html", context)

    def _import(self, request, form: ProcessImportForm):
        if form.cleaned_data["check_only"]:
            plan = check(form.document)
            if not plan.ok:
                form.refuse(plan.problems)
                return None
            messages.info(
                request,
                gettext(
                    "The file is valid (ids already in this database are checked only "
                    "when importing). Nothing was written."
                ),
            )
            return None
        try:
            report = services.process_import(document=form.document)
        except services.ImportRefused as refused:
            form.refuse(refused.problems)
            return None
        messages.success(
            request,
            gettext("Imported “%(title)s”: %(created)s.")
            % {"title": report.title, "created": _created(report)},
        )
        if report.accounts_created:
            messages.warning(
                request,
                gettext(
                    "Accounts created without a password: %(usernames)s. Their people set "
                    "one with the password reset."
                )
                % {"usernames": ", ".join(report.accounts_created)},
            )
        return HttpResponseRedirect(
            reverse("admin:mediation_dialogueprocess_change", args=[report.process_id])
        )
