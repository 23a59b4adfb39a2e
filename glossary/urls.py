"""URLs of the public glossary (mounted at /glossary/, namespace "glossary")."""

from django.urls import path

from . import views

app_name = "glossary"

urlpatterns = [
    path("", views.index, name="index"),
    # Before the term pattern: "compare" is a reserved slug (see models.RESERVED_SLUGS).
    path("compare/", views.compare, name="compare"),
    path("<slug:slug>/", views.term_detail, name="term"),
]
