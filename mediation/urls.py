"""URLs of the dialogue work. Objects are addressed by UUID only."""

from django.urls import path

from .views import agenda, health, home, invitations, processes, sessions

urlpatterns = [
    path("", home.home, name="home"),
    path("health/", health.health, name="health"),
    path("processes/", processes.process_list, name="process_list"),
    path("processes/<uuid:process_id>/", processes.process_detail, name="process_detail"),
    path("sessions/<uuid:session_id>/", sessions.session_detail, name="session_detail"),
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
