"""`{% organizer_dashboard %}`: the admin index's list of what needs the organizer next
(mediation.sessions.organizer_dashboard)."""

from django import template

from mediation import access
from mediation.sessions.organizer_dashboard import organizer_dashboard as dashboard_of

register = template.Library()


@register.inclusion_tag("admin/mediation/dashboard.html", takes_context=True)
def organizer_dashboard(context):
    user = context["request"].user
    if not access.is_organizer(user):
        return {"dashboard": None}
    return {"dashboard": dashboard_of(user)}
