"""The domain model of Track II dialogue work, split by area.

People (participants) and each process's roster of them, processes (a conflict being
worked on, its sides and topics), sessions (one meeting, its invitations and agenda) and
records (what the facilitator logged and the follow-up actions).
"""

from .accounts import TwoFactorAccount
from .audit import FormSubmission, ReadEvent
from .consent import Consent
from .people import Participant, Profile
from .processes import DialogueProcess, Side, Topic
from .records import ActionItem, ItemRecord, SessionRecord
from .roster import ProcessMember
from .sessions import AgendaItem, DialogueSession, Invitation

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
