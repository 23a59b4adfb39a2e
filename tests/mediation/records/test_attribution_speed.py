"""The non-attribution check is linear: the hostile texts that once took 30 to 90 seconds
are checked in under a second at 100 KB, twice the longest summary the form accepts.

The time measured is the CPU time of this process, so other tests running beside it do not
count; the bound is generous (these texts take 0.1 to 0.5 s on this project's 2-core
machine: `make bench-attribution`), and a quadratic check would take minutes.
"""

import time
from types import SimpleNamespace

import pytest

from mediation.records import descriptions
from mediation.records.attribution import (
    find_attributions,
    split_sentences,
    terms_for,
)

ROOM = [
    SimpleNamespace(
        name=f"Given{i} Surname{i}",
        pseudonym=f"Codename{i}",
        affiliation="",
        category=["academic", "retired_civil", "public_figure"][i % 3],
        country=["Republic of Korea", "DPRK", "United States"][i % 3],
        title="",
    )
    for i in range(38)
] + [
    SimpleNamespace(
        name="Chidi Okafor",
        pseudonym="",
        affiliation="Korean People's Army",
        category="retired_military",
        country="Nigeria",
        title="Colonel (retired)",
    )
]
ATTENDEES = [descriptions.attendee(p) for p in ROOM]

HOSTILE = {
    "one name repeated": ("Okafor " * 15_000)[:100_000],
    "a run of dots then a letter": "." * 99_999 + "x",
    "one endless sentence": ("word " * 20_000)[:100_000],
    "a name in every sentence": ("Okafor. " * 12_500)[:100_000],
    "stops and spaces": "! " * 50_000,
    "a description in every sentence": ("The Nigerian colonel agreed. " * 3_500)[:100_000],
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_hostile_100_kb_text_is_checked_in_under_a_second(text):
    terms = terms_for(ROOM)
    start = time.process_time()
    find_attributions(text, terms, ATTENDEES)
    assert time.process_time() - start < 1.0


def test_a_run_of_dots_is_split_in_one_pass():
    start = time.process_time()
    assert split_sentences("." * 99_999 + "x") == [(0, 100_000)]
    assert time.process_time() - start < 0.5


def test_every_repetition_of_a_name_in_one_sentence_is_marked():
    text = "Okafor " * 2_000
    [finding] = find_attributions(text, terms_for(ROOM))
    assert len(finding.spans) == 2_000
