"""Invitations by email: facilitators send them; the link in one sets a password once."""

from uuid import UUID

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import WelcomeForm
from accounts.services import profile_time_zone_set
from mediation import access
from mediation.errors import Refusal
from mediation.notifications import enqueue as notify_enqueue
from mediation.tokens import invitation_token_generator


def sent_message(queued: int, skipped: int) -> str:
    """What sending the invitations did, pointing to the page's list of who was not emailed."""
    return _(
        "Invitations emailed: %(queued)d. Not emailed: %(skipped)d (the page lists who, "
        "why and the fix)."
    ) % {"queued": queued, "skipped": skipped}


@require_POST
@login_required
@never_cache
def session_invitations_send(request: HttpRequest, session_id: UUID) -> HttpResponse:
    session = access.open_session(request.user, session_id, edit=True).session
    try:
        queued, skipped = notify_enqueue.session_invitations_send(
            session=session, base_url=request.build_absolute_uri("/")
        )
    except Refusal as refused:
        messages.error(request, refused.text)
        return redirect(session)
    messages.success(request, sent_message(queued, skipped))
    return redirect(session)


def _invited_user(uidb64: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    # Only a participant's active account can be welcomed this way.
    return User.objects.filter(pk=pk, is_active=True, participant__isnull=False).first()


@sensitive_post_parameters()
@require_http_methods(["GET", "POST"])
@never_cache
def invitation_accept(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = _invited_user(uidb64)
    if user is None or not invitation_token_generator.check_token(user, token):
        return render(request, "mediation/welcome_invalid.html", status=400)
    form = WelcomeForm(user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        form.save()
        if form.cleaned_data.get("time_zone"):
            profile_time_zone_set(user=user, time_zone=form.cleaned_data["time_zone"])
        login(request, user, backend="accounts.backends.ViewerBackend")
        messages.success(request, _("Welcome. Your password is set and you are signed in."))
        return redirect(_landing(request, user))
    return render(
        request, "mediation/welcome.html", {"form": form}, status=400 if form.is_bound else 200
    )


def _landing(request: HttpRequest, user: User) -> str:
    """The session named in the link, if this user may see it; else their home page."""
    session_id = request.GET.get("session", "")
    try:
        return access.open_session(user, session_id).session.get_absolute_url()
    except Http404:
        return "/"
