"""URLs of the dialogue work. Objects are addressed by UUID only."""

from django.urls import path

from .views import (
    actions,
    calendar,
    consents,
    exports,
    health,
    home,
    invitations,
    portal,
    processes,
    profile,
    records,
    rounds,
    sessions,
)

urlpatterns = [
    path("", home.home, name="home"),
    path("health/", health.health, name="health"),
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
        "sessions/<uuid:session_id>/invitations/send/",
        invitations.session_invitations_send,
        name="session_invitations_send",
    ),
    path("welcome/<uidb64>/<token>/", invitations.invitation_accept, name="invitation_accept"),
]
