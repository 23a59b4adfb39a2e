"""Replace the whole database with a backup (make restore BACKUP=file).

Stop the app first: the command refuses while a server started from this checkout serves
the database (config/serving.py), and says so.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mediation.backups import BackupError, restore_database


class Command(BaseCommand):
    help = "Replace the whole database with a backup written by backup_db."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="The backup file to restore.")
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, backup, interactive=True, **options):
        if interactive:
            answer = input(
                "This replaces everything in the database with the backup; the app must be "
                "stopped first. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled; nothing changed.")
        try:
            restore_database(Path(backup))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored the database from {backup}"))
