"""A person's profile: time zone, language, email, reminders, password, and their calendar
address."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from mediation import access
from mediation.models import Profile

from .. import services
from ..forms import ProfileForm


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def profile(request: HttpRequest) -> HttpResponse:
    user = request.user
    current = Profile.objects.filter(user=user).first()
    participant = access.participant_of(user)
    if request.method == "POST":
        form = ProfileForm(request.POST, participant=participant)
        if form.is_valid():
            services.profile_update(user=user, **form.cleaned_data)
            messages.success(request, _("Your profile is saved."))
            return redirect("profile")
    else:
        form = ProfileForm(
            participant=participant,
            initial={
                "time_zone": current.time_zone if current else "",
                "language": current.language if current else "",
                "email": user.email,
                "reminders": participant.reminders if participant else False,
            },
        )
    feed_url = (
        request.build_absolute_uri(reverse("calendar_feed", args=[participant.calendar_token]))
        if participant is not None and participant.calendar_token
        else None
    )
    return render(
        request,
        "mediation/profile.html",
        {"form": form, "participant": participant, "feed_url": feed_url},
        status=400 if form.is_bound else 200,
    )


@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        # Keeps this session; every other session of the account ends on its next request
        # (its stored password hash no longer matches).
        update_session_auth_hash(request, user)
        messages.success(
            request, _("Your password is changed. You were signed out everywhere else.")
        )
        return redirect("profile")
    return render(
        request,
        "mediation/password_change.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )
