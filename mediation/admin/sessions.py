"""Sessions in the admin: the meeting, its agenda and invitations, planning the next round
and sending the invitations. Agenda topics, leads and sides are those of the session's own
process (leads: people invited to it); the database refuses any other (integrity.py)."""

from __future__ import annotations

import uuid

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from mediation import access
from mediation.admin.base import (
    ArchiveActionsMixin,
    ArchivedFilter,
    AuditedHistoryAdmin,
    NamedFieldsTabularInline,
    ProcessScopedAdmin,
    ScopedChoicesMixin,
    narrow,
    process_filter,
)
from mediation.admin.exports import InvitationCsvMixin, SessionCsvMixin
from mediation.errors import Refusal
from mediation.models import AgendaItem, DialogueSession, Invitation
from mediation.notifications import enqueue as notify_enqueue
from mediation.sessions import agenda
from mediation.sessions import services as session_services
from mediation.sessions.forms import DialogueSessionForm, NextSessionForm
from mediation.templatetags.when import when


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def narrow_to_session(fields: dict, request, session: DialogueSession | None) -> None:
    """Topics and sides of the session's process, leads and owners among its invitees.
    Before the session exists there is no process to draw on: nothing is offered."""
    user = request.user
    topics, sides = access.topics_administered_by(user), access.sides_administered_by(user)
    people = access.participants_visible_to(user)
    if session is None:
        topics, sides, people = topics.none(), sides.none(), people.none()
    else:
        topics = topics.filter(process_id=session.process_id)
        sides = sides.filter(process_id=session.process_id)
        people = people.filter(invitations__session=session)
    narrow(fields, "topic", topics)
    narrow(fields, "side", sides)
    narrow(fields, "lead", people)
    narrow(fields, "owner", people)


MOVE = "_agenda_move"  # the name of the Up and Down buttons of the agenda's rows


class AgendaItemInline(ScopedChoicesMixin, NamedFieldsTabularInline):
    """The agenda in its order. New items go to the end; Up and Down move an item (and save
    the rest of the page with it), so no place is typed here."""

    model = AgendaItem
    extra = 0
    fields = ["place", "title", "topic", "duration_minutes", "lead", "notes"]
    readonly_fields = ["place"]
    ordering = ["position"]
    verbose_name_plural = _("agenda, in its order")

    @admin.display(description=_("place"))
    def place(self, obj):
        if obj is None or obj._state.adding:  # a new row (its UUID is set before it is saved)
            return _("last")
        button = (
            '<button type="submit" name="{}" value="{} {}" class="agenda-move" '
            'aria-label="{}">{}</button>'
        )
        return format_html(
            "{} " + button + " " + button,
            obj.position,
            MOVE,
            obj.pk,
            "up",
            _("Save and move “%(title)s” up") % {"title": obj.title},
            _("Up"),
            MOVE,
            obj.pk,
            "down",
            _("Save and move “%(title)s” down") % {"title": obj.title},
            _("Down"),
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        narrow_to_session(formset.form.base_fields, request, obj)
        return formset


class InvitationInline(ScopedChoicesMixin, NamedFieldsTabularInline):
    model = Invitation
    extra = 0
    fields = ["participant", "role", "response", "attended", "side", "capacity"]
    autocomplete_fields = ["participant"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant", "side")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        narrow_to_session(formset.form.base_fields, request, obj)
        return formset


class PublishedFilter(admin.SimpleListFilter):
    title = _("publication")
    parameter_name = "published"

    def lookups(self, request, model_admin):
        return [("no", _("Drafts")), ("yes", _("Published"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(published_at__isnull=self.value() == "no")
        return queryset


@admin.register(DialogueSession)
class DialogueSessionAdmin(
    SessionCsvMixin, ArchiveActionsMixin, AuditedHistoryAdmin, ProcessScopedAdmin
):
    list_display = [
        "title",
        "process",
        "starts_local",
        "location_kind",
        "format",
        "confidentiality",
        "status",
        "is_published",
        "is_archived",
    ]
    list_filter = [
        PublishedFilter,
        "status",
        "confidentiality",
        "format",
        "location_kind",
        ArchivedFilter,
        process_filter("process"),
    ]
    search_fields = ["title", "objectives", "venue", "process__title"]
    list_select_related = ["process"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["facilitators"]
    inlines = [AgendaItemInline, InvitationInline]
    form = DialogueSessionForm
    actions = [
        "publish",
        "duplicate_as_next_round",
        "send_invitation_emails",
        *ArchiveActionsMixin.actions,
        "export_csv",
    ]
    fieldsets = [
        (None, {"fields": ["process", "title", "status", "published_at", "format", "objectives"]}),
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
        if "apply" in request.POST:
            form = NextSessionForm(request.POST, session=session)
            if form.is_valid():
                copy = session_services.session_duplicate_as_next_round(
                    session=session,
                    starts_at=form.cleaned_data["starts_at"],
                    title=form.cleaned_data["title"],
                    user=request.user,
                )
                self.message_user(
                    request,
                    _(
                        "Planned the next round as a draft: %(session)s. Publish it when it is "
                        "ready; until then the people invited see nothing of it."
                    )
                    % {"session": copy},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:mediation_dialoguesession_change", args=[copy.pk])
                )
        else:
            form = NextSessionForm(session=session)
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

    readonly_fields = ["published_at"]
    change_form_template = "admin/mediation/dialoguesession/change_form.html"

    # --- The session's own zone: times on its pages are read where it takes place --------

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        note = _("Times on this page are in the session's zone, %(zone)s.") % {
            "zone": obj.time_zone
        }
        return [
            (name, {**options, "description": note} if name == _("When") else options)
            for name, options in fieldsets
        ]

    def _in_session_zone(self, request, object_id, view):
        """Run and render `view(context)` with the session's zone active: its times, read
        only or in history rows, are then shown where the session takes place."""
        obj = None
        if object_id and _is_uuid(str(object_id)):
            obj = self.get_queryset(request).filter(pk=object_id).first()
        if obj is None:
            return view({})
        with timezone.override(obj.zone):
            response = view({"session_zone": obj.time_zone})
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        def view(zone):
            return super(DialogueSessionAdmin, self).change_view(
                request, object_id, form_url, {**(extra_context or {}), **zone}
            )

        return self._in_session_zone(request, object_id, view)

    def history_view(self, request, object_id, extra_context=None):
        def view(zone):
            return super(DialogueSessionAdmin, self).history_view(
                request, object_id, {**(extra_context or {}), **zone}
            )

        return self._in_session_zone(request, object_id, view)

    # --- Up and Down on the agenda's rows ----------------------------------------------------

    def response_change(self, request, obj):
        move = request.POST.get(MOVE, "")
        if not move:
            return super().response_change(request, obj)
        item_id, _sep, direction = move.partition(" ")
        item = obj.agenda_items.filter(pk=item_id).first() if _is_uuid(item_id) else None
        if item is None:
            self.message_user(request, _("That agenda item is no longer here."), messages.ERROR)
        else:
            try:
                agenda.agenda_item_move(item=item, direction=direction)
            except Refusal as refused:
                self.message_user(request, refused.text, messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("Saved; “%(title)s” moved %(direction)s.")
                    % {
                        "title": item.title,
                        "direction": _("up") if direction == "up" else _("down"),
                    },
                    messages.SUCCESS,
                )
        url = reverse("admin:mediation_dialoguesession_change", args=[obj.pk])
        return HttpResponseRedirect(f"{url}#agenda_items-group")

    @admin.display(description=_("starts (local time)"), ordering="starts_at")
    def starts_local(self, obj):
        """In the session's own zone, named (not the UTC time under the zone's name), then
        in the reader's, where it reads otherwise."""
        return when(start=obj.starts_at, zone=obj.time_zone)

    @admin.display(boolean=True, description=_("published"), ordering="published_at")
    def is_published(self, obj):
        return obj.published_at is not None

    @admin.action(description=_("Publish (the people invited then see them)"))
    def publish(self, request, queryset):
        published = sum(
            session_services.session_publish(session=session, user=request.user)
            for session in queryset.filter(archived_at__isnull=True, published_at__isnull=True)
        )
        self.message_user(
            request,
            ngettext(
                "Published %(count)d session: the people invited now see it.",
                "Published %(count)d sessions: the people invited now see them.",
                published,
            )
            % {"count": published},
            messages.SUCCESS,
        )

    @admin.action(description=_("Send invitation emails"))
    def send_invitation_emails(self, request, queryset):
        drafts = queryset.filter(published_at__isnull=True).count()
        if drafts:
            self.message_user(
                request,
                _("Publish the drafts among these sessions before sending their invitations."),
                messages.ERROR,
            )
            return
        queued = skipped = 0
        for session in queryset.filter(archived_at__isnull=True):
            sent, left = notify_enqueue.session_invitations_send(
                session=session, base_url=request.build_absolute_uri("/")
            )
            queued, skipped = queued + sent, skipped + left
        self.message_user(
            request,
            _(
                "Invitations emailed: %(queued)d. Not emailed: %(skipped)d (each session's page "
                "lists who, why and the fix)."
            )
            % {"queued": queued, "skipped": skipped},
            messages.SUCCESS,
        )


@admin.register(Invitation)
class InvitationAdmin(InvitationCsvMixin, AuditedHistoryAdmin, ProcessScopedAdmin):
    process_path = "session__process"
    actions = ["export_csv"]
    list_display = ["participant", "session", "role", "response", "attended", "side", "capacity"]
    list_filter = [
        "response",
        "role",
        "attended",
        "capacity",
        process_filter("session__process"),
    ]
    search_fields = ["participant__name", "participant__pseudonym", "session__title"]
    list_select_related = ["participant", "session", "side"]
    autocomplete_fields = ["participant"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # An invitation stays with its person and session: invite anew instead.
        return [*fields, "participant"] if obj is not None else fields

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            narrow_to_session(form.base_fields, request, obj.session)
        return form


@admin.register(AgendaItem)
class AgendaItemAdmin(AuditedHistoryAdmin, ProcessScopedAdmin):
    process_path = "session__process"
    list_display = ["title", "session", "position", "topic", "duration_minutes", "lead"]
    readonly_fields = ["position"]
    list_filter = [process_filter("session__process")]
    search_fields = ["title", "notes", "session__title"]
    list_select_related = ["session", "topic", "lead"]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            narrow_to_session(form.base_fields, request, obj.session)
        return form
