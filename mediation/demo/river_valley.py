"""The demo's second process: a water dispute between valley communities and a copper
mine, run by `river-organizer` (and `organizer`). One listening session held, on the
record, and a working group coming, off the record."""

from mediation.demo.plans import (
    ActionPlan,
    AgendaLine,
    Invite,
    Member,
    ProcessPlan,
    RecordPlan,
    SessionPlan,
    TopicPlan,
)
from mediation.models import ActionItem, DialogueProcess, DialogueSession, Invitation, Topic

R = Invitation.Response
ROLE = Invitation.Role
VALLEY, COMPANY, MEDIATORS = "Valley communities", "Company", "Mediators"
MONITORING = "Independent water monitoring"

PARTIES = (
    Invite("Lucía Ramírez", ROLE.PARTICIPANT, R.ACCEPTED),
    Invite("Sofía Quispe", ROLE.PARTICIPANT, R.ACCEPTED),
    Invite("Robert Hale", ROLE.PARTICIPANT, R.ACCEPTED),
    Invite("Daniel Mwangi", ROLE.FACILITATOR, R.ACCEPTED),
)

PROCESS = ProcessPlan(
    title="River valley water dialogue",
    conflict=(
        "Communities downstream of a copper mine say it pollutes the river they "
        "farm and drink from; the company says it meets its permits. Social "
        "activists bring both to the table to look for a solution each can live "
        "with."
    ),
    track=DialogueProcess.Track.TRACK_2,
    status=DialogueProcess.Status.ACTIVE,
    organizers=("organizer", "river-organizer"),
    roster_keeper="river-organizer",
    sides=(VALLEY, COMPANY, MEDIATORS),
    topics=(
        TopicPlan(
            MONITORING,
            Topic.Sensitivity.MEDIUM,
            Topic.Status.CONVERGENCE,
            "Who measures the river, and who sees the results.",
        ),
        TopicPlan("Compensation for lost harvests", Topic.Sensitivity.HIGH, Topic.Status.RAISED),
    ),
    roster=(
        Member("Lucía Ramírez", VALLEY),
        Member("Sofía Quispe", VALLEY),
        Member("Robert Hale", COMPANY),
        Member("Daniel Mwangi", MEDIATORS),
        # Also in the back channel: this organizer sees her, but may not change who she is.
        Member("Amina Haddad", MEDIATORS),
    ),
    sessions=(
        SessionPlan(
            "Listening session in the valley",
            day_offset=-30,
            hour=9,
            zone="America/Lima",
            facilitators=("facilitator",),
            invited=(*PARTIES, Invite("Amina Haddad", ROLE.RESOURCE_PERSON, R.ACCEPTED)),
            venue="Community hall, San Isidro",
            format=DialogueSession.Format.CONSULTATION,
            confidentiality=DialogueSession.Confidentiality.ON_RECORD,
            objectives="Hear each side's account of the harm and of the permits.",
            agenda=(
                AgendaLine("Opening words", None, 20, "Daniel Mwangi"),
                AgendaLine(
                    "Water quality: what each side has measured", MONITORING, 90, "Lucía Ramírez"
                ),
            ),
            record=RecordPlan(
                internal_notes="Company representative open to joint sampling.",
                summary=(
                    "Both sides presented their water measurements and agreed to look "
                    "into joint, independent sampling."
                ),
                shared_days_after=2,
            ),
            actions=(
                ActionPlan(
                    "Propose three independent laboratories",
                    "Robert Hale",
                    5,
                    ActionItem.Status.IN_PROGRESS,
                ),
            ),
        ),
        SessionPlan(
            "Working group on monitoring",
            day_offset=10,
            hour=16,
            zone="America/Lima",
            facilitators=("colleague",),
            invited=PARTIES,
            location_kind=DialogueSession.LocationKind.ONLINE,
            format=DialogueSession.Format.WORKSHOP,
            confidentiality=DialogueSession.Confidentiality.OFF_RECORD,
            objectives="Agree terms of reference for independent monitoring.",
            agenda=(
                AgendaLine("Laboratories proposed", MONITORING, 60, "Robert Hale"),
                AgendaLine(
                    "Compensation, first exchange", "Compensation for lost harvests", 60, None
                ),
            ),
        ),
    ),
)
