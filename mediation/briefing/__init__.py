"""Briefing packs: what one reader needs before a session, as a printable page and a PDF.

`selectors.briefing_for` gathers it within the reader's rights, `pdf.py` turns the page
into a PDF with WeasyPrint, `views.py` serves both and leaves the read trace.
"""
