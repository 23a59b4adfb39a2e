"""The transfer log as CSV: for those who read the log only, contacts named as the reader
may name them (a protected contact by pseudonym unless the reader may see identities in the
log: the process's organizers), cells a spreadsheet will not run, no cache, every download
in the read audit with the protected contacts it named, and the same queries at any size."""

import csv
import io

import pytest
from django.urls import reverse

from mediation.models import Briefing, ReadEvent
from tests.factories import TopicFactory

from .factories import BriefingFactory, OfficialContactFactory, OutcomeDocumentFactory

ARABIC = "أكد المسؤول استلام الورقة ووعد بالرد قبل الجولة القادمة"


@pytest.fixture
def protected(process):
    return OfficialContactFactory(
        process=process,
        name="Kang Myong-su",
        identity_protected=True,
        pseudonym="Official M",
        institution="Ministry of Foreign Affairs",
        role="Counsellor",
        country="DPRK",
    )


@pytest.fixture
def plain(process):
    return OfficialContactFactory(
        process=process, name="Daniel Reyes", institution="Department of State", country="US"
    )


@pytest.fixture
def log(process, session, protected, plain):
    """Two officials briefed on a non-paper and a topic, and one contact not briefed yet."""
    briefing = BriefingFactory(
        process=process,
        contacts=[protected, plain],
        topics=[TopicFactory(process=process, title="Hotline")],
        channel=Briefing.Channel.MEETING,
        reception=Briefing.Reception.UNDER_CONSIDERATION,
        feedback="Asks for an annex on timelines.",
        feedback_on="2026-03-09",
    )
    briefing.documents.add(OutcomeDocumentFactory(process=process, title="Non-paper on a hotline"))
    OfficialContactFactory(
        process=process, name="Carmen Villanueva", institution="Water authority"
    )
    return briefing


def _url(process):
    return reverse("transfer_log_csv", args=[process.pk])


def _rows(response) -> list[dict]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_the_organizer_reads_every_contact_by_name(process, log, organizer_client):
    rows = _rows(organizer_client.get(_url(process)))
    assert [r["Contact"] for r in rows] == [
        "Daniel Reyes",
        "Kang Myong-su (Official M)",
        "Carmen Villanueva",
    ]
    briefed = rows[1]
    assert briefed == {
        "Date": "2026-03-02",
        "Who briefed": "The co-convenors",
        "Contact": "Kang Myong-su (Official M)",
        "Identity protected": "yes",
        "Institution": "Ministry of Foreign Affairs",
        "Role": "Counsellor",
        "Country": "DPRK",
        "Relation to the process": "Official briefed",
        "Channel": "Meeting",
        "Documents": "Non-paper on a hotline",
        "Topics": "Hotline",
        "Reception": "Under consideration",
        "What came back": "Asks for an annex on timelines.",
        "When it came back": "2026-03-09",
    }
    assert rows[2]["Date"] == "" and rows[2]["Reception"] == ""  # not briefed yet


def test_a_facilitator_reads_a_protected_contact_by_pseudonym_only(
    process, log, facilitator_client
):
    response = facilitator_client.get(_url(process))
    rows = _rows(response)
    assert "Official M" in [r["Contact"] for r in rows]
    assert "Kang" not in response.content.decode("utf-8-sig")
    assert "Daniel Reyes" in [r["Contact"] for r in rows]


def test_each_download_is_in_the_read_audit_with_the_contacts_it_named(
    process, log, protected, organizer, organizer_client
):
    organizer_client.get(_url(process))
    organizer_client.get(_url(process))
    export = ReadEvent.objects.get(kind=ReadEvent.Kind.EXPORT, user=organizer)
    assert (export.process_id, export.object_label, export.times) == (
        process.pk,
        "Transfer log (CSV)",
        2,
    )
    named = ReadEvent.objects.get(kind=ReadEvent.Kind.IDENTITY, user=organizer)
    assert named.object_id == protected.pk and named.times == 2
    assert "Kang" not in named.about and "Official M" in named.about


def test_a_facilitators_download_names_no_one_in_the_audit(
    process, log, facilitator, facilitator_client
):
    facilitator_client.get(_url(process))
    assert ReadEvent.objects.filter(kind=ReadEvent.Kind.EXPORT, user=facilitator).count() == 1
    assert not ReadEvent.objects.filter(kind=ReadEvent.Kind.IDENTITY).exists()


def test_the_file_is_not_cached_and_its_name_says_nothing(process, log, organizer_client):
    response = organizer_client.get(_url(process))
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Disposition"].startswith('attachment; filename="transfer-log-')
    assert process.title not in response["Content-Disposition"]


def test_participants_and_strangers_get_no_file(process, log, participant_client, stranger_client):
    assert participant_client.get(_url(process)).status_code == 403
    assert stranger_client.get(_url(process)).status_code == 404
    assert not ReadEvent.objects.filter(kind=ReadEvent.Kind.EXPORT).exists()


def test_hostile_text_comes_out_as_text(process, session, organizer_client):
    contact = OfficialContactFactory(
        process=process, name="@SUM(A1)", institution="+1+1", role="-2", country="\tTab"
    )
    long_feedback = ARABIC + " " + "ب" * 5000
    BriefingFactory(
        process=process,
        contacts=[contact],
        briefed_by="=cmd|' /C calc'!A0",
        feedback=long_feedback,
        feedback_on="2026-03-10",
    )
    (row,) = _rows(organizer_client.get(_url(process)))
    assert row["Who briefed"] == "'=cmd|' /C calc'!A0"
    assert row["Contact"] == "'@SUM(A1)"
    assert (row["Institution"], row["Role"], row["Country"]) == ("'+1+1", "'-2", "'\tTab")
    assert row["What came back"] == long_feedback
    assert len(row["What came back"]) > 5000


def _grow(process, n):
    for i in range(n):
        BriefingFactory(
            process=process,
            contacts=[
                OfficialContactFactory(process=process),
                OfficialContactFactory(
                    process=process, identity_protected=True, pseudonym=f"Envoy {i}"
                ),
            ],
            topics=[TopicFactory(process=process)],
        ).documents.add(OutcomeDocumentFactory(process=process))
        OfficialContactFactory(process=process)


def test_the_download_costs_the_same_queries_at_any_size(
    process, session, organizer_client, count_queries
):
    _grow(process, 1)
    small = count_queries(lambda: organizer_client.get(_url(process)))
    _grow(process, 6)
    large = count_queries(lambda: organizer_client.get(_url(process)))
    assert small == large
    assert len(_rows(organizer_client.get(_url(process)))) == 7 * 3
