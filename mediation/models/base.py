"""Shared model bases.

Every object that can appear in a URL is keyed by a random UUID, so an id reveals nothing
(not how many sessions exist, not which came first) and cannot be guessed.
"""

import uuid
import zoneinfo
from functools import cache, lru_cache

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _


def archived_index(name: str) -> models.Index:
    """An index of the archived rows only. Nearly every query asks for rows that are *not*
    archived (`archived_at IS NULL`), which is nearly every row: an index of every row led
    SQLite, without statistics, to walk all sessions through it instead of starting from
    the few the viewer may see (the facilitator's home read all 20,000 at the large size).
    Archive lists and purges (`archived_at IS NOT NULL`) still have an index to use."""
    return models.Index(
        fields=["archived_at"], condition=models.Q(archived_at__isnull=False), name=name
    )


class UUIDModel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


# Stands for an object's id while its URL pattern is reversed (no object has it).
_URL_SLOT = uuid.UUID(int=0x5107)


@lru_cache(maxsize=64)
def _url_pattern(name: str, prefix: str, urlconf) -> str:
    return reverse(name, args=[_URL_SLOT], urlconf=urlconf)


def url_with_id(name: str, pk: uuid.UUID) -> str:
    """`reverse(name, args=[pk])` for a URL whose one argument is a UUID, reversed once per
    script prefix and URL configuration (pages list dozens of sessions, each reversed)."""
    return _url_pattern(name, get_script_prefix(), get_urlconf()).replace(str(_URL_SLOT), str(pk))


@cache
def known_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in known_time_zones():
        raise ValidationError(
            _("“%(value)s” is not a known time zone. Use a name such as Europe/Zurich."),
            code="invalid_time_zone",
            params={"value": value},
        )


class CalendarRevisions(models.Model):
    """A row that a calendar event is made of, with the event's revision number.

    Calendar programs keep the copy of an event with the highest SEQUENCE (RFC 5545), so a
    file imported again after a change must carry a higher one, or the old event stays.
    `calendar_sequence` goes up by one whenever a save changes one of `CALENDAR_FIELDS`,
    whoever saves (a service, the admin, a shell). The increment is done by the database
    (`F() + 1`), so two saves at once still give two numbers. `QuerySet.update()` skips
    `save()`: nothing in the product changes these fields that way.
    """

    CALENDAR_FIELDS: tuple[str, ...] = ()

    calendar_sequence = models.PositiveIntegerField(
        _("calendar revision"), default=0, editable=False
    )

    class Meta:
        abstract = True

    def save(self, **kwargs):
        bump = self._calendar_changed()
        if bump:
            self.calendar_sequence = models.F("calendar_sequence") + 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "calendar_sequence"}
        super().save(**kwargs)
        if bump:
            self.refresh_from_db(fields=["calendar_sequence"])
        self._calendar_seen = self._calendar_values()

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._calendar_seen = instance._calendar_values()
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self._calendar_seen = self._calendar_values()

    def _calendar_values(self) -> dict:
        loaded = self.__dict__
        return {name: loaded[name] for name in self.CALENDAR_FIELDS if name in loaded}

    def _calendar_changed(self) -> bool:
        seen = getattr(self, "_calendar_seen", None)
        if self._state.adding or seen is None:
            return False
        # A field deferred when the row was read and set since counts as changed.
        return any(
            name not in seen or seen[name] != value
            for name, value in self._calendar_values().items()
        )
