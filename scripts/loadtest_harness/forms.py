"""The POST forms of a page, as a browser would submit them: action and fields."""

from __future__ import annotations

from html.parser import HTMLParser


class _Forms(HTMLParser):
    """POST forms of a page: action and the fields a browser would send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = {"action": a.get("action", ""), "method": a.get("method", "get").lower(),
                          "fields": []}  # fmt: skip
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in a:
                return
            self._form["fields"].append([a["name"], a.get("value", "on" if kind in {
                "checkbox", "radio"} else "")])  # fmt: skip
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]
            self._form["fields"].append(self._textarea)
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self._form["fields"].append([self._select, a.get("value", "")])

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            self._textarea[1] = self._textarea[1].removeprefix("\n")
            self._textarea = None
        elif tag == "select":
            self._select = None


def post_forms(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return [f for f in parser.forms if f["method"] == "post"]
