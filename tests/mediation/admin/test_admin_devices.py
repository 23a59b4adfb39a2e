"""The admin's two-factor console: an organizer resets the devices of someone who lost their
phone, only within their own processes, and the owner is told."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import devices as twofactor_devices
from mediation.access import ORGANIZERS_GROUP
from mediation.models import TwoFactorAccount
from mediation.people import services as people_services
from tests.factories import (
    DialogueProcessFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ParticipantFactory,
    UserFactory,
)

CHANGELIST = reverse("admin:mediation_twofactoraccount_changelist")
RESET_SUBJECT = "Two-factor sign-in was reset for your account"


def _enrolled(user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    twofactor_devices.backup_codes_replace(user=user)
    return device


def _devices(user) -> int:
    return (
        TOTPDevice.objects.filter(user=user).count()
        + StaticDevice.objects.filter(user=user).count()
    )


def _client(user) -> Client:
    """Signed in, and past the code if the user has an authenticator (it is asked for)."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def _reset(client, *users, follow=False):
    return client.post(
        CHANGELIST,
        {"action": "reset_devices", "_selected_action": [str(u.pk) for u in users]},
        follow=follow,
    )


@pytest.fixture
def world(session, other_session, process, personas):
    """The personas' process, and a foreign one with its organizer, facilitator and
    participant, every one of whom has enrolled; plus a superuser and a fellow organizer."""
    organizer_b = UserFactory(username="organizer-b", is_staff=True)
    organizer_b.groups.add(Group.objects.get_or_create(name=ORGANIZERS_GROUP)[0])
    foreign_facilitator = UserFactory(username="facilitator-b")
    foreign_participant = UserFactory(username="participant-b")
    ParticipantFactory(user=foreign_participant)
    foreign_session = DialogueSessionFactory(
        process=DialogueProcessFactory(organizers=[organizer_b], title="Foreign process"),
        facilitators=[foreign_facilitator],
    )
    InvitationFactory(session=foreign_session, participant=foreign_participant.participant)
    co_organizer = UserFactory(username="co-organizer", is_staff=True)
    co_organizer.groups.add(Group.objects.get(name=ORGANIZERS_GROUP))
    process.organizers.add(co_organizer)
    world = {
        **personas,
        "session": session,
        "other_session": other_session,
        "process": process,
        "organizer_b": organizer_b,
        "foreign_facilitator": foreign_facilitator,
        "foreign_participant": foreign_participant,
        "co_organizer": co_organizer,
        "root": UserFactory(username="root", is_superuser=True, is_staff=True),
    }
    for key in ["facilitator", "participant", "organizer_b", "foreign_facilitator"]:
        _enrolled(world[key])
    _enrolled(co_organizer)
    return world


# --- An organizer resets someone of their own work -----------------------------------------


def test_an_organizer_resets_a_facilitator_of_their_session(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    facilitator, organizer = world["facilitator"], world["organizer"]
    client = _client(organizer)
    with django_capture_on_commit_callbacks(execute=True):
        response = _reset(client, facilitator, follow=True)
    assert response.status_code == 200
    assert _devices(facilitator) == 0
    [message] = mailoutbox
    assert message.to == [facilitator.email]
    assert message.subject == RESET_SUBJECT
    shown = [str(m) for m in response.context["messages"]]
    assert shown == ["Reset two-factor sign-in for 1 account."]
    entry = LogEntry.objects.get()
    assert (entry.user, entry.object_id, entry.action_flag) == (
        organizer,
        str(facilitator.pk),
        CHANGE,
    )
    assert entry.content_type == ContentType.objects.get_for_model(
        TwoFactorAccount, for_concrete_model=False
    )
    assert "Deleted TOTP device “phone”." in entry.get_change_message()
    # Other people's devices are untouched.
    assert _devices(world["participant"]) == 2
    assert _devices(world["foreign_facilitator"]) == 2


def test_the_person_reset_is_asked_to_enrol_again(world, settings):
    settings.REQUIRE_2FA = True
    facilitator = world["facilitator"]
    theirs = _client(facilitator)
    assert theirs.get(reverse("home")).status_code == 200
    twofactor_devices.two_factor_devices_reset(actor=world["organizer"], target=facilitator)
    response = theirs.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two_factor_setup"))


def test_the_list_shows_only_those_the_organizer_may_reset_and_no_address(world):
    response = _client(world["organizer"]).get(CHANGELIST)
    assert response.status_code == 200
    listed = {a.username for a in response.context["cl"].result_list}
    assert listed == {"facilitator", "participant"}
    content = response.content.decode()
    for hidden in ["facilitator-b", "participant-b", "organizer-b", "co-organizer", "root"]:
        assert f">{hidden}<" not in content
    assert "@example.org" not in content
    # Usernames are not links: there is no page for one account.
    assert "/admin/mediation/twofactoraccount/" + str(world["facilitator"].pk) not in content


def test_the_organizer_is_told_whom_no_notice_could_reach(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=world["participant"].pk).update(email="")
    with django_capture_on_commit_callbacks(execute=True):
        response = _reset(
            _client(world["organizer"]), world["facilitator"], world["participant"], follow=True
        )
    assert [str(m) for m in response.context["messages"]] == [
        "Reset two-factor sign-in for 2 accounts.",
        "1 of them has no email address, so no notice was sent: tell them yourself.",
    ]
    assert _devices(world["participant"]) == 0
    assert [m.to for m in mailoutbox] == [[world["facilitator"].email]]


def test_an_account_without_a_device_is_listed_and_reset_does_nothing(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    participant = world["participant"]
    TOTPDevice.objects.filter(user=participant).delete()
    StaticDevice.objects.filter(user=participant).delete()
    client = _client(world["organizer"])
    page = client.get(CHANGELIST)
    by_name = {a.username: a._has_device for a in page.context["cl"].result_list}
    assert by_name == {"facilitator": True, "participant": False}
    with django_capture_on_commit_callbacks(execute=True):
        response = _reset(client, participant, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["1 account had no device to reset."]
    assert mailoutbox == []
    assert not LogEntry.objects.exists()


# --- ... and no one else ------------------------------------------------------------------


@pytest.mark.parametrize(
    "target", ["foreign_facilitator", "foreign_participant", "organizer_b", "co_organizer"]
)
def test_a_forged_reset_outside_the_organizers_work_changes_nothing(
    world, target, mailoutbox, django_capture_on_commit_callbacks
):
    before = _devices(world[target])
    with django_capture_on_commit_callbacks(execute=True):
        response = _reset(_client(world["organizer"]), world[target])
    assert response.status_code in (200, 302)
    assert _devices(world[target]) == before
    assert mailoutbox == []
    assert not LogEntry.objects.exists()


def test_a_forged_row_among_allowed_ones_is_left_alone(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _reset(_client(world["organizer"]), world["facilitator"], world["foreign_facilitator"])
    assert _devices(world["facilitator"]) == 0
    assert _devices(world["foreign_facilitator"]) == 2
    assert [m.to for m in mailoutbox] == [[world["facilitator"].email]]


def test_the_service_refuses_what_the_rule_refuses(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        twofactor_devices.two_factor_devices_reset(
            actor=world["organizer"], target=world["foreign_facilitator"]
        )
    assert _devices(world["foreign_facilitator"]) == 2


def test_the_other_organizer_sees_their_own_people_not_ours(world):
    response = _client(world["organizer_b"]).get(CHANGELIST)
    listed = {a.username for a in response.context["cl"].result_list}
    assert listed == {"facilitator-b", "participant-b"}


@pytest.mark.parametrize("persona", ["facilitator", "participant", "stranger"])
def test_non_organizers_get_no_admin(world, persona, mailoutbox):
    client = _client(world[persona])
    page = client.get(CHANGELIST)
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("admin:login"))
    forged = _reset(client, world["facilitator"])
    assert forged.status_code == 302
    assert forged["Location"].startswith(reverse("admin:login"))
    assert _devices(world["facilitator"]) == 2
    assert mailoutbox == []


def test_a_superuser_resets_anyone(world, mailoutbox, django_capture_on_commit_callbacks):
    client = _client(world["root"])
    listed = {a.username for a in client.get(CHANGELIST).context["cl"].result_list}
    assert listed == set(User.objects.exclude(username="root").values_list("username", flat=True))
    targets = [world["organizer_b"], world["co_organizer"], world["foreign_facilitator"]]
    with django_capture_on_commit_callbacks(execute=True):
        assert _reset(client, *targets).status_code == 302
    assert all(_devices(user) == 0 for user in targets)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in targets)
    assert LogEntry.objects.filter(user=world["root"]).count() == 3


@pytest.mark.parametrize(
    "path",
    [
        "{pk}/change/",
        "{pk}/delete/",
        "{pk}/history/",
        "{pk}/",
        "add/",
    ],
)
def test_there_is_no_page_for_one_account(world, path):
    url = CHANGELIST + path.format(pk=world["facilitator"].pk)
    for who in ["organizer", "root"]:
        assert _client(world[who]).get(url).status_code == 404, f"{who} on {url}"


# --- Permissions and cost -----------------------------------------------------------------


def test_the_organizers_group_may_view_the_console(db):
    group = people_services.organizers_group_ensure()
    assert group.permissions.filter(
        content_type__app_label="mediation", codename="view_twofactoraccount"
    ).exists()


def test_the_list_costs_the_same_for_more_accounts(world, count_queries):
    client = _client(world["organizer"])

    def grow(count):
        for _ in range(count):
            user = UserFactory()
            ParticipantFactory(user=user)
            InvitationFactory(session=world["session"], participant=user.participant)
            _enrolled(user)

    grow(2)
    small = count_queries(lambda: client.get(CHANGELIST))
    grow(12)
    response = client.get(CHANGELIST)
    assert response.context["cl"].result_count == 16
    assert count_queries(lambda: client.get(CHANGELIST)) == small


# --- Every persona on every URL of the console -------------------------------------------
# (persona, GET of the list, POST of the action on the personas' facilitator); "anonymous"
# and those who may not open the admin are sent to the admin's sign-in.

LOGIN = "login"
MATRIX = [
    ("organizer", 200, 302),
    ("organizer_b", 200, 302),  # their own list; the facilitator is not in it: nothing done
    ("co_organizer", 200, 302),
    ("root", 200, 302),
    ("facilitator", LOGIN, LOGIN),
    ("foreign_facilitator", LOGIN, LOGIN),  # a facilitator of other sessions
    ("participant", LOGIN, LOGIN),
    ("stranger", LOGIN, LOGIN),
    ("anonymous", LOGIN, LOGIN),
]


@pytest.mark.parametrize(("persona", "on_get", "on_post"), MATRIX, ids=[r[0] for r in MATRIX])
def test_access_matrix_of_the_console(world, persona, on_get, on_post):
    client = Client() if persona == "anonymous" else _client(world[persona])
    for response, expected in [
        (client.get(CHANGELIST), on_get),
        (_reset(client, world["facilitator"]), on_post),
    ]:
        if expected == LOGIN:
            assert response.status_code == 302, persona
            assert response["Location"].startswith(reverse("admin:login")), persona
        else:
            assert response.status_code == expected, persona
    may = persona in {"organizer", "co_organizer", "root"}
    assert (_devices(world["facilitator"]) == 0) is may, persona
