"""Queue the reminder emails that are due: run it from cron, as often as you like.

    */30 * * * *  cd /srv/tracker && .venv/bin/python manage.py send_reminders

Sessions starting within REMINDER_HOURS (accepted or tentative invitees), and follow-up
actions due within three days or overdue. Each reminder goes once (stamped `reminded_at`),
and only to people who agreed to be contacted.
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from mediation.notifications import enqueue as notify_enqueue


class Command(BaseCommand):
    help = "Queue reminder emails for upcoming sessions and follow-up actions due."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours",
            type=int,
            default=None,
            help=f"Remind of sessions starting within this many hours "
            f"(default REMINDER_HOURS, now {settings.REMINDER_HOURS}).",
        )

    def handle(self, *args, hours=None, **options):
        sessions, actions = notify_enqueue.reminders_enqueue(
            base_url=settings.SITE_URL, hours=hours
        )
        self.stdout.write(
            f"Queued {sessions} session reminder(s) and {actions} action reminder(s)."
        )
