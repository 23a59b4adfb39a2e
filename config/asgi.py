"""ASGI entry point, for ASGI servers."""

import os

from django.core.asgi import get_asgi_application
from django.db import connections

from config.serving import serving_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_asgi_application()

# From here on this process serves the database: `restore_db` refuses until it ends.
serving_start(connections["default"].settings_dict)
