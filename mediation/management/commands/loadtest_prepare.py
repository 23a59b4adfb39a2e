"""Add the accounts the load test signs in with, on a throwaway database (scripts/loadtest.py).

Run after `seed_demo`. Facilitators share the demo's recordable sessions two each, each
overlapping with the next, so their record saves collide; participants are invited to
upcoming sessions, so they can answer. The demo organizer keeps its account but loses its
authenticator: a confirmed device is asked for even with REQUIRE_2FA=false, and the load
clients sign in with a password alone. Hence the confirmation: never run it on real data.

Prints one line of JSON, the plan the load clients follow:
`{"organizer": {"username", "invitations", "sessions"}, "facilitators": [{"username",
"sessions"}], "participants": [{"username", "sessions"}]}`, primary keys as strings.
"""

import json

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from mediation.models import DialogueSession, Invitation, Participant

FACILITATOR_PREFIX = "load-facilitator-"
PARTICIPANT_PREFIX = "load-participant-"
PARTICIPANT_NAME_PREFIX = "Load participant "


class Command(BaseCommand):
    help = "Add the load test's facilitators and participants (throwaway databases only)."

    def add_arguments(self, parser):
        parser.add_argument("--facilitators", type=int, required=True)
        parser.add_argument("--participants", type=int, required=True)
        parser.add_argument(
            "--password", required=True, help="Password of the load users and the organizer."
        )
        parser.add_argument(
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, facilitators, participants, password, interactive=True, **options):
        if interactive:
            # The question goes to stderr: stdout carries the JSON only.
            self.stderr.write(
                "This removes the demo organizer's authenticator and adds load users: for a "
                "throwaway database only. Type 'yes' to go on: ",
                ending="",
            )
            if input().strip().lower() != "yes":
                raise CommandError("Cancelled; nothing changed.")
        with transaction.atomic():
            plan = prepare(facilitators, participants, password)
        self.stdout.write(json.dumps(plan))


def prepare(n_facilitators: int, n_participants: int, password: str) -> dict:
    recordable = list(
        DialogueSession.objects.filter(archived_at__isnull=True, process__archived_at__isnull=True)
        .exclude(confidentiality=DialogueSession.Confidentiality.NO_RECORD)
        .order_by("starts_at")
    )
    if not recordable:
        raise CommandError("No session can be recorded; run `manage.py seed_demo` first.")
    upcoming = [s for s in recordable if s.ends_at > timezone.now()] or recordable
    organizer = User.objects.filter(username="organizer").first()
    if organizer is None:
        raise CommandError("No demo organizer; run `manage.py seed_demo` first.")
    organizer.set_password(password)
    organizer.save()
    TOTPDevice.objects.filter(user=organizer).delete()

    plan = {"facilitators": [], "participants": [], "organizer": {"username": "organizer"}}
    for i in range(n_facilitators):
        user = User.objects.create_user(f"{FACILITATOR_PREFIX}{i}", password=password)
        mine = [recordable[(i + k) % len(recordable)] for k in range(2)]
        for session in mine:
            session.facilitators.add(user)
        plan["facilitators"].append(
            {"username": user.username, "sessions": [str(s.pk) for s in mine]}
        )
    for i in range(n_participants):
        user = User.objects.create_user(f"{PARTICIPANT_PREFIX}{i}", password=password)
        person = Participant.objects.create(
            name=f"{PARTICIPANT_NAME_PREFIX}{i}", category=Participant.Category.OTHER, user=user
        )
        mine = [upcoming[(i + k) % len(upcoming)] for k in range(min(2, len(upcoming)))]
        for session in mine:
            Invitation.objects.create(session=session, participant=person)
        plan["participants"].append(
            {"username": user.username, "sessions": [str(s.pk) for s in mine]}
        )
    # The organizer edits invitations the load participants do not answer, so the two kinds
    # of write never overwrite each other's marker.
    others = Invitation.objects.exclude(participant__name__startswith=PARTICIPANT_NAME_PREFIX)
    plan["organizer"]["invitations"] = [str(pk) for pk in others.values_list("pk", flat=True)[:6]]
    plan["organizer"]["sessions"] = [str(s.pk) for s in recordable[:4]]
    return plan
