"""`manage.py compile_catalogs`: check the French and Arabic catalogs, then compile them.

Stops (exit 1) without compiling when an entry is empty or fuzzy: a half-translated page is
worse than an English one. Needs no GNU gettext (see config/catalogs.py).
"""

from django.core.management.base import BaseCommand, CommandError

from config import catalogs


class Command(BaseCommand):
    help = "Check the translation catalogs and compile them (.po to .mo)."

    def handle(self, *args, **options):
        import polib

        found = []
        for language, path in catalogs.catalog_paths().items():
            found += catalogs.problems(language, polib.pofile(str(path)))
        if found:
            raise CommandError("The catalogs are not ready:\n" + "\n".join(found))
        for path in catalogs.catalog_paths().values():
            mo = catalogs.compile_catalog(path)
            if options["verbosity"] > 1:
                self.stdout.write(f"compiled {mo}")
