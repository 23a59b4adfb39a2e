"""The French and Arabic catalogs: complete, compiled from their current text, and holding
every string the code marks for translation."""

import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from config import catalogs

# Where the product's translatable strings live (tests and scripts speak to developers).
SOURCE_DIRS = ["accounts", "config", "glossary", "mediation", "templates"]


@pytest.mark.parametrize("language", sorted(catalogs.PLURAL_FORMS))
def test_every_entry_of_the_catalog_is_translated(language):
    path = catalogs.catalog_paths()[language]

    found = catalogs.problems(language, polib.pofile(str(path)))

    assert found == [], "\n".join(found)


@pytest.mark.parametrize("language", sorted(catalogs.PLURAL_FORMS))
def test_the_compiled_catalog_is_the_current_one(language):
    path = catalogs.catalog_paths()[language]

    assert catalogs.compiled_matches(path), (
        f"{path.with_suffix('.mo')} is missing or older than its .po: "
        "run `make catalogs` (manage.py compile_catalogs)"
    )


def test_a_fuzzy_or_empty_entry_is_found():
    catalog = polib.POFile()
    catalog.metadata = {"Plural-Forms": catalogs.PLURAL_FORMS["ar"]}
    catalog.append(polib.POEntry(msgid="Save", msgstr="احفظ", flags=["fuzzy"]))
    catalog.append(polib.POEntry(msgid="Cancel", msgstr=""))
    catalog.append(
        polib.POEntry(
            msgid="%(n)s term",
            msgid_plural="%(n)s terms",
            msgstr_plural={0: "%(n)s مصطلح", 1: "مصطلح واحد"},
        )
    )
    catalog.append(polib.POEntry(msgid="Hello", msgstr="مرحبًا %(name)s"))

    found = catalogs.problems("ar", catalog)

    assert len(found) == 4, found


@pytest.mark.skipif(not shutil.which("xgettext"), reason="makemessages needs GNU gettext")
def test_the_catalogs_hold_every_string_the_code_marks(tmp_path, monkeypatch):
    # makemessages in a scratch directory that links to the code and holds a copy of the
    # catalogs: the real files stay as they are whatever it finds.
    root = Path(settings.BASE_DIR)
    for name in SOURCE_DIRS:
        (tmp_path / name).symlink_to(root / name, target_is_directory=True)
    for language, path in catalogs.catalog_paths().items():
        target = tmp_path / "locale" / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(path, target / "django.po")
    monkeypatch.chdir(tmp_path)
    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command(
            "makemessages",
            locale=sorted(catalogs.PLURAL_FORMS),
            symlinks=True,
            no_obsolete=True,
            verbosity=0,
        )
        found = []
        for language, path in catalogs.catalog_paths().items():
            assert str(path).startswith(str(tmp_path))
            found += catalogs.problems(language, polib.pofile(str(path)))

    assert found == [], "new or changed strings to translate:\n" + "\n".join(found)
