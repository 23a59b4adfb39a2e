"""What each row of an admin list costs, kept small.

Django draws a list's selection checkbox through the form widget machinery: a template
rendered per row (a `CheckboxInput` with its attrs include), about 0.9 ms a row, close to
half of a hundred-row list's time. The same element is written here directly, byte for
byte what the widget writes (type, name, value, class, aria-label, in that order).
"""

from __future__ import annotations

from django.contrib.admin import helpers
from django.utils.html import format_html
from django.utils.translation import gettext as _


class CheapRowsMixin:
    """For a ModelAdmin: the row's selection checkbox without a template per row."""

    def action_checkbox(self, obj):
        # Django's own message id, so its translations apply as before.
        label = format_html(_("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )
