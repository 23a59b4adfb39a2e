"""Load a realistic demo: two processes, a dozen participants, sessions, records, logins.

The demo's data lives in `mediation.demo` (plain constants); this command writes it through
the services the product's pages and admin use, so the demo holds only what people could
have entered there: every invitee on the process's roster by side, every agenda lead
invited, answers given before the session started and attendance noted after it, a summary
shared only once the non-attribution check passes. A service that refuses the data stops
the command, and nothing is written.

Idempotent: objects are looked up by natural keys (usernames, emails, titles) and created
only when missing, so running it twice changes nothing. A session found by its title is
left as it is, with its invitations, agenda, record and actions. Dates are relative to the
first run, so a fresh demo always has past and upcoming sessions.

Written through the ORM, because no service writes them:
- the logins (password, staff flag, Organizers group): the product makes accounts only for
  invited people, with a random username and no password
  (`people.accounts.participant_account_ensure`); the demo needs known logins;
- processes and their organizers, sides and topics, sessions and their facilitators: the
  admin saves these with its model forms, not through a service; processes and sessions
  pass the same model checks (`full_clean`) first;
- the demo authenticators: `accounts.devices.totp_device_confirm` is for a device a person
  enrolled and proved with a code (it makes backup codes to show once and mails a notice);
  the demo's device has a published key and nobody to show codes to;
- dates in the past: sharing a record stamps the time of the share, so a record shared a
  few days after a session held weeks ago gets that time (as shared and last saved)
  afterwards. Answers get theirs through `invitation_answer(now=...)`.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from mediation import submissions
from mediation.demo import back_channel, river_valley
from mediation.demo import outcomes as demo_outcomes
from mediation.demo.logins import (
    DEMO_2FA_USERS,
    DEMO_DEVICE_NAME,
    DEMO_PASSWORD,
    DEMO_TOTP_KEY,
    DEMO_TOTP_KEY_BASE32,
    LOGINS,
)
from mediation.demo.people import PEOPLE
from mediation.demo.plans import Login, Person, ProcessPlan, SessionPlan
from mediation.models import (
    Consent,
    DialogueProcess,
    DialogueSession,
    Invitation,
    Participant,
    SessionRecord,
    Side,
)
from mediation.people import services as people_services
from mediation.portal import services as portal_services
from mediation.records import services as record_services
from mediation.sessions import agenda as agenda_services
from mediation.sessions import services as session_services

PROCESSES = (back_channel.PROCESS, river_valley.PROCESS)
PEOPLE_BY_NAME = {person.name: person for person in PEOPLE}

# People invited to a session held before the first run answered this long before it.
ANSWERED_BEFORE = timedelta(days=7)


class Command(BaseCommand):
    help = "Load demo data (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEMO_PASSWORD,
            help=f"Password for the demo logins (default: {DEMO_PASSWORD}).",
        )

    @transaction.atomic
    def handle(self, *args, password: str, **options):
        group = people_services.organizers_group_ensure()
        users = {login.username: self.login(login, password, group) for login in LOGINS}
        for plan in PROCESSES:
            self.process(plan, users)
        demo_outcomes.seed(users)
        self.authenticators(users)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in as:"))
        for login in LOGINS:
            if login.shown_as:
                self.stdout.write(
                    f"  {login.username:<16} password: {password:<20} {login.shown_as}"
                )
        self.stdout.write(
            "organizers and facilitator then confirm a code from their demo authenticator "
            "(a confirmed device is asked for even with REQUIRE_2FA=false):\n"
            "  make demo-code   (or: python manage.py demo_code) prints the current codes;\n"
            f"  or add the key {DEMO_TOTP_KEY_BASE32} to an authenticator app."
        )

    # --- Logins -------------------------------------------------------------------------

    def login(self, login: Login, password: str, group: Group) -> User:
        user, created = User.objects.get_or_create(
            username=login.username,
            defaults={
                "first_name": login.first_name,
                "last_name": login.last_name,
                "email": f"{login.username}@demo.example.org",
                "is_staff": login.organizer,
            },
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.save()
        if login.organizer:
            user.groups.add(group)
        return user

    def authenticators(self, users: dict[str, User]) -> None:
        """A confirmed authenticator with the published demo key for the organizers and the
        facilitator, so the demo shows two-factor sign-in without a phone."""
        for username in DEMO_2FA_USERS:
            TOTPDevice.objects.update_or_create(
                user=users[username],
                name=DEMO_DEVICE_NAME,
                defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
            )

    # --- A process, its roster and its sessions -----------------------------------------

    def process(self, plan: ProcessPlan, users: dict[str, User]) -> None:
        process = DialogueProcess.objects.filter(title=plan.title).first()
        if process is None:
            process = DialogueProcess(
                title=plan.title, conflict=plan.conflict, track=plan.track, status=plan.status
            )
            process.full_clean()
            process.save()
        process.organizers.add(*(users[username] for username in plan.organizers))
        sides = {name: process.sides.get_or_create(name=name)[0] for name in plan.sides}
        for topic in plan.topics:
            process.topics.get_or_create(
                title=topic.title,
                defaults={
                    "sensitivity": topic.sensitivity,
                    "status": topic.status,
                    "description": topic.description,
                },
            )
        keeper = users[plan.roster_keeper]
        people = self.roster(plan, process, sides, keeper, users)
        side_of = {member.person: sides[member.side] for member in plan.roster}
        for session in plan.sessions:
            self.session(session, process, side_of, people, users)
        self.consents(plan, process, people, keeper)

    def roster(
        self,
        plan: ProcessPlan,
        process: DialogueProcess,
        sides: dict[str, Side],
        keeper: User,
        users: dict[str, User],
    ) -> dict[str, Participant]:
        """The process's people, by name: added to the roster (and to the product, the first
        time) by the organizer who keeps it."""
        people = {}
        for member in plan.roster:
            person = PEOPLE_BY_NAME[member.person]
            side = sides[member.side]
            participant = Participant.objects.filter(email=person.email).first()
            if participant is None:
                participant = people_services.participant_add(
                    participant=self.participant_new(person, users),
                    process=process,
                    side=side,
                    user=keeper,
                )
            else:
                people_services.process_member_add(
                    process=process, participant=participant, side=side, user=keeper
                )
            people[member.person] = participant
        return people

    def participant_new(self, person: Person, users: dict[str, User]) -> Participant:
        return Participant(
            name=person.name,
            email=person.email,
            category=person.category,
            affiliation=person.affiliation,
            country=person.country,
            languages=person.languages,
            expertise=person.expertise,
            identity_protected=bool(person.pseudonym),
            pseudonym=person.pseudonym,
            title=person.title,
            aliases=person.aliases,
            user=users[person.login] if person.login else None,
        )

    def consents(
        self,
        plan: ProcessPlan,
        process: DialogueProcess,
        people: dict[str, Participant],
        keeper: User,
    ) -> None:
        """Everyone invited agreed to be listed and contacted; protected people were not
        asked to be named in shared documents."""
        invited = {invite.person for session in plan.sessions for invite in session.invited}
        for member in plan.roster:
            if member.person not in invited:
                continue
            person = people[member.person]
            kinds = [Consent.Kind.LISTED, Consent.Kind.CONTACTED]
            if not person.identity_protected:
                kinds.append(Consent.Kind.NAMED)
            for kind in kinds:
                people_services.consent_give(
                    participant=person, process=process, kind=kind, user=keeper
                )

    # --- One session --------------------------------------------------------------------

    def session(
        self,
        plan: SessionPlan,
        process: DialogueProcess,
        side_of: dict[str, Side],
        people: dict[str, Participant],
        users: dict[str, User],
    ) -> None:
        if process.sessions.filter(title=plan.title).exists():
            return
        day = timezone.localdate() + timedelta(days=plan.day_offset)
        starts_at = datetime.combine(day, time(plan.hour, 0), tzinfo=ZoneInfo(plan.zone))
        held = plan.day_offset < 0
        session = DialogueSession(
            process=process,
            title=plan.title,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=plan.hours),
            time_zone=plan.zone,
            location_kind=plan.location_kind,
            venue=plan.venue,
            format=plan.format,
            confidentiality=plan.confidentiality,
            status=DialogueSession.Status.HELD if held else DialogueSession.Status.CONFIRMED,
            objectives=plan.objectives,
            published_at=timezone.now(),
        )
        session.full_clean()
        session.save()
        session.facilitators.set([users[username] for username in plan.facilitators])
        self.invitations(plan, session, side_of, people, held)
        topics = {topic.title: topic for topic in process.topics.all()}
        for line in plan.agenda:
            agenda_services.agenda_item_add(
                session=session,
                title=line.title,
                duration_minutes=line.minutes,
                topic=topics[line.topic] if line.topic else None,
                lead=people[line.lead] if line.lead else None,
            )
        if plan.record is not None:
            self.record(plan, session, users[plan.facilitators[0]])
        for action in plan.actions:
            record_services.action_item_add(
                session=session,
                submission=submissions.submission_token_new(),
                description=action.description,
                owner=people[action.owner],
                due_date=timezone.localdate() + timedelta(days=action.due_in_days),
                topic=None,
                status=action.status,
            )

    def invitations(
        self,
        plan: SessionPlan,
        session: DialogueSession,
        side_of: dict[str, Side],
        people: dict[str, Participant],
        held: bool,
    ) -> None:
        """Invited in their roster side; answered before the session; attendance noted
        after it (those who accepted came)."""
        answered_at = min(timezone.now(), session.starts_at - ANSWERED_BEFORE)
        for invite in plan.invited:
            if invite.person not in side_of:
                raise CommandError(f"{invite.person} is invited but not on the roster.")
            invitation = session_services.invitation_add(
                session=session, participant=people[invite.person], role=invite.role
            )
            if invite.response != Invitation.Response.INVITED:
                invitation = portal_services.invitation_answer(
                    invitation=invitation, response=invite.response, now=answered_at
                )
            session_services.invitation_update(
                invitation=invitation,
                role=invite.role,
                side=side_of[invite.person],
                capacity=invitation.capacity,
                attended=(invite.response == Invitation.Response.ACCEPTED) if held else None,
            )

    def item_notes(self, plan: SessionPlan, session: DialogueSession) -> list:
        items = {item.title: item for item in session.agenda_items.select_related("topic")}
        return [
            record_services.ItemRecordInput(
                agenda_item=items[note.item],
                discussion="",
                convergence=note.convergence,
                divergence=note.divergence,
                topic_status=note.topic_status,
            )
            for note in plan.record.items
        ]

    def record(self, plan: SessionPlan, session: DialogueSession, facilitator: User) -> None:
        """Saved by the session's facilitator and, when the plan says so, shared; sharing
        runs the non-attribution check and refuses a summary naming anyone there."""
        record, _unshared = record_services.session_record_save(
            session=session,
            user=facilitator,
            version=1,  # a new record
            internal_notes=plan.record.internal_notes,
            summary=plan.record.summary,
            outcomes="",
            items=self.item_notes(plan, session),
        )
        days = plan.record.shared_days_after
        if days is None:
            return
        record = record_services.session_record_share(
            session=session, user=facilitator, version=record.version
        )
        shared_at = min(timezone.now(), session.ends_at + timedelta(days=days))
        SessionRecord.objects.filter(pk=record.pk).update(
            shared_at=shared_at, updated_at=shared_at
        )
