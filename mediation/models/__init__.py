"""The domain model of Track II dialogue work, split by area.

People (participants), processes (a conflict being worked on, its sides and topics),
sessions (one meeting, its invitations and agenda) and records (what the facilitator logged
and the follow-up actions).
"""

from .people import Participant
from .processes import DialogueProcess, Side, Topic
from .records import ActionItem, SessionRecord
from .sessions import AgendaItem, DialogueSession, Invitation

__all__ = [
    "ActionItem",
    "AgendaItem",
    "DialogueProcess",
    "DialogueSession",
    "Invitation",
    "Participant",
    "SessionRecord",
    "Side",
    "Topic",
]
