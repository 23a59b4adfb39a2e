"""The admin as the organizers' safe, the read audit: read-only, scoped to the organizer's
processes, filtered by kind and searched by username."""

from mediation.models import ReadEvent
from tests.mediation.admin.admin_helpers import admin_url

# --- Read audit --------------------------------------------------------------------------


def test_read_audit_is_read_only_and_scoped(admin_client_, organizer, process, foreign):
    mine = ReadEvent.objects.create(
        user=organizer,
        username="organizer",
        kind="history",
        process=process,
        object_type="mediation.dialogueprocess",
        object_id=process.pk,
    )
    theirs = ReadEvent.objects.create(
        user=foreign["organizer"],
        username="other-organizer",
        kind="export",
        process=foreign["process"],
        object_type="mediation.dialogueprocess",
        object_id=foreign["process"].pk,
    )
    page = admin_client_.get(admin_url(ReadEvent, "changelist"))
    assert page.status_code == 200
    assert {e.pk for e in page.context["cl"].result_list} == {mine.pk}
    assert admin_client_.get(admin_url(ReadEvent, "add")).status_code == 403
    assert admin_client_.get(admin_url(ReadEvent, "delete", mine.pk)).status_code == 403
    assert admin_client_.get(admin_url(ReadEvent, "change", theirs.pk)).status_code == 302
    change = admin_client_.post(admin_url(ReadEvent, "change", mine.pk), {"username": "x"})
    assert change.status_code == 403
    mine.refresh_from_db()
    assert mine.username == "organizer"


def test_read_audit_filters_by_kind_and_searches_by_username(admin_client_, organizer, process):
    for kind, name in [("history", "alice"), ("export", "bob")]:
        ReadEvent.objects.create(
            user=organizer,
            username=name,
            kind=kind,
            process=process,
            object_type="mediation.dialogueprocess",
            object_id=process.pk,
        )
    by_kind = admin_client_.get(admin_url(ReadEvent, "changelist") + "?kind__exact=export")
    assert [e.username for e in by_kind.context["cl"].result_list] == ["bob"]
    by_name = admin_client_.get(admin_url(ReadEvent, "changelist") + "?q=alice")
    assert [e.username for e in by_name.context["cl"].result_list] == ["alice"]
