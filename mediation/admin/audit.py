"""Consents and the read audit in the admin: the trail of who agreed to what, and who
read what. Neither is ever rewritten or deleted here."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mediation import access
from mediation.admin.base import (
    AuditedHistoryAdmin,
    DateSetFilter,
    ProcessScopedAdmin,
    ReadOnlyMixin,
)
from mediation.models import Consent, ReadEvent
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

    list_display = ["participant", "process", "kind", "given_at", "withdrawn_at", "recorded_by"]
    list_filter = ["kind", InForceFilter, ("process", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["participant__name", "participant__pseudonym", "process__title"]
    list_select_related = ["participant", "process", "recorded_by"]
    autocomplete_fields = ["participant"]
    date_hierarchy = "given_at"
    fields = ["participant", "process", "kind", "given_at", "withdrawn_at", "recorded_by"]
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


@admin.register(ReadEvent)
class ReadEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Who read what: read-only, and organizers see the events of their processes only."""

    list_display = ["at", "username", "kind", "process", "object_type", "object_id"]
    list_filter = [
        "kind",
        ("at", admin.DateFieldListFilter),
        ("process", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["username"]
    list_select_related = ["process"]
    date_hierarchy = "at"

    def get_queryset(self, request):
        return access.read_events_visible_to(request.user)
