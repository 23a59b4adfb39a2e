"""The people roster in the admin, and the sign-in accounts behind it.

The roster is shared across processes, so it follows the rule in `access` ("The people
roster"): an organizer sees the people of the processes they organize, changes who someone
is (name, address, account, identity protection, pseudonym) only when they organize every
process that person is in, and reaches a person of another process only by typing their
exact address (and, for a protected person, pseudonym) on the "Add someone already on the
roster" page. Opening a protected person's page is a read of their identity: audited, in
the read audit of every process the person is in, so their other convenors see it too.
The user admin is for superusers only: organizers manage people through the roster.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from mediation import access, audit
from mediation.admin.base import (
    ArchiveActionsMixin,
    ArchivedFilter,
    AuditedHistoryAdmin,
    NamedFieldsTabularInline,
    ScopedChoicesMixin,
    narrow,
)
from mediation.admin.exports import ParticipantCsvMixin
from mediation.models import Consent, Participant, ProcessMember
from mediation.people import services as people_services


class ConsentInline(ScopedChoicesMixin, NamedFieldsTabularInline):
    """Consents, dated. Existing ones are read-only and never deleted: withdraw them from
    the consents list instead, so the record of who agreed to what stays whole."""

    model = Consent
    extra = 0
    can_delete = False
    fields = ["kind", "method", "given_at", "withdrawn_at", "recorded_by"]
    readonly_fields = ["recorded_by"]
    ordering = ["-given_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return access.administered(super().get_queryset(request), request.user).select_related(
            "participant", "process", "recorded_by"
        )


class ParticipantConsentInline(ConsentInline):
    fields = ["process", *ConsentInline.fields]


def consent_formsets_stamp(request, formsets) -> None:
    """Consents added through an inline are recorded in the name of the organizer."""
    for formset in formsets:
        if formset.model is Consent:
            for form in formset.forms:
                if form.instance._state.adding:
                    form.instance.recorded_by = request.user


class ParticipantAddForm(forms.ModelForm):
    """A new person joins the roster of one of the organizer's processes at once, so they
    never float outside every process (where no organizer could see them)."""

    roster_process = forms.ModelChoiceField(
        label=_("Add to the roster of"), queryset=None, required=True
    )
    roster_side = forms.ModelChoiceField(label=_("Side"), queryset=None, required=False)

    class Meta:
        model = Participant
        fields = [
            "name",
            "category",
            "title",
            "affiliation",
            "country",
            "languages",
            "email",
            "expertise",
            "identity_protected",
            "pseudonym",
            "aliases",
        ]

    def __init__(self, *args, processes=None, sides=None, required=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roster_process"].queryset = processes
        self.fields["roster_process"].required = required
        self.fields["roster_side"].queryset = sides

    def clean(self):
        cleaned = super().clean()
        side, process = cleaned.get("roster_side"), cleaned.get("roster_process")
        if side is not None and (process is None or side.process_id != process.pk):
            self.add_error("roster_side", _("Choose a side of the process chosen above."))
        return cleaned


class FindForm(forms.Form):
    term = forms.CharField(label=_("Exact email address"), max_length=254, strip=True)
    pseudonym = forms.CharField(
        label=_("Exact pseudonym"),
        max_length=100,
        required=False,
        strip=True,
        help_text=_("For a protected person only: their address and pseudonym together."),
    )
    process = forms.ModelChoiceField(label=_("Add to the roster of"), queryset=None)


@admin.register(Participant)
class ParticipantAdmin(
    ParticipantCsvMixin, ArchiveActionsMixin, ScopedChoicesMixin, AuditedHistoryAdmin
):
    actions = [*ArchiveActionsMixin.actions, "export_csv"]
    list_display = [
        "shown_name",
        "category",
        "affiliation",
        "country",
        "identity_protected",
        "has_account",
        "is_archived",
    ]
    # No "country" filter: its choices were a DISTINCT over every participant on each page;
    # the search finds people by country.
    list_filter = ["category", "identity_protected", ArchivedFilter]
    show_full_result_count = False
    inlines = [ParticipantConsentInline]
    search_fields = ["name", "pseudonym", "affiliation", "email", "country", "expertise"]
    # For superusers, the only ones who link accounts (a picker of every account would not
    # scale); organizers see the field read-only.
    autocomplete_fields = ["user"]
    fieldsets = [
        (None, {"fields": ["name", "category", "title", "affiliation", "country", "languages"]}),
        (_("Contact and account"), {"fields": ["email", "user"]}),
        (_("Expertise"), {"fields": ["expertise"]}),
        (_("Identity protection"), {"fields": ["identity_protected", "pseudonym", "aliases"]}),
    ]
    change_list_template = "admin/mediation/participant/change_list.html"

    def get_queryset(self, request):
        return access.participants_visible_to(request.user)

    @admin.display(description=_("name"), ordering="name")
    def shown_name(self, obj):
        # The list never shows a protected person's real name: their own page does, and
        # opening it is audited.
        if obj.identity_protected:
            return _("%(pseudonym)s (protected identity)") % {"pseudonym": obj.pseudonym}
        return obj.name

    @admin.display(description=_("account"), boolean=True)
    def has_account(self, obj):
        return obj.user_id is not None

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # Archived people drop out of pickers (autocomplete); their past rows stay intact.
        if request.path == reverse("admin:autocomplete"):
            queryset = queryset.filter(archived_at__isnull=True)
        return queryset, may_have_duplicates

    @staticmethod
    def _may_change_identity(request, obj) -> bool:
        """`access.can_change_identity`, asked once per request and person: the admin asks
        for read-only fields and the delete right several times while building one page."""
        answers = request.__dict__.setdefault("_may_change_identity", {})
        if obj.pk not in answers:
            answers[obj.pk] = access.can_change_identity(request.user, obj)
        return answers[obj.pk]

    # --- Who may change what --------------------------------------------------------------

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not self._may_change_identity(request, obj):
            return list(Participant.IDENTITY_FIELDS)
        # Linking an account is a superuser's task: organizers cannot browse accounts.
        return [] if request.user.is_superuser else ["user"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not self._may_change_identity(request, obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        # People are archived, never deleted in bulk: one delete at a time, from their page.
        actions.pop("delete_selected", None)
        return actions

    def archivable(self, request, queryset):
        return queryset.filter(
            pk__in=access.participants_identity_changeable_by(request.user).values("pk")
        )

    # --- Adding a person ------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is not None:
            return super().get_form(request, obj, change=change, **kwargs)
        processes = access.processes_administered_by(request.user)
        sides = access.sides_administered_by(request.user).filter(process__in=processes)
        required = not request.user.is_superuser

        class Form(ParticipantAddForm):
            def __init__(self, *args, **form_kwargs):
                super().__init__(
                    *args, processes=processes, sides=sides, required=required, **form_kwargs
                )

        return super().get_form(request, obj, change=change, form=Form, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is not None:
            return self.fieldsets
        return [
            (_("Roster"), {"fields": ["roster_process", "roster_side"]}),
            *[
                (title, {"fields": [f for f in options["fields"] if f != "user"]})
                for title, options in self.fieldsets
            ],
        ]

    def save_model(self, request, obj, form, change):
        if change:
            people_services.participant_save(
                participant=obj, changed=form.changed_data, user=request.user
            )
            return
        people_services.participant_add(
            participant=obj,
            process=form.cleaned_data.get("roster_process"),
            side=form.cleaned_data.get("roster_side"),
            user=request.user,
        )

    def save_formset(self, request, form, formset, change):
        consent_formsets_stamp(request, [formset])
        super().save_formset(request, form, formset, change)

    # --- Reading a protected identity -----------------------------------------------------

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = getattr(response, "context_data", {}).get("original")
        shown = request.method == "GET" and response.status_code == 200
        if shown and obj is not None and obj.identity_protected:
            audit.person_identity_read(request.user, obj, access.processes_of(obj))
        return response

    # --- Someone already on the roster, from another process ------------------------------

    def get_urls(self):
        return [
            path(
                "find/",
                self.admin_site.admin_view(self.find_view),
                name="mediation_participant_find",
            ),
            *super().get_urls(),
        ]

    def find_view(self, request):
        """Add someone of another process to one of the organizer's processes, found by
        exact address (and pseudonym, for a protected person): the roster is never
        browsed."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        processes = access.processes_administered_by(request.user)
        form = FindForm(request.POST or None)
        form.fields["process"].queryset = processes
        found = []
        if request.method == "POST" and form.is_valid():
            process = form.cleaned_data["process"]
            found = list(
                access.participants_found_exactly(
                    request.user, form.cleaned_data["term"], form.cleaned_data["pseudonym"]
                )
                .exclude(memberships__process=process)
                .order_by("name")[:10]
            )
            chosen = request.POST.get("participant")
            if chosen:
                person = next((p for p in found if str(p.pk) == chosen), None)
                if person is not None:
                    people_services.process_member_add(
                        process=process, participant=person, user=request.user
                    )
                    self.message_user(
                        request,
                        _("%(person)s is on the roster of %(process)s.")
                        % {"person": person, "process": process},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(
                        reverse("admin:mediation_dialogueprocess_change", args=[process.pk])
                    )
        return TemplateResponse(
            request,
            "admin/mediation/participant/find.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Add someone already on the roster"),
                "form": form,
                "found": found,
                "searched": request.method == "POST" and form.is_valid(),
                "opts": self.model._meta,
            },
        )


class ProcessMemberInline(ScopedChoicesMixin, NamedFieldsTabularInline):
    """The process's roster. People of other processes join it through the "Add someone
    already on the roster" page (by exact address or pseudonym)."""

    model = ProcessMember
    extra = 0
    fields = ["participant", "side", "added_by"]
    readonly_fields = ["added_by"]
    autocomplete_fields = ["participant"]

    def get_queryset(self, request):
        return access.administered(super().get_queryset(request), request.user).select_related(
            "participant", "side", "added_by"
        )

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        sides = access.sides_administered_by(request.user)
        sides = sides.filter(process=obj) if obj is not None else sides.none()
        narrow(formset.form.base_fields, "side", sides)
        return formset


class SuperuserOnlyMixin:
    """Accounts and groups are a superuser's business; organizers work with the roster."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class AccountAdmin(SuperuserOnlyMixin, UserAdmin):
    pass


@admin.register(Group)
class AccountGroupAdmin(SuperuserOnlyMixin, GroupAdmin):
    pass
