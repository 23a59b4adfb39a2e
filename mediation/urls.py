"""URLs of the dialogue work. Objects are addressed by UUID only."""

from django.urls import path

from .views import calendar, health, home, invitations, portal, processes, profile, sessions

urlpatterns = [
    path("", home.home, name="home"),
    path("health/", health.health, name="health"),
    path("processes/", processes.process_list, name="process_list"),
    path("processes/<uuid:process_id>/", processes.process_detail, name="process_detail"),
    path("sessions/<uuid:session_id>/", sessions.session_detail, name="session_detail"),
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
