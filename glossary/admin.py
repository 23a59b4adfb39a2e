"""The glossary in the admin: each term edited on one page with its facts, examples,
questions and the comparisons it leads; comparisons also listed on their own.

A fact, example, question or comparison is translated on its own page (the admin nests no
inlines inside inlines): the term's page links to each of them ("Change"), and each has a
French and an Arabic row; an empty field falls back to the English text."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Comparison,
    ComparisonTranslation,
    Example,
    ExampleTranslation,
    Question,
    QuestionTranslation,
    QuickFact,
    QuickFactTranslation,
    Term,
    TermTranslation,
)


class QuickFactInline(admin.TabularInline):
    model = QuickFact
    extra = 0
    fields = ["position", "label", "value"]
    show_change_link = True


class ExampleInline(admin.StackedInline):
    model = Example
    extra = 0
    fields = ["position", "kind", "text"]
    show_change_link = True


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = ["position", "question", "answer"]
    show_change_link = True


class TranslationInline(admin.StackedInline):
    model = TermTranslation
    extra = 0
    fields = ["language", "name", "definition", "explanation", "guidance"]


class ComparisonInline(admin.TabularInline):
    model = Comparison
    fk_name = "term"
    extra = 0
    fields = ["other", "differences"]
    autocomplete_fields = ["other"]
    show_change_link = True
    verbose_name = _("comparison led by this term")
    verbose_name_plural = _(
        "comparisons led by this term (those led by the other term are edited on its page "
        "or under Comparisons; each shows on both terms' pages)"
    )


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "definition", "updated_at"]
    search_fields = ["name", "slug", "aliases", "definition"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["related_terms"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "aliases", "definition"]}),
        (_("Entry"), {"fields": ["explanation", "guidance", "related_terms"]}),
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]
    inlines = [
        TranslationInline,
        QuickFactInline,
        ExampleInline,
        QuestionInline,
        ComparisonInline,
    ]


def _translations_of(model, *fields):
    """The inline of a part's translations: one stacked form per language."""
    return type(
        f"{model.__name__}Inline",
        (admin.StackedInline,),
        {"model": model, "extra": 0, "max_num": 2, "fields": ["language", *fields]},
    )


class PartAdmin(admin.ModelAdmin):
    """A fact, example or question on its own page, with its translations."""

    list_select_related = ["term"]
    autocomplete_fields = ["term"]


@admin.register(QuickFact)
class QuickFactAdmin(PartAdmin):
    list_display = ["term", "label", "value"]
    search_fields = ["term__name", "label", "value", "translations__value"]
    fields = ["term", "position", "label", "value"]
    inlines = [_translations_of(QuickFactTranslation, "label", "value")]


@admin.register(Example)
class ExampleAdmin(PartAdmin):
    list_display = ["term", "kind", "__str__"]
    search_fields = ["term__name", "text", "translations__text"]
    fields = ["term", "position", "kind", "text"]
    inlines = [_translations_of(ExampleTranslation, "text")]


@admin.register(Question)
class QuestionAdmin(PartAdmin):
    list_display = ["term", "question"]
    search_fields = ["term__name", "question", "translations__question"]
    fields = ["term", "position", "question", "answer"]
    inlines = [_translations_of(QuestionTranslation, "question", "answer")]


@admin.register(Comparison)
class ComparisonAdmin(admin.ModelAdmin):
    list_display = ["term", "other", "differences"]
    list_select_related = ["term", "other"]
    search_fields = ["term__name", "other__name", "differences"]
    autocomplete_fields = ["term", "other"]
    inlines = [_translations_of(ComparisonTranslation, "differences")]
