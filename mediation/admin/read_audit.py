"""The read audit in the admin: who read what, in words, one line per person, thing and
hour (mediation/audit.py counts the reads). Read-only; organizers see their processes'
events, superusers all of them, and only superusers download it as CSV."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mediation import access, audit
from mediation.admin.base import ProcessScopedAdmin, ReadOnlyMixin
from mediation.models import ReadEvent
from mediation.spreadsheets import csv_download, csv_safe


class ReaderFilter(admin.RelatedOnlyFieldListFilter):
    """The people who read something the organizer may audit, by full name and username
    (Django's filter would list bare usernames)."""

    def field_choices(self, field, request, model_admin):
        readers = model_admin.get_queryset(request).values("user_id")
        return [
            (user.pk, f"{user.get_full_name()} ({user.username})".lstrip(" "))
            for user in User.objects.filter(pk__in=readers).order_by("last_name", "username")
        ]


def _local(moment, with_date: bool = True) -> str:
    form = "DATETIME_FORMAT" if with_date else "TIME_FORMAT"
    return date_format(timezone.localtime(moment), form)


@admin.register(ReadEvent)
class ReadEventAdmin(ReadOnlyMixin, ProcessScopedAdmin):
    """Who read what: read-only, and organizers see the events of their processes only."""

    list_display = ["when", "reader", "kind", "about", "times", "process"]
    list_filter = [
        ("process", admin.RelatedOnlyFieldListFilter),
        ("user", ReaderFilter),
        "kind",
        ("at", admin.DateFieldListFilter),
    ]
    search_fields = [
        "username",
        "user__first_name",
        "user__last_name",
        "process__title",
        "session__title",
        "participant__pseudonym",
        "object_label",
    ]
    list_select_related = ["process", "user", "session", "participant"]
    date_hierarchy = "at"
    ordering = ["-at", "-id"]
    # Newest first, or most read first; readers, kinds and processes are filters instead.
    sortable_by = ["when", "times"]
    fields = [
        "when",
        "times",
        "reader",
        "kind",
        "process",
        "object_kind",
        "about",
        "object_type",
        "object_id",
    ]
    readonly_fields = ["when", "reader", "object_kind", "about"]
    change_list_template = "admin/mediation/readevent/change_list.html"

    def get_queryset(self, request):
        return access.read_events_visible_to(request.user)

    def get_search_results(self, request, queryset, search_term):
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term.strip():
            # A person is found by name only when that name is no secret: searching the
            # real names of protected people would tell which pseudonym hides whom.
            found |= queryset.filter(
                participant__identity_protected=False,
                participant__name__icontains=search_term.strip(),
            )
        return found, may_have_duplicates

    # --- How an event reads ---------------------------------------------------------------

    @admin.display(description=_("when"), ordering="at")
    def when(self, event):
        """The first read, and the last when there were more, in the reader's time zone,
        named (an audit is read across time zones)."""
        first = _local(event.at)
        if event.times > 1:
            same_day = timezone.localdate(event.at) == timezone.localdate(event.last_at)
            first = f"{first} – {_local(event.last_at, with_date=not same_day)}"
        return f"{first} ({timezone.get_current_timezone_name()})"

    @admin.display(description=_("who"), ordering="username")
    def reader(self, event):
        return event.reader

    @admin.display(description=_("object"))
    def object_kind(self, event):
        return event.object_kind

    @admin.display(description=_("about"))
    def about(self, event):
        return f"{capfirst(event.object_kind)}: {event.about}"

    # --- The CSV export -------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "export.csv",
                self.admin_site.admin_view(self.export_view),
                name="mediation_readevent_export",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_export": request.user.is_superuser}
        return super().changelist_view(request, extra_context)

    def export_view(self, request):
        """The audit as the changelist shows it (same filters, search and order), every
        row, for superusers: an organizer's own audit is on screen, and the file could be
        carried out of the admin's scoping. Downloading it is itself a read."""
        if not request.user.is_superuser:
            raise PermissionDenied
        changelist = reverse("admin:mediation_readevent_changelist")
        if self.date_hierarchy_is_junk(request):
            return HttpResponseRedirect(f"{changelist}?{ERROR_FLAG}=1")
        try:
            events = self.get_changelist_instance(request).queryset
        except IncorrectLookupParameters:
            return HttpResponseRedirect(f"{changelist}?{ERROR_FLAG}=1")
        response, writer = csv_download(f"read-audit-{timezone.localdate():%Y-%m-%d}.csv")
        writer.writerow(
            [
                gettext("First read"),
                gettext("Last read"),
                gettext("Times"),
                gettext("Reader"),
                gettext("Username"),
                gettext("What"),
                gettext("Process"),
                gettext("Object"),
                gettext("About"),
                gettext("Object id"),
            ]
        )
        for event in events.iterator(chunk_size=500):
            writer.writerow(
                [
                    timezone.localtime(event.at).isoformat(timespec="seconds"),
                    timezone.localtime(event.last_at).isoformat(timespec="seconds"),
                    event.times,
                    csv_safe(event.user.get_full_name() if event.user else ""),
                    csv_safe(event.username),
                    csv_safe(event.get_kind_display()),
                    csv_safe(event.process.title if event.process else ""),
                    csv_safe(capfirst(event.object_kind)),
                    csv_safe(event.about),
                    event.object_id,
                ]
            )
        audit.read_audit_export_read(request.user)
        return response
