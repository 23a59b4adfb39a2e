"""The one fragment protocol of htmx answers.

A page's swappable region is a `{% partialdef <id> inline %}` named after the element id it
replaces. An htmx request gets that partial alone, followed by the messages block of
`base.html` marked to swap out of band; any other request gets the whole page. Success and
refusals are reported the same way everywhere: as Django messages.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string


def messages_out_of_band(request) -> str:
    """The messages block of every page, marked to replace the page's own."""
    return render_to_string("base.html#messages", {"oob": True}, request=request)


def render_region(
    request, template: str, region: str | None, context: dict, *, status: int = 200
) -> HttpResponse:
    """`template#region` with the messages out of band for htmx, else the whole `template`."""
    if request.htmx and region:
        body = render_to_string(f"{template}#{region}", context, request=request)
        body += messages_out_of_band(request)
    else:
        body = render_to_string(template, context, request=request)
    return HttpResponse(body, status=status)
