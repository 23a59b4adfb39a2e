"""URLs of the dialogue work. Objects are addressed by UUID only."""

from django.urls import path

from accounts.views import profile
from config import health
from mediation.notifications import views as notifications
from mediation.people import views as consents
from mediation.portal.views import calendar, portal
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
    path("sessions/<uuid:session_id>/", sessions.session_detail, name="session_detail"),
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
