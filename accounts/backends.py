"""How a signed-in request finds its user: with their facts, in one query.

Django's ModelBackend loads the user by id; the locale and two-factor middleware and the
role menu then need the viewer's profile, roles and devices (access.viewer_facts). This
backend reads both at once with a query compiled once per process (mediation/prepared.py):
on the signed-in bare view that was two queries and 3.8 ms of CPU, now one and 0.2 ms
(docs/performance.md). Passwords are checked exactly as ModelBackend checks them.
"""

from django.contrib.auth.backends import ModelBackend

from mediation import access


class ViewerBackend(ModelBackend):
    def get_user(self, user_id):
        user = access.user_with_facts(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
