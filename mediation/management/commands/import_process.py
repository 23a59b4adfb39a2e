"""`manage.py import_process FILE`: restore a process from its JSON export.

Everything is checked before anything is written; any problem, and the command lists them
all and writes nothing (exit status 1). `--check` only checks.

It speaks English, problems included, whatever `LANGUAGE_CODE` or the caller's active
language: an operator's tool, whose output goes to logs and into bug reports, reads best
in one language throughout. (The admin's import tells the same problems in the reader's
language.)
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from mediation.process_json import services
from mediation.process_json.files import UnreadableDocument, read_document
from mediation.process_json.validation import check


class Command(BaseCommand):
    help = "Restore a dialogue process from its JSON export (all of it, or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the .json file of /processes/<id>/export.json")
        parser.add_argument(
            "--check",
            action="store_true",
            dest="check_only",
            help="check the file only; write nothing",
        )

    def handle(self, *args, file, check_only: bool = False, **options):
        with translation.override("en"):
            self._handle(file, check_only)

    def _handle(self, file: str, check_only: bool) -> None:
        try:
            document = read_document(Path(file).read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        except UnreadableDocument as error:
            raise CommandError(f"Cannot read {file}: {error.text}") from None
        if check_only:
            return self._check_only(document)
        try:
            report = services.process_import(document=document)
        except services.ImportRefused as refused:
            self._refuse(refused.problems)
        self.stdout.write(f"Restored “{report.title}” ({report.process_id}):")
        for section, count in report.counts.items():
            self.stdout.write(f"  {section}: {count}")
        if report.accounts_created:
            self.stdout.write(
                f"{len(report.accounts_created)} account(s) created without a password "
                f"({', '.join(report.accounts_created)}): set one with the password reset "
                "or `manage.py changepassword USERNAME`."
            )

    def _check_only(self, document) -> None:
        plan = check(document)
        if not plan.ok:
            self._refuse(plan.problems)
        self.stdout.write("The file is valid (ids already in the database are not checked).")

    def _refuse(self, problems: list[str]) -> None:
        for problem in problems:
            self.stderr.write(f"  {problem}")
        count = len(problems)
        raise CommandError(
            f"{count} problem{'' if count == 1 else 's'} found; nothing was written."
        )
