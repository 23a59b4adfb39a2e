"""The organizers' console: every model of the dialogue work in the Django admin.

Organizers see and change only the processes they organize (superusers see all), through
the same scoping functions as the rest of the product (`mediation.access`). The people
roster (participants) is shared across processes.
"""

from datetime import datetime, timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from . import access, audit, services
from .forms import DialogueSessionForm
from .models import (
    ActionItem,
    AgendaItem,
    Consent,
    DialogueProcess,
    DialogueSession,
    Invitation,
    Participant,
    ReadEvent,
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


class AuditedHistoryAdmin(SimpleHistoryAdmin):
    """Change history that organizers can read, scoped like the rest of the admin.

    simple-history's views look the object up in the whole table (and fall back to its last
    historical row), so both check the admin's scoped queryset first: another process's
    object answers 404, as if missing. Reading history leaves a ReadEvent, and history is
    read-only here (no revert through the history form).
    """

    def _scoped_object_or_404(self, request, object_id):
        try:
            obj = self.get_queryset(request).filter(pk=object_id).first()
        except (ValidationError, ValueError):
            obj = None
        if obj is None:
            raise Http404
        return obj

    def audit_process_id(self, obj):
        if isinstance(obj, DialogueProcess):
            return obj.pk
        # ProcessScopedAdmin names the way to the process; the roster has none.
        process_path = getattr(self, "process_path", None)
        if not process_path:
            return None
        *path, last = process_path.split("__")
        for part in path:
            obj = getattr(obj, part)
        return getattr(obj, f"{last}_id")

    def history_view(self, request, object_id, extra_context=None):
        obj = self._scoped_object_or_404(request, object_id)
        response = super().history_view(request, object_id, extra_context)
        audit.read_event_log(
            user=request.user,
            kind=ReadEvent.Kind.HISTORY,
            obj=obj,
            process_id=self.audit_process_id(obj),
        )
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        obj = self._scoped_object_or_404(request, object_id)
        response = super().history_form_view(request, object_id, version_id, extra_context)
        audit.read_event_log(
            user=request.user,
            kind=ReadEvent.Kind.HISTORY,
            obj=obj,
            process_id=self.audit_process_id(obj),
        )
        return response


class DateSetFilter(admin.SimpleListFilter):
    """Rows whose `field` (a date) is set, or not: archived, withdrawn."""

    field: str
    options: list  # [(value in the address, label, whether the date is empty)]

    def lookups(self, request, model_admin):
        return [(value, label) for value, label, _empty in self.options]

    def queryset(self, request, queryset):
        for value, _label, empty in self.options:
            if self.value() == value:
                return queryset.filter(**{f"{self.field}__isnull": empty})
        return queryset


class ArchivedFilter(DateSetFilter):
    title = _("archived")
    parameter_name = "archived"
    field = "archived_at"
    options = [("no", _("In use"), True), ("yes", _("Archived"), False)]


class ArchiveActionsMixin:
    """Archive and Restore instead of deleting: reversible, and nothing attached is lost."""

    actions = ["archive_selected", "restore_selected"]

    @admin.display(description=_("archived"), boolean=True, ordering="archived_at")
    def is_archived(self, obj):
        return obj.archived_at is not None

    @admin.action(description=_("Archive (hide everywhere, keep everything)"))
    def archive_selected(self, request, queryset):
        count = services.objects_archive(queryset=queryset, user=request.user)
        self.message_user(
            request,
            ngettext("Archived %(count)d item.", "Archived %(count)d items.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Restore from the archive"))
    def restore_selected(self, request, queryset):
        count = services.objects_restore(queryset=queryset, user=request.user)
        self.message_user(
            request,
            ngettext("Restored %(count)d item.", "Restored %(count)d items.", count)
            % {"count": count},
            messages.SUCCESS,
        )


class ConsentInline(ScopedChoicesMixin, admin.TabularInline):
    """Consents, dated. Existing ones are read-only and never deleted: withdraw them from
    the consents list instead, so the record of who agreed to what stays whole."""

    model = Consent
    extra = 0
    can_delete = False
    fields = ["kind", "given_at", "withdrawn_at", "recorded_by"]
    readonly_fields = ["recorded_by"]
    ordering = ["-given_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        processes = access.processes_administered_by(request.user, include_archived=True)
        return (
            super()
            .get_queryset(request)
            .filter(process__in=processes.values("id"))
            .select_related("participant", "process", "recorded_by")
        )


class ParticipantConsentInline(ConsentInline):
    fields = ["process", *ConsentInline.fields]


class ProcessConsentInline(ConsentInline):
    fields = ["participant", *ConsentInline.fields]
    autocomplete_fields = ["participant"]


def _save_consent_formsets(request, formsets):
    for formset in formsets:
        if formset.model is Consent:
            for form in formset.forms:
                if form.instance.pk is None or form.instance._state.adding:
                    form.instance.recorded_by = request.user


# --- Participants -------------------------------------------------------------------------


@admin.register(Participant)
class ParticipantAdmin(ArchiveActionsMixin, AuditedHistoryAdmin):
    list_display = [
        "name",
        "category",
        "affiliation",
        "country",
        "identity_protected",
        "pseudonym",
        "user",
        "is_archived",
    ]
    list_filter = ["category", "identity_protected", ArchivedFilter, "country"]
    inlines = [ParticipantConsentInline]
    search_fields = ["name", "pseudonym", "affiliation", "email", "country", "expertise"]
    list_select_related = ["user"]
    autocomplete_fields = ["user"]
    fieldsets = [
        (None, {"fields": ["name", "category", "affiliation", "country", "languages"]}),
        (_("Contact and account"), {"fields": ["email", "user"]}),
        (_("Expertise"), {"fields": ["expertise"]}),
        (_("Identity protection"), {"fields": ["identity_protected", "pseudonym"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # Archived people drop out of pickers (autocomplete); their past rows stay intact.
        if request.path == reverse("admin:autocomplete"):
            queryset = queryset.filter(archived_at__isnull=True)
        return queryset, may_have_duplicates

    def save_formset(self, request, form, formset, change):
        _save_consent_formsets(request, [formset])
        super().save_formset(request, form, formset, change)


# --- Processes ----------------------------------------------------------------------------


class SideInline(admin.TabularInline):
    model = Side
    extra = 0


class TopicInline(admin.TabularInline):
    model = Topic
    extra = 0
    fields = ["title", "sensitivity", "status", "description"]


@admin.register(DialogueProcess)
class DialogueProcessAdmin(ArchiveActionsMixin, AuditedHistoryAdmin):
    list_display = ["title", "track", "status", "session_count", "updated_at", "is_archived"]
    list_filter = ["track", "status", ArchivedFilter]
    search_fields = ["title", "conflict"]
    filter_horizontal = ["organizers"]
    inlines = [SideInline, TopicInline, ProcessConsentInline]

    def save_formset(self, request, form, formset, change):
        _save_consent_formsets(request, [formset])
        super().save_formset(request, form, formset, change)

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
class DialogueSessionAdmin(ArchiveActionsMixin, AuditedHistoryAdmin, ProcessScopedAdmin):
    list_display = [
        "title",
        "process",
        "starts_at",
        "time_zone",
        "location_kind",
        "format",
        "confidentiality",
        "status",
        "is_archived",
    ]
    list_filter = [
        "status",
        "confidentiality",
        "format",
        "location_kind",
        ArchivedFilter,
        ("process", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "objectives", "venue", "process__title"]
    list_select_related = ["process"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["facilitators"]
    inlines = [AgendaItemInline, InvitationInline]
    form = DialogueSessionForm
    actions = ["duplicate_as_next_round", "send_invitation_emails", *ArchiveActionsMixin.actions]
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
                    session=session, starts_at=starts_at, user=request.user
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

    @admin.action(description=_("Send invitation emails"))
    def send_invitation_emails(self, request, queryset):
        queued = skipped = 0
        for session in queryset.filter(archived_at__isnull=True):
            sent, left = services.session_invitations_send(
                session=session, base_url=request.build_absolute_uri("/")
            )
            queued, skipped = queued + sent, skipped + left
        self.message_user(
            request,
            _(
                "Invitations emailed: %(queued)d. Not emailed (no consent or no address): "
                "%(skipped)d."
            )
            % {"queued": queued, "skipped": skipped},
            messages.SUCCESS,
        )


@admin.register(Invitation)
class InvitationAdmin(AuditedHistoryAdmin, ProcessScopedAdmin):
    process_path = "session__process"
    list_display = ["participant", "session", "role", "response", "attended", "side", "capacity"]
    list_filter = [
        "response",
        "role",
        "attended",
        "capacity",
        ("session__process", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["participant__name", "participant__pseudonym", "session__title"]
    list_select_related = ["participant", "session", "side"]
    autocomplete_fields = ["participant"]


@admin.register(AgendaItem)
class AgendaItemAdmin(AuditedHistoryAdmin, ProcessScopedAdmin):
    process_path = "session__process"
    list_display = ["title", "session", "position", "topic", "duration_minutes", "lead"]
    list_filter = [("session__process", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "notes", "session__title"]
    list_select_related = ["session", "topic", "lead"]
    autocomplete_fields = ["lead"]


@admin.register(SessionRecord)
class SessionRecordAdmin(AuditedHistoryAdmin, ProcessScopedAdmin):
    process_path = "session__process"
    list_display = ["session", "state", "shared_at", "version", "updated_at"]
    list_filter = ["state", ("session__process", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["session__title", "summary"]
    list_select_related = ["session", "session__process"]
    readonly_fields = ["version", "shared_at", "updated_by"]


@admin.register(ActionItem)
class ActionItemAdmin(AuditedHistoryAdmin, ProcessScopedAdmin):
    process_path = "session__process"
    list_display = ["description", "session", "owner", "due_date", "status"]
    list_filter = ["status", ("session__process", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["description", "owner__name", "session__title"]
    list_select_related = ["session", "owner"]
    autocomplete_fields = ["owner"]
    date_hierarchy = "due_date"


# --- Consents and the read audit ----------------------------------------------------------


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
        count = services.consents_withdraw(queryset=queryset, user=request.user)
        self.message_user(
            request,
            ngettext("Withdrew %(count)d consent.", "Withdrew %(count)d consents.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ReadEvent)
class ReadEventAdmin(admin.ModelAdmin):
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
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        processes = access.processes_administered_by(request.user, include_archived=True)
        return queryset.filter(process__in=processes.values("id"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
