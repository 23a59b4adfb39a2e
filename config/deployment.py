"""What several app servers share, chosen by environment (imported by config/settings.py).

Behind a load balancer every server must see the same cache (Redis), the emails one server
queues must be sent by a worker whatever server queued them (a queue in the database), and
static files get content-hashed names, so browsers may keep them for good and never mix two
releases. A single server may keep its cache in memory and send emails inside the request.
README, "Deployment".
"""

from django.core.exceptions import ImproperlyConfigured


def caches(redis_url: str) -> dict:
    """Django's own Redis cache when REDIS_URL is set; each server's memory otherwise.

    Sessions live in the database, which every server sees either way.
    """
    if redis_url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": redis_url,
            }
        }
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


# TASKS_BACKEND names one of these. `immediate` sends each email inside the request that
# queued it (development, tests, a single small server); `database` stores it as a row of
# django-tasks-db (the maintained database backend for Django's own tasks framework), for
# `manage.py db_worker` (`make worker`) to send, so a slow mail server never slows a page.
TASK_BACKENDS = {
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks(backend: str) -> dict:
    if backend not in TASK_BACKENDS:
        choices = " or ".join(TASK_BACKENDS)
        raise ImproperlyConfigured(f"TASKS_BACKEND must be {choices}, not {backend!r}")
    return {"default": {"BACKEND": TASK_BACKENDS[backend]}}


def storages(*, hashed: bool) -> dict:
    """Static files with content-hashed names, compressed (gzip, and Brotli when installed),
    which WhiteNoise serves as immutable (a changed file gets a new name): under production
    settings, after `collectstatic` (config/staticfiles.py remembers each address). Otherwise
    the files as they are, found where they lie, so tests and DEBUG need no `collectstatic`
    run.
    """
    static = (
        "config.staticfiles.StaticFilesStorage"
        if hashed
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    return {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": static},
    }


def mailers_without_smtp(file_path: str) -> dict:
    """Where email goes when no EMAIL_HOST is set: one file per email in EMAIL_FILE_PATH
    (a staging server, scripts/two_servers.py), else the console."""
    if file_path:
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "OPTIONS": {"file_path": file_path},
            }
        }
    return {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
