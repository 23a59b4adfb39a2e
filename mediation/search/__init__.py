"""One search box across the dialogue work and the glossary (`/search/?q=`): text.py
matches words (PostgreSQL full-text search, or folded LIKE on SQLite), selectors.py scopes
each kind of result through `mediation.access`, views.py renders the page and its
as-you-type fragment."""
