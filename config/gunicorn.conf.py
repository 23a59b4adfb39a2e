"""gunicorn settings: `gunicorn -c config/gunicorn.conf.py` (README, "Production settings").

This file is about logging. gunicorn's own loggers (`gunicorn.error`, and `gunicorn.access`
for one line per request) write through handlers that mask the secret addresses
(config/logging.py), like Django's do: an access line names the calendar feed or invitation
link it served, and without this file gunicorn writes those lines as they are.

The access line is `<client> [<time>] "<request line>" <status> <bytes> <duration>ms`. It
leaves out the Referer and User-Agent of gunicorn's default format: a Referer repeats the
address of the page before (an invitation link, for the requests its page makes), and
neither helps to run the service. Behind a reverse proxy `<client>` is the proxy; its own
log has the client.

Command-line options (`-w`, `--threads`, `-b`, `--log-level`...) still apply on top.
"""

from pathlib import Path

# Serve the app from wherever gunicorn was started.
chdir = str(Path(__file__).resolve().parent.parent)
wsgi_app = "config.wsgi:application"

access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms'

logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_secrets": {"()": "config.logging.MaskSecrets"}},
    "formatters": {
        "generic": {
            "format": "%(asctime)s [%(process)d] [%(levelname)s] %(message)s",
            "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
        },
        # The access line carries its own time.
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "formatter": "generic",
            "filters": ["mask_secrets"],
            "stream": "ext://sys.stderr",
        },
        "access_console": {
            "class": "logging.StreamHandler",
            "formatter": "access",
            "filters": ["mask_secrets"],
            "stream": "ext://sys.stdout",
        },
    },
    "loggers": {
        # No level: gunicorn's --log-level sets it.
        "gunicorn.error": {"handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"handlers": ["access_console"], "level": "INFO", "propagate": False},
    },
    "root": {"handlers": ["error_console"], "level": "INFO"},
}
