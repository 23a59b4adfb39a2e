"""Log lines never carry the secret addresses: calendar feeds and invitation links.

caplog would not do here: it listens on the root logger with its own handler, past every
filter we configure. These tests apply settings.LOGGING the way Django does and read what its
handlers write, or run records through the filters the configuration names.
"""

import copy
import importlib.util
import io
import logging
import logging.config
import secrets
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.servers.basehttp import WSGIRequestHandler
from django.urls import reverse
from django.utils.log import DEFAULT_LOGGING, configure_logging
from django.utils.module_loading import import_string

from config.logging import MaskSecrets, mask_secrets

ROOT = Path(__file__).resolve().parent.parent
FEED_TOKEN = "wR0ngF33dT0ken" + secrets.token_urlsafe(16)
UID, INVITE_TOKEN = "MTIzNDU", "cb7x2a-" + secrets.token_hex(16)


@pytest.fixture
def configured_logs():
    """What settings.LOGGING's handlers write, applied after Django's defaults as at startup."""
    buffer = io.StringIO()
    config = copy.deepcopy(settings.LOGGING)
    for handler in config["handlers"].values():
        handler["stream"] = buffer
    logging.config.dictConfig(DEFAULT_LOGGING)
    logging.config.dictConfig(config)
    yield buffer
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


def test_a_wrong_feed_token_is_masked_in_the_not_found_line(client, db, configured_logs):
    assert client.get(f"/calendar/{FEED_TOKEN}.ics?x=1").status_code == 404
    logged = configured_logs.getvalue()
    assert "Not Found: /calendar/***.ics" in logged
    assert FEED_TOKEN not in logged


def test_a_wrong_unsubscribe_link_is_masked_in_the_not_found_line(client, db, configured_logs):
    token = "IjNlYjM3YzUz:1xX2LY:" + secrets.token_urlsafe(16)
    assert client.post(f"/unsubscribe/{token}/").status_code == 404
    logged = configured_logs.getvalue()
    assert "Not Found: /unsubscribe/***/" in logged
    assert token not in logged


def test_a_wrong_invitation_link_is_masked_in_the_bad_request_line(client, db, configured_logs):
    assert client.get(f"/welcome/{UID}/{INVITE_TOKEN}/").status_code == 400
    logged = configured_logs.getvalue()
    assert "Bad Request: /welcome/***/***/" in logged
    assert UID not in logged
    assert INVITE_TOKEN not in logged


def test_runserver_request_lines_are_masked(configured_logs):
    # Django's own runserver handler logs the line; it needs only these two attributes.
    handler = SimpleNamespace(request=None, log_date_time_string=lambda: "27/Nov/2026 10:00:00")
    request_line = f"GET /calendar/{FEED_TOKEN}.ics HTTP/1.1"
    WSGIRequestHandler.log_message(handler, '"%s" %s %s', request_line, "200", "512")
    logged = configured_logs.getvalue()
    assert '"GET /calendar/***.ics HTTP/1.1" 200 512' in logged
    assert FEED_TOKEN not in logged


@pytest.mark.parametrize(
    "name",
    [
        "",
        "django",
        "django.request",
        "django.server",
        "django.security.csrf",
        "django.security.DisallowedHost",
        "axes",
        "mediation",
    ],
)
def test_every_handler_a_log_line_can_reach_masks_secrets(name):
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)
    logger, handlers = logging.getLogger(name), []
    while logger is not None:
        handlers += logger.handlers
        logger = logger.parent if logger.propagate else None
    assert handlers
    for handler in handlers:
        assert any(isinstance(f, MaskSecrets) for f in handler.filters), handler


def _configured_filter(config: dict, handler: str) -> list[logging.Filter]:
    """The filters a logging configuration attaches to one handler, built as dictConfig would."""
    return [
        import_string(config["filters"][name]["()"])()
        for name in config["handlers"][handler]["filters"]
    ]


def test_the_filter_rewrites_the_final_message_and_drops_the_arguments():
    [mask] = _configured_filter(settings.LOGGING, "console")
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        (f"/calendar/{FEED_TOKEN}.ics",),
        None,
    )
    assert mask.filter(record) is True
    assert record.msg == "Not Found: /calendar/***.ics"
    assert record.args == ()
    # Masking twice (a record reaching two handlers) gives the same line.
    assert mask.filter(record) is True
    assert record.getMessage() == "Not Found: /calendar/***.ics"


def test_a_traceback_naming_a_secret_address_is_masked():
    handler_stream = io.StringIO()
    handler = logging.StreamHandler(handler_stream)
    handler.addFilter(MaskSecrets())
    try:
        raise ValueError(f"no participant for /calendar/{FEED_TOKEN}.ics")
    except ValueError:
        record = logging.LogRecord(
            "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s",
            (f"/welcome/{UID}/{INVITE_TOKEN}/",), sys.exc_info(),
        )  # fmt: skip
    handler.handle(record)
    logged = handler_stream.getvalue()
    assert "Internal Server Error: /welcome/***/***/" in logged
    assert "ValueError: no participant for /calendar/***.ics" in logged
    assert FEED_TOKEN not in logged
    assert INVITE_TOKEN not in logged


@pytest.mark.parametrize(
    ("line", "masked"),
    [
        ("Not Found: /calendar/abc_DEF-123.ics", "Not Found: /calendar/***.ics"),
        (
            '"GET /calendar/abc123.ics?v=2 HTTP/1.1" 404 179',
            '"GET /calendar/***.ics?v=2 HTTP/1.1" 404 179',
        ),
        ("/calendar/abc123", "/calendar/***"),
        ("/welcome/MTI/abc-123/", "/welcome/***/***/"),
        ("/welcome/MTI/abc-123/?session=1", "/welcome/***/***/?session=1"),
        ("GET /welcome/MTI/abc-123?x HTTP/1.1", "GET /welcome/***/***?x HTTP/1.1"),
        ("/welcome/MTI/", "/welcome/***/"),
        (
            "/accounts/login/?next=/welcome/MTI/abc-123/&a=b",
            "/accounts/login/?next=/welcome/***/***/&a=b",
        ),
        (
            "/accounts/login/?next=%2Fcalendar%2Fabc123.ics",
            "/accounts/login/?next=%2Fcalendar%2F***.ics",
        ),
        (
            "Referer: https://dialogues.example.org/welcome/MTI/abc-123/",
            "Referer: https://dialogues.example.org/welcome/***/***/",
        ),
        # A reminder's unsubscribe link (a signed id, with colons in it).
        (
            '"POST /unsubscribe/IjNlYjM3YzUz:1xX2LY:NyR2WJ_Jz5D6/ HTTP/1.1" 200 812',
            '"POST /unsubscribe/***/ HTTP/1.1" 200 812',
        ),
        ("Not Found: /unsubscribe/abc%3Adef/", "Not Found: /unsubscribe/***/"),
    ],
)
def test_secret_parts_of_addresses_are_masked(line, masked):
    assert mask_secrets(line) == masked


@pytest.mark.parametrize(
    "line",
    [
        "/sessions/6f1c2a8e-0d4b-4e9a-9a53-0c1b2d3e4f50/calendar.ics",
        "/sessions/6f1c2a8e-0d4b-4e9a-9a53-0c1b2d3e4f50/",
        "/profile/calendar/renew/",
        "/glossary/welcome/",
        "/calendar/",
    ],
)
def test_addresses_without_secrets_are_left_alone(line):
    assert mask_secrets(line) == line


def _gunicorn_conf() -> dict:
    spec = importlib.util.spec_from_file_location(
        "gunicorn_conf", ROOT / "config/gunicorn.conf.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return vars(module)


def test_the_gunicorn_configuration_masks_access_lines():
    from gunicorn.glogging import SafeAtoms

    conf = _gunicorn_conf()
    config = conf["logconfig_dict"]
    [handler_name] = config["loggers"]["gunicorn.access"]["handlers"]
    filters = _configured_filter(config, handler_name)
    assert any(isinstance(f, MaskSecrets) for f in filters)
    assert all(
        any(isinstance(f, MaskSecrets) for f in _configured_filter(config, name))
        for name in config["handlers"]
    )
    # A record as gunicorn's Logger.access makes it: the format, and the atoms as a mapping.
    atoms = SafeAtoms(
        {
            "h": "203.0.113.9",
            "t": "[27/Nov/2026:10:00:00 +0000]",
            "r": f"GET /calendar/{FEED_TOKEN}.ics HTTP/1.1",
            "s": "200",
            "b": "512",
            "M": 4,
        }
    )
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, conf["access_log_format"], (atoms,), None
    )
    for f in filters:
        f.filter(record)
    formatter = logging.Formatter(config["formatters"]["access"]["format"])
    assert formatter.format(record) == (
        '203.0.113.9 [27/Nov/2026:10:00:00 +0000] "GET /calendar/***.ics HTTP/1.1" 200 512 4ms'
    )


GUNICORN_ACCESS = r"""
import datetime, sys
from types import SimpleNamespace
from gunicorn.app.base import Application
from gunicorn.config import Config
from gunicorn.glogging import Logger

class ConfigOnly(Application):
    def __init__(self):
        self.cfg = Config()

app = ConfigOnly()
app.load_config_from_file(sys.argv[1])  # as `gunicorn -c` does
cfg = app.cfg
log = Logger(cfg)
environ = {
    "REQUEST_METHOD": "GET", "RAW_URI": sys.argv[2], "PATH_INFO": sys.argv[2].split("?")[0],
    "QUERY_STRING": "", "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "203.0.113.9",
    "HTTP_REFERER": sys.argv[2],
}
response = SimpleNamespace(status="404 Not Found", sent=179, headers=[])
request = SimpleNamespace(headers=[("REFERER", sys.argv[2])])
log.access(response, request, environ, datetime.timedelta(milliseconds=3))
log.error("Error handling request %s", sys.argv[2])
"""


def test_gunicorn_itself_writes_masked_access_and_error_lines():
    """gunicorn's own Logger, set up from the configuration file, in a process of its own."""
    path = f"/welcome/{UID}/{INVITE_TOKEN}/?next=/calendar/{FEED_TOKEN}.ics"
    result = subprocess.run(  # noqa: S603 - our interpreter, our script
        [sys.executable, "-c", GUNICORN_ACCESS, str(ROOT / "config/gunicorn.conf.py"), path],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
    )
    assert '"GET /welcome/***/***/?next=/calendar/***.ics HTTP/1.1" 404 179 3ms' in result.stdout
    assert "Error handling request /welcome/***/***/?next=/calendar/***.ics" in result.stderr
    for secret in (UID, INVITE_TOKEN, FEED_TOKEN):
        assert secret not in result.stdout + result.stderr


def test_making_a_pdf_leaves_no_progress_lines(facilitator_client, session, configured_logs):
    """WeasyPrint reports each step of each PDF at INFO (nine lines for a two-page pack);
    only its warnings reach the log."""
    response = facilitator_client.get(reverse("session_briefing_pdf", args=[session.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "Step " not in configured_logs.getvalue()
    logging.getLogger("weasyprint.progress").warning("A warning of WeasyPrint's")
    assert "A warning of WeasyPrint's" in configured_logs.getvalue()
