"""What the tests of the admin as the organizers' safe share: the admin's URLs of the
dialogue models, running a changelist action on some rows, and adding a session."""

from django.urls import reverse


def admin_url(model, view, *args):
    return reverse(f"admin:mediation_{model._meta.model_name}_{view}", args=args)


def changelist_action(client, model, action, *objects):
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [str(o.pk) for o in objects]},
    )


def add_session(client, process, *, title, zone, day="2027-06-10", start="10:00", end="13:00"):
    """Post the admin's add-session form for `process`, with no agenda items or invitations."""
    from mediation.models import DialogueSession

    return client.post(
        admin_url(DialogueSession, "add"),
        {
            "process": process.pk,
            "title": title,
            "status": "planned",
            "format": "workshop",
            "starts_at_0": day,
            "starts_at_1": start,
            "ends_at_0": day,
            "ends_at_1": end,
            "time_zone": zone,
            "location_kind": "online",
            "confidentiality": "chatham_house",
            "agenda_items-TOTAL_FORMS": "0",
            "agenda_items-INITIAL_FORMS": "0",
            "invitations-TOTAL_FORMS": "0",
            "invitations-INITIAL_FORMS": "0",
        },
    )
