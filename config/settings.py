"""Settings for the Track II dialogue tracker.

One module, driven by environment variables; every variable read here is documented in
README.md ("Configuration"). Defaults are safe for production except where noted: DEBUG is
off unless set, and with nothing set the app runs on a local SQLite file.
"""

import ipaddress
import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from config import deployment
from config.private_files import private_sqlite_database

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: bool) -> bool:
    """Read a true/false variable; anything else is a configuration mistake, not False."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


DEBUG = envbool("DEBUG", False)


def local_secret_key(path: Path) -> str:
    """A random key kept in a local file (mode 600), for machines that do not set SECRET_KEY.

    Deployments set SECRET_KEY; this keeps a fresh checkout working without a shared,
    published development key.
    """
    if not path.exists():
        # Written aside, then linked into place: concurrent first starts agree on one key
        # and nobody reads a half-written file.
        draft = path.with_name(f"{path.name}.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(64))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key(BASE_DIR / ".secret_key")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "simple_history",
    # The queue of emails for `manage.py db_worker` when TASKS_BACKEND=database.
    "django_tasks_db",
    "mediation",
    "glossary",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Permissions-Policy (the browser features the product never uses are turned off), the
    # frame and content policies early, so the refusals below (a 400 for a NUL byte or an
    # unknown host) and static files carry them too.
    "config.middleware.permissions_policy",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # A NUL byte outside a form would reach PostgreSQL and fail there: refused with a 400.
    "config.middleware.reject_nul_bytes",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Renews a session's expiry every few minutes of activity, not on every request.
    "config.middleware.session_refresh",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The signed-in person's own time zone and language (mediation.models.Profile).
    "accounts.middleware.UserLocaleMiddleware",
    # Marks whether this sign-in was confirmed with a second factor (request.user.is_verified).
    "django_otp.middleware.OTPMiddleware",
    # Sends those who owe a second factor (see accounts/twofactor.py) to confirm a code.
    "accounts.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # An htmx request whose sign-in expired loads the login page whole (HX-Redirect).
    "accounts.middleware.HtmxLoginRedirectMiddleware",
    # Records who made each change in the models' history.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mediation.context_processors.roles",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------
# SQLite by default. WAL lets readers and one writer work at once; IMMEDIATE transactions
# take the write lock up front, so two facilitators saving at the same moment queue behind
# the busy timeout instead of failing with "database is locked".
# Connections are kept for DB_CONN_MAX_AGE seconds (checked before reuse) rather than
# opened for every request: on PostgreSQL that opening was most of a signed-in page's time.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": envint("SQLITE_BUSY_TIMEOUT", 20),
        "init_command": ("PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"),
    }
    # Readable by the app's user only, before SQLite would create it with the umask (644).
    private_sqlite_database(DATABASES["default"]["NAME"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -----------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username and address is refused before its password is tried.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, loading the signed-in user with their profile and roles in
    # one query (accounts/backends.py).
    "accounts.backends.ViewerBackend",
]
PASSWORD_HASHERS = [
    # Argon2id at 64 MiB a check (RFC 9106), not 100: accounts/hashers.py.
    "accounts.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Repeated failures lock that username from that address for a while (django-axes).
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Sessions end after a period without activity; signing in always starts a new session.
# The expiry moves forward at most every SESSION_REFRESH_SECONDS (config/middleware.py),
# not on every request: writing the session row on each page took SQLite's write lock.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", 120) * 60
# Django's database sessions, read with a query compiled once (accounts/sessions.py).
SESSION_ENGINE = "accounts.sessions"
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = min(envint("SESSION_REFRESH_SECONDS", 300), SESSION_COOKIE_AGE // 4)

# Organizers, facilitators and superusers must enrol and confirm a code from an authenticator
# app after their password (see accounts/twofactor.py). Off only for local development with
# DEBUG. Off or on, anyone with a confirmed device is asked for it.
REQUIRE_2FA = envbool("REQUIRE_2FA", not DEBUG)
OTP_TOTP_ISSUER = "Dialogue tracker"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Internationalisation -----------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600  # the switcher's choice; a profile's language wins
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------------------
STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# Hashed, compressed names under production settings (`collectstatic` first).
STORAGES = deployment.storages(hashed=not DEBUG)

# --- Email --------------------------------------------------------------------------------
# Console by default, so a fresh checkout never sends mail; SMTP when EMAIL_HOST is set.


def site_domain(hosts: list[str]) -> str:
    """The product's own domain: the first name in ALLOWED_HOSTS that is neither a pattern
    (".example.org", "*") nor an address (127.0.0.1, [::1])."""
    for host in hosts:
        if host.startswith(".") or "*" in host:
            continue
        try:
            ipaddress.ip_address(host.strip("[]"))
        except ValueError:
            return host
    return "localhost"


DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", f"dialogues@{site_domain(ALLOWED_HOSTS)}"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Every email's Message-ID names the sender's domain, not the machine's host name (Django's
# default), which is "localhost" on many servers and says nothing about who sent it.
EMAIL_MESSAGE_ID_DOMAIN = DEFAULT_FROM_EMAIL.rstrip(">").rpartition("@")[2] or "localhost"
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": envint("EMAIL_PORT", 587),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": envbool("EMAIL_USE_TLS", True),
                "timeout": 20,
            },
        }
    }
else:  # Each email a file in EMAIL_FILE_PATH (a staging server), else printed.
    MAILERS = deployment.mailers_without_smtp(os.environ.get("EMAIL_FILE_PATH", ""))

# Invitation links (set a password, land on the session) expire after this many days.
INVITATION_LINK_DAYS = envint("INVITATION_LINK_DAYS", 7)
# `manage.py send_reminders` reminds invitees of a session starting within this many hours.
REMINDER_HOURS = envint("REMINDER_HOURS", 48)
# Links in emails sent from the command line (cron) start with this address.
SITE_URL = os.environ.get("SITE_URL", "http://localhost:8000")

# --- Cache and background tasks (config/deployment.py) -----------------------------------
# REDIS_URL: one cache for every app server. TASKS_BACKEND=database: emails wait in the
# database for `manage.py db_worker` instead of being sent inside the request.
CACHES = deployment.caches(os.environ.get("REDIS_URL", ""))
TASKS = deployment.tasks(os.environ.get("TASKS_BACKEND", "").strip().lower() or "immediate")

# --- Security -----------------------------------------------------------------------------
# HTTPS=true in production (see README): secure cookies, HSTS and the redirect to https.
HTTPS = envbool("HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# `preload` asks browsers to hard-code HTTPS for the whole domain and all its subdomains,
# for months after it is taken back: only the domain's operator can decide that, so it is
# off unless they turn it on. Django's deployment check warns when it is off (W021): that
# warning is silenced, since off is the deliberate default.
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# BEHIND_PROXY: TLS ends at a reverse proxy that the app is reachable through only.
BEHIND_PROXY = envbool("BEHIND_PROXY", False)
# How many reverse proxies in a row each append the address they saw to X-Forwarded-For.
PROXY_COUNT = envint("PROXY_COUNT", 1)
if PROXY_COUNT < 1:
    raise ImproperlyConfigured(f"PROXY_COUNT must be 1 or more, not {PROXY_COUNT}")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Failed sign-ins counted per client, not per proxy (which would lock a username out
    # for everyone): the address the proxies recorded (config/proxy.py). Without a proxy,
    # axes reads REMOTE_ADDR and X-Forwarded-For, which anyone can send, is ignored.
    AXES_CLIENT_IP_CALLABLE = "config.proxy.forwarded_client_ip"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF cookie: htmx sends the token from the page (`hx-headers` on
# <body>), and forms carry it in a field.
CSRF_COOKIE_HTTPONLY = True
if HTTPS:
    # A `__Host-` cookie is taken by browsers only when it is Secure, for the whole site
    # (Path=/) and set by this very host (no Domain), so no sibling subdomain, and no page
    # served over plain HTTP, can plant or overwrite one.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Browser features the product never uses, refused to it and to anything it could embed
# (config/middleware.py sends the header on every response). Each is one Chromium knows:
# an unknown name is an error in the browser's console (tests/browser/test_headers.py).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (  # noqa: SIM905 (one name a line would take 26 lines)
        "accelerometer autoplay browsing-topics camera display-capture encrypted-media "
        "fullscreen gamepad geolocation gyroscope hid idle-detection local-fonts "
        "magnetometer microphone midi otp-credentials payment picture-in-picture "
        "publickey-credentials-create publickey-credentials-get screen-wake-lock serial "
        "usb window-management xr-spatial-tracking"
    ).split()
)

# No inline scripts or styles: our own scripts carry the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
}

# --- Logging ------------------------------------------------------------------------------
# Request paths carry only UUIDs, and bodies are never logged, so logs hold nothing
# confidential, except the two addresses that are secrets themselves (calendar feeds and
# invitation links): every handler masks those (config/logging.py). Django's own defaults
# are replaced, not added to: its `django` console handler and the runserver `django.server`
# handler would print those addresses unmasked, and `mail_admins` would email them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_secrets": {"()": "config.logging.MaskSecrets"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["mask_secrets"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["mask_secrets"],
        },
    },
    "loggers": {
        # Everything of Django's goes up to the root's one masked handler. INFO as in
        # Django's defaults, whatever LOG_LEVEL says: at DEBUG, django.db.backends would log
        # every SQL statement with its parameters, content included.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        # runserver's request lines, in Django's format.
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        "weasyprint.progress": {"level": "WARNING"},  # not each step of each PDF (INFO)
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
