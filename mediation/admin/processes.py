"""Processes in the admin: the conflict, its sides and topics, its roster and consents."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db.models import Case, Count, F, When
from django.utils.translation import gettext_lazy as _

from mediation import access
from mediation.admin.base import (
    ArchiveActionsMixin,
    ArchivedFilter,
    AuditedHistoryAdmin,
    NamedFieldsTabularInline,
    ProcessScopedAdmin,
    ScopedChoicesMixin,
    narrow,
)
from mediation.admin.people import ConsentInline, ProcessMemberInline, consent_formsets_stamp
from mediation.admin.process_json import ProcessJsonAdminMixin
from mediation.models import DialogueProcess, Side, Topic


class ConvenorsField(forms.ModelMultipleChoiceField):
    """People named as the admin's pickers name them: a protected person by pseudonym."""

    def label_from_instance(self, obj):
        if obj.identity_protected:
            return _("%(pseudonym)s (protected identity)") % {"pseudonym": obj.pseudonym}
        return obj.name


class SideConvenorsMixin:
    """A side's convenors, chosen among the people of the side's own process only (never
    another process's: an organizer of two processes cannot carry someone across), and
    only once the process exists. They clear outcome documents for their side."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "convenors":
            kwargs["queryset"] = access.convenors_choosable_by(request.user, None)
            kwargs["form_class"] = ConvenorsField
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["required"] = False
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def scope_convenors(self, request, fields, process) -> None:
        # In the order of the names shown: sorting by real names would tell which
        # pseudonym hides which name.
        shown = Case(When(identity_protected=True, then=F("pseudonym")), default=F("name"))
        people = (
            access.convenors_choosable_by(request.user, process)
            .annotate(shown=shown)
            .order_by("shown", "pk")
        )
        narrow(fields, "convenors", people)
        widget = getattr(fields.get("convenors"), "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            # A person added from here would belong to no process, so be no choice.
            widget.can_add_related = False


class SideInline(SideConvenorsMixin, NamedFieldsTabularInline):
    model = Side
    extra = 0
    fields = ["name", "convenors"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        self.scope_convenors(request, formset.form.base_fields, obj)
        return formset


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
class SideAdmin(SideConvenorsMixin, ProcessScopedAdmin):
    list_display = ["name", "process"]
    list_filter = [("process", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "process__title"]
    list_select_related = ["process"]

    def get_fields(self, request, obj=None):
        # The convenors are chosen among the process's people: once the side has one.
        return ["name", "process", "convenors"] if obj is not None else ["name", "process"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        self.scope_convenors(request, form.base_fields, obj.process if obj else None)
        return form


@admin.register(Topic)
class TopicAdmin(AuditedHistoryAdmin, ProcessScopedAdmin):
    list_display = ["title", "process", "sensitivity", "status", "updated_at"]
    list_filter = ["sensitivity", "status", ("process", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "description", "process__title"]
    list_select_related = ["process"]
