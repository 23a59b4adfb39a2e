"""Who may see and change what: the only place these rules live (one package, one module
per subject; import it as `from mediation import access`).

Views and the admin never query a process, session or anything inside one except through
the scoping functions and object getters here.

- An organizer is an active staff member of the "Organizers" group; they oversee the
  processes they organize (superusers oversee all).
- A facilitator is anyone named as facilitator of a session; they see and edit the
  sessions they facilitate, and read the processes those sessions belong to.
- A participant is a user linked to a `Participant`; they see only the sessions they are
  invited to, and never a process page.

Outcome documents and the transfer log: outcomes.py (the team sees all, a participant the
released documents given to them).

A stranger to an object gets a 404 identical to a missing object; a member of it without
the right gets a 403. Archived processes and sessions drop out of every page (a 404, as if
missing) and stay in the admin, where organizers can bring them back.
"""

from .administered import (
    actions_visible_to,
    administered,
    read_events_visible_to,
    sessions_administered_by,
    sides_administered_by,
    topics_administered_by,
    topics_visible_to,
)
from .devices import (
    accounts_resettable_by,
    can_reset_devices,
    processes_involving,
    users_whose_devices_may_be_reset_by,
)
from .outcomes import (
    DocumentAccess,
    OutcomeAccess,
    briefings_visible_to,
    get_briefing,
    get_contact,
    open_outcome,
    open_outcomes,
    open_transfer_log,
    outcomes_of,
    outcomes_visible_to,
)
from .people import (
    audit_process_of,
    can_change_identity,
    convenors_choosable_by,
    participants_found_exactly,
    participants_identified_to,
    participants_identity_changeable_by,
    participants_in_process,
    participants_invitable_to,
    participants_visible_to,
    processes_of,
    processes_of_people_administered_by,
    team_accounts_visible_to,
)
from .portal import (
    actions_owned_by,
    agenda_rows,
    get_own_action,
    get_own_invitation,
    sessions_visible_to_all_live,
)
from .roles import (
    NO_FACTS,
    ORGANIZERS_GROUP,
    AnyUser,
    ViewerFacts,
    is_organizer,
    owns_confirmed_device,
    participant_of,
    roles_of,
    user_with_facts,
    viewer_facts,
)
from .search import (
    actions_readable_by,
    agenda_items_editable_by,
    agenda_items_visible_to,
    participants_findable_by,
    participants_listed_to,
    records_editable_by,
    summaries_shared_with,
    topics_readable_by,
)
from .sessions import (
    SessionAccess,
    can_administer_process,
    can_edit_session,
    get_process,
    get_process_taken_part_in,
    open_session,
    processes_administered_by,
    processes_taken_part_in,
    processes_visible_to,
    sessions_editable_by,
    sessions_facilitated_by,
    sessions_visible_to,
)

__all__ = [
    "NO_FACTS",
    "ORGANIZERS_GROUP",
    "AnyUser",
    "DocumentAccess",
    "OutcomeAccess",
    "SessionAccess",
    "ViewerFacts",
    "accounts_resettable_by",
    "actions_owned_by",
    "actions_readable_by",
    "actions_visible_to",
    "administered",
    "agenda_items_editable_by",
    "agenda_items_visible_to",
    "agenda_rows",
    "audit_process_of",
    "briefings_visible_to",
    "can_administer_process",
    "can_change_identity",
    "can_edit_session",
    "can_reset_devices",
    "convenors_choosable_by",
    "get_briefing",
    "get_contact",
    "get_own_action",
    "get_own_invitation",
    "get_process",
    "get_process_taken_part_in",
    "is_organizer",
    "open_outcome",
    "open_outcomes",
    "open_session",
    "open_transfer_log",
    "outcomes_of",
    "outcomes_visible_to",
    "owns_confirmed_device",
    "participant_of",
    "participants_findable_by",
    "participants_found_exactly",
    "participants_identified_to",
    "participants_identity_changeable_by",
    "participants_in_process",
    "participants_invitable_to",
    "participants_listed_to",
    "participants_visible_to",
    "processes_administered_by",
    "processes_involving",
    "processes_of",
    "processes_of_people_administered_by",
    "processes_taken_part_in",
    "processes_visible_to",
    "read_events_visible_to",
    "records_editable_by",
    "roles_of",
    "sessions_administered_by",
    "sessions_editable_by",
    "sessions_facilitated_by",
    "sessions_visible_to",
    "sessions_visible_to_all_live",
    "sides_administered_by",
    "summaries_shared_with",
    "team_accounts_visible_to",
    "topics_administered_by",
    "topics_readable_by",
    "topics_visible_to",
    "user_with_facts",
    "users_whose_devices_may_be_reset_by",
    "viewer_facts",
]
