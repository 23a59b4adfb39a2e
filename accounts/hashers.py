"""Argon2id with RFC 9106's parameters for servers with less memory.

Django's Argon2 hasher asks for 100 MiB of memory per password checked (2 passes, 8
lanes). A gunicorn worker that signs someone in keeps that high-water mark for its life:
workers peaked at 160-167 MB in `make bench`, 101 MB of it from one sign-in
(docs/performance.md). RFC 9106 (section 4) names 64 MiB with 3 passes and 4 lanes as its
"uniformly safe option" where much less memory is available; the extra pass keeps the
work per guess about the same (3 x 64 MiB against 2 x 100 MiB).

Same algorithm name, so existing hashes still verify; each is rehashed with these
parameters at its owner's next sign-in (Django's `must_update`).
"""

from django.contrib.auth import hashers


class Argon2PasswordHasher(hashers.Argon2PasswordHasher):
    time_cost = 3
    memory_cost = 64 * 1024  # KiB
    parallelism = 4
