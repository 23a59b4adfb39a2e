"""The glossary in the admin: each term edited on one page with its facts, examples,
questions and the comparisons it leads; comparisons also listed on their own."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Comparison, Example, Question, QuickFact, Term, TermTranslation


class QuickFactInline(admin.TabularInline):
    model = QuickFact
    extra = 0
    fields = ["position", "label", "value"]


class ExampleInline(admin.StackedInline):
    model = Example
    extra = 0
    fields = ["position", "kind", "text"]


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    fields = ["position", "question", "answer"]


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


@admin.register(Comparison)
class ComparisonAdmin(admin.ModelAdmin):
    list_display = ["term", "other", "differences"]
    list_select_related = ["term", "other"]
    search_fields = ["term__name", "other__name", "differences"]
    autocomplete_fields = ["term", "other"]
