"""Template tags linking any page of the product to the glossary.

Load with ``{% load glossary_tags %}``. Both tags share one `LinkIndex`, loaded with a single
query the first time either is used and then remembered for the rest of the request (or, when
the template is rendered without a request, for the rest of that render), so a page can use
them in a loop of any length for the price of one query.
"""

from uuid import uuid4

from django import template
from django.template import Context
from django.utils.html import format_html
from django.utils.safestring import SafeString

from .. import selectors
from ..links import LinkIndex

register = template.Library()

_MEMO = "_glossary_link_index"


def _link_index(context: Context) -> LinkIndex:
    request = context.get("request")
    if request is not None:
        # On the request: survives {% include %} and partials, which each get a fresh
        # render_context, so a row template included in a loop still costs one query.
        index = getattr(request, _MEMO, None)
        if index is None:
            index = selectors.link_index()
            setattr(request, _MEMO, index)
        return index
    index = context.render_context.get(_MEMO)
    if index is None:
        index = context.render_context[_MEMO] = selectors.link_index()
    return index


@register.simple_tag(takes_context=True)
def glossary_link(context: Context, key: object, label: object = None) -> SafeString:
    """A link to the glossary entry that explains `key`, its definition shown on hover/focus.

    Usage::

        {% load glossary_tags %}
        {% glossary_link session.confidentiality session.get_confidentiality_display %}
        {% glossary_link process.track process.get_track_display %}
        {% glossary_link participant.category participant.get_category_display %}
        {% glossary_link "track-ii" _("Track II") %}
        {% glossary_link "chatham-house-rule" %}   {# label defaults to the term's name #}

    `key` is a session confidentiality value (on_record, chatham_house, off_record,
    no_record), a process track value (1.5, 2, 3), a participant category value (academic,
    retired_civil, retired_military, public_figure, social_activist, other) or a term's slug;
    glossary/links.py holds the mapping. Renders::

        <span class="glossary-term"><a href="/glossary/<slug>/" class="glossary-link"
          title="<definition>" aria-describedby="glossary-tip-…">label</a><span
          id="glossary-tip-…" class="glossary-tip" role="tooltip" hidden>definition</span></span>

    The `hidden` span is the link's accessible description; static/css/glossary.css shows it
    as a tooltip while the link has keyboard focus (mouse users get the `title`), so link
    that stylesheet on pages using the tag (without it, nothing extra is shown). When no
    term matches the key (including "other"), renders the label alone, escaped, without a
    link; never raises.
    """
    entry = _link_index(context).entry(key)
    if entry is None:
        return format_html("{}", "" if label is None else label)
    tip_id = f"glossary-tip-{uuid4().hex[:12]}"
    return format_html(
        '<span class="glossary-term">'
        '<a href="{url}" class="glossary-link" title="{definition}" aria-describedby="{tip}">'
        "{label}</a>"
        '<span id="{tip}" class="glossary-tip" role="tooltip" hidden>{definition}</span>'
        "</span>",
        url=entry.url,
        definition=entry.definition,
        tip=tip_id,
        label=entry.name if label is None else label,
    )


@register.simple_tag(takes_context=True)
def autolink(context: Context, text: str, exclude: str | None = None) -> SafeString:
    """`text`, escaped, with the first mention of each glossary term linked to its entry.

    ``{% autolink term.explanation exclude=term.slug as html %}{{ html|linebreaks }}``:
    `exclude` keeps a term from linking to its own page. See `LinkIndex.autolink`.
    """
    return _link_index(context).autolink(text, exclude=exclude)


@register.simple_tag
def english_if_untranslated(entry: object, field: str) -> SafeString:
    """` lang="en" dir="ltr"` on the element holding `field` of a glossary entry or part
    when, on a French or Arabic page, that field is shown in its English original: screen
    readers then read it with English sounds, and an Arabic page sets it left to right."""
    if selectors.content_language() is None:
        return SafeString("")
    if field in getattr(entry, "translated_fields", ()):
        return SafeString("")
    return SafeString(' lang="en" dir="ltr"')
