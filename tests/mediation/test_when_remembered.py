"""`{% when %}` remembers each span's text (templatetags/when.py): what it remembers is
keyed by everything that decides the text, so the same span in another language, zone or
style is never given an earlier text."""

from datetime import UTC, datetime

from django.utils import timezone, translation

from mediation.templatetags.when import when

START = datetime(2026, 3, 5, 10, 0, tzinfo=UTC)
END = datetime(2026, 3, 5, 12, 0, tzinfo=UTC)


def _shown(language: str, viewer: str, **options) -> str:
    with translation.override(language), timezone.override(viewer):
        return str(when(start=START, end=END, zone="Asia/Baku", **options))


def test_the_same_span_reads_in_each_language_as_if_never_shown_before():
    english = _shown("en", "Europe/Zurich")
    french = _shown("fr", "Europe/Zurich")
    arabic = _shown("ar", "Europe/Zurich")
    assert "Thu" in english
    assert "Thu" not in french
    assert 'dir="ltr"' in arabic and 'dir="ltr"' not in french
    assert _shown("en", "Europe/Zurich") == english


def test_the_same_span_reads_in_each_viewer_zone_and_style():
    zurich = _shown("en", "Europe/Zurich")
    tokyo = _shown("en", "Asia/Tokyo")
    baku = _shown("en", "Asia/Baku")
    assert "Europe/Zurich" in zurich and "Asia/Tokyo" in tokyo
    assert "in your zone" not in baku
    assert _shown("en", "Europe/Zurich", style="date") != zurich
    assert _shown("en", "Europe/Zurich", text=True) != zurich
