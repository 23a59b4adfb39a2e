"""Consents in the admin: the trail of who agreed to what, never rewritten or deleted here.
(Who read what, the read audit, is in read_audit.py.)"""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mediation.admin.base import AuditedHistoryAdmin, DateSetFilter, ProcessScopedAdmin
from mediation.models import Consent
from mediation.people import services as people_services


class InForceFilter(DateSetFilter):
    title = _("in force")
    parameter_name = "in_force"
    field = "withdrawn_at"
    options = [("yes", _("In force"), True), ("no", _("Withdrawn"), False)]


@admin.register(Consent)
class ConsentAdmin(AuditedHistoryAdmin, ProcessScopedAdmin):
    """Consents of the organizer's processes. A consent is never deleted or rewritten:
    it is given (a new row) or withdrawn (dated), so the trail of who agreed to what stays."""

    list_display = [
        "participant",
        "process",
        "kind",
        "method",
        "given_at",
        "withdrawn_at",
        "recorded_by",
    ]
    list_filter = ["kind", InForceFilter, ("process", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["participant__name", "participant__pseudonym", "process__title"]
    list_select_related = ["participant", "process", "recorded_by"]
    autocomplete_fields = ["participant"]
    date_hierarchy = "given_at"
    fields = [
        "participant",
        "process",
        "kind",
        "method",
        "given_at",
        "withdrawn_at",
        "recorded_by",
    ]
    actions = ["withdraw_selected"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["withdrawn_at", "recorded_by"]
        return self.fields

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Withdraw the selected consents (now)"))
    def withdraw_selected(self, request, queryset):
        count = people_services.consents_withdraw(queryset=queryset, user=request.user)
        self.message_user(
            request,
            ngettext("Withdrew %(count)d consent.", "Withdrew %(count)d consents.", count)
            % {"count": count},
            messages.SUCCESS,
        )
