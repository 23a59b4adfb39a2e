"""Search (mediation/search/): on PostgreSQL only, the `tracker_search` text-search
configuration (the `simple` dictionary after `unaccent`, so "Jose" finds "José") and GIN
indexes on the very expressions the search filters with. SQLite has neither: there the
search folds text with a function registered on each connection (mediation/search/text.py).

The glossary's tables are indexed here too, so that the search's indexes live in one place.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations, transaction

CONFIG = "tracker_search"

# (app, model, index name, fields): as mediation/search/selectors.py searches them.
INDEXES = [
    ("mediation", "DialogueProcess", "search_process", ["title", "conflict"]),
    (
        "mediation",
        "DialogueSession",
        "search_session",
        ["title", "public_title", "objectives", "venue"],
    ),
    ("mediation", "Topic", "search_topic", ["title", "description"]),
    ("mediation", "AgendaItem", "search_agenda_title", ["title"]),
    ("mediation", "AgendaItem", "search_agenda", ["title", "notes"]),
    (
        "mediation",
        "Participant",
        "search_participant",
        [
            "name",
            "pseudonym",
            "aliases",
            "email",
            "title",
            "affiliation",
            "country",
            "languages",
            "expertise",
        ],
    ),
    ("mediation", "SessionRecord", "search_record_summary", ["summary"]),
    ("mediation", "SessionRecord", "search_record", ["summary", "outcomes", "internal_notes"]),
    ("mediation", "ItemRecord", "search_item_record", ["discussion", "convergence", "divergence"]),
    (
        "glossary",
        "Term",
        "search_term",
        ["name", "aliases", "definition", "explanation", "guidance"],
    ),
    ("glossary", "QuickFact", "search_term_fact", ["label", "value"]),
    ("glossary", "Example", "search_term_example", ["text"]),
    ("glossary", "Question", "search_term_question", ["question", "answer"]),
]


def _index(name, fields):
    return GinIndex(SearchVector(*fields, config=CONFIG), name=name)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    execute = schema_editor.execute
    try:
        # unaccent is a trusted extension (PostgreSQL 13+): a database owner may add it.
        with transaction.atomic(using=schema_editor.connection.alias):
            execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        folds_accents = True
    except Exception:  # noqa: BLE001  (a server without contrib: search keeps the accents)
        folds_accents = False
    execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.simple)")
    if folds_accents:
        execute(
            f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
            "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple"
        )
    for app, model, name, fields in INDEXES:
        schema_editor.add_index(apps.get_model(app, model), _index(name, fields))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app, model, name, fields in INDEXES:
        schema_editor.remove_index(apps.get_model(app, model), _index(name, fields))
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [
        ("mediation", "0018_outcomes_and_transfer"),
        ("glossary", "0002_glossary_content"),
    ]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
