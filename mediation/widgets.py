"""Form widgets whose size grows with the data, written without a template per item.

Django's Select renders every <option> through two templates (the option and its
attributes). The agenda's "Lead" and the action's "Owner" list every invitee, so the
facilitator's session page rendered four templates per invitee: at 150 invitees, 540 of its
722 templates (tests/mediation/sessions/test_invitation_table_scale.py).
`PeopleSelect` writes the same markup in one pass, escaping each value and label with the
standard library's `html.escape` (what Django's `escape` does, without its lazy-string
wrapper, which cost more than the option itself).
"""

from html import escape

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeData, SafeString, mark_safe


def _escaped(text) -> str:
    return text if isinstance(text, SafeData) else escape(str(text))


def _option(value, attrs: dict, label) -> str:
    extra = flatatt(attrs) if attrs else ""
    return f'<option value="{_escaped(value)}"{extra}>{_escaped(label)}</option>'


class PeopleSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        options = "".join(
            _option(option["value"], option["attrs"], option["label"])
            for _group, choices, _index in widget["optgroups"]
            for option in choices
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe(options),  # noqa: S308 (each part escaped above)
        )
