"""The translation catalogs (locale/<language>/LC_MESSAGES/django.po) and their compiled
form (.mo): what "complete" means, and compiling without GNU gettext.

The .mo files are not kept in git: `make run` and `make test` compile them from the .po
files with `manage.py compile_catalogs`, so a compiled catalog can never lag behind its
source. Compiling uses polib (pure Python), so serving needs no system package; checking
that the catalogs hold every string of the code (`makemessages`) needs GNU gettext.
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
from django.conf import settings

# gettext's plural rule for each language we ship (the standard ones: CLDR, Django's own).
PLURAL_FORMS = {
    "fr": "nplurals=2; plural=(n > 1);",
    "ar": (
        "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
        "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
    ),
}
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")


def catalog_paths() -> dict[str, Path]:
    """Each shipped language's .po file."""
    base = Path(settings.LOCALE_PATHS[0])
    return {code: base / code / "LC_MESSAGES" / "django.po" for code in PLURAL_FORMS}


def problems(language: str, catalog: polib.POFile) -> list[str]:
    """Why this catalog is not ready to ship: empty, fuzzy or malformed entries."""
    found = []
    expected = PLURAL_FORMS[language]
    if catalog.metadata.get("Plural-Forms", "").replace(" ", "") != expected.replace(" ", ""):
        found.append(f"Plural-Forms should be: {expected}")
    nplurals = int(re.search(r"nplurals=(\d)", expected).group(1))
    for entry in catalog:
        if entry.obsolete:
            continue
        label = f"{language}: {entry.msgid[:60]!r}"
        if "fuzzy" in entry.flags:
            found.append(f"{label} is fuzzy")
        translations = (
            [entry.msgstr_plural.get(i, "") for i in range(nplurals)]
            if entry.msgid_plural
            else [entry.msgstr]
        )
        if not all(t.strip() for t in translations):
            found.append(f"{label} has an empty translation")
            continue
        names = set(_PLACEHOLDER.findall(entry.msgid + (entry.msgid_plural or "")))
        for text in translations:
            if not set(_PLACEHOLDER.findall(text)) <= names:
                found.append(f"{label} uses a placeholder the English text does not have")
    return found


def compile_catalog(po_path: Path) -> Path:
    """Write the .mo beside the .po; returns its path."""
    mo_path = po_path.with_suffix(".mo")
    polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
    return mo_path


def compiled_matches(po_path: Path) -> bool:
    """Whether the .mo on disk holds exactly the .po's translations."""
    mo_path = po_path.with_suffix(".mo")
    if not mo_path.exists():
        return False

    def table(catalog) -> dict:
        return {
            (e.msgid, e.msgid_plural): (e.msgstr, tuple(sorted(e.msgstr_plural.items())))
            for e in catalog
            if not e.obsolete and "fuzzy" not in e.flags and e.msgid
        }

    return table(polib.pofile(str(po_path))) == table(polib.mofile(str(mo_path)))
