"""The organizers' console: every model renders with demo data, scoped to the organizer."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from mediation.models import (
    ActionItem,
    AgendaItem,
    DialogueProcess,
    DialogueSession,
    Invitation,
    Participant,
    SessionRecord,
    Side,
    Topic,
)
from tests.factories import (
    DialogueSessionFactory,
    ParticipantFactory,
    ProcessMemberFactory,
    UserFactory,
)
from tests.mediation.admin.admin_helpers import add_session
from tests.personas import rows_for_the_module

MODELS = [
    ActionItem,
    AgendaItem,
    DialogueProcess,
    DialogueSession,
    Invitation,
    Participant,
    SessionRecord,
    Side,
    Topic,
]


@pytest.fixture(scope="module", autouse=True)
def _module_demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module (every test here uses it; loading it took about
    0.7 s a test). Every test starts from these rows (tests/personas.py)."""
    with rows_for_the_module(django_db_blocker):
        with django_db_blocker.unblock():
            call_command("seed_demo", stdout=io.StringIO())
        yield


@pytest.fixture
def demo(db):
    """The demo's rows, this test's to change (loaded once for the module, above)."""


@pytest.fixture
def demo_organizer_client(demo):
    """The demo organizer, signed in and past the code their demo authenticator asks for
    (a confirmed device is asked for even with REQUIRE_2FA off)."""
    organizer = User.objects.get(username="organizer")
    client = Client()
    client.force_login(organizer)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = TOTPDevice.objects.get(user=organizer).persistent_id
    session.save()
    return client


def _url(model, view, *args):
    return reverse(f"admin:mediation_{model._meta.model_name}_{view}", args=args)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_renders_with_demo_data(demo_organizer_client, model):
    response = demo_organizer_client.get(_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count > 0


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_change_form_renders_with_demo_data(demo_organizer_client, model):
    obj = model.objects.first()
    assert demo_organizer_client.get(_url(model, "change", obj.pk)).status_code == 200


def test_console_pages_name_the_site_icon(demo_organizer_client):
    """A page that names no icon makes the browser ask for /favicon.ico, a 404 on every
    console page (and a line in the server's log)."""
    icon = f'<link rel="icon" href="{static("favicon.svg")}" type="image/svg+xml">'
    for url in [reverse("admin:index"), _url(DialogueSession, "changelist")]:
        assert icon in demo_organizer_client.get(url).text, url


# Records change only through the product's record services (mediation/admin/records.py).
ADDABLE = [model for model in MODELS if model is not SessionRecord]


@pytest.mark.parametrize("model", ADDABLE, ids=lambda m: m.__name__)
def test_add_form_renders(demo_organizer_client, model):
    assert demo_organizer_client.get(_url(model, "add")).status_code == 200


def test_records_cannot_be_added_in_the_admin(demo_organizer_client):
    assert demo_organizer_client.get(_url(SessionRecord, "add")).status_code == 403


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_changelist_search_works(demo_organizer_client, model):
    response = demo_organizer_client.get(_url(model, "changelist"), {"q": "water"})
    assert response.status_code == 200


def test_participant_changelist_query_count_does_not_grow(demo_organizer_client, count_queries):
    url = _url(Participant, "changelist")
    small = count_queries(lambda: demo_organizer_client.get(url))
    process = DialogueProcess.objects.first()
    for i in range(10):
        ProcessMemberFactory(
            process=process,
            participant=ParticipantFactory(identity_protected=bool(i % 2), pseudonym=f"P{i}"),
        )
    assert count_queries(lambda: demo_organizer_client.get(url)) == small


def test_session_changelist_query_count_does_not_grow(demo_organizer_client, count_queries):
    url = _url(DialogueSession, "changelist")
    small = count_queries(lambda: demo_organizer_client.get(url))
    process = DialogueProcess.objects.first()
    for _ in range(10):
        DialogueSessionFactory(process=process)
    assert count_queries(lambda: demo_organizer_client.get(url)) == small


def test_an_organizer_sees_only_the_processes_they_organize(demo):
    newcomer = UserFactory(username="newcomer", is_staff=True)
    newcomer.groups.add(*User.objects.get(username="organizer").groups.all())
    client = Client()
    client.force_login(newcomer)
    response = client.get(_url(DialogueSession, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 0
    session = DialogueSession.objects.first()
    assert client.get(_url(DialogueSession, "change", session.pk)).status_code == 302


def test_an_organizer_who_creates_a_process_runs_it(demo):
    newcomer = UserFactory(username="newcomer", is_staff=True)
    newcomer.groups.add(*User.objects.get(username="organizer").groups.all())
    client = Client()
    client.force_login(newcomer)
    response = client.post(
        _url(DialogueProcess, "add"),
        {
            "title": "Border water talks",
            "conflict": "Two provinces dispute a river.",
            "track": "2",
            "status": "exploratory",
            "description_threshold": "2",
            "balance_ratio": "1.5",
            "sides-TOTAL_FORMS": "0",
            "sides-INITIAL_FORMS": "0",
            "topics-TOTAL_FORMS": "0",
            "topics-INITIAL_FORMS": "0",
            "consents-TOTAL_FORMS": "0",
            "consents-INITIAL_FORMS": "0",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert (
        DialogueProcess.objects.get(title="Border water talks")
        .organizers.filter(pk=newcomer.pk)
        .exists()
    )


def _add_session(client, **fields):
    """The admin's add-session form, posted to the demo's first process."""
    return add_session(client, DialogueProcess.objects.first(), **fields)


def test_session_times_are_typed_in_the_session_time_zone(demo_organizer_client):
    response = _add_session(
        demo_organizer_client,
        title="Tokyo morning",
        day="2027-03-10",
        start="09:00",
        end="12:00",
        zone="Asia/Tokyo",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    session = DialogueSession.objects.get(title="Tokyo morning")
    assert session.starts_at.astimezone(session.zone).hour == 9
    assert session.starts_at.hour == 0  # 09:00 in Tokyo is midnight UTC


def test_ending_before_the_start_is_a_form_error_and_nothing_is_saved(demo_organizer_client):
    count = DialogueSession.objects.count()
    response = _add_session(
        demo_organizer_client,
        title="Backwards",
        day="2027-03-10",
        start="12:00",
        end="09:00",
        zone="Europe/Zurich",
    )
    assert response.status_code == 200
    assert "The session must end after it starts." in response.content.decode()
    assert 'value="Backwards"' in response.content.decode()
    assert DialogueSession.objects.count() == count


def test_a_time_skipped_by_daylight_saving_is_refused(demo_organizer_client):
    # Clocks in Zurich jump from 02:00 to 03:00 on 28 March 2027.
    response = _add_session(
        demo_organizer_client,
        title="Lost hour",
        day="2027-03-28",
        start="02:30",
        end="05:00",
        zone="Europe/Zurich",
    )
    assert response.status_code == 200
    assert "does not exist in Europe/Zurich" in response.content.decode()
    assert not DialogueSession.objects.filter(title="Lost hour").exists()


def test_duplicate_as_next_round_asks_for_the_title_and_time_in_the_sessions_zone(
    demo_organizer_client,
):
    session = DialogueSession.objects.get(title="Round 1: opening the channel")
    response = demo_organizer_client.post(
        _url(DialogueSession, "changelist"),
        {"action": "duplicate_as_next_round", "_selected_action": [session.pk]},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Plan the next round" in content
    assert 'value="Round 2: opening the channel"' in content
    proposed = (session.local_starts_at + timedelta(days=28)).strftime("%Y-%m-%dT%H:%M")
    assert f'value="{proposed}"' in content
    assert f"Local time in {session.time_zone}" in content


def test_duplicate_as_next_round_copies_agenda_and_invitations(demo_organizer_client):
    session = DialogueSession.objects.get(title="Round 1: opening the channel")
    day = timezone.localdate() + timedelta(days=40)
    response = demo_organizer_client.post(
        _url(DialogueSession, "changelist"),
        {
            "action": "duplicate_as_next_round",
            "_selected_action": [session.pk],
            "apply": "1",
            "title": "Round 1b: the channel, continued",
            "starts_at": f"{day.isoformat()}T10:00",
        },
    )
    assert response.status_code == 302
    copy = DialogueSession.objects.get(title="Round 1b: the channel, continued")
    # Typed in the session's zone, whatever the organizer's own.
    assert copy.local_starts_at.date() == day
    assert copy.local_starts_at.strftime("%H:%M") == "10:00"
    assert copy.ends_at - copy.starts_at == session.ends_at - session.starts_at
    assert copy.status == DialogueSession.Status.PLANNED
    assert copy.is_draft
    assert [i.title for i in copy.agenda_items.order_by("position")] == [
        i.title for i in session.agenda_items.order_by("position")
    ]
    assert set(copy.invitations.values_list("participant", flat=True)) == set(
        session.invitations.values_list("participant", flat=True)
    )
    assert set(copy.invitations.values_list("response", flat=True)) == {"invited"}
    assert not SessionRecord.objects.filter(session=copy).exists()
    assert set(copy.facilitators.all()) == set(session.facilitators.all())


def test_duplicate_as_next_round_refuses_a_past_date(demo_organizer_client):
    session = DialogueSession.objects.get(title="Round 1: opening the channel")
    count = DialogueSession.objects.count()
    response = demo_organizer_client.post(
        _url(DialogueSession, "changelist"),
        {
            "action": "duplicate_as_next_round",
            "_selected_action": [session.pk],
            "apply": "1",
            "title": "Round 2",
            "starts_at": "2001-01-01T10:00",
        },
    )
    assert response.status_code == 200
    assert "Choose a time in the future." in response.content.decode()
    assert DialogueSession.objects.count() == count


def test_str_of_every_model_is_readable(demo):
    for model in MODELS:
        text = str(model.objects.first())
        assert text and "object (" not in text


SCOPED_CHANGELISTS = [ActionItem, AgendaItem, DialogueSession, Invitation, SessionRecord, Topic]


@pytest.mark.parametrize("model", SCOPED_CHANGELISTS, ids=lambda m: m.__name__)
def test_changelist_filters_do_not_name_other_organizers_processes(demo, model):
    """The sidebar filters list only the organizer's own processes, never another's title."""
    newcomer = UserFactory(username="newcomer", is_staff=True)
    newcomer.groups.add(*User.objects.get(username="organizer").groups.all())
    own = DialogueSessionFactory(process__title="Newcomer's own process")
    own.process.organizers.add(newcomer)
    client = Client()
    client.force_login(newcomer)
    content = client.get(_url(model, "changelist")).content.decode()
    for title in DialogueProcess.objects.exclude(pk=own.process_id).values_list(
        "title", flat=True
    ):
        assert title not in content, f"{model.__name__} changelist names {title!r}"
