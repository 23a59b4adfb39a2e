"""URLs of the dialogue work. Objects are addressed by UUID only."""

from django.urls import path

from .views import health, home, processes, sessions

urlpatterns = [
    path("", home.home, name="home"),
    path("health/", health.health, name="health"),
    path("processes/", processes.process_list, name="process_list"),
    path("processes/<uuid:process_id>/", processes.process_detail, name="process_detail"),
    path("sessions/<uuid:session_id>/", sessions.session_detail, name="session_detail"),
]
