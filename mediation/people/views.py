"""A participant's own consents: see, give and withdraw them, per process, at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from mediation import access
from mediation.fragments import render_region
from mediation.models import Consent

from . import selectors, services
from .forms import ConsentChangeForm


def _render(request) -> HttpResponse:
    return render_region(
        request,
        "mediation/my_consents.html",
        "consents",
        {"processes": selectors.consents_of_participant(request.user)},
    )


@require_GET
@login_required
@never_cache
@vary_on_headers("HX-Request")
def my_consents(request) -> HttpResponse:
    return _render(request)


@require_POST
@login_required
@never_cache
@vary_on_headers("HX-Request")
def my_consents_change(request) -> HttpResponse:
    form = ConsentChangeForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(_("This change of consent was not understood."))
    process = access.get_process_taken_part_in(request.user, form.cleaned_data["process"])
    participant = access.participant_of(request.user)
    kind = form.cleaned_data["kind"]
    label = Consent.Kind(kind).label
    if form.cleaned_data["action"] == "give":
        services.consent_give(
            participant=participant,
            process=process,
            kind=kind,
            user=request.user,
            method=Consent.Method.PARTICIPANT,
        )
        note = _("Given: %(consent)s (%(process)s).") % {"consent": label, "process": process}
    else:
        services.consents_withdraw(
            queryset=participant.consents.filter(process=process, kind=kind),
            user=request.user,
        )
        note = _("Withdrawn: %(consent)s (%(process)s).") % {
            "consent": label,
            "process": process,
        }
    messages.success(request, note)
    if request.htmx:
        return _render(request)
    return redirect("my_consents")
