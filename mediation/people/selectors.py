"""Reads about people: a participant's consents per process."""

from __future__ import annotations

from dataclasses import dataclass

from mediation import access


@dataclass(frozen=True)
class ConsentState:
    kind: str
    label: str
    current: object  # the Consent in force, or None
    last_withdrawn: object  # the latest withdrawn Consent, or None


@dataclass(frozen=True)
class ProcessConsents:
    process: object
    states: list[ConsentState]


def consents_of_participant(user) -> list[ProcessConsents]:
    """Per process the user takes part in, each kind of consent: in force since when, or
    withdrawn when. Two queries whatever the number of processes and consents."""
    from mediation.models import Consent

    participant = access.participant_of(user)
    processes = list(access.processes_taken_part_in(user).order_by("title")[:100])
    if participant is None or not processes:
        return []
    rows = Consent.objects.filter(participant=participant, process__in=processes).order_by(
        "given_at"
    )
    current, withdrawn = {}, {}
    for consent in rows:
        key = (consent.process_id, consent.kind)
        if consent.withdrawn_at is None:
            current[key] = consent
        elif key not in withdrawn or consent.withdrawn_at > withdrawn[key].withdrawn_at:
            withdrawn[key] = consent
    return [
        ProcessConsents(
            process=process,
            states=[
                ConsentState(
                    kind=kind,
                    label=label,
                    current=current.get((process.pk, kind)),
                    last_withdrawn=withdrawn.get((process.pk, kind)),
                )
                for kind, label in Consent.Kind.choices
            ],
        )
        for process in processes
    ]


def participant_by_id(participant_id):
    """The participant with this id, or None (for links that name one by a signed id)."""
    from mediation.models import Participant

    return Participant.objects.filter(pk=participant_id).first()
