"""Every read of the dialogue work goes through `mediation.access`: rules that fail the build.

Views and the admin never query a model of the dialogue work themselves (`Model.objects`,
`get_object_or_404(Model, ...)`): they ask `access` for a scoped queryset or object, or a
selector or service that does. And every admin page, asked by an organizer of another
process, lists and offers nothing of a process they do not run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import RequestFactory

from .source import PRODUCT, ROOT, python_files

# Modules that face people: pages, fragments, the admin and what templates call.
FACING = [
    *(path for path in python_files(PRODUCT) if "views" in (path.stem, path.parent.name)),
    ROOT / "mediation" / "sessions" / "context.py",
    *sorted((ROOT / "mediation" / "admin").glob("*.py")),
    ROOT / "mediation" / "context_processors.py",
    *sorted((ROOT / "mediation" / "templatetags").glob("*.py")),
]
# Models with nothing of a process in them. Any other model of the app is scoped, so a new
# model is covered the day it is added.
UNSCOPED = {"FormSubmission", "Profile"}
MANAGERS = {"objects", "_default_manager", "_base_manager"}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}


def _scoped_model_names() -> set[str]:
    return {
        model.__name__
        for model in apps.get_app_config("mediation").get_models()
        if model.__name__ not in UNSCOPED and not model.__name__.startswith("Historical")
    }


def _offences(path: Path, scoped: set[str]) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in MANAGERS
            and isinstance(node.value, ast.Name)
            and node.value.id in scoped
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value.id}.{node.attr}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in SHORTCUTS
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in scoped
        ):
            found.append(
                f"{path.relative_to(ROOT)}:{node.lineno} {node.func.id}({node.args[0].id})"
            )
    return found


def test_views_and_the_admin_query_the_dialogue_work_only_through_access():
    assert len(FACING) > 20, "the views were not found: has the layout changed?"
    assert not any(".venv" in str(path) for path in FACING)
    scoped = _scoped_model_names()
    assert {"DialogueProcess", "Participant", "SessionRecord", "ProcessMember"} <= scoped
    offences = [o for path in FACING for o in _offences(path, scoped)]
    assert offences == [], "query through mediation.access (or a selector) instead:\n" + "\n".join(
        offences
    )


def test_the_boundary_check_catches_a_direct_query(tmp_path):
    view = tmp_path / "view.py"
    view.write_text(
        "def page(request, pk):\n"
        "    a = SessionRecord.objects.get(pk=pk)\n"
        "    b = get_object_or_404(Participant, pk=pk)\n"
        "    c = request.user.participant\n"
    )
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        assert len(_offences(view, _scoped_model_names())) == 2
    finally:
        ROOT = saved


# --- The admin, asked by an organizer of another process -----------------------------------


def _admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label == "mediation"
    ]


@pytest.fixture
def own_rows(session, participant, organizer):
    """One of everything in the organizer's process, with the primary keys to look for."""
    from tests.factories import (
        ActionItemFactory,
        AgendaItemFactory,
        ConsentFactory,
        ItemRecordFactory,
        ProcessMemberFactory,
        SideFactory,
        TopicFactory,
    )

    process = session.process
    topic = TopicFactory(process=process)
    side = SideFactory(process=process)
    item = AgendaItemFactory(session=session, topic=topic, position=1)
    record = ItemRecordFactory(agenda_item=item)
    person = participant.participant
    rows = [
        process,
        session,
        topic,
        side,
        item,
        record,
        record.record,
        session.invitations.get(),
        ActionItemFactory(session=session, topic=topic, owner=person),
        ConsentFactory(participant=person, process=process),
        ProcessMemberFactory(process=process, participant=person, side=side),
        person,
    ]
    from mediation import audit
    from mediation.models import ReadEvent

    audit.record_read(organizer, record.record)
    rows.append(ReadEvent.objects.latest("id"))
    return {(type(row), row.pk) for row in rows}


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def _leaks(queryset, own_rows) -> list:
    model = queryset.model
    wanted = [pk for row_model, pk in own_rows if row_model is model]
    return list(queryset.filter(pk__in=wanted).values_list("pk", flat=True)) if wanted else []


@pytest.mark.parametrize(
    ("model", "model_admin"), _admins(), ids=lambda v: getattr(v, "__name__", "")
)
def test_no_admin_list_shows_another_process_rows(
    model, model_admin, own_rows, other_organizer, foreign_session
):
    queryset = model_admin.get_queryset(_request(other_organizer))
    assert _leaks(queryset, own_rows) == []


def _choice_fields(model_admin, request, obj=None):
    fields = dict(model_admin.get_form(request, obj)(instance=obj).fields)
    for inline in model_admin.get_inline_instances(request, obj):
        formset = inline.get_formset(request, obj)
        for name, field in formset.form.base_fields.items():
            if name != formset.fk.name:  # the parent itself, fixed by the formset
                fields[f"{inline.model.__name__}.{name}"] = field
    return {name: f for name, f in fields.items() if hasattr(f, "queryset")}


# Admins with no add form for an organizer (read-only, or superusers only): no pickers.
NO_ADD_FORM = {
    "ReadEvent",
    "SessionRecord",
    "TwoFactorAccount",
    # Written only through their pages (mediation/outcomes/): shown read-only.
    "Briefing",
    "OfficialContact",
    "OutcomeDocument",
}


def test_the_admins_left_out_of_the_picker_check_add_nothing(other_organizer):
    request = _request(other_organizer)
    admins = {model.__name__: model_admin for model, model_admin in _admins()}
    for name in NO_ADD_FORM:
        assert not admins[name].has_add_permission(request), name


@pytest.mark.parametrize(
    ("model", "model_admin"),
    [
        (model, model_admin)
        for model, model_admin in _admins()
        if model.__name__ not in NO_ADD_FORM
    ],
    ids=lambda v: getattr(v, "__name__", ""),
)
def test_no_admin_picker_offers_another_process_rows(
    model, model_admin, own_rows, other_organizer, foreign_session
):
    request = _request(other_organizer)
    assert model_admin.has_add_permission(request), f"{model.__name__}: list it in NO_ADD_FORM"
    for name, field in _choice_fields(model_admin, request).items():
        assert _leaks(field.queryset, own_rows) == [], f"{model.__name__}: {name}"


def test_pickers_on_an_existing_session_offer_only_its_own_process(
    organizer, session, own_rows, foreign_session
):
    from tests.factories import DialogueProcessFactory, SideFactory, TopicFactory

    elsewhere = DialogueProcessFactory(organizers=[organizer])
    stray = {TopicFactory(process=elsewhere).pk, SideFactory(process=elsewhere).pk}
    model_admin = admin.site._registry[type(session)]
    fields = _choice_fields(model_admin, _request(organizer), session)
    for name in ("AgendaItem.topic", "Invitation.side"):
        assert not fields[name].queryset.filter(pk__in=stray).exists(), name
