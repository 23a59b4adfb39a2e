"""CSV downloads of the admin's lists: participants, sessions, invitations and actions.

One changelist action ("Download as CSV") on each. It exports the rows ticked, or, when
"select all" is taken, every row the changelist's filters and search leave: Django builds
that queryset from the same changelist, through the admin's `get_queryset`, so an
organizer never exports another process's rows. Every cell goes through
`spreadsheets.csv_safe` (no formula runs when the file is opened), people are named as the
exporting organizer may see them (`access.participants_identified_to`: a protected
person's real name only to those cleared, the pseudonym to anyone else), and each download
is filed in the read audit under every process its rows belong to.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ERROR_FLAG
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from mediation import access, audit
from mediation.models import Participant
from mediation.spreadsheets import csv_download, csv_safe


def yes_no(value: bool | None) -> str:
    return {True: gettext("yes"), False: gettext("no"), None: ""}[value]


class PeopleNames:
    """How one organizer may name the people of an export: worked out in one query."""

    def __init__(self, user, people: Iterable[Participant]):
        protected = {p.pk for p in people if p is not None and p.identity_protected}
        self.cleared = (
            set(
                access.participants_identified_to(user)
                .filter(pk__in=protected)
                .values_list("pk", flat=True)
            )
            if protected
            else set()
        )

    def sees_identity(self, person: Participant) -> bool:
        return not person.identity_protected or person.pk in self.cleared

    def name(self, person: Participant | None) -> str:
        if person is None:
            return ""
        return person.name if self.sees_identity(person) else person.pseudonym


class CsvExportMixin:
    """A "Download as CSV" action. Subclasses say what a row holds (`csv_header`,
    `csv_row`), what to fetch with it (`csv_related`) and which process each row belongs
    to (`csv_process_ids`)."""

    csv_related: tuple[str, ...] = ()
    change_list_template = "admin/mediation/export_change_list.html"

    def csv_header(self) -> list[str]:
        raise NotImplementedError

    def csv_row(self, obj, names: PeopleNames) -> list:
        raise NotImplementedError

    def csv_people(self, obj) -> list[Participant]:
        return []

    def csv_process_ids(self, request, objects: list) -> list:
        *path, last = self.process_path.split("__")
        ids = []
        for obj in objects:
            for part in path:
                obj = getattr(obj, part)
            ids.append(getattr(obj, f"{last}_id"))
        return ids

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "export.csv",
                self.admin_site.admin_view(self.export_view),
                name=f"{opts.app_label}_{opts.model_name}_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request):
        """Every row the changelist shows under its current filters and search (its link
        "Download as CSV (these filters)" carries them), through the same scoped queryset."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        junk = getattr(self, "date_hierarchy_is_junk", lambda request: False)
        try:
            if junk(request):
                raise IncorrectLookupParameters
            rows = self.get_changelist_instance(request).queryset
        except IncorrectLookupParameters:
            return HttpResponseRedirect(f"{changelist}?{ERROR_FLAG}=1")
        return self.export_csv(request, rows)

    @admin.action(description=_("Download as CSV (spreadsheet)"))
    def export_csv(self, request, queryset):
        if self.csv_related:
            queryset = queryset.select_related(*self.csv_related)
        objects = list(queryset.order_by(*self.csv_ordering))
        names = PeopleNames(
            request.user, [person for obj in objects for person in self.csv_people(obj)]
        )
        kind = slugify(str(self.model._meta.verbose_name_plural)) or "rows"
        response, writer = csv_download(f"{kind}-{timezone.localdate():%Y-%m-%d}.csv")
        writer.writerow(self.csv_header())
        for obj in objects:
            writer.writerow([csv_safe(cell) for cell in self.csv_row(obj, names)])
        if objects:  # an empty file tells nothing worth a trace
            audit.list_export_read(
                request.user, self.model, self.csv_process_ids(request, objects)
            )
        # A file that lists people or records must not sit in a shared cache.
        response["Cache-Control"] = "no-store, private"
        return response


class ParticipantCsvMixin(CsvExportMixin):
    csv_ordering = ("name", "pk")

    def csv_header(self) -> list[str]:
        return [
            gettext("Name"),
            gettext("Pseudonym"),
            gettext("Identity protected"),
            gettext("Category"),
            gettext("Title or rank"),
            gettext("Affiliation"),
            gettext("Country"),
            gettext("Languages"),
            gettext("Expertise"),
            gettext("Email"),
            gettext("Archived"),
        ]

    def csv_people(self, obj) -> list[Participant]:
        return [obj]

    def csv_row(self, obj: Participant, names: PeopleNames) -> list:
        cleared = names.sees_identity(obj)
        return [
            names.name(obj),
            obj.pseudonym,
            yes_no(obj.identity_protected),
            obj.get_category_display(),
            obj.title,
            obj.affiliation,
            obj.country,
            obj.languages,
            obj.expertise,
            obj.email if cleared else "",
            yes_no(obj.archived_at is not None),
        ]

    def csv_process_ids(self, request, objects: list) -> list:
        return access.processes_of_people_administered_by(
            request.user, [obj.pk for obj in objects]
        )


def _local(moment, session) -> str:
    return moment.astimezone(session.zone).isoformat(timespec="minutes") if moment else ""


class SessionCsvMixin(CsvExportMixin):
    csv_related = ("process",)
    csv_ordering = ("starts_at", "pk")

    def csv_header(self) -> list[str]:
        return [
            gettext("Title"),
            gettext("Process"),
            gettext("Starts (local time)"),
            gettext("Ends (local time)"),
            gettext("Time zone"),
            gettext("Where"),
            gettext("Venue"),
            gettext("Format"),
            gettext("Confidentiality"),
            gettext("Status"),
            gettext("Published"),
            gettext("Archived"),
        ]

    def csv_row(self, obj, names: PeopleNames) -> list:
        return [
            obj.title,
            obj.process.title,
            _local(obj.starts_at, obj),
            _local(obj.ends_at, obj),
            obj.time_zone,
            obj.get_location_kind_display(),
            obj.venue,
            obj.get_format_display(),
            obj.get_confidentiality_display(),
            obj.get_status_display(),
            yes_no(obj.published_at is not None),
            yes_no(obj.archived_at is not None),
        ]


class InvitationCsvMixin(CsvExportMixin):
    csv_related = ("session", "participant", "side")
    csv_ordering = ("session__starts_at", "participant__name", "pk")

    def csv_header(self) -> list[str]:
        return [
            gettext("Session"),
            gettext("Starts (local time)"),
            gettext("Participant"),
            gettext("Identity protected"),
            gettext("Role"),
            gettext("Answer"),
            gettext("Attended"),
            gettext("Side"),
            gettext("Capacity"),
        ]

    def csv_people(self, obj) -> list[Participant]:
        return [obj.participant]

    def csv_row(self, obj, names: PeopleNames) -> list:
        return [
            obj.session.title,
            _local(obj.session.starts_at, obj.session),
            names.name(obj.participant),
            yes_no(obj.participant.identity_protected),
            obj.get_role_display(),
            obj.get_response_display(),
            yes_no(obj.attended),
            obj.side.name if obj.side else "",
            obj.get_capacity_display() if obj.capacity else "",
        ]


class ActionCsvMixin(CsvExportMixin):
    csv_related = ("session", "owner", "topic")
    csv_ordering = ("due_date", "pk")

    def csv_header(self) -> list[str]:
        return [
            gettext("Action"),
            gettext("Session"),
            gettext("Topic"),
            gettext("Owner"),
            gettext("Due"),
            gettext("Status"),
        ]

    def csv_people(self, obj) -> list[Participant]:
        return [obj.owner] if obj.owner else []

    def csv_row(self, obj, names: PeopleNames) -> list:
        return [
            obj.description,
            obj.session.title,
            obj.topic.title if obj.topic else "",
            names.name(obj.owner),
            obj.due_date.isoformat() if obj.due_date else "",
            obj.get_status_display(),
        ]
