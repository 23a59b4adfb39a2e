"""`open_outcomes` and `open_outcome`, the gates of every outcome and transfer-log page, run
queries compiled once per process (mediation/prepared.py). For every kind of viewer and of
document they answer as the ORM's scopes do when asked afresh: the same 404s and 403s, the
same rights, the same document and process."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from mediation import access
from mediation.models import DialogueProcess, OutcomeDocument
from tests.factories import DialogueProcessFactory, DialogueSessionFactory, InvitationFactory
from tests.mediation.access.test_open_session import VIEWERS, _columns, _viewer
from tests.mediation.outcomes.factories import OutcomeDocumentFactory

pytestmark = pytest.mark.django_db

RELEASED = OutcomeDocument.State.RELEASED


@pytest.fixture
def documents(session, other_session, foreign_session, process, facilitator, participant):
    """One of each kind the rules tell apart."""
    archived = DialogueProcessFactory(archived_at=timezone.now())
    in_archived = DialogueSessionFactory(process=archived, facilitators=[facilitator])
    InvitationFactory(session=in_archived, participant=participant.participant)
    return {
        "draft": OutcomeDocumentFactory(process=process),
        "given to the session": OutcomeDocumentFactory(
            process=process, state=RELEASED, to_sessions=[session]
        ),
        "given to another session": OutcomeDocumentFactory(
            process=process, state=RELEASED, to_sessions=[other_session]
        ),
        "public": OutcomeDocumentFactory(process=process, state=RELEASED, to_public=True),
        "kept back": OutcomeDocumentFactory(process=process, state=RELEASED),
        "foreign": OutcomeDocumentFactory(
            process=foreign_session.process, state=RELEASED, to_public=True
        ),
        "in an archived process": OutcomeDocumentFactory(
            process=archived, state=RELEASED, to_sessions=[in_archived]
        ),
    }


def _process_asked_afresh(user, process_id) -> tuple[bool, bool] | None:
    """None where the process's outcomes may not be opened, else (team, see identities)."""
    team = access.processes_visible_to(user).filter(pk=process_id).exists()
    invited = (
        access.sessions_visible_to(user)
        .filter(process_id=process_id, invitations__participant__user=user)
        .exists()
        if user.is_authenticated
        else False
    )
    if not (team or invited):
        return None
    administers = access.processes_administered_by(user).filter(pk=process_id).exists()
    return team, team and administers


@pytest.mark.parametrize("name", VIEWERS)
def test_the_process_gate_answers_as_the_scopes_asked_afresh(
    name, request, documents, facilitator
):
    user = _viewer(name, request, facilitator)
    for kind, document in documents.items():
        expected = _process_asked_afresh(user, document.process_id)
        if expected is None:
            with pytest.raises(Http404):
                access.open_outcomes(user, document.process_id)
            continue
        opened = access.open_outcomes(user, str(document.process_id))
        assert (opened.team, opened.see_identities) == expected, (name, kind)
        assert _columns(opened.process) == _columns(
            DialogueProcess.objects.get(pk=document.process_id)
        ), (name, kind)
        if not opened.team:
            with pytest.raises(PermissionDenied):
                access.open_transfer_log(user, document.process_id)


@pytest.mark.parametrize("name", VIEWERS)
def test_the_document_gate_answers_as_the_scopes_asked_afresh(
    name, request, documents, facilitator
):
    user = _viewer(name, request, facilitator)
    for kind, document in documents.items():
        readable = access.outcomes_visible_to(user).filter(pk=document.pk).exists()
        process = _process_asked_afresh(user, document.process_id)
        if not readable:
            error = Http404 if process is None else PermissionDenied
            with pytest.raises(error):
                access.open_outcome(user, document.pk)
            continue
        opened = access.open_outcome(user, str(document.pk))
        assert (opened.team, opened.see_identities) == process, (name, kind)
        fresh = OutcomeDocument.objects.get(pk=document.pk)
        assert _columns(opened.document) == _columns(fresh), (name, kind)
        assert _columns(opened.document.process) == _columns(fresh.process), (name, kind)
        if not opened.team:
            with pytest.raises(PermissionDenied):
                access.open_outcome(user, document.pk, team=True)


def test_a_document_and_its_process_come_in_one_query(
    facilitator, session, django_assert_num_queries
):
    document = OutcomeDocumentFactory(process=session.process)
    viewer = type(facilitator).objects.get(pk=facilitator.pk)
    with django_assert_num_queries(1):  # the document, its process and the rights
        opened = access.open_outcome(viewer, document.pk)
        assert opened.document.process.title == session.process.title


@pytest.mark.parametrize("pk", ["not-a-uuid", "00000000-0000-4000-8000-000000000000"])
def test_a_malformed_or_missing_id_is_a_404(facilitator, pk):
    with pytest.raises(Http404):
        access.open_outcome(facilitator, pk)
    with pytest.raises(Http404):
        access.open_outcomes(facilitator, pk)


@pytest.mark.parametrize("name", VIEWERS)
def test_a_process_lists_the_documents_the_scope_gives(name, request, documents, facilitator):
    user = _viewer(name, request, facilitator)
    for process_id in {document.process_id for document in documents.values()}:
        try:
            can = access.open_outcomes(user, process_id)
        except Http404:
            continue
        listed = set(access.outcomes_of(user, can))
        assert listed == set(access.outcomes_visible_to(user).filter(process_id=process_id))
