"""The demo's first process: a back channel between the United States and the DPRK, run by
`organizer`. Two rounds held (one record shared, one still a draft), one coming, and a side
meeting that keeps no written record."""

from mediation.demo.plans import (
    ActionPlan,
    AgendaLine,
    Invite,
    ItemNote,
    Member,
    ProcessPlan,
    RecordPlan,
    SessionPlan,
    TopicPlan,
)
from mediation.models import ActionItem, DialogueProcess, DialogueSession, Invitation, Topic

R = Invitation.Response
ROLE = Invitation.Role
S = Topic.Sensitivity
T = Topic.Status
US, DPRK, CONVENORS = "United States", "DPRK", "Convenors"
INCIDENTS = "Military incident prevention"

# Invited to every round.
ROUNDS = (
    Invite("Eleanor Whitfield", ROLE.PARTICIPANT, R.ACCEPTED),
    Invite("James Okafor", ROLE.PARTICIPANT, R.ACCEPTED),
    Invite("Ri Chol-min", ROLE.PARTICIPANT, R.ACCEPTED),
    Invite("Pak Yong-ho", ROLE.PARTICIPANT, R.TENTATIVE),
    Invite("Margaret Lindqvist", ROLE.RESOURCE_PERSON, R.ACCEPTED),
    Invite("Amina Haddad", ROLE.OBSERVER, R.ACCEPTED),
    Invite("Farid Facilitator", ROLE.FACILITATOR, R.ACCEPTED),
)

PROCESS = ProcessPlan(
    title="US–DPRK back channel",
    conflict=(
        "Decades of hostility between the United States and North Korea, with no "
        "peace treaty and few official contacts. Retired officials and scholars "
        "from both sides meet discreetly to lower tensions and test ideas their "
        "governments cannot yet put on the table."
    ),
    track=DialogueProcess.Track.TRACK_2,
    status=DialogueProcess.Status.ACTIVE,
    organizers=("organizer",),
    roster_keeper="organizer",
    sides=(US, DPRK, CONVENORS),
    topics=(
        TopicPlan(
            INCIDENTS,
            S.HIGH,
            T.CONVERGENCE,
            "Hotlines and notification of exercises to avoid accidental escalation.",
        ),
        TopicPlan(
            "Humanitarian access", S.MEDIUM, T.EXPLORED, "Food aid monitoring and family reunions."
        ),
        TopicPlan(
            "Sequencing of sanctions relief",
            S.HIGH,
            T.IMPASSE,
            "What steps could be matched with what relief, in which order.",
        ),
        TopicPlan(
            "Remains recovery",
            S.LOW,
            T.AGREEMENT,
            "Resuming joint recovery of soldiers' remains from the Korean War.",
        ),
    ),
    roster=(
        Member("Eleanor Whitfield", US),
        Member("James Okafor", US),
        Member("Ri Chol-min", DPRK),
        Member("Pak Yong-ho", DPRK),
        Member("Margaret Lindqvist", CONVENORS),
        Member("Han Soo-jin", CONVENORS),
        # On the roster, not invited yet: someone the organizer can invite in the demo.
        Member("Tomoko Aizawa", CONVENORS),
        Member("Amina Haddad", CONVENORS),
        Member("Farid Facilitator", CONVENORS),
    ),
    sessions=(
        SessionPlan(
            "Round 1: opening the channel",
            day_offset=-60,
            hour=9,
            zone="Europe/Stockholm",
            facilitators=("facilitator",),
            # She leads the humanitarian item, and a lead must be invited.
            invited=(*ROUNDS, Invite("Han Soo-jin", ROLE.RESOURCE_PERSON, R.ACCEPTED)),
            venue="Manor house near Uppsala",
            format=DialogueSession.Format.BACK_CHANNEL,
            confidentiality=DialogueSession.Confidentiality.CHATHAM_HOUSE,
            objectives="Establish ground rules and map each side's priorities.",
            agenda=(
                AgendaLine("Welcome and ground rules", None, 30, "Margaret Lindqvist"),
                AgendaLine(
                    "Each side's view of the current risks", INCIDENTS, 90, "Eleanor Whitfield"
                ),
                AgendaLine("Humanitarian questions", "Humanitarian access", 60, "Han Soo-jin"),
            ),
            record=RecordPlan(
                internal_notes=(
                    "Participant K signalled interest in a military hotline if it is not "
                    "framed as a concession. Follow up quietly with the convenors."
                ),
                summary=(
                    "Participants agreed on ground rules and identified the prevention of "
                    "military incidents as the most promising area for further work."
                ),
                shared_days_after=5,
                items=(
                    ItemNote(
                        "Each side's view of the current risks",
                        T.EXPLORED,
                        convergence="Both sides fear an accident at sea more than a deliberate "
                        "attack, and both lack a channel to call when one happens.",
                        divergence="Whether notifying exercises in advance would reward "
                        "pressure or reduce it.",
                    ),
                    ItemNote(
                        "Humanitarian questions",
                        T.EXPLORED,
                        convergence="Monitoring of food aid could be discussed apart from "
                        "politics.",
                        divergence="Who would do the monitoring, and with what access.",
                    ),
                ),
            ),
            actions=(
                ActionPlan(
                    "Circulate a non-paper on incident notification",
                    "Margaret Lindqvist",
                    -20,
                    ActionItem.Status.DONE,
                ),
                ActionPlan(
                    "Draft questions on remains recovery",
                    "Amina Haddad",
                    10,
                    ActionItem.Status.OPEN,
                ),
            ),
        ),
        SessionPlan(
            "Round 2: incident prevention",
            day_offset=-14,
            hour=14,
            zone="Asia/Tokyo",
            facilitators=("facilitator",),
            invited=ROUNDS,
            venue="University guest house, Kyoto",
            format=DialogueSession.Format.ROUNDTABLE,
            confidentiality=DialogueSession.Confidentiality.CHATHAM_HOUSE,
            objectives="Explore a hotline and advance notice of military exercises.",
            agenda=(
                AgendaLine("Review of the non-paper", INCIDENTS, 60, "James Okafor"),
                AgendaLine(
                    "Sequencing, an open discussion",
                    "Sequencing of sanctions relief",
                    90,
                    "Ri Chol-min",
                ),
            ),
            record=RecordPlan(
                internal_notes="The sequencing discussion stalled; revisit in smaller format.",
                summary="Draft: participants discussed incident prevention in detail.",
                items=(
                    ItemNote(
                        "Review of the non-paper",
                        T.CONVERGENCE,
                        convergence="A hotline between military staffs, tested at fixed "
                        "times, would be worth proposing to both capitals.",
                        divergence="How far ahead exercises should be announced.",
                    ),
                    ItemNote(
                        "Sequencing, an open discussion",
                        T.IMPASSE,
                        divergence="Each side wants the other's first step before its own; "
                        "no order of steps found agreement.",
                    ),
                ),
            ),
            actions=(
                ActionPlan(
                    "Prepare options paper on sequencing",
                    "Farid Facilitator",
                    -3,
                    ActionItem.Status.OPEN,
                ),
            ),
        ),
        SessionPlan(
            "Round 3: from ideas to options",
            day_offset=21,
            hour=10,
            zone="Europe/Zurich",
            facilitators=("facilitator",),
            invited=ROUNDS,
            location_kind=DialogueSession.LocationKind.UNDISCLOSED,
            venue="Undisclosed",
            format=DialogueSession.Format.WORKSHOP,
            confidentiality=DialogueSession.Confidentiality.CHATHAM_HOUSE,
            objectives="Turn the convergence on incident prevention into written options.",
            agenda=(
                AgendaLine("Where we stand", None, 30, "Margaret Lindqvist"),
                AgendaLine("Hotline options", INCIDENTS, 90, "James Okafor"),
                AgendaLine(
                    "Remains recovery next steps",
                    "Remains recovery",
                    45,
                    "Pak Yong-ho",
                ),
            ),
        ),
        SessionPlan(
            "Side meeting: military experts",
            day_offset=35,
            hour=15,
            zone="Asia/Seoul",
            facilitators=("colleague",),
            invited=(
                Invite("James Okafor", ROLE.PARTICIPANT, R.INVITED),
                Invite("Pak Yong-ho", ROLE.PARTICIPANT, R.INVITED),
            ),
            location_kind=DialogueSession.LocationKind.ONLINE,
            format=DialogueSession.Format.BACK_CHANNEL,
            confidentiality=DialogueSession.Confidentiality.NO_RECORD,
            objectives="Technical exchange between retired officers.",
            agenda=(AgendaLine("Technical exchange", INCIDENTS, 90, None),),
        ),
    ),
)
