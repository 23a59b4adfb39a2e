"""The demo's outcome documents and transfer log, written through the outcome services.

In the back channel: a chair's summary of round 1 released to that round's participants; a
non-paper on the incident hotline cleared by every side and briefed to two officials, who
received it differently; a draft options paper on sequencing, cleared by one side before a
new version asked for clearance again. In the river valley: a joint statement released to
the listening session's participants, and one briefing of the regional water authority.

So each demo login sees a different subset: the organizer everything; `river-organizer`
the river valley's only; the facilitators the documents and logs of the processes whose
sessions they run; `participant` (invited to round 1 and the listening session) the chair's
summary and the joint statement, never a draft, the non-paper or a transfer log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from mediation import access, submissions
from mediation.models import Briefing, DialogueProcess, OfficialContact, OutcomeDocument
from mediation.outcomes import services

KIND, RULE = OutcomeDocument.Kind, OutcomeDocument.Rule
BACK_CHANNEL, RIVER = "US–DPRK back channel", "River valley water dialogue"
INCIDENTS = "Military incident prevention"


@dataclass(frozen=True)
class ContactPlan:
    name: str
    institution: str
    role: str
    country: str
    relation: str = OfficialContact.Relation.BRIEFED
    pseudonym: str = ""


@dataclass(frozen=True)
class DocumentPlan:
    title: str
    kind: str
    rule: str
    texts: tuple[str, ...]  # the versions, oldest first
    cited_sessions: tuple[str, ...] = ()
    cited_topics: tuple[str, ...] = ()
    to_sessions: tuple[str, ...] = ()
    to_contacts: tuple[str, ...] = ()
    # Convenors who cleared, by side: the last version when `released`, else the first.
    cleared_by: dict = field(default_factory=dict)
    released: bool = False


@dataclass(frozen=True)
class BriefingPlan:
    day_offset: int
    briefed_by: str
    contacts: tuple[str, ...]
    channel: str
    documents: tuple[str, ...]
    topics: tuple[str, ...]
    reception: int
    feedback: str = ""
    feedback_days_after: int = 0


STATE_DEPT = ContactPlan(
    "Daniel Reyes", "Department of State", "Deputy director, Korea desk", "United States"
)
MINISTRY = ContactPlan(
    "Kang Myong-su",
    "Ministry of Foreign Affairs",
    "Counsellor, North America department",
    "DPRK",
    relation=OfficialContact.Relation.TRACK_1_5,
    pseudonym="Official M",
)
WATER_AUTHORITY = ContactPlan(
    "Carmen Villanueva", "Regional water authority", "Head of water quality", "Peru"
)
# Each side's named convenors (people of the process, by name). Ri Chol-min is protected:
# the team reads "Participant K" unless cleared to see who that is.
CONVENORS = {
    BACK_CHANNEL: {
        "United States": ("Eleanor Whitfield", "James Okafor"),
        "DPRK": ("Ri Chol-min",),
        "Convenors": ("Margaret Lindqvist",),
    },
    RIVER: {
        "Valley communities": ("Lucía Ramírez",),
        "Company": ("Robert Hale",),
        "Mediators": ("Daniel Mwangi",),
    },
}
BOTH_SIDES = {"United States": "Eleanor Whitfield", "DPRK": "Ri Chol-min"}
ALL_SIDES = {**BOTH_SIDES, "Convenors": "Margaret Lindqvist"}

PLANS = {
    BACK_CHANNEL: (
        (STATE_DEPT, MINISTRY),
        (
            DocumentPlan(
                "Chair's summary of round 1",
                KIND.CHAIRS_SUMMARY,
                RULE.NON_ATTRIBUTABLE,
                (
                    "The round agreed ground rules for the channel: what is said stays in "
                    "the room, and nothing is attributed.\n\nThe prevention of military "
                    "incidents was named the most promising field for further work. "
                    "Humanitarian access was discussed without conclusions.",
                ),
                cited_sessions=("Round 1: opening the channel",),
                cited_topics=(INCIDENTS,),
                to_sessions=("Round 1: opening the channel",),
                cleared_by=ALL_SIDES,
                released=True,
            ),
            DocumentPlan(
                "Non-paper on an incident hotline",
                KIND.NON_PAPER,
                RULE.LIST_ONLY,
                (
                    "A direct line between the two military commands could carry notice of "
                    "exercises and clear up incidents before they escalate.",
                    "A direct line between the two military commands, staffed day and "
                    "night, could carry advance notice of large exercises and clear up "
                    "incidents at sea or near the line before they escalate.\n\nNeither "
                    "side would present it as a concession to the other.",
                ),
                cited_sessions=("Round 1: opening the channel", "Round 2: incident prevention"),
                cited_topics=(INCIDENTS,),
                to_contacts=(STATE_DEPT.name, MINISTRY.name),
                cleared_by=ALL_SIDES,
                released=True,
            ),
            DocumentPlan(
                "Options paper on sequencing",
                KIND.OPTIONS_PAPER,
                RULE.NON_ATTRIBUTABLE,
                (
                    "Three orders of steps were discussed; none has the support of both "
                    "sides yet.",
                    "Three orders of steps were discussed: small steps matched one for one, "
                    "a package agreed at once, and a freeze first. None has the support of "
                    "both sides yet.",
                ),
                cited_sessions=("Round 2: incident prevention",),
                cited_topics=("Sequencing of sanctions relief",),
                cleared_by={"United States": "Eleanor Whitfield"},
            ),
        ),
        (
            BriefingPlan(
                -9,
                "The convenors",
                (STATE_DEPT.name,),
                Briefing.Channel.MEETING,
                ("Non-paper on an incident hotline",),
                (INCIDENTS,),
                Briefing.Reception.UNDER_CONSIDERATION,
                "Interested in how exercise notices would be exchanged; asks for a one-page "
                "annex on timelines before the next round.",
                feedback_days_after=4,
            ),
            BriefingPlan(
                -7,
                "The convenors",
                (MINISTRY.name,),
                Briefing.Channel.MEMO,
                ("Non-paper on an incident hotline",),
                (INCIDENTS,),
                Briefing.Reception.ACKNOWLEDGED,
                "Receipt confirmed through the usual channel; no comment on substance, and the "
                "hotline idea was not turned down.",
                feedback_days_after=5,
            ),
        ),
    ),
    RIVER: (
        (WATER_AUTHORITY,),
        (
            DocumentPlan(
                "Joint statement on independent monitoring",
                KIND.JOINT_STATEMENT,
                RULE.ATTRIBUTABLE,
                (
                    "The communities of the valley and the company agree to look for "
                    "independent laboratories to sample the river together, and to publish "
                    "the results to both.",
                ),
                cited_sessions=("Listening session in the valley",),
                cited_topics=("Independent water monitoring",),
                to_sessions=("Listening session in the valley",),
                cleared_by={
                    "Valley communities": "Lucía Ramírez",
                    "Company": "Robert Hale",
                    "Mediators": "Daniel Mwangi",
                },
                released=True,
            ),
        ),
        (
            BriefingPlan(
                -6,
                "The mediators",
                (WATER_AUTHORITY.name,),
                Briefing.Channel.CALL,
                ("Joint statement on independent monitoring",),
                ("Independent water monitoring",),
                Briefing.Reception.RECEIVED,
            ),
        ),
    ),
}


def seed(users: dict) -> None:
    """Write the plans once: a process whose documents exist already is left as it is."""
    for title, (contacts, documents, briefings) in PLANS.items():
        process = DialogueProcess.objects.filter(title=title).first()
        if process is None:
            continue
        _name_convenors(process, CONVENORS[title])
        if process.outcome_documents.exists():
            continue
        _seed_process(process, contacts, documents, briefings, users)


def _name_convenors(process, by_side: dict) -> None:
    people = access.participants_in_process(process)
    for side in process.sides.all():
        names = by_side.get(side.name, ())
        services.side_convenors_name(side=side, convenors=list(people.filter(name__in=names)))


def _seed_process(process, contact_plans, document_plans, briefing_plans, users) -> None:
    author, clearer = users["facilitator"], users["organizer"]
    sessions = {s.title: s for s in process.sessions.all()}
    topics = {t.title: t for t in process.topics.all()}
    sides = {s.name: s for s in process.sides.all()}
    contacts = {}
    for plan in contact_plans:
        contacts[plan.name], _ = services.official_contact_add(
            process=process,
            submission=submissions.submission_token_new(),
            name=plan.name,
            institution=plan.institution,
            role=plan.role,
            country=plan.country,
            relation=plan.relation,
            identity_protected=bool(plan.pseudonym),
            pseudonym=plan.pseudonym,
        )
    documents = {}
    for plan in document_plans:
        documents[plan.title] = _seed_document(
            process, plan, sessions, topics, sides, contacts, author, clearer
        )
    today = timezone.localdate()
    for plan in briefing_plans:
        briefed_on = today + timedelta(days=plan.day_offset)
        services.briefing_add(
            process=process,
            user=clearer,
            submission=submissions.submission_token_new(),
            briefed_on=briefed_on,
            briefed_by=plan.briefed_by,
            channel=plan.channel,
            contacts=[contacts[name] for name in plan.contacts],
            documents=[documents[title] for title in plan.documents],
            topics=[topics[title] for title in plan.topics],
            reception=plan.reception,
            feedback=plan.feedback,
            feedback_on=briefed_on + timedelta(days=plan.feedback_days_after)
            if plan.feedback
            else None,
        )


def _seed_document(process, plan, sessions, topics, sides, contacts, author, clearer):
    cited = [sessions[title] for title in plan.cited_sessions]
    document, _ = services.outcome_document_create(
        process=process,
        user=author,
        submission=submissions.submission_token_new(),
        kind=plan.kind,
        title=plan.title,
        rule=plan.rule,
        body=plan.texts[0],
        cited_sessions=cited,
        cited_topics=[topics[title] for title in plan.cited_topics],
        to_sessions=[sessions[title] for title in plan.to_sessions],
        to_contacts=[contacts[name] for name in plan.to_contacts],
    )

    people = {p.name: p for p in access.participants_in_process(process)}

    def clear():
        for side, convenor in plan.cleared_by.items():
            services.outcome_document_clear(
                document=document,
                user=clearer,
                side=sides[side],
                version=document.version,
                convenor=people[convenor],
            )

    if not plan.released:
        clear()  # the first version; the next one asks again
    for text in plan.texts[1:]:
        services.outcome_document_revise(
            document=document,
            user=author,
            based_on=document.version,
            title=plan.title,
            body=text,
            note="Revised after comments from the sides",
            rule=plan.rule,
            cited_sessions=cited,
            cited_topics=[topics[title] for title in plan.cited_topics],
            to_sessions=[sessions[title] for title in plan.to_sessions],
            to_contacts=[contacts[name] for name in plan.to_contacts],
        )
        document.refresh_from_db()
    if plan.released:
        clear()
        services.outcome_document_release(document=document, user=clearer)
    return document
