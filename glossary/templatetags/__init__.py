"""Template tags of the glossary: see glossary_tags."""
