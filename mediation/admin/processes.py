"""Processes in the admin: the conflict, its sides and topics, its roster and consents."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from mediation import access
from mediation.admin.base import (
    ArchiveActionsMixin,
    ArchivedFilter,
    AuditedHistoryAdmin,
    NamedFieldsTabularInline,
    ProcessScopedAdmin,
    ScopedChoicesMixin,
)
from mediation.admin.people import ConsentInline, ProcessMemberInline, consent_formsets_stamp
from mediation.admin.process_json import ProcessJsonAdminMixin
from mediation.models import DialogueProcess, Side, Topic


class SideInline(NamedFieldsTabularInline):
    model = Side
    extra = 0


class TopicInline(NamedFieldsTabularInline):
    model = Topic
    extra = 0
    fields = ["title", "sensitivity", "status", "description"]


class ProcessConsentInline(ConsentInline):
    fields = ["participant", *ConsentInline.fields]
    autocomplete_fields = ["participant"]


@admin.register(DialogueProcess)
class DialogueProcessAdmin(
    ProcessJsonAdminMixin, ArchiveActionsMixin, ScopedChoicesMixin, AuditedHistoryAdmin
):
    list_display = ["title", "track", "status", "session_count", "updated_at", "is_archived"]
    list_filter = ["track", "status", ArchivedFilter]
    search_fields = ["title", "conflict"]
    filter_horizontal = ["organizers"]
    actions = [*ArchiveActionsMixin.actions, "download_json"]
    inlines = [SideInline, TopicInline, ProcessMemberInline, ProcessConsentInline]

    def save_formset(self, request, form, formset, change):
        consent_formsets_stamp(request, [formset])
        for instance in formset.save(commit=False):
            if hasattr(instance, "added_by_id") and instance._state.adding:
                instance.added_by = request.user
            instance.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()

    def get_queryset(self, request):
        return access.processes_administered_by(request.user, include_archived=True).annotate(
            _session_count=Count("sessions")
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The organizer who creates a process runs it; otherwise it would vanish from view.
        if not change and not request.user.is_superuser:
            form.instance.organizers.add(request.user)

    @admin.display(description=_("sessions"), ordering="_session_count")
    def session_count(self, obj):
        return obj._session_count


@admin.register(Side)
class SideAdmin(ProcessScopedAdmin):
    list_display = ["name", "process"]
    list_filter = [("process", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "process__title"]
    list_select_related = ["process"]


@admin.register(Topic)
class TopicAdmin(AuditedHistoryAdmin, ProcessScopedAdmin):
    list_display = ["title", "process", "sensitivity", "status", "updated_at"]
    list_filter = ["sensitivity", "status", ("process", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "description", "process__title"]
    list_select_related = ["process"]
