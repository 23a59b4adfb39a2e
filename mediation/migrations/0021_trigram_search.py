"""Trigram indexes for finding people by part of a name (PostgreSQL only).

The facilitator's "Invite someone" search and the admin's people search match any part of
a name, pseudonym, affiliation or address (`icontains`, which Django writes on PostgreSQL
as `UPPER(column::text) LIKE UPPER('%text%')`). A B-tree cannot answer a pattern that
starts with `%`, so every search read every person: with 100,000 people a search that
found nobody took seconds. A GIN index of trigrams (pg_trgm) on the very expression the
query filters answers it from the index. tests/mediation/test_trigram_plans.py checks
the plan.

SQLite has no pg_trgm; there the search reads the table, which is fine at the sizes a
single SQLite server holds. A PostgreSQL server without the contrib package keeps
working without these indexes (like 0019_search without unaccent).
"""

from django.db import migrations, transaction
from django.db.models import F, TextField, Value
from django.db.models.functions import Cast, Concat, Upper
from django.db.models.sql import Query

# One index on what the invitation search reads: pseudonym, name and affiliation together,
# the exact expression of mediation/sessions/planning.py `people_text` under `icontains`
# (UPPER(...::text)). One index, not one per column: PostgreSQL would rather read a
# table of 20,000 people than combine three bitmap scans (measured on PostgreSQL 15).
PEOPLE_TEXT = Upper(
    Cast(
        Concat(F("pseudonym"), Value("\n"), F("name"), Value("\n"), F("affiliation")),
        TextField(),
    )
)
# (index name, column): the other columns people are found by part of (the admin's
# search of people by address).
INDEXES = [("participant_email_trgm", "email")]


def _people_text_sql(model, connection) -> str:
    """PEOPLE_TEXT as Django writes it in a query on this table (unqualified columns).
    Written out here because Django's OpClass() wraps an expression's operator class
    inside its parentheses, which PostgreSQL refuses."""
    query = Query(model, alias_cols=False)
    compiler = query.get_compiler(connection=connection)
    sql, params = PEOPLE_TEXT.resolve_expression(query).as_sql(compiler, connection)
    return sql % tuple(connection.schema_editor().quote_value(param) for param in params)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        # pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may add it.
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # noqa: BLE001  (a server without contrib: searches read the table)
        return
    people_text = _people_text_sql(
        apps.get_model("mediation", "Participant"), schema_editor.connection
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS participant_text_trgm ON mediation_participant "
        f"USING gin (({people_text}) gin_trgm_ops)"
    )
    for name, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON mediation_participant "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS participant_text_trgm")
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("mediation", "0020_side_convenors")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
