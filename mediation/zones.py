"""Time zones as people name them: a zone's city ("Baku"), a capital the zone names no city
for ("Geneva" is Europe/Zurich), or the IANA name itself ("Asia/Baku").

One form field, `TimeZoneField`, for every place a zone is typed (sessions, in the
product and the admin, the profile, the welcome page): a text box offering the zones by
city in a `<datalist>` the browser searches as one types (no script needed), and read
back leniently, by city or by name, in any case and with or without accents.
"""

from __future__ import annotations

import unicodedata
import zoneinfo
from functools import cache

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

_AREAS = ("Africa", "America", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific")

# Cities people meet in, or live in, that no zone is named after: the zone that keeps
# their time. Lower case, accents dropped.
CITY_ZONES = {
    "abu dhabi": "Asia/Dubai",
    "abuja": "Africa/Lagos",
    "ankara": "Europe/Istanbul",
    "astana": "Asia/Almaty",
    "barcelona": "Europe/Madrid",
    "beijing": "Asia/Shanghai",
    "bern": "Europe/Zurich",
    "boston": "America/New_York",
    "brasilia": "America/Sao_Paulo",
    "busan": "Asia/Seoul",
    "canberra": "Australia/Sydney",
    "cape town": "Africa/Johannesburg",
    "delhi": "Asia/Kolkata",
    "geneva": "Europe/Zurich",
    "geneve": "Europe/Zurich",
    "hanoi": "Asia/Bangkok",
    "islamabad": "Asia/Karachi",
    "kyoto": "Asia/Tokyo",
    "lausanne": "Europe/Zurich",
    "lyon": "Europe/Paris",
    "milan": "Europe/Rome",
    "montreal": "America/Toronto",
    "mumbai": "Asia/Kolkata",
    "new delhi": "Asia/Kolkata",
    "osaka": "Asia/Tokyo",
    "ottawa": "America/Toronto",
    "pretoria": "Africa/Johannesburg",
    "pristina": "Europe/Belgrade",
    "quito": "America/Guayaquil",
    "rabat": "Africa/Casablanca",
    "ramallah": "Asia/Hebron",
    "saint petersburg": "Europe/Moscow",
    "san francisco": "America/Los_Angeles",
    "sanaa": "Asia/Aden",
    "st petersburg": "Europe/Moscow",
    "strasbourg": "Europe/Paris",
    "tel aviv": "Asia/Jerusalem",
    "the hague": "Europe/Amsterdam",
    "washington": "America/New_York",
    "washington dc": "America/New_York",
    "wellington": "Pacific/Auckland",
}


def _key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("_", " ").replace(".", " ").split())


def city_of(zone: str) -> str:
    """The city a zone is named after: "America/Argentina/Buenos_Aires" → "Buenos Aires"."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


@cache
def zone_names() -> tuple[str, ...]:
    """The zones offered: UTC and every Area/City zone, sorted by name."""
    names = {
        name
        for name in zoneinfo.available_timezones()
        if name.split("/", 1)[0] in _AREAS and "/" in name
    }
    return ("UTC", *sorted(names))


@cache
def _lookup() -> dict[str, str]:
    table = {_key(name): name for name in zone_names()}
    for name in zone_names():
        table.setdefault(_key(city_of(name)), name)
    for city, name in CITY_ZONES.items():
        table.setdefault(_key(city), name)
    table.setdefault("gmt", "UTC")
    return table


@cache
def _other_cities() -> dict[str, list[str]]:
    """For each zone, the cities of CITY_ZONES it keeps the time of, for the list's labels."""
    cities: dict[str, list[str]] = {}
    for city, name in CITY_ZONES.items():
        cities.setdefault(name, []).append(city.title())
    return cities


def resolve(text: str) -> str | None:
    """The zone `text` names (a zone, its city, a city of CITY_ZONES, or a label from the
    list, "Geneva, Zurich — Europe/Zurich"), or None."""
    text = (text or "").strip()
    if "—" in text:
        text = text.rsplit("—", 1)[-1]
    return _lookup().get(_key(text))


@cache
def choices() -> tuple[tuple[str, str], ...]:
    """(zone, label) for the list the browser offers: the label names its cities."""
    other = _other_cities()
    return tuple(
        (name, ", ".join([*other.get(name, []), city_of(name)]) if name != "UTC" else "UTC")
        for name in zone_names()
    )


class TimeZoneInput(forms.TextInput):
    """A text box with the zones in a `<datalist>`: the browser offers those whose city or
    name holds what is typed."""

    def __init__(self, attrs=None):
        super().__init__({"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        attrs = {**(attrs or {})}
        list_id = f"{attrs.get('id') or 'id_' + name}-zones"
        attrs["list"] = list_id
        box = super().render(name, value, attrs, renderer)
        options = format_html_join("", '<option value="{}" label="{}"></option>', choices())
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)


class TimeZoneField(forms.CharField):
    """A time zone typed as a city or a zone name; cleans to the zone's IANA name."""

    widget = TimeZoneInput
    default_error_messages = {
        "unknown": _(
            "“%(value)s” is neither a time zone nor a city we know. Type a city, such as "
            "Geneva or Seoul, or a zone, such as Europe/Zurich."
        ),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("label", _("Time zone"))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        zone = resolve(value)
        if zone is None:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"value": value[:64]}
            )
        return zone
