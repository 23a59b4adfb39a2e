"""Views of the dialogue work, one module per area."""
