"""A dialogue process as one JSON document, and back.

`schema.py` says what the document holds (its version, its sections and their fields),
`selectors.process_document` writes it from the database, `validation.py` lists every
problem of a document before anything is written, and `services.process_import` restores a
valid one in one transaction (`manage.py import_process FILE`). `views.py` serves the
export to the process's organizers.
"""
