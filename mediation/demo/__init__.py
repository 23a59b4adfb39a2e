"""The demo's data, as plain constants: its logins, its people and its two processes.

Nothing here touches the database: `manage.py seed_demo` reads these modules and writes
them through the product's services.
"""
