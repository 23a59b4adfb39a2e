"""What the tests of the admin as the organizers' safe share: the admin's URLs of the
dialogue models, and running a changelist action on some rows."""

from django.urls import reverse


def admin_url(model, view, *args):
    return reverse(f"admin:mediation_{model._meta.model_name}_{view}", args=args)


def changelist_action(client, model, action, *objects):
    return client.post(
        admin_url(model, "changelist"),
        {"action": action, "_selected_action": [str(o.pk) for o in objects]},
    )
