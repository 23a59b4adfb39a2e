"""Outcome documents and the transfer log in the admin: shown to the organizers of their
process, written only through their pages, where the rules live (every save a version,
clearance per side, release once every side cleared; a protected contact's name read on its
own page, into the read audit). So the console lists them read-only, and never shows a
protected contact's name."""

from __future__ import annotations

from django.contrib import admin

from mediation.admin.base import AuditedHistoryAdmin, ProcessScopedAdmin, ReadOnlyMixin
from mediation.models import Briefing, OfficialContact, OutcomeDocument


@admin.register(OutcomeDocument)
class OutcomeDocumentAdmin(ReadOnlyMixin, AuditedHistoryAdmin, ProcessScopedAdmin):
    list_display = ["title", "process", "kind", "rule", "state", "version", "updated_at"]
    list_filter = ["state", "kind", ("process", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "process__title"]
    list_select_related = ["process"]
    fields = ["title", "process", "kind", "rule", "state", "version", "released_at", "to_public"]


@admin.register(OfficialContact)
class OfficialContactAdmin(ReadOnlyMixin, ProcessScopedAdmin):
    """No change history here: it holds the name."""

    list_display = ["__str__", "process", "role", "country", "relation", "identity_protected"]
    list_filter = ["relation", ("process", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["pseudonym", "institution", "process__title"]
    list_select_related = ["process"]
    # Not the name: a protected contact's is read on the transfer log's contact page.
    fields = ["process", "institution", "role", "country", "relation", "identity_protected"]


@admin.register(Briefing)
class BriefingAdmin(ReadOnlyMixin, AuditedHistoryAdmin, ProcessScopedAdmin):
    list_display = ["__str__", "process", "briefed_by", "reception", "feedback_on"]
    list_filter = ["channel", "reception", ("process", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["briefed_by", "process__title"]
    list_select_related = ["process"]
    date_hierarchy = "briefed_on"
    fields = ["process", "briefed_on", "briefed_by", "channel", "reception", "feedback"]
