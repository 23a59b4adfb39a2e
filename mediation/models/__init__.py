"""The domain model of Track II dialogue work, split by area.

People (participants) and each process's roster of them, processes (a conflict being
worked on, its sides and topics), sessions (one meeting, its invitations and agenda) and
records (what the facilitator logged and the follow-up actions), and outcomes (documents
cleared by every side, and the transfer log of what reached officials).
"""

from mediation.models.accounts import TwoFactorAccount
from mediation.models.audit import ReadEvent
from mediation.models.consent import Consent
from mediation.models.outcomes import (
    Briefing,
    OfficialContact,
    OutcomeClearance,
    OutcomeDocument,
    OutcomeVersion,
)
from mediation.models.people import Participant, Profile
from mediation.models.processes import DialogueProcess, Side, Topic
from mediation.models.records import ActionItem, ItemRecord, SessionRecord
from mediation.models.roster import ProcessMember
from mediation.models.sessions import AgendaItem, DialogueSession, Invitation
from mediation.models.submissions import FormSubmission

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Briefing",
    "Consent",
    "DialogueProcess",
    "DialogueSession",
    "FormSubmission",
    "Invitation",
    "ItemRecord",
    "OfficialContact",
    "OutcomeClearance",
    "OutcomeDocument",
    "OutcomeVersion",
    "Participant",
    "ProcessMember",
    "Profile",
    "ReadEvent",
    "SessionRecord",
    "Side",
    "Topic",
    "TwoFactorAccount",
]
