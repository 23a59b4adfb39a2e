"""The project's own Python source, for the rules that read it."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The packages of the product and its tooling; everything else (.venv, staticfiles) is not ours.
PACKAGES = ("accounts", "config", "glossary", "mediation", "scripts", "tests")
PRODUCT = ("accounts", "config", "glossary", "mediation")


def python_files(packages=PACKAGES) -> list[Path]:
    """Every .py file of these packages, migrations excepted."""
    return sorted(
        path
        for package in packages
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts and "__pycache__" not in path.parts
    )


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))
