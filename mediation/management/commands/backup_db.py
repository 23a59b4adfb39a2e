"""Write a consistent backup of the whole database (make backup)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from mediation.backups import BackupError, backup_database


class Command(BaseCommand):
    help = "Write a consistent backup of the database to a file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help="File to write (default: backups/<date-time>.sqlite3 or .dump).",
        )

    def handle(self, *args, output=None, **options):
        if not output:
            suffix = "sqlite3" if connection.vendor == "sqlite" else "dump"
            output = f"backups/{timezone.now():%Y%m%d-%H%M%S}.{suffix}"
            # Our own folder: made private even if an older version left it open, which
            # also closes the backups written before (they were 644).
            Path("backups").mkdir(mode=0o700, exist_ok=True)
            Path("backups").chmod(0o700)
        try:
            path = backup_database(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
