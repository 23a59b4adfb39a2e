"""What the organizers-kept-apart tests share: the admin's URLs, a person's identity fields
as stored, and the participant change form as a browser posts it."""

from django.urls import reverse

from mediation.models import Participant

IDENTITY = list(Participant.IDENTITY_FIELDS)


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def identity_of(person: Participant) -> dict:
    person.refresh_from_db()
    return {name: getattr(person, name if name != "user" else "user_id") for name in IDENTITY}


def change_form(person: Participant, **changes) -> dict:
    """Every field of the participant change form, as a browser would post it."""
    data = {
        "name": person.name,
        "category": person.category,
        "affiliation": person.affiliation,
        "country": person.country,
        "languages": person.languages,
        "email": person.email,
        "user": person.user_id or "",
        "expertise": person.expertise,
        "pseudonym": person.pseudonym,
        "consents-TOTAL_FORMS": "0",
        "consents-INITIAL_FORMS": "0",
    }
    if person.identity_protected:
        data["identity_protected"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
