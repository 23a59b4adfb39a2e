"""WSGI entry point, used by gunicorn, runserver and other WSGI servers."""

import os

from django.core.wsgi import get_wsgi_application
from django.db import connections

from config.serving import serving_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# From here on this process serves the database: `restore_db` refuses until it ends.
serving_start(connections["default"].settings_dict)
