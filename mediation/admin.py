"""The organizers' console: every model of the dialogue work in the Django admin.

Organizers see and change only the processes they organize (superusers see all), through
the same scoping functions as the rest of the product (`mediation.access`). The people
roster (participants) is shared across processes.
"""

from datetime import datetime, timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ERROR_FLAG
from django.db.models import Count
from django.http import HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import access, services
from .forms import DialogueSessionForm
from .models import (
    ActionItem,
    AgendaItem,
    DialogueProcess,
    DialogueSession,
    Invitation,
    Participant,
    SessionRecord,
    Side,
    Topic,
)


class ScopedChoicesMixin:
    """Limits foreign-key choices (process, session, topic, side) to the organizer's processes."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scoped = _scoped_choices(db_field.name, request)
        if scoped is not None:
            kwargs["queryset"] = scoped
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProcessScopedAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    """Limits rows to the processes the organizer runs."""

    process_path = "process"

    def get_queryset(self, request):
        processes = access.processes_administered_by(request.user, include_archived=True).values(
            "id"
        )
        return super().get_queryset(request).filter(**{f"{self.process_path}__in": processes})

    def changelist_view(self, request, extra_context=None):
        # Django turns a bad date-hierarchy year into its "?e=1" page, but a number too big
        # for a C long raises OverflowError instead: a 500. Send those to the same page.
        if self.date_hierarchy:
            for part in ("year", "month", "day"):
                value = request.GET.get(f"{self.date_hierarchy}__{part}")
                if value is not None and not (value.isdigit() and len(value) <= 4):
                    return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        return super().changelist_view(request, extra_context)


def _scoped_choices(field_name: str, request: HttpRequest):
    processes = access.processes_administered_by(request.user, include_archived=True)
    if field_name == "process":
        return processes
    if field_name == "session":
        return DialogueSession.objects.filter(process__in=processes.values("id"))
    if field_name == "topic":
        return Topic.objects.filter(process__in=processes.values("id")).select_related("process")
    if field_name == "side":
        return Side.objects.filter(process__in=processes.values("id"))
    return None


# --- Participants -------------------------------------------------------------------------


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "category",
        "affiliation",
        "country",
        "identity_protected",
        "pseudonym",
        "user",
    ]
    list_filter = ["category", "identity_protected", "country"]
    search_fields = ["name", "pseudonym", "affiliation", "email", "country", "expertise"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    fieldsets = [
        (None, {"fields": ["name", "category", "affiliation", "country", "languages"]}),
        (_("Contact and account"), {"fields": ["email", "user"]}),
        (_("Expertise"), {"fields": ["expertise"]}),
        (_("Identity protection"), {"fields": ["identity_protected", "pseudonym"]}),
    ]


# --- Processes ----------------------------------------------------------------------------


class SideInline(admin.TabularInline):
    model = Side
    extra = 0


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0
    fields = ["title", "sensitivity", "status", "description"]


@admin.register(DialogueProcess)
class DialogueProcessAdmin(admin.ModelAdmin):
    list_display = ["title", "track", "status", "session_count", "updated_at"]
    list_filter = ["track", "status"]
    search_fields = ["title", "conflict"]
    filter_horizontal = ["organizers"]
    inlines = [SideInline, TopicInline]

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
    list_filter = ["process"]
    search_fields = ["name", "process__title"]
    list_select_related = ["process"]


@admin.register(Topic)
class TopicAdmin(ProcessScopedAdmin):
    list_display = ["title", "process", "sensitivity", "status", "updated_at"]
    list_filter = ["sensitivity", "status", "process"]
    search_fields = ["title", "description", "process__title"]
    list_select_related = ["process"]


# --- Sessions -----------------------------------------------------------------------------


class AgendaItemInline(ScopedChoicesMixin, admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "topic", "duration_minutes", "lead", "notes"]
    autocomplete_fields = ["lead"]
    ordering = ["position"]


class InvitationInline(ScopedChoicesMixin, admin.TabularInline):
    model = Invitation
    extra = 0
    fields = ["participant", "role", "response", "attended", "side", "capacity"]
    autocomplete_fields = ["participant"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant", "side")


class NextRoundForm(forms.Form):
    starts_on = forms.DateField(
        label=_("New date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The new session starts at the same local time on this day."),
    )

    def clean_starts_on(self):
        value = self.cleaned_data["starts_on"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("Choose a day that is not in the past."))
        return value


@admin.register(DialogueSession)
class DialogueSessionAdmin(ProcessScopedAdmin):
    list_display = [
        "title",
        "process",
        "starts_at",
        "time_zone",
        "location_kind",
        "format",
        "confidentiality",
        "status",
    ]
    list_filter = ["status", "confidentiality", "format", "location_kind", "process"]
    search_fields = ["title", "objectives", "venue", "process__title"]
    list_select_related = ["process"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["facilitators"]
    inlines = [AgendaItemInline, InvitationInline]
    form = DialogueSessionForm
    actions = ["duplicate_as_next_round"]
    fieldsets = [
        (None, {"fields": ["process", "title", "status", "format", "objectives"]}),
        (_("When"), {"fields": ["starts_at", "ends_at", "time_zone"]}),
        (_("Where"), {"fields": ["location_kind", "venue"]}),
        (_("Confidentiality and facilitation"), {"fields": ["confidentiality", "facilitators"]}),
    ]

    @admin.action(description=_("Duplicate as the next round (new date)"))
    def duplicate_as_next_round(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, _("Choose exactly one session to plan its next round."), messages.ERROR
            )
            return None
        session = queryset.get()
        local_start = session.local_starts_at
        if "apply" in request.POST:
            form = NextRoundForm(request.POST)
            if form.is_valid():
                day = form.cleaned_data["starts_on"]
                starts_at = datetime.combine(day, local_start.timetz().replace(tzinfo=None))
                starts_at = starts_at.replace(tzinfo=session.zone)
                copy = services.session_duplicate_as_next_round(
                    session=session, starts_at=starts_at
                )
                self.message_user(
                    request,
                    _("Planned the next round: %(session)s.") % {"session": copy},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:mediation_dialoguesession_change", args=[copy.pk])
                )
        else:
            form = NextRoundForm(initial={"starts_on": (local_start + timedelta(days=28)).date()})
        return TemplateResponse(
            request,
            "admin/mediation/next_round.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Plan the next round"),
                "session": session,
                "form": form,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Invitation)
class InvitationAdmin(ProcessScopedAdmin):
    process_path = "session__process"
    list_display = ["participant", "session", "role", "response", "attended", "side", "capacity"]
    list_filter = ["response", "role", "attended", "capacity", "session__process"]
    search_fields = ["participant__name", "participant__pseudonym", "session__title"]
    list_select_related = ["participant", "session", "side"]
    autocomplete_fields = ["participant"]


@admin.register(AgendaItem)
class AgendaItemAdmin(ProcessScopedAdmin):
    process_path = "session__process"
    list_display = ["title", "session", "position", "topic", "duration_minutes", "lead"]
    list_filter = ["session__process"]
    search_fields = ["title", "notes", "session__title"]
    list_select_related = ["session", "topic", "lead"]
    autocomplete_fields = ["lead"]


@admin.register(SessionRecord)
class SessionRecordAdmin(ProcessScopedAdmin):
    process_path = "session__process"
    list_display = ["session", "state", "shared_at", "version", "updated_at"]
    list_filter = ["state", "session__process"]
    search_fields = ["session__title", "summary"]
    list_select_related = ["session", "session__process"]
    readonly_fields = ["version", "shared_at", "updated_by"]


@admin.register(ActionItem)
class ActionItemAdmin(ProcessScopedAdmin):
    process_path = "session__process"
    list_display = ["description", "session", "owner", "due_date", "status"]
    list_filter = ["status", "session__process"]
    search_fields = ["description", "owner__name", "session__title"]
    list_select_related = ["session", "owner"]
    autocomplete_fields = ["owner"]
    date_hierarchy = "due_date"
