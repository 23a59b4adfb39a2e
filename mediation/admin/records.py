"""Session records and follow-up actions in the admin.

A record changes only through the record services (`services.session_record_*`), which
check the version, refuse "no written record", run the non-attribution check before
sharing and keep a locked record locked. So the admin shows records read-only, with a link
to the record page in the product where they are edited, shared, locked and reopened; and
opening one here is a read of its internal notes, audited like the product's page.
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from mediation import audit
from mediation.admin.base import (
    AuditedHistoryAdmin,
    ProcessScopedAdmin,
    ReadOnlyMixin,
    process_filter,
)
from mediation.admin.exports import ActionCsvMixin
from mediation.admin.sessions import narrow_to_session
from mediation.models import ActionItem, SessionRecord


@admin.register(SessionRecord)
class SessionRecordAdmin(ReadOnlyMixin, AuditedHistoryAdmin, ProcessScopedAdmin):
    process_path = "session__process"
    list_display = ["session", "state", "shared_at", "version", "updated_at"]
    list_filter = ["state", process_filter("session__process")]
    search_fields = ["session__title"]
    list_select_related = ["session", "session__process"]
    fields = [
        "edit_in_product",
        "session",
        "state",
        "shared_at",
        "version",
        "updated_by",
        "internal_notes",
        "summary",
        "outcomes",
    ]
    readonly_fields = fields

    @admin.display(description=_("edit"))
    def edit_in_product(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("session_record_edit", args=[obj.session_id]),
            _("Open the record page to edit, share, lock or reopen it"),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        record = getattr(response, "context_data", {}).get("original")
        if response.status_code == 200 and record is not None:
            audit.record_read(request.user, record)
        return response


@admin.register(ActionItem)
class ActionItemAdmin(ActionCsvMixin, AuditedHistoryAdmin, ProcessScopedAdmin):
    process_path = "session__process"
    actions = ["export_csv"]
    list_display = ["description", "session", "owner", "due_date", "status"]
    list_filter = ["status", process_filter("session__process")]
    search_fields = ["description", "owner__name", "session__title"]
    list_select_related = ["session", "owner"]
    date_hierarchy = "due_date"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            narrow_to_session(form.base_fields, request, obj.session)
        return form
