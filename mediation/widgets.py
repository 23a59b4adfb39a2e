"""Form widgets whose size grows with the data, written without a template per item.

Django's Select renders every <option> through two templates (the option and its
attributes). The agenda's "Lead" and the action's "Owner" list every invitee, so the
facilitator's session page rendered four templates per invitee: at 150 invitees, 540 of its
722 templates (tests/mediation/sessions/test_invitation_table_scale.py).
`PeopleSelect` writes the same markup in one pass.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


class PeopleSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option["value"], flatatt(option["attrs"]), option["label"])
                for _group, choices, _index in widget["optgroups"]
                for option in choices
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', widget["name"], flatatt(widget["attrs"]), options
        )
