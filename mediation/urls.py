"""URLs of the dialogue work. Objects are addressed by UUID only."""

from django.urls import path

from .views import consents, exports, health, home, processes, sessions

urlpatterns = [
    path("", home.home, name="home"),
    path("health/", health.health, name="health"),
    path("processes/", processes.process_list, name="process_list"),
    path("processes/<uuid:process_id>/", processes.process_detail, name="process_detail"),
    path("sessions/<uuid:session_id>/", sessions.session_detail, name="session_detail"),
    path(
        "sessions/<uuid:session_id>/attendance.csv",
        exports.session_attendance_export,
        name="session_attendance_export",
    ),
    path("consents/", consents.my_consents, name="my_consents"),
    path("consents/change/", consents.my_consents_change, name="my_consents_change"),
]
