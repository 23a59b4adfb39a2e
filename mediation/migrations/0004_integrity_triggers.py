"""Database triggers that keep topics, sides and item records inside their own process
(see mediation/integrity.py; they are also re-installed after every migrate)."""

from django.db import migrations


def install(apps, schema_editor):
    from mediation import integrity

    integrity.triggers_install(schema_editor.connection)


def remove(apps, schema_editor):
    from mediation import integrity

    integrity.triggers_remove(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("mediation", "0003_organizers_kept_apart")]

    operations = [migrations.RunPython(install, remove)]
