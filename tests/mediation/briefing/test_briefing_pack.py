"""The briefing pack of a session: what each reader's pack holds and leaves out, on the
page and in the PDF (its text extracted with pypdf), and the read trace it leaves."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from pypdf import PdfReader

from mediation.models import Consent, ReadEvent, SessionRecord, Topic
from tests.factories import (
    ActionItemFactory,
    AgendaItemFactory,
    ConsentFactory,
    DialogueSessionFactory,
    InvitationFactory,
    ItemRecordFactory,
    ParticipantFactory,
    SessionRecordFactory,
    TopicFactory,
)

REAL_NAME = "Selim Haddad-Quartermain"
PSEUDONYM = "Participant Kestrel"


def pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    # Lines wrap anywhere in a table cell: compare with the white space folded.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def pack_world(session, participant, facilitator):
    """The session with a protected invitee (consented to be listed), an agenda on a topic
    that went from raised to convergence over two earlier rounds, open actions, and the
    previous round's shared summary."""
    process = session.process
    protected = ParticipantFactory(name=REAL_NAME, identity_protected=True, pseudonym=PSEUDONYM)
    InvitationFactory(session=session, participant=protected)
    ConsentFactory(participant=protected, process=process, kind=Consent.Kind.LISTED)
    topic = TopicFactory(process=process, title="Water sharing in the dry season")
    AgendaItemFactory(session=session, title="Opening round", topic=topic, duration_minutes=45)
    for weeks, status, summary in [
        (8, Topic.Status.RAISED, "An early summary nobody should see as the latest."),
        (4, Topic.Status.CONVERGENCE, "Both delegations favoured a joint monitoring body."),
    ]:
        earlier = DialogueSessionFactory(
            process=process,
            facilitators=[facilitator],
            starts_at=session.starts_at - timedelta(weeks=weeks),
            title=f"Round {weeks} weeks before",
        )
        InvitationFactory(session=earlier, participant=participant.participant)
        item = AgendaItemFactory(session=earlier, topic=topic)
        record = SessionRecordFactory(
            session=earlier, summary=summary, state=SessionRecord.State.SHARED
        )
        ItemRecordFactory(record=record, agenda_item=item, topic_status=status)
    ActionItemFactory(
        session=session, owner=participant.participant, description="Send the river gauge data"
    )
    ActionItemFactory(session=session, owner=protected, description="Draft the monitoring terms")
    return session


def test_the_organizers_pack_names_the_protected_person(organizer_client, pack_world):
    response = organizer_client.get(reverse("session_briefing_pdf", args=[pack_world.pk]))
    text = pdf_text(response)
    assert REAL_NAME in text
    assert PSEUDONYM in text
    assert "Draft the monitoring terms" in text


def test_a_participants_pack_shows_the_pseudonym_only(participant_client, pack_world):
    response = participant_client.get(reverse("session_briefing_pdf", args=[pack_world.pk]))
    text = pdf_text(response)
    assert REAL_NAME not in text
    assert PSEUDONYM in text
    # Their own actions only, and never the internal notes of any round.
    assert "Send the river gauge data" in text
    assert "Draft the monitoring terms" not in text
    assert "Internal:" not in text


def test_the_pack_gives_the_agenda_in_the_sessions_zone_named(participant_client, pack_world):
    text = pdf_text(participant_client.get(reverse("session_briefing_pdf", args=[pack_world.pk])))
    local = pack_world.starts_at.astimezone(pack_world.zone)
    assert "Times in Europe/Zurich" in text
    assert f"{local:%H:%M}" in text
    assert "Opening round" in text


def test_the_pack_explains_the_rule_with_its_glossary_definition(participant_client, pack_world):
    text = pdf_text(participant_client.get(reverse("session_briefing_pdf", args=[pack_world.pk])))
    assert "The rule: Chatham House Rule" in text
    assert "never say who said it" in text
    assert "Glossary, “Chatham House Rule”:" in text


def test_the_pack_traces_each_topic_round_by_round(participant_client, pack_world):
    text = pdf_text(participant_client.get(reverse("session_briefing_pdf", args=[pack_world.pk])))
    assert "Water sharing in the dry season" in text
    assert text.index("Raised") < text.index("Convergence")


def test_the_pack_gives_the_previous_rounds_shared_summary(participant_client, pack_world):
    text = pdf_text(participant_client.get(reverse("session_briefing_pdf", args=[pack_world.pk])))
    assert "Both delegations favoured a joint monitoring body." in text
    assert "An early summary" not in text


def test_a_summary_not_shared_stays_out_of_a_participants_pack(participant_client, pack_world):
    SessionRecord.objects.filter(summary__startswith="Both delegations").update(
        state=SessionRecord.State.DRAFT
    )
    response = participant_client.get(reverse("session_briefing", args=[pack_world.pk]))
    content = response.content.decode()
    assert "Both delegations" not in content
    assert "No summary of it has been shared." in content
    # Nor may the trajectory read a status from a record that was not shared.
    assert "Convergence" not in content


def test_a_round_the_participant_was_not_invited_to_stays_out(participant_client, pack_world):
    hidden = DialogueSessionFactory(
        process=pack_world.process,
        starts_at=pack_world.starts_at - timedelta(weeks=1),
        title="A side meeting of the team",
    )
    SessionRecordFactory(session=hidden, summary="Side meeting summary", state="shared")
    content = participant_client.get(
        reverse("session_briefing", args=[pack_world.pk])
    ).content.decode()
    assert "A side meeting of the team" not in content
    assert "Side meeting summary" not in content


def test_the_team_page_has_a_print_stylesheet_and_the_pack_its_own(facilitator_client, pack_world):
    content = facilitator_client.get(
        reverse("session_briefing", args=[pack_world.pk])
    ).content.decode()
    assert 'css/print.css" media="print"' in content
    assert "css/briefing.css" in content
    assert REAL_NAME in content


def test_each_pack_is_in_the_read_audit(organizer, organizer_client, pack_world):
    organizer_client.get(reverse("session_briefing", args=[pack_world.pk]))
    organizer_client.get(reverse("session_briefing_pdf", args=[pack_world.pk]))
    briefing = ReadEvent.objects.get(user=organizer, kind=ReadEvent.Kind.BRIEFING)
    assert briefing.session_id == pack_world.pk
    assert briefing.times == 2
    # The team's pack named a protected person: that is a read of identities too.
    assert ReadEvent.objects.filter(
        user=organizer, kind=ReadEvent.Kind.IDENTITY, session=pack_world
    ).exists()


def test_a_participants_pack_is_audited_without_an_identity_read(
    participant, participant_client, pack_world
):
    participant_client.get(reverse("session_briefing_pdf", args=[pack_world.pk]))
    assert ReadEvent.objects.filter(user=participant, kind=ReadEvent.Kind.BRIEFING).exists()
    assert not ReadEvent.objects.filter(user=participant, kind=ReadEvent.Kind.IDENTITY).exists()


def test_the_pdf_is_an_attachment_whose_name_says_nothing(organizer_client, pack_world):
    response = organizer_client.get(reverse("session_briefing_pdf", args=[pack_world.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="briefing-')
    assert pack_world.title not in disposition


def test_strangers_and_drafts_get_no_pack(participant_client, stranger_client, pack_world):
    page = reverse("session_briefing", args=[pack_world.pk])
    assert stranger_client.get(page).status_code == 404
    pack_world.published_at = None
    pack_world.save()
    url = reverse("session_briefing_pdf", args=[pack_world.pk])
    assert participant_client.get(url).status_code == 404


def test_the_team_page_marks_real_names_for_print_to_leave_out(facilitator_client, pack_world):
    content = facilitator_client.get(pack_world.get_absolute_url()).content.decode()
    assert f'<span class="real-name">{REAL_NAME} </span>' in content
    assert f'<span class="pseudonym">({PSEUDONYM})</span>' in content
    assert 'css/print.css" media="print"' in content


def test_the_print_stylesheet_leaves_out_real_names_and_editing_tools():
    from django.contrib.staticfiles import finders

    with open(finders.find("css/print.css"), encoding="utf-8") as sheet:
        rules = sheet.read()
    assert ".real-name { display: none !important; }" in rules
    for hidden in ("form,", "button,", ".agenda-controls", ".site-header"):
        assert hidden in rules


def test_a_participants_pack_counts_those_not_listed_without_naming_them(
    participant_client, pack_world
):
    InvitationFactory(session=pack_world, participant=ParticipantFactory(name="Unlisted Person"))
    content = participant_client.get(
        reverse("session_briefing", args=[pack_world.pk])
    ).content.decode()
    assert "Unlisted Person" not in content
    assert "1 other person is invited and not named here." in content


def test_the_facilitator_reads_the_trajectory_of_rounds_they_record_before_sharing(
    facilitator_client, pack_world
):
    SessionRecord.objects.filter(summary__startswith="Both delegations").update(
        state=SessionRecord.State.DRAFT
    )
    content = facilitator_client.get(
        reverse("session_briefing", args=[pack_world.pk])
    ).content.decode()
    assert "Convergence" in content
    # The summary not shared yet is no shared summary: the pack says so.
    assert "No summary of it has been shared." in content
