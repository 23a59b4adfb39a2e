"""The admin's way back for someone who lost their phone: resetting their two-factor devices.

Not the user admin (superusers only, and it shows far more): a read-only list of the
accounts the organizer may reset (`access.users_whose_devices_may_be_reset_by`) showing
the username, whether a confirmed device exists and the last sign-in, nothing else (no
address), and one action that deletes the devices through `twofactor_devices`, which
checks `access.can_reset_devices` again for each row, logs it and tells the account's owner.
There is no add, change, delete or history page.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import devices as twofactor_devices
from accounts import twofactor as account_twofactor
from mediation import access
from mediation.admin.base import ReadOnlyMixin
from mediation.models import TwoFactorAccount
from mediation.notifications import emails


@admin.register(TwoFactorAccount)
class TwoFactorAccountAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["username", "has_device", "last_login"]
    list_display_links = None
    search_fields = ["username"]
    ordering = ["username"]
    sortable_by = ["username"]  # the one indexed column
    actions = ["reset_devices"]

    def get_queryset(self, request):
        return access.accounts_resettable_by(request.user).annotate(
            _has_device=account_twofactor.owns_confirmed_device()
        )

    def get_urls(self):
        # The list is the whole console: no page shows one account (it would show its
        # address, groups and password field), none adds, changes or deletes one.
        info = self.opts.app_label, self.opts.model_name
        view = self.admin_site.admin_view(self.changelist_view)
        return [path("", view, name="{}_{}_changelist".format(*info))]

    def has_view_permission(self, request, obj=None):
        return access.is_organizer(request.user) and super().has_view_permission(request, obj)

    def has_reset_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description=_("confirmed device"), boolean=True)
    def has_device(self, obj):
        return obj._has_device

    @admin.action(description=_("Reset two-factor devices"), permissions=["reset"])
    def reset_devices(self, request, queryset):
        done = unreachable = nothing = refused = 0
        for account in queryset:
            try:
                removed = twofactor_devices.two_factor_devices_reset(
                    actor=request.user, target=account
                )
            except PermissionDenied:
                refused += 1
                continue
            if removed:
                done += 1
                unreachable += not emails.may_notify_account(account)
            else:
                nothing += 1
        if done:
            self.message_user(
                request,
                ngettext(
                    "Reset two-factor sign-in for %(count)d account.",
                    "Reset two-factor sign-in for %(count)d accounts.",
                    done,
                )
                % {"count": done},
                messages.SUCCESS,
            )
        if unreachable:
            self.message_user(
                request,
                ngettext(
                    "%(count)d of them has no email address, so no notice was sent: tell "
                    "them yourself.",
                    "%(count)d of them have no email address, so no notice was sent: tell "
                    "them yourself.",
                    unreachable,
                )
                % {"count": unreachable},
                messages.WARNING,
            )
        if nothing:
            self.message_user(
                request,
                ngettext(
                    "%(count)d account had no device to reset.",
                    "%(count)d accounts had no device to reset.",
                    nothing,
                )
                % {"count": nothing},
                messages.INFO,
            )
        if refused:
            self.message_user(
                request,
                ngettext(
                    "%(count)d account was not reset: it is not yours to reset.",
                    "%(count)d accounts were not reset: they are not yours to reset.",
                    refused,
                )
                % {"count": refused},
                messages.ERROR,
            )
