"""`|bdi`: a name or title isolated from the sentence around it, for right-to-left pages.

A Latin name inside an Arabic sentence (or an Arabic one inside English) would otherwise
pull the punctuation next to it to the wrong side. Use it in the `with` of a
blocktranslate, so the message to translate stays the same:
``{% blocktranslate with name=user.get_full_name|bdi %}Signed in as {{ name }}``
``{% endblocktranslate %}``.
Only in element content: never in an attribute, a <title> or a plain-text email.
"""

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def bdi(value: object) -> SafeString:
    return format_html("<bdi>{}</bdi>", value)
