"""The database session store, reading a session with a query compiled once per process.

Django's own store builds and compiles the same ORM query on every request (0.7 ms of CPU
on the signed-in bare view, far more than SQLite or PostgreSQL take to answer it). Same
table, same rows, same expiry rule (a session past its `expire_date` is no session):
`SESSION_ENGINE = "accounts.sessions"`.
"""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from mediation.prepared import TEXT_SLOT, PreparedQuery

_SESSION = PreparedQuery(
    lambda key: Session.objects.filter(session_key=key).values_list("session_data", "expire_date"),
    slot=TEXT_SLOT,
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        rows = _SESSION.rows(self.session_key)
        if rows and rows[0][1] > timezone.now():
            return Session(
                session_key=self.session_key, session_data=rows[0][0], expire_date=rows[0][1]
            )
        self._session_key = None
        return None
