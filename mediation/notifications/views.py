"""Stopping reminder emails from the link every reminder carries (RFC 8058).

Mail programs offer an "Unsubscribe" button for a message with `List-Unsubscribe-Post`:
pressing it makes the mail provider POST to the link, with no cookie and no CSRF token, so
this one view is exempt from the CSRF check. The signed token in the address is what
proves the request came from the email. Opened in a browser (GET), the link shows a page
with a button instead, so a link scanner that follows every address changes nothing.
The page names no one and shows no address: whoever holds the email can see it.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from mediation.people import selectors as people_selectors
from mediation.people import services as people_services
from mediation.tokens import reminders_unsubscribe_participant_id


@csrf_exempt
@require_http_methods(["GET", "POST"])
@never_cache
def reminders_unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    participant_id = reminders_unsubscribe_participant_id(token)
    participant = people_selectors.participant_by_id(participant_id) if participant_id else None
    if participant is None:
        raise Http404
    stopped = request.method == "POST"
    if stopped:
        people_services.participant_reminders_set(participant=participant, wanted=False)
    return render(request, "mediation/unsubscribe.html", {"stopped": stopped})
