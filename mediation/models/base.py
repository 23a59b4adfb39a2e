"""Shared model bases.

Every object that can appear in a URL is keyed by a random UUID, so an id reveals nothing
(not how many sessions exist, not which came first) and cannot be guessed.
"""

import uuid
import zoneinfo
from functools import cache

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class UUIDModel(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


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
