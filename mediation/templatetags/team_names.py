"""`{% team_name person %}`: a person as the team reads them.

A protected person's real name is marked so print.css leaves it off paper (the pseudonym
stays). A tag rather than an included template: the facilitator's invitation table names
every invitee, and an include per row was a template rendered per row
(tests/mediation/sessions/test_invitation_table_scale.py counts them).
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def team_name(person) -> SafeString:
    if person.identity_protected:
        return format_html(
            '<span class="real-name">{} </span><span class="pseudonym">({})</span>',
            person.name,
            person.pseudonym,
        )
    return format_html("{}", person.name)
