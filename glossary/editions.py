"""Which edition of the glossary the database holds, so rendered entries can be cached.

Every save or deletion of glossary content (terms, their parts, comparisons, translations,
related terms), and every `migrate` (the content ships in data migrations), gives the
`Edition` row a new random token. A cached entry is keyed by that token, the language and
the slug: it is never served once the content changed, on any server, since the token is
read from the database on each request (one indexed row). A random token, not a counter,
so a database rebuilt from scratch never meets entries cached for another one.

Writes that skip signals (`QuerySet.update`, `bulk_create`) must call `new_edition`
themselves; nothing in the product writes glossary content that way.
"""

from __future__ import annotations

import uuid

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save


def current_edition(using: str = DEFAULT_DB_ALIAS) -> str | None:
    """The glossary's edition token, or None when none was recorded (then cache nothing)."""
    connection = connections[using]
    table = connection.ops.quote_name(apps.get_model("glossary", "Edition")._meta.db_table)
    with connection.cursor() as cursor:  # plain SQL: building an ORM query costs more
        cursor.execute(f"SELECT token FROM {table} WHERE id = 1")  # noqa: S608 (no input)
        row = cursor.fetchone()
    return str(row[0]) if row else None


def new_edition(using: str = DEFAULT_DB_ALIAS) -> None:
    """Mark the glossary content as changed: cached entries of earlier editions go unused."""
    Edition = apps.get_model("glossary", "Edition")
    Edition.objects.using(using).update_or_create(pk=1, defaults={"token": uuid.uuid4()})


def _content_changed(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    meta = sender._meta
    # Migrations save through historical models (another registry), before the Edition
    # table may exist: `post_migrate` marks their changes.
    if meta.app_label == "glossary" and meta.model_name != "edition" and meta.apps is apps:
        new_edition(using)


def _migrated(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    if sender.name == "glossary":
        new_edition(using)


def connect() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_content_changed, dispatch_uid=f"glossary-edition-{signal!r}")
    post_migrate.connect(_migrated, dispatch_uid="glossary-edition-migrated")
