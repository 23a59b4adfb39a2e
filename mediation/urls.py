"""URLs of the dialogue work. Objects are addressed by UUID only."""

from django.urls import path

from accounts.views import profile
from config import health
from mediation.briefing import views as briefing
from mediation.notifications import views as notifications
from mediation.outcomes.views import documents as outcomes
from mediation.outcomes.views import transfer
from mediation.people import views as consents
from mediation.portal.views import calendar, portal
from mediation.process_json import views as process_json
from mediation.records.views import actions, records
from mediation.search import views as search
from mediation.sessions.views import (
    agenda,
    exports,
    home,
    invitation_emails,
    invitations,
    processes,
    publication,
    rounds,
    sessions,
)

urlpatterns = [
    path("", home.home, name="home"),
    path("health/", health.health, name="health"),
    path("search/", search.search, name="search"),
    path("processes/", processes.process_list, name="process_list"),
    path("processes/<uuid:process_id>/", processes.process_detail, name="process_detail"),
    path(
        "processes/<uuid:process_id>/export.json",
        process_json.process_export,
        name="process_export",
    ),
    path("sessions/<uuid:session_id>/", sessions.session_detail, name="session_detail"),
    # Outcome documents and the transfer log of a process.
    path("processes/<uuid:process_id>/outcomes/", outcomes.outcome_list, name="outcome_list"),
    path("outcomes/<uuid:document_id>/", outcomes.outcome_detail, name="outcome_detail"),
    path("outcomes/<uuid:document_id>/edit/", outcomes.outcome_edit, name="outcome_edit"),
    path(
        "outcomes/<uuid:document_id>/versions/",
        outcomes.outcome_versions,
        name="outcome_versions",
    ),
    path("outcomes/<uuid:document_id>/pdf/", outcomes.outcome_pdf, name="outcome_pdf"),
    path("outcomes/<uuid:document_id>/clear/", outcomes.outcome_clear, name="outcome_clear"),
    path("outcomes/<uuid:document_id>/release/", outcomes.outcome_release, name="outcome_release"),
    path("processes/<uuid:process_id>/transfer/", transfer.transfer_log, name="transfer_log"),
    path(
        "processes/<uuid:process_id>/transfer.csv",
        transfer.transfer_log_csv,
        name="transfer_log_csv",
    ),
    path(
        "processes/<uuid:process_id>/transfer/contacts/",
        transfer.transfer_contact_add,
        name="transfer_contact_add",
    ),
    path(
        "processes/<uuid:process_id>/transfer/contacts/<uuid:contact_id>/",
        transfer.transfer_contact_detail,
        name="transfer_contact_detail",
    ),
    path(
        "processes/<uuid:process_id>/transfer/briefings/",
        transfer.transfer_briefing_add,
        name="transfer_briefing_add",
    ),
    path(
        "processes/<uuid:process_id>/transfer/briefings/<uuid:briefing_id>/",
        transfer.transfer_briefing_feedback,
        name="transfer_briefing_feedback",
    ),
    # The session record and what follows from it (facilitator workspace).
    path(
        "sessions/<uuid:session_id>/record/",
        records.session_record_edit,
        name="session_record_edit",
    ),
    path(
        "sessions/<uuid:session_id>/record/share/",
        records.session_record_share,
        name="session_record_share",
    ),
    path(
        "sessions/<uuid:session_id>/record/lock/",
        records.session_record_lock,
        name="session_record_lock",
    ),
    path(
        "sessions/<uuid:session_id>/record/reopen/",
        records.session_record_reopen,
        name="session_record_reopen",
    ),
    path(
        "sessions/<uuid:session_id>/actions/",
        actions.session_action_add,
        name="session_action_add",
    ),
    path(
        "sessions/<uuid:session_id>/actions/<uuid:action_id>/",
        actions.session_action_update,
        name="session_action_update",
    ),
    path("sessions/<uuid:session_id>/next/", rounds.session_plan_next, name="session_plan_next"),
    path(
        "sessions/<uuid:session_id>/publish/",
        publication.session_publish,
        name="session_publish",
    ),
    path(
        "sessions/<uuid:session_id>/attendance.csv",
        exports.session_attendance_export,
        name="session_attendance_export",
    ),
    path(
        "sessions/<uuid:session_id>/briefing/",
        briefing.session_briefing,
        name="session_briefing",
    ),
    path(
        "sessions/<uuid:session_id>/briefing.pdf",
        briefing.session_briefing_pdf,
        name="session_briefing_pdf",
    ),
    path("consents/", consents.my_consents, name="my_consents"),
    path("consents/change/", consents.my_consents_change, name="my_consents_change"),
    # Participant portal
    path("sessions/<uuid:session_id>/answer/", portal.session_answer, name="session_answer"),
    path(
        "sessions/<uuid:session_id>/calendar.ics",
        calendar.session_calendar,
        name="session_calendar",
    ),
    path("calendar/<str:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("profile/calendar/renew/", calendar.calendar_token_renew, name="calendar_token_renew"),
    path("actions/", portal.my_actions, name="my_actions"),
    path("actions/<uuid:action_id>/done/", portal.my_action_done, name="my_action_done"),
    path("profile/", profile.profile, name="profile"),
    path("profile/password/", profile.password_change, name="password_change"),
    path(
        "sessions/<uuid:session_id>/invitations/<uuid:invitation_id>/consent/",
        invitations.invitation_consent,
        name="session_invitation_consent",
    ),
    path(
        "sessions/<uuid:session_id>/invitations/send/",
        invitation_emails.session_invitations_send,
        name="session_invitations_send",
    ),
    path(
        "welcome/<uidb64>/<token>/", invitation_emails.invitation_accept, name="invitation_accept"
    ),
    # The link in every reminder that stops them (RFC 8058 one-click, and a page).
    path(
        "unsubscribe/<str:token>/",
        notifications.reminders_unsubscribe,
        name="reminders_unsubscribe",
    ),
    # Facilitator workspace: the agenda builder.
    path("sessions/<uuid:session_id>/agenda/", agenda.agenda_add, name="session_agenda_add"),
    path(
        "sessions/<uuid:session_id>/agenda/reorder/",
        agenda.agenda_reorder,
        name="session_agenda_reorder",
    ),
    path(
        "sessions/<uuid:session_id>/agenda/<uuid:item_id>/edit/",
        agenda.agenda_item_edit,
        name="session_agenda_item_edit",
    ),
    path(
        "sessions/<uuid:session_id>/agenda/<uuid:item_id>/remove/",
        agenda.agenda_item_remove,
        name="session_agenda_item_remove",
    ),
    path(
        "sessions/<uuid:session_id>/agenda/<uuid:item_id>/move/",
        agenda.agenda_item_move,
        name="session_agenda_item_move",
    ),
    # Facilitator workspace: invitations and attendance.
    path(
        "sessions/<uuid:session_id>/invitations/",
        invitations.invitation_add,
        name="session_invitation_add",
    ),
    path(
        "sessions/<uuid:session_id>/invitations/search/",
        invitations.invitation_search,
        name="session_invitation_search",
    ),
    path(
        "sessions/<uuid:session_id>/invitations/<uuid:invitation_id>/",
        invitations.invitation_update,
        name="session_invitation_update",
    ),
    path(
        "sessions/<uuid:session_id>/invitations/<uuid:invitation_id>/remove/",
        invitations.invitation_remove,
        name="session_invitation_remove",
    ),
]
