"""`{{ text|markdown }}`: render what a facilitator typed as safe HTML
(see mediation.records.markdown)."""

from django import template

from mediation.records.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str):
    return render_markdown(text)
