"""Reads for process documents: the whole of one process, and which of a document's ids
and usernames the database already holds. A fixed number of queries at any size."""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.utils import timezone

from mediation import access
from mediation.models import DialogueProcess, OutcomeClearance, Participant

from .schema import PROCESS_SECTION, SCHEMA_VERSION, SECTIONS, USERS, Section, json_value


def _rows_of(section: Section, process: DialogueProcess):
    model = section.model
    if section.name == "participants":
        # The people of the process, and whoever its sides name as convenors or whoever
        # cleared one of its documents, so that every id the document holds is of a row in it.
        cleared = OutcomeClearance.objects.filter(
            document__process=process, convenor__isnull=False
        ).values("convenor")
        return Participant.objects.filter(
            Q(invitations__session__process=process)
            | Q(memberships__process=process)
            | Q(consents__process=process)
            | Q(convened_sides__process=process)
            | Q(pk__in=cleared)
        ).distinct()
    if section.in_process:
        return model.objects.filter(process=process)
    path = {
        "invitations": "session__process",
        "agenda_items": "session__process",
        "records": "session__process",
        "item_records": "record__session__process",
        "actions": "session__process",
        "outcome_versions": "document__process",
        "outcome_clearances": "document__process",
    }[section.name]
    return model.objects.filter(**{path: process})


def _row(section: Section, obj, usernames: dict) -> dict:
    row = {"id": str(obj.pk)}
    for name in section.fields:
        row[name] = json_value(getattr(obj, name))
    for name in section.links:
        row[name] = json_value(getattr(obj, f"{name}_id"))
    for name in section.accounts:
        row[name] = usernames.get(getattr(obj, f"{name}_id"))
    for name in section.account_lists:
        row[name] = sorted(usernames[pk] for pk in obj.account_ids[name])
    for name in section.link_lists:
        row[name] = sorted(str(pk) for pk in obj.link_ids[name])
    return row


def _load(section: Section, queryset) -> list:
    """The rows in a stable order, each with the ids of its accounts per list field and of
    its rows per list of links."""
    queryset = queryset.order_by("pk")
    if section.account_lists or section.link_lists:
        queryset = queryset.prefetch_related(*section.account_lists, *section.link_lists)
    objects = list(queryset)
    for obj in objects:
        obj.account_ids = {
            name: [user.pk for user in getattr(obj, name).all()] for name in section.account_lists
        }
        obj.link_ids = {
            name: [linked.pk for linked in getattr(obj, name).all()] for name in section.link_lists
        }
    return objects


def process_document(process: DialogueProcess) -> dict:
    """Everything of the process its organizers may see, as a JSON-ready dict (see
    schema.py). Call only for an organizer of the process (`access.can_administer_process`)."""
    own = DialogueProcess.objects.filter(pk=process.pk)
    loaded = {PROCESS_SECTION.name: _load(PROCESS_SECTION, own)}
    for section in SECTIONS:
        loaded[section.name] = _load(section, _rows_of(section, process))
    user_ids = set()
    for section in (PROCESS_SECTION, *SECTIONS):
        for obj in loaded[section.name]:
            user_ids.update(getattr(obj, f"{name}_id") for name in section.accounts)
            for ids in obj.account_ids.values():
                user_ids.update(ids)
    user_ids.discard(None)
    users = list(get_user_model().objects.filter(pk__in=user_ids).order_by("username"))
    usernames = {user.pk: user.get_username() for user in users}
    # Organizers as `access.is_organizer` has them, in one query.
    organizers = set(
        get_user_model()
        .objects.filter(pk__in=user_ids, is_active=True)
        .filter(Q(is_superuser=True) | Q(is_staff=True, groups__name=access.ORGANIZERS_GROUP))
        .values_list("pk", flat=True)
    )
    document = {
        "schema_version": SCHEMA_VERSION,
        "exported_at": timezone.now().isoformat(),
        USERS: [
            {
                "username": user.get_username(),
                "first_name": user.first_name,
                "last_name": user.last_name,
                "email": user.email,
                "organizer": user.pk in organizers,
            }
            for user in users
        ],
        PROCESS_SECTION.name: _row(PROCESS_SECTION, loaded[PROCESS_SECTION.name][0], usernames),
    }
    for section in SECTIONS:
        document[section.name] = [_row(section, obj, usernames) for obj in loaded[section.name]]
    return document


def process_document_json(process: DialogueProcess) -> str:
    """The process's document as the text of its file (export.json and the admin's
    download give the same)."""
    return json.dumps(
        process_document(process), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )


def ids_already_present(ids_by_section: dict[str, list], usernames: list[str]) -> dict:
    """Of the given ids (by section name, the process's as "process") and usernames, those
    the database already holds: {section name: set of ids, "users": set of usernames}."""
    found = {}
    for section in (PROCESS_SECTION, *SECTIONS):
        ids = ids_by_section.get(section.name) or []
        if ids:
            found[section.name] = {
                str(pk)
                for pk in section.model.objects.filter(pk__in=ids).values_list("pk", flat=True)
            }
    found[USERS] = (
        set(
            get_user_model()
            .objects.filter(username__in=usernames)
            .values_list("username", flat=True)
        )
        if usernames
        else set()
    )
    return found
