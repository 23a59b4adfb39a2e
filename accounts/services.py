"""Writes to a signed-in person's own account: preferences and address."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from mediation.models import (
    Participant,
    Profile,
)
from mediation.people.services import account_address_change, participant_reminders_set


@transaction.atomic
def profile_update(
    *, user: User, time_zone: str, language: str, email: str, reminders: bool | None = None
) -> Profile:
    """Save a person's display preferences and email (on the account and the roster), and
    for someone on the roster whether they want reminder emails."""
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.time_zone = time_zone
    profile.language = language
    profile.full_clean()
    profile.save()
    account_address_change(account=user, email=email)
    # Saved one by one (there is at most one) so the roster's history records the change.
    for participant in Participant.objects.filter(user=user).exclude(email=email):
        participant.email = email
        participant.save(update_fields=["email", "updated_at"])
    if reminders is not None:
        for participant in Participant.objects.filter(user=user):
            participant_reminders_set(participant=participant, wanted=reminders)
    return profile


@transaction.atomic
def profile_time_zone_set(*, user: User, time_zone: str) -> Profile:
    """Set the zone times are shown in (asked on the welcome page)."""
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.time_zone = time_zone
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def profile_language_set(*, user: User, language: str) -> Profile:
    """Set the language the person reads the product and its emails in (the switcher)."""
    profile, _created = Profile.objects.get_or_create(user=user)
    profile.language = language
    profile.full_clean()
    profile.save(update_fields=["language"])
    return profile
