"""The forms of a page as a browser would send them, and where their errors show."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin

from django.apps import apps

from .walker import SKIPPED_NAMES

# Routes whose page, opened without htmx, is another route's page again with one part open
# (an agenda item's edit form, the invitation search). The walks that post every form of a
# page post only the forms of these that post to themselves: the rest of the page is walked
# at the other route. test_text_input.py pins that each is that same page.
SAME_PAGE_AS = {
    "session_agenda_item_edit": "session_detail",
    "session_invitation_search": "session_detail",
    "session_invitation_update": "session_detail",
}

# --- Forms ---------------------------------------------------------------------------------

TEXT_INPUT_TYPES = {"text", "search", "email", "url", "tel", ""}


@dataclass
class Field:
    name: str
    tag: str  # input, textarea, select
    type: str = ""
    value: str = ""
    values: list[str] = field(default_factory=list)  # selected options
    checked: bool = False
    attrs: dict = field(default_factory=dict)

    @property
    def is_text(self) -> bool:
        return self.tag == "textarea" or (self.tag == "input" and self.type in TEXT_INPUT_TYPES)

    @property
    def max_length(self) -> int | None:
        value = self.attrs.get("maxlength")
        return int(value) if value and value.isdigit() else None


@dataclass
class Form:
    action: str
    method: str
    fields: list[Field] = field(default_factory=list)

    def data(self, **overrides) -> dict[str, list[str]]:
        """What a browser would send, with `overrides` replacing or adding fields."""
        sent: dict[str, list[str]] = {}
        for f in self.fields:
            if f.tag == "input" and f.type in {"submit", "button", "image", "reset", "file"}:
                continue
            if f.tag == "input" and f.type in {"checkbox", "radio"}:
                if f.checked:
                    sent.setdefault(f.name, []).append(f.value or "on")
            elif f.tag == "select":
                sent.setdefault(f.name, []).extend(f.values)
            else:
                sent.setdefault(f.name, []).append(f.value)
        for name, value in overrides.items():
            sent[name] = value if isinstance(value, list) else [value]
        return sent

    def text_fields(self) -> list[Field]:
        return [f for f in self.fields if f.is_text]


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: dict | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "form":
            self._form = Form(
                action=urljoin(self.page_url, a.get("action") or self.page_url),
                method=(a.get("method") or "get").lower(),
            )
            self.forms.append(self._form)
            return
        if self._form is None or (tag != "option" and not a.get("name")):
            return
        if tag == "input":
            self._form.fields.append(
                Field(
                    name=a["name"],
                    tag="input",
                    type=a.get("type", "text").lower(),
                    value=a.get("value", ""),
                    checked="checked" in a,
                    attrs=a,
                )
            )
        elif tag == "textarea":
            self._textarea = Field(name=a["name"], tag="textarea", attrs=a)
            self._form.fields.append(self._textarea)
        elif tag == "select":
            self._select = Field(name=a["name"], tag="select", attrs=a)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None and "selected" in a:
            self._select.values.append(a.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            # The browser drops the one newline that follows <textarea>.
            self._textarea.value = self._textarea.value.removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


def forms_of(html: bytes | str, page_url: str) -> list[Form]:
    parser = _FormParser(page_url)
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return parser.forms


def post_forms_of(response, page_url: str) -> list[Form]:
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return []
    return [f for f in forms_of(response.content, page_url) if f.method == "post"]


def action_name(form: Form) -> str | None:
    """The URL name a form posts to (None if it posts off the site or nowhere known)."""
    from urllib.parse import urlsplit

    from django.urls import Resolver404, resolve

    try:
        match = resolve(urlsplit(form.action).path)
    except Resolver404:
        return None
    return match.view_name


def writable_forms(response, page_url: str) -> list[Form]:
    """POST forms of a page, minus signing out (in every page's header)."""
    return [
        f
        for f in post_forms_of(response, page_url)
        if action_name(f) not in {*SKIPPED_NAMES, "admin:logout"}
    ]


_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def form_kind(form: Form) -> tuple[str | None, tuple[str, ...]]:
    """What a form is, whichever object it is about: the view it posts to and its field
    names, ids left out. The edit forms of two action items are one kind: the same code
    reads them, so an attack on one tells what an attack on the other would."""
    return action_name(form), tuple(sorted(_ID.sub("<id>", f.name) for f in form.fields))


def main_form(response, page_url: str) -> Form:
    """The page's own form (posting to the page itself), not the sign-out form in its header."""
    from urllib.parse import urlsplit

    forms = [f for f in post_forms_of(response, page_url) if urlsplit(f.action).path == page_url]
    assert forms, f"no form posting to {page_url}"
    return max(forms, key=lambda f: len(f.fields))


def field_errors(response, name: str) -> list[str]:
    """The errors a re-rendered form shows for the field posted as `name` (prefixes
    included, so an admin inline's `topics-0-title` is found too)."""
    from django.forms import BaseForm, BaseFormSet

    forms = []
    contexts = response.context if response.context is not None else []
    if not isinstance(contexts, list):
        contexts = [contexts]
    for context in contexts:
        values = list(context.flatten().values())
        values += [v for value in values if isinstance(value, list | tuple) for v in value]
        for value in values:
            value = getattr(value, "form", None) or getattr(value, "formset", None) or value
            if isinstance(value, BaseForm):
                forms.append(value)
            elif isinstance(value, BaseFormSet):
                forms.extend(value.forms)
    errors = []
    for form in forms:
        for field_name, messages in form.errors.items():
            if form.add_prefix(field_name) == name:
                errors.extend(messages)
    return errors


# Fields that take a format rather than free text: they get their own tests.
FORMATTED = re.compile(r"(email|time_zone|slug|url|token|password|_0$|_1$|-id$|^q$|__prefix__)")


def free_text_fields(form: Form) -> list[Field]:
    return [
        f
        for f in form.text_fields()
        if f.type not in {"email", "url"}
        and not FORMATTED.search(f.name)
        and not {"vDateField", "vTimeField"} & set(f.attrs.get("class", "").split())
        and not f.attrs.get("readonly")
    ]


def stored_somewhere(value: str) -> bool:
    """Whether any text column of the product holds exactly `value`."""
    from django.db.models import CharField, Q, TextField

    for model in apps.get_app_config("mediation").get_models():
        if model.__name__.startswith("Historical"):
            continue
        names = [
            f.name for f in model._meta.concrete_fields if isinstance(f, CharField | TextField)
        ]
        query = Q()
        for name in names:
            query |= Q(**{name: value})
        if names and model._base_manager.filter(query).exists():
            return True
    return False
