"""The glossary's content: terms, their facts, examples and questions, and comparisons.

A `Term` is one entry (Track II diplomacy, the Chatham House Rule...). What hangs off it is
kept in small ordered tables rather than free text so the pages can lay it out (quick facts
as a definition list, examples labelled real-world or hypothetical) and the compare page can
line terms up fact by fact. A `Comparison` belongs to neither side: stored once as A-vs-B,
it shows on both A's and B's pages.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least, Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Paths of the glossary that a term's slug must not shadow (see glossary/urls.py).
RESERVED_SLUGS = frozenset({"compare"})


def validate_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(value)s” is used by a glossary page; choose another slug."),
            code="reserved_slug",
            params={"value": value},
        )


class Term(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        validators=[validate_not_reserved],
        help_text=_("The last part of the page address, for example track-ii."),
    )
    aliases = models.CharField(
        _("other names"),
        max_length=300,
        blank=True,
        help_text=_(
            "Other names for the term, separated by commas, for example “Track 2, Track II”. "
            "They are found by the search and linked in other entries."
        ),
    )
    definition = models.CharField(
        _("definition"),
        max_length=300,
        help_text=_("One sentence: shown in the A to Z list and when hovering a link."),
    )
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Separate paragraphs with a blank line.")
    )
    guidance = models.TextField(
        _("what to do if this applies to you"),
        blank=True,
        help_text=_("Separate paragraphs with a blank line."),
    )
    related_terms = models.ManyToManyField(
        "self", verbose_name=_("related terms"), blank=True, symmetrical=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        # Case-insensitive, so "back-channel diplomacy" files under B, not after "Track".
        ordering = [Lower("name")]
        indexes = [models.Index(Lower("name"), name="glossary_term_name_lower")]

    # The language the shown text is in: English unless a translation was applied.
    content_language = "en"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("glossary:term", args=[self.slug])

    @property
    def initial(self) -> str:
        """The letter the term is filed under in the A to Z list."""
        return self.name[:1].upper()

    @property
    def alias_list(self) -> list[str]:
        return [alias.strip() for alias in self.aliases.split(",") if alias.strip()]


class TermPart(models.Model):
    """What a term's facts, examples and questions share: an owner and a place in order."""

    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "pk"]


class QuickFact(TermPart):
    term = models.ForeignKey(
        Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="facts"
    )
    label = models.CharField(
        _("label"),
        max_length=60,
        help_text=_(
            "Use the same label across terms (Type, Participants, Purpose, Flexibility...) "
            "so the compare page lines them up."
        ),
    )
    value = models.CharField(_("value"), max_length=300)

    class Meta(TermPart.Meta):
        verbose_name = _("quick fact")
        verbose_name_plural = _("quick facts")
        indexes = [models.Index(fields=["term", "position"])]
        constraints = [
            models.UniqueConstraint(
                fields=["term", "label"],
                name="glossary_fact_unique_label_per_term",
                violation_error_message=_("This term already has a fact with that label."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.value}"


class Example(TermPart):
    class Kind(models.TextChoices):
        REAL_WORLD = "real_world", _("Real-world example")
        HYPOTHETICAL = "hypothetical", _("Hypothetical example")

    term = models.ForeignKey(
        Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="examples"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    text = models.TextField(_("text"))

    class Meta(TermPart.Meta):
        verbose_name = _("example")
        verbose_name_plural = _("examples")
        indexes = [models.Index(fields=["term", "position"])]

    def __str__(self) -> str:
        return self.text[:80]


class Question(TermPart):
    """One entry of a term's frequently asked questions."""

    term = models.ForeignKey(
        Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="questions"
    )
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"))

    class Meta(TermPart.Meta):
        verbose_name = _("frequently asked question")
        verbose_name_plural = _("frequently asked questions")
        indexes = [models.Index(fields=["term", "position"])]

    def __str__(self) -> str:
        return self.question


class Comparison(models.Model):
    """How two terms differ, written so that it reads correctly from either side."""

    term = models.ForeignKey(
        Term,
        verbose_name=_("term"),
        on_delete=models.CASCADE,
        related_name="comparisons_as_first",
    )
    other = models.ForeignKey(
        Term,
        verbose_name=_("compared with"),
        on_delete=models.CASCADE,
        related_name="comparisons_as_second",
    )
    differences = models.TextField(
        _("key differences"),
        help_text=_("Shown on both terms' pages, so name both terms rather than “this one”."),
    )

    class Meta:
        verbose_name = _("comparison")
        verbose_name_plural = _("comparisons")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(term=F("other")),
                name="glossary_comparison_two_different_terms",
                violation_error_message=_("Compare a term with a different term."),
            ),
            # A-vs-B and B-vs-A are the same comparison: one row, whichever side came first.
            models.UniqueConstraint(
                Least("term", "other"),
                Greatest("term", "other"),
                name="glossary_comparison_unique_pair",
                violation_error_message=_("These two terms are already compared."),
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("%(term)s compared with %(other)s")
            % {
                "term": self.term,
                "other": self.other,
            }
        )

    def side_facing(self, term: Term) -> Term:
        """The side of the comparison that is not `term`: what its page's table lists."""
        return self.other if self.term_id == term.pk else self.term


# Languages an entry can be translated into: every language of the product but the one the
# entries are written in (English), which is what a missing translation falls back to.
TRANSLATION_LANGUAGES = [("fr", _("French")), ("ar", _("Arabic"))]


class TermTranslation(models.Model):
    """A term's name and text in another language. Empty fields fall back to English."""

    term = models.ForeignKey(
        Term, verbose_name=_("term"), on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=8, choices=TRANSLATION_LANGUAGES)
    name = models.CharField(_("name"), max_length=120, blank=True)
    definition = models.CharField(_("definition"), max_length=300, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    guidance = models.TextField(_("what to do if this applies to you"), blank=True)

    TRANSLATED_FIELDS = ("name", "definition", "explanation", "guidance")

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translations")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "language"],
                name="glossary_one_translation_per_language",
                violation_error_message=_("This term already has a translation in that language."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.language})"

    def apply_to(self, term: Term) -> None:
        """Show `term` in this language wherever a field is translated (never saved)."""
        term.translated_fields = set()
        for name in self.TRANSLATED_FIELDS:
            value = getattr(self, name)
            if value:
                setattr(term, name, value)
                term.translated_fields.add(name)
        term.content_language = self.language


class PartTranslation(models.Model):
    """What the translations of a fact, example, question or comparison share: a language,
    one row per part and language, and text that falls back to English field by field."""

    language = models.CharField(_("language"), max_length=8, choices=TRANSLATION_LANGUAGES)

    # The part's fields this row translates; each subclass names its own.
    TRANSLATED_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.part} ({self.language})"


def _one_per_language(kind: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["part", "language"],
        name=f"glossary_one_{kind}_translation_per_language",
        violation_error_message=_("This already has a translation in that language."),
    )


class QuickFactTranslation(PartTranslation):
    part = models.ForeignKey(
        QuickFact,
        verbose_name=_("quick fact"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    label = models.CharField(
        _("label"),
        max_length=60,
        blank=True,
        help_text=_(
            "Translate a label the same way on every term, so the compare page lines them up."
        ),
    )
    value = models.CharField(_("value"), max_length=300, blank=True)

    TRANSLATED_FIELDS = ("label", "value")

    class Meta:
        verbose_name = _("quick fact translation")
        verbose_name_plural = _("quick fact translations")
        constraints = [_one_per_language("fact")]


class ExampleTranslation(PartTranslation):
    part = models.ForeignKey(
        Example, verbose_name=_("example"), on_delete=models.CASCADE, related_name="translations"
    )
    text = models.TextField(_("text"), blank=True)

    TRANSLATED_FIELDS = ("text",)

    class Meta:
        verbose_name = _("example translation")
        verbose_name_plural = _("example translations")
        constraints = [_one_per_language("example")]


class QuestionTranslation(PartTranslation):
    part = models.ForeignKey(
        Question,
        verbose_name=_("frequently asked question"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    question = models.CharField(_("question"), max_length=300, blank=True)
    answer = models.TextField(_("answer"), blank=True)

    TRANSLATED_FIELDS = ("question", "answer")

    class Meta:
        verbose_name = _("question translation")
        verbose_name_plural = _("question translations")
        constraints = [_one_per_language("question")]


class ComparisonTranslation(PartTranslation):
    part = models.ForeignKey(
        Comparison,
        verbose_name=_("comparison"),
        on_delete=models.CASCADE,
        related_name="translations",
    )
    differences = models.TextField(_("key differences"), blank=True)

    TRANSLATED_FIELDS = ("differences",)

    class Meta:
        verbose_name = _("comparison translation")
        verbose_name_plural = _("comparison translations")
        constraints = [_one_per_language("comparison")]


class Edition(models.Model):
    """One row whose token changes whenever any glossary content does (glossary/editions.py):
    rendered entries are cached under it, so a change is seen at once by every server."""

    token = models.UUIDField(default=uuid.uuid4)

    def __str__(self) -> str:
        return str(self.token)
