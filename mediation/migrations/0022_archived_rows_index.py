"""Index only the archived rows of processes, sessions and participants
(mediation.models.base.archived_index says why).

The old indexes of every row are dropped by name, found by introspection, rather than
through AlterField, which on SQLite would copy each table (and its history) to drop one
index."""

from django.db import migrations, models

MODELS = (
    "dialogueprocess",
    "dialoguesession",
    "participant",
    "historicaldialogueprocess",
    "historicaldialoguesession",
    "historicalparticipant",
)


def _plain_indexes(schema_editor, model):
    column = model._meta.get_field("archived_at").column
    with schema_editor.connection.cursor() as cursor:
        constraints = schema_editor.connection.introspection.get_constraints(
            cursor, model._meta.db_table
        )
    return [
        name
        for name, facts in constraints.items()
        if facts["index"]
        and facts["columns"] == [column]
        and not facts["unique"]
        and not name.endswith("_archived")
    ]


def drop_indexes_of_every_row(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("mediation", name)
        for index in _plain_indexes(schema_editor, model):
            schema_editor.execute(
                schema_editor.sql_delete_index
                % {
                    "table": schema_editor.quote_name(model._meta.db_table),
                    "name": schema_editor.quote_name(index),
                }
            )


def restore_indexes_of_every_row(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("mediation", name)
        field = model._meta.get_field("archived_at")
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[field]))


def _plain_field():
    return models.DateTimeField(blank=True, null=True, verbose_name="archived")


class Migration(migrations.Migration):
    dependencies = [
        ("mediation", "0021_trigram_search"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(model_name=name, name="archived_at", field=_plain_field())
                for name in MODELS
            ],
            database_operations=[
                migrations.RunPython(drop_indexes_of_every_row, restore_indexes_of_every_row),
            ],
        ),
        *(
            migrations.AddIndex(
                model_name=model_name,
                index=models.Index(
                    condition=models.Q(("archived_at__isnull", False)),
                    fields=["archived_at"],
                    name=index_name,
                ),
            )
            for model_name, index_name in (
                ("dialogueprocess", "process_archived"),
                ("dialoguesession", "session_archived"),
                ("participant", "participant_archived"),
            )
        ),
    ]
