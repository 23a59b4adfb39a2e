"""What every page of the organizers' console shares: scoping, history, archive, filters.

The admin is a door like any other: its lists, pickers and history go through
`mediation.access`, the same rules as the product's pages. An organizer sees and changes
only the processes they organize (superusers all), and every foreign-key choice is limited
to what they may see, and on an existing object to that object's own process.
"""

from __future__ import annotations

import uuid

from django.contrib import admin, messages
from django.contrib.admin.views.main import ERROR_FLAG
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseInlineFormSet, MultiWidget
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from mediation import access, audit
from mediation.admin.rows import CheapRowsMixin
from mediation.models import DialogueProcess, DialogueSession, Participant, Side, Topic
from mediation.people import services as people_services


def scoped_choices(model, request: HttpRequest):
    """What a picker of this model may offer the organizer, or None (no rule: leave it)."""
    user = request.user
    if model is DialogueProcess:
        return access.processes_administered_by(user, include_archived=True)
    if model is DialogueSession:
        return access.sessions_administered_by(user).select_related("process")
    if model is Topic:
        return access.topics_administered_by(user).select_related("process")
    if model is Side:
        return access.sides_administered_by(user)
    if model is Participant:
        return access.participants_visible_to(user)
    return None


def narrow(fields: dict, name: str, queryset) -> None:
    """Limit an existing form field's choices (a no-op where the field is read-only)."""
    if name in fields and hasattr(fields[name], "queryset"):
        fields[name].queryset = queryset


class ScopedChoicesMixin:
    """Foreign-key and many-to-many choices limited to the organizer's processes and
    roster; accounts (users) to the team they work with."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scoped = scoped_choices(db_field.related_model, request)
        if scoped is not None:
            kwargs["queryset"] = scoped
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is User:
            kwargs["queryset"] = access.team_accounts_visible_to(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class NamedFieldsInlineFormSet(BaseInlineFormSet):
    """Every input of a row named after its field, and rows that are the object's own.

    A tabular inline shows the field's label once, as a column header, and renders the
    row's inputs without a label, so a screen reader announces them nameless. Split widgets
    (a date and a time) keep Django's own labels for their parts. A related field's select
    is named itself, not its wrapper (the wrapper's copy shares the attributes of the form
    class's widget, not of this one).

    Django checks a row's hidden id against the whole table, so a tampered id naming
    another session's row was stopped only by whichever field then failed; here it is
    refused outright ("Select a valid choice") and nothing is saved.
    """

    def add_fields(self, form, index):
        super().add_fields(form, index)
        own_id = form.fields.get(self._pk_field.name)
        if own_id is not None and hasattr(own_id, "queryset"):
            own_id.queryset = self.get_queryset()
        for field in form.fields.values():
            widget = field.widget
            if isinstance(widget, RelatedFieldWidgetWrapper):
                widget = widget.widget
            if not widget.is_hidden and not isinstance(widget, MultiWidget) and field.label:
                widget.attrs.setdefault("aria-label", str(field.label))


class NamedFieldsTabularInline(admin.TabularInline):
    """The project's tabular inlines: rows whose inputs are named (see the formset)."""

    formset = NamedFieldsInlineFormSet


def process_filter(path: str) -> type[admin.SimpleListFilter]:
    """A "by process" filter offering the processes the organizer runs.

    Django's RelatedOnlyFieldListFilter finds its choices with a DISTINCT over the listed
    table (every invitation, every agenda item) on each page; the processes are a small
    table. The parameter (`session__process__id=`) is one the admin allows as a lookup.
    """

    class ProcessFilter(admin.SimpleListFilter):
        title = _("process")
        parameter_name = f"{path}__id"

        def lookups(self, request, model_admin):
            processes = access.processes_administered_by(request.user, include_archived=True)
            return [(str(p.pk), p.title) for p in processes.only("id", "title").order_by("title")]

        def queryset(self, request, queryset):
            if self.value() is None:
                return queryset
            try:
                process_id = uuid.UUID(self.value())
            except ValueError:
                return queryset.none()
            return queryset.filter(**{f"{path}_id": process_id})

    return ProcessFilter


class ProcessScopedAdmin(CheapRowsMixin, ScopedChoicesMixin, admin.ModelAdmin):
    """Rows of the processes the organizer runs. On an existing row the way to its process
    is read-only: moving a session, topic or side to another process would carry its
    links (topics, sides, people) across.

    Lists say "N results" without counting the whole table a second time for "(M total)"."""

    process_path = "process"
    show_full_result_count = False

    def get_queryset(self, request):
        return access.administered(super().get_queryset(request), request.user, self.process_path)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        top = self.process_path.split("__")[0]
        if obj is not None and top not in fields:
            fields.append(top)
        return fields

    def date_hierarchy_is_junk(self, request) -> bool:
        """Django turns a bad date-hierarchy year into its "?e=1" page, but a number too
        big for a C long raises OverflowError instead: a 500. Such a number is junk too."""
        if self.date_hierarchy:
            for part in ("year", "month", "day"):
                value = request.GET.get(f"{self.date_hierarchy}__{part}")
                if value is not None and not (value.isdigit() and len(value) <= 4):
                    return True
        return False

    def changelist_view(self, request, extra_context=None):
        if self.date_hierarchy_is_junk(request):
            return HttpResponseRedirect(f"{request.path}?{ERROR_FLAG}=1")
        return super().changelist_view(request, extra_context)


class AuditedHistoryAdmin(CheapRowsMixin, SimpleHistoryAdmin):
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

    def audit_process_id(self, request, obj):
        if isinstance(obj, DialogueProcess):
            return obj.pk
        if isinstance(obj, Participant):
            return access.audit_process_of(request.user, obj)
        *path, last = self.process_path.split("__")
        for part in path:
            obj = getattr(obj, part)
        return getattr(obj, f"{last}_id")

    def _log_history_read(self, request, obj) -> None:
        audit.history_read(request.user, obj, self.audit_process_id(request, obj))

    def history_view(self, request, object_id, extra_context=None):
        obj = self._scoped_object_or_404(request, object_id)
        response = super().history_view(request, object_id, extra_context)
        self._log_history_read(request, obj)
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "GET":
            raise PermissionDenied
        obj = self._scoped_object_or_404(request, object_id)
        response = super().history_form_view(request, object_id, version_id, extra_context)
        self._log_history_read(request, obj)
        return response


class ReadOnlyMixin:
    """Shown, never written here: the read audit, session records (changed through the
    record services only), the two-factor console (changed by its one action)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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

    def archivable(self, request, queryset):
        """The selected rows this organizer may archive or restore (all, by default)."""
        return queryset

    @admin.display(description=_("archived"), boolean=True, ordering="archived_at")
    def is_archived(self, obj):
        return obj.archived_at is not None

    def _report(self, request, done: int, selected: int, message) -> None:
        self.message_user(request, message % {"count": done}, messages.SUCCESS)
        if done < selected:
            self.message_user(
                request,
                _("Some rows were left as they were: they belong to other processes too."),
                messages.WARNING,
            )

    @admin.action(description=_("Archive (hide everywhere, keep everything)"))
    def archive_selected(self, request, queryset):
        allowed = self.archivable(request, queryset)
        count = people_services.objects_archive(queryset=allowed, user=request.user)
        self._report(
            request,
            count,
            queryset.filter(archived_at__isnull=True).count(),
            ngettext("Archived %(count)d item.", "Archived %(count)d items.", count),
        )

    @admin.action(description=_("Restore from the archive"))
    def restore_selected(self, request, queryset):
        allowed = self.archivable(request, queryset)
        count = people_services.objects_restore(queryset=allowed, user=request.user)
        self._report(
            request,
            count,
            queryset.filter(archived_at__isnull=False).count(),
            ngettext("Restored %(count)d item.", "Restored %(count)d items.", count),
        )
