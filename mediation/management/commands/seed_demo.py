"""Load a realistic demo: two processes, a dozen participants, sessions, records, logins.

Idempotent: objects are looked up by natural keys (usernames, emails, titles) and created
only when missing, so running it twice changes nothing. Dates are relative to the first
run, so a fresh demo always has past and upcoming sessions.
"""

import base64
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from mediation.models import (
    ActionItem,
    AgendaItem,
    Consent,
    DialogueProcess,
    DialogueSession,
    Invitation,
    Participant,
    ProcessMember,
    SessionRecord,
    Side,
    Topic,
)
from mediation.people import services as people_services

# A documented demo password, printed by the command; real accounts never use it.
DEMO_PASSWORD = "track-two-demo"  # noqa: S105

# The demo organizer's and facilitator's authenticator key, published in README.md so that
# anyone can add it to an app, or run `make demo-code`. Only devices with this name and key
# count as demo devices; `demo_code` refuses any other.
DEMO_TOTP_KEY_BASE32 = "ORZGCY3LFV2HO3ZNMRSW23ZNNNSXSIJB"  # "track-two-demo-key!!"
DEMO_TOTP_KEY = base64.b32decode(DEMO_TOTP_KEY_BASE32).hex()
DEMO_DEVICE_NAME = "Demo authenticator (seed_demo)"
DEMO_2FA_USERS = ("organizer", "river-organizer", "facilitator")

C = Participant.Category
PEOPLE = [
    # (name, category, affiliation, country, languages, expertise, pseudonym)
    (
        "Eleanor Whitfield",
        C.RETIRED_CIVIL,
        "Former State Department",
        "United States",
        "English",
        "Nuclear non-proliferation, verification regimes",
        "",
    ),
    (
        "James Okafor",
        C.RETIRED_MILITARY,
        "Retired, US Army",
        "United States",
        "English, Korean",
        "Armistice mechanisms, military confidence-building",
        "",
    ),
    (
        "Han Soo-jin",
        C.ACADEMIC,
        "Seoul Institute for Peace Studies",
        "Republic of Korea",
        "Korean, English",
        "Inter-Korean relations, humanitarian access",
        "",
    ),
    (
        "Ri Chol-min",
        C.RETIRED_CIVIL,
        "Former foreign ministry official",
        "DPRK",
        "Korean, English",
        "Sanctions, normalisation sequencing",
        "Participant K",
    ),
    (
        "Margaret Lindqvist",
        C.ACADEMIC,
        "Uppsala University",
        "Sweden",
        "Swedish, English",
        "Conflict mediation, protecting power arrangements",
        "",
    ),
    (
        "Tomoko Aizawa",
        C.ACADEMIC,
        "Kyoto Centre for Asian Security",
        "Japan",
        "Japanese, English",
        "Regional security architecture",
        "",
    ),
    (
        "Colonel (ret.) Pak Yong-ho",
        C.RETIRED_MILITARY,
        "Retired, Korean People's Army",
        "DPRK",
        "Korean",
        "Military hotlines, incident prevention",
        "Participant M",
    ),
    (
        "Lucía Ramírez",
        C.SOCIAL_ACTIVIST,
        "Valley Water Alliance",
        "Peru",
        "Spanish, Quechua, English",
        "Community organising, water rights",
        "",
    ),
    (
        "Daniel Mwangi",
        C.SOCIAL_ACTIVIST,
        "Environmental Justice Network",
        "Kenya",
        "English, Swahili",
        "Environmental mediation, community consent",
        "",
    ),
    (
        "Sofía Quispe",
        C.PUBLIC_FIGURE,
        "Mayor of San Isidro (former)",
        "Peru",
        "Spanish, Quechua",
        "Local government, land use",
        "",
    ),
    (
        "Robert Hale",
        C.OTHER,
        "Andes Copper Corporation",
        "Canada",
        "English, Spanish",
        "Community relations, environmental permitting",
        "",
    ),
    (
        "Amina Haddad",
        C.ACADEMIC,
        "Graduate Institute Geneva",
        "Lebanon",
        "Arabic, French, English",
        "Dialogue design, Track II methodology",
        "",
    ),
]


@dataclass
class Demo:
    organizer: User
    # Runs the river valley process only: the demo of organizers kept apart.
    river_organizer: User
    facilitator: User
    colleague: User
    participant: User
    people: dict[str, Participant]


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
        demo = self.people_and_logins(password)
        self.back_channel(demo)
        self.river_valley(demo)
        self.consents(demo)
        self.authenticators(demo)
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in as:"))
        for username, what in [
            ("organizer", "runs both processes; opens the admin at /admin/"),
            ("river-organizer", "runs the river valley process only (and its admin)"),
            ("facilitator", "facilitates some sessions, not all"),
            ("participant", "invited to some sessions, not all"),
        ]:
            self.stdout.write(f"  {username:<16} password: {password:<20} {what}")
        self.stdout.write(
            "organizers and facilitator then confirm a code from their demo authenticator "
            "(a confirmed device is asked for even with REQUIRE_2FA=false):\n"
            "  make demo-code   (or: python manage.py demo_code) prints the current codes;\n"
            f"  or add the key {DEMO_TOTP_KEY_BASE32} to an authenticator app."
        )

    def authenticators(self, demo: Demo):
        """A confirmed authenticator with the published demo key for the organizer and the
        facilitator, so the demo shows two-factor sign-in without a phone."""
        for user in (demo.organizer, demo.river_organizer, demo.facilitator):
            TOTPDevice.objects.update_or_create(
                user=user,
                name=DEMO_DEVICE_NAME,
                defaults={"key": DEMO_TOTP_KEY, "confirmed": True},
            )

    # --- People -------------------------------------------------------------------------

    def login(self, username: str, first: str, last: str, password: str, **flags) -> User:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.example.org",
                **flags,
            },
        )
        if created or not user.check_password(password):
            user.set_password(password)
            user.save()
        return user

    def people_and_logins(self, password: str) -> Demo:
        group = people_services.organizers_group_ensure()
        organizer = self.login("organizer", "Olivia", "Organizer", password, is_staff=True)
        organizer.groups.add(group)
        river_organizer = self.login("river-organizer", "Rosa", "Rivers", password, is_staff=True)
        river_organizer.groups.add(group)
        facilitator = self.login("facilitator", "Farid", "Facilitator", password)
        colleague = self.login("colleague", "Clara", "Colleague", password)
        participant = self.login("participant", "Amina", "Haddad", password)

        people = {}
        for name, category, affiliation, country, languages, expertise, pseudonym in PEOPLE:
            email = (
                name.lower().replace("(ret.) ", "").replace(" ", ".").replace("'", "")
                + "@demo.example.org"
            )
            people[name], _ = Participant.objects.get_or_create(
                email=email,
                defaults={
                    "name": name,
                    "category": category,
                    "affiliation": affiliation,
                    "country": country,
                    "languages": languages,
                    "expertise": expertise,
                    "identity_protected": bool(pseudonym),
                    "pseudonym": pseudonym,
                },
            )
        # The demo participant is Amina Haddad; the demo facilitator has a profile too, so
        # they can own follow-up actions.
        Participant.objects.filter(pk=people["Amina Haddad"].pk).update(user=participant)
        people["Farid Facilitator"], _ = Participant.objects.get_or_create(
            email="facilitator@demo.example.org",
            defaults={
                "name": "Farid Facilitator",
                "category": C.OTHER,
                "affiliation": "Geneva Dialogue Centre",
                "country": "Switzerland",
                "languages": "French, Arabic, English",
                "user": facilitator,
            },
        )
        return Demo(organizer, river_organizer, facilitator, colleague, participant, people)

    # --- Processes ----------------------------------------------------------------------

    def process(self, demo: Demo, title: str, **fields) -> DialogueProcess:
        process, _ = DialogueProcess.objects.get_or_create(title=title, defaults=fields)
        process.organizers.add(demo.organizer)
        return process

    def session(
        self,
        process,
        title,
        *,
        day_offset,
        hour,
        zone,
        hours=3,
        facilitators,
        invited,
        agenda,
        record=None,
        actions=(),
        **fields,
    ) -> DialogueSession:
        existing = DialogueSession.objects.filter(process=process, title=title).first()
        if existing:
            return existing
        day = timezone.localdate() + timedelta(days=day_offset)
        starts_at = datetime.combine(day, time(hour, 0), tzinfo=ZoneInfo(zone))
        held = day_offset < 0
        session = DialogueSession.objects.create(
            process=process,
            title=title,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=hours),
            time_zone=zone,
            status=DialogueSession.Status.HELD if held else DialogueSession.Status.CONFIRMED,
            **fields,
        )
        session.facilitators.set(facilitators)
        sides = {side.name: side for side in process.sides.all()}
        for person, side_name, role, response in invited:
            # On the process's roster, by side: organizers see people through it.
            ProcessMember.objects.get_or_create(
                process=process, participant=person, defaults={"side": sides.get(side_name)}
            )
            Invitation.objects.create(
                session=session,
                participant=person,
                side=sides.get(side_name),
                role=role,
                response=response,
                responded_at=None if response == Invitation.Response.INVITED else timezone.now(),
                attended=(response == Invitation.Response.ACCEPTED) if held else None,
            )
        topics = {topic.title: topic for topic in process.topics.all()}
        for position, (item_title, topic_title, minutes, lead) in enumerate(agenda, start=1):
            AgendaItem.objects.create(
                session=session,
                position=position,
                title=item_title,
                topic=topics.get(topic_title),
                duration_minutes=minutes,
                lead=lead,
            )
        if record:
            SessionRecord.objects.create(session=session, **record)
        for description, owner, due_in_days, status in actions:
            ActionItem.objects.create(
                session=session,
                description=description,
                owner=owner,
                due_date=timezone.localdate() + timedelta(days=due_in_days),
                status=status,
            )
        return session

    def consents(self, demo: Demo):
        """Everyone invited agreed to be listed and contacted; protected people were not
        asked to be named in shared documents."""
        invitations = Invitation.objects.filter(
            session__process__organizers=demo.organizer
        ).select_related("participant", "session")
        for invitation in invitations:
            person, process = invitation.participant, invitation.session.process_id
            kinds = [Consent.Kind.LISTED, Consent.Kind.CONTACTED]
            if not person.identity_protected:
                kinds.append(Consent.Kind.NAMED)
            for kind in kinds:
                if (
                    not Consent.objects.in_force()
                    .filter(participant=person, process_id=process, kind=kind)
                    .exists()
                ):
                    Consent.objects.create(
                        participant=person,
                        process_id=process,
                        kind=kind,
                        recorded_by=demo.organizer,
                    )

    def sides_and_topics(self, process, sides, topics):
        for name in sides:
            Side.objects.get_or_create(process=process, name=name)
        for title, sensitivity, status, description in topics:
            Topic.objects.get_or_create(
                process=process,
                title=title,
                defaults={
                    "sensitivity": sensitivity,
                    "status": status,
                    "description": description,
                },
            )

    def back_channel(self, demo: Demo):
        p = demo.people
        R = Invitation.Response
        role = Invitation.Role
        S = Topic.Sensitivity
        T = Topic.Status
        process = self.process(
            demo,
            "US–DPRK back channel",
            conflict=(
                "Decades of hostility between the United States and North Korea, with no "
                "peace treaty and few official contacts. Retired officials and scholars "
                "from both sides meet discreetly to lower tensions and test ideas their "
                "governments cannot yet put on the table."
            ),
            track=DialogueProcess.Track.TRACK_2,
            status=DialogueProcess.Status.ACTIVE,
        )
        us, dprk, convenor = "United States", "DPRK", "Convenors"
        self.sides_and_topics(
            process,
            [us, dprk, convenor],
            [
                (
                    "Military incident prevention",
                    S.HIGH,
                    T.CONVERGENCE,
                    "Hotlines and notification of exercises to avoid accidental escalation.",
                ),
                (
                    "Humanitarian access",
                    S.MEDIUM,
                    T.EXPLORED,
                    "Food aid monitoring and family reunions.",
                ),
                (
                    "Sequencing of sanctions relief",
                    S.HIGH,
                    T.IMPASSE,
                    "What steps could be matched with what relief, in which order.",
                ),
                (
                    "Remains recovery",
                    S.LOW,
                    T.AGREEMENT,
                    "Resuming joint recovery of soldiers' remains from the Korean War.",
                ),
            ],
        )
        chatham = DialogueSession.Confidentiality.CHATHAM_HOUSE
        invited = [
            (p["Eleanor Whitfield"], us, role.PARTICIPANT, R.ACCEPTED),
            (p["James Okafor"], us, role.PARTICIPANT, R.ACCEPTED),
            (p["Ri Chol-min"], dprk, role.PARTICIPANT, R.ACCEPTED),
            (p["Colonel (ret.) Pak Yong-ho"], dprk, role.PARTICIPANT, R.TENTATIVE),
            (p["Margaret Lindqvist"], convenor, role.RESOURCE_PERSON, R.ACCEPTED),
            (p["Amina Haddad"], convenor, role.OBSERVER, R.ACCEPTED),
            (p["Farid Facilitator"], convenor, role.FACILITATOR, R.ACCEPTED),
        ]
        self.session(
            process,
            "Round 1: opening the channel",
            day_offset=-60,
            hour=9,
            zone="Europe/Stockholm",
            facilitators=[demo.facilitator],
            invited=invited,
            venue="Manor house near Uppsala",
            format=DialogueSession.Format.BACK_CHANNEL,
            confidentiality=chatham,
            objectives="Establish ground rules and map each side's priorities.",
            agenda=[
                ("Welcome and ground rules", None, 30, p["Margaret Lindqvist"]),
                (
                    "Each side's view of the current risks",
                    "Military incident prevention",
                    90,
                    p["Eleanor Whitfield"],
                ),
                ("Humanitarian questions", "Humanitarian access", 60, p["Han Soo-jin"]),
            ],
            record={
                "internal_notes": (
                    "Participant K signalled interest in a military hotline if it is not "
                    "framed as a concession. Follow up quietly with the convenors."
                ),
                "summary": (
                    "Participants agreed on ground rules and identified the prevention of "
                    "military incidents as the most promising area for further work."
                ),
                "state": SessionRecord.State.SHARED,
                "shared_at": timezone.now() - timedelta(days=55),
            },
            actions=[
                (
                    "Circulate a non-paper on incident notification",
                    p["Margaret Lindqvist"],
                    -20,
                    ActionItem.Status.DONE,
                ),
                (
                    "Draft questions on remains recovery",
                    p["Amina Haddad"],
                    10,
                    ActionItem.Status.OPEN,
                ),
            ],
        )
        self.session(
            process,
            "Round 2: incident prevention",
            day_offset=-14,
            hour=14,
            zone="Asia/Tokyo",
            facilitators=[demo.facilitator],
            invited=invited,
            venue="University guest house, Kyoto",
            format=DialogueSession.Format.ROUNDTABLE,
            confidentiality=chatham,
            objectives="Explore a hotline and advance notice of military exercises.",
            agenda=[
                ("Review of the non-paper", "Military incident prevention", 60, p["James Okafor"]),
                (
                    "Sequencing, an open discussion",
                    "Sequencing of sanctions relief",
                    90,
                    p["Ri Chol-min"],
                ),
            ],
            record={
                "internal_notes": "The sequencing discussion stalled; revisit in smaller format.",
                "summary": "Draft: participants discussed incident prevention in detail.",
                "state": SessionRecord.State.DRAFT,
            },
            actions=[
                (
                    "Prepare options paper on sequencing",
                    p["Farid Facilitator"],
                    -3,
                    ActionItem.Status.OPEN,
                ),
            ],
        )
        self.session(
            process,
            "Round 3: from ideas to options",
            day_offset=21,
            hour=10,
            zone="Europe/Zurich",
            facilitators=[demo.facilitator],
            invited=invited,
            venue="Undisclosed",
            location_kind=DialogueSession.LocationKind.UNDISCLOSED,
            format=DialogueSession.Format.WORKSHOP,
            confidentiality=chatham,
            objectives="Turn the convergence on incident prevention into written options.",
            agenda=[
                ("Where we stand", None, 30, p["Margaret Lindqvist"]),
                ("Hotline options", "Military incident prevention", 90, p["James Okafor"]),
                (
                    "Remains recovery next steps",
                    "Remains recovery",
                    45,
                    p["Colonel (ret.) Pak Yong-ho"],
                ),
            ],
        )
        self.session(
            process,
            "Side meeting: military experts",
            day_offset=35,
            hour=15,
            zone="Asia/Seoul",
            facilitators=[demo.colleague],
            invited=[
                (p["James Okafor"], us, role.PARTICIPANT, R.INVITED),
                (p["Colonel (ret.) Pak Yong-ho"], dprk, role.PARTICIPANT, R.INVITED),
            ],
            location_kind=DialogueSession.LocationKind.ONLINE,
            format=DialogueSession.Format.BACK_CHANNEL,
            confidentiality=DialogueSession.Confidentiality.NO_RECORD,
            objectives="Technical exchange between retired officers.",
            agenda=[("Technical exchange", "Military incident prevention", 90, None)],
        )

    def river_valley(self, demo: Demo):
        p = demo.people
        R = Invitation.Response
        role = Invitation.Role
        S = Topic.Sensitivity
        T = Topic.Status
        process = self.process(
            demo,
            "River valley water dialogue",
            conflict=(
                "Communities downstream of a copper mine say it pollutes the river they "
                "farm and drink from; the company says it meets its permits. Social "
                "activists bring both to the table to look for a solution each can live "
                "with."
            ),
            track=DialogueProcess.Track.TRACK_2,
            status=DialogueProcess.Status.ACTIVE,
        )
        process.organizers.add(demo.river_organizer)
        valley, company, mediators = "Valley communities", "Company", "Mediators"
        self.sides_and_topics(
            process,
            [valley, company, mediators],
            [
                (
                    "Independent water monitoring",
                    S.MEDIUM,
                    T.CONVERGENCE,
                    "Who measures the river, and who sees the results.",
                ),
                ("Compensation for lost harvests", S.HIGH, T.RAISED, ""),
            ],
        )
        invited = [
            (p["Lucía Ramírez"], valley, role.PARTICIPANT, R.ACCEPTED),
            (p["Sofía Quispe"], valley, role.PARTICIPANT, R.ACCEPTED),
            (p["Robert Hale"], company, role.PARTICIPANT, R.ACCEPTED),
            (p["Daniel Mwangi"], mediators, role.FACILITATOR, R.ACCEPTED),
            (p["Amina Haddad"], mediators, role.RESOURCE_PERSON, R.ACCEPTED),
        ]
        self.session(
            process,
            "Listening session in the valley",
            day_offset=-30,
            hour=9,
            zone="America/Lima",
            facilitators=[demo.facilitator],
            invited=invited,
            venue="Community hall, San Isidro",
            format=DialogueSession.Format.CONSULTATION,
            confidentiality=DialogueSession.Confidentiality.ON_RECORD,
            objectives="Hear each side's account of the harm and of the permits.",
            agenda=[
                ("Opening words", None, 20, p["Daniel Mwangi"]),
                (
                    "Water quality: what each side has measured",
                    "Independent water monitoring",
                    90,
                    p["Lucía Ramírez"],
                ),
            ],
            record={
                "internal_notes": "Company representative open to joint sampling.",
                "summary": (
                    "Both sides presented their water measurements and agreed to look "
                    "into joint, independent sampling."
                ),
                "state": SessionRecord.State.SHARED,
                "shared_at": timezone.now() - timedelta(days=28),
            },
            actions=[
                (
                    "Propose three independent laboratories",
                    p["Robert Hale"],
                    5,
                    ActionItem.Status.IN_PROGRESS,
                ),
            ],
        )
        self.session(
            process,
            "Working group on monitoring",
            day_offset=10,
            hour=16,
            zone="America/Lima",
            facilitators=[demo.colleague],
            invited=invited[:4],
            location_kind=DialogueSession.LocationKind.ONLINE,
            format=DialogueSession.Format.WORKSHOP,
            confidentiality=DialogueSession.Confidentiality.OFF_RECORD,
            objectives="Agree terms of reference for independent monitoring.",
            agenda=[
                ("Laboratories proposed", "Independent water monitoring", 60, p["Robert Hale"]),
                ("Compensation, first exchange", "Compensation for lost harvests", 60, None),
            ],
        )
