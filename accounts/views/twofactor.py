"""Two-factor pages: confirm a code after the password, enrol an authenticator app, and
read the backup codes once.

The rules of who must confirm live in `accounts.twofactor`; these pages are exempt from
its middleware so a person owing a code can reach them.
"""

from __future__ import annotations

import base64

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import devices as twofactor_devices

from .. import twofactor
from ..forms import TwoFactorCodeForm

BACKUP_CODES_SESSION_KEY = "two_factor_backup_codes"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def _has_confirmed_device(user) -> bool:
    return next(devices_for_user(user, confirmed=True), None) is not None


def _refuse_code(request: HttpRequest, form: TwoFactorCodeForm) -> HttpResponse | None:
    """Count a wrong code: a form error, or after too many, a signed-out redirect."""
    if twofactor.wrong_code_note(request):
        messages.error(
            request, _("Too many wrong codes. Sign in again with your password to retry.")
        )
        return redirect("login")
    left = twofactor.MAX_WRONG_CODES - twofactor.wrong_code_count(request)
    form.add_error(
        "code",
        _("This code is not right, or was already used. %(left)d tries left.") % {"left": left},
    )
    return None


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not _has_confirmed_device(user):
        return redirect("two_factor_setup")
    if user.is_verified():
        return HttpResponseRedirect(_next_url(request))
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        for device in devices_for_user(user, confirmed=True):
            verified = django_otp.verify_token(user, device.persistent_id, code)
            if verified is not None:
                django_otp.login(request, verified)
                twofactor.wrong_codes_forget(request)
                return HttpResponseRedirect(_next_url(request))
        refused = _refuse_code(request, form)
        if refused is not None:
            return refused
    return render(
        request,
        "registration/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )


def _qr_data_uri(device: TOTPDevice) -> str:
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4, border=2)
    # An <img> with a data: URI: the CSP allows data: images and forbids inline styles.
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if _has_confirmed_device(user):
        if not user.is_verified():
            # Only someone who already confirmed a code may change the second factor.
            return redirect("two_factor_verify")
        return render(request, "registration/two_factor_setup.html", {"already_on": True})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by(
        "pk"
    ).first() or TOTPDevice.objects.create(user=user, name=_("Authenticator app"), confirmed=False)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        verified = django_otp.verify_token(user, device.persistent_id, form.cleaned_data["code"])
        if verified is not None:
            codes = twofactor_devices.totp_device_confirm(device=verified)
            django_otp.login(request, verified)
            twofactor.wrong_codes_forget(request)
            request.session[BACKUP_CODES_SESSION_KEY] = codes
            messages.success(request, _("Two-factor sign-in is on."))
            query = urlencode({"next": _next_url(request)})
            return redirect(f"{reverse('two_factor_backup_codes')}?{query}")
        refused = _refuse_code(request, form)
        if refused is not None:
            return refused
    return render(
        request,
        "registration/two_factor_setup.html",
        {
            "form": form,
            "key": base64.b32encode(device.bin_key).decode(),
            "qr": _qr_data_uri(device),
            "next": _next_url(request),
        },
    )


@require_GET
@login_required
@never_cache
def two_factor_backup_codes(request: HttpRequest) -> HttpResponse:
    """The backup codes, shown once: they leave the session as they are shown."""
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    if not codes:
        return HttpResponseRedirect(_next_url(request))
    return render(
        request,
        "registration/two_factor_backup_codes.html",
        {"codes": codes, "next": _next_url(request)},
    )
