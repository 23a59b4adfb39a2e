"""The domain model of Track II dialogue work, split by area.

People (participants) and each process's roster of them, processes (a conflict being
worked on, its sides and topics), sessions (one meeting, its invitations and agenda) and
records (what the facilitator logged and the follow-up actions).
"""

from mediation.models.accounts import TwoFactorAccount
from mediation.models.audit import ReadEvent
from mediation.models.consent import Consent
from mediation.models.people import Participant, Profile
from mediation.models.processes import DialogueProcess, Side, Topic
from mediation.models.records import ActionItem, ItemRecord, SessionRecord
from mediation.models.roster import ProcessMember
from mediation.models.sessions import AgendaItem, DialogueSession, Invitation
from mediation.models.submissions import FormSubmission

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Consent",
    "DialogueProcess",
    "DialogueSession",
    "FormSubmission",
    "Invitation",
    "ItemRecord",
    "Participant",
    "ProcessMember",
    "Profile",
    "ReadEvent",
    "SessionRecord",
    "Side",
    "Topic",
    "TwoFactorAccount",
]
