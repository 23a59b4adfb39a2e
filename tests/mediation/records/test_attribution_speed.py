"""The non-attribution check does work in proportion to the text: the hostile texts that
once took 30 to 90 seconds grow its work about tenfold from 5 KB to 50 KB, not a
hundredfold.

The work is counted, not timed: the number of Python calls the check makes (cProfile's
count, the same on any machine and under any load). Its time is a benchmark,
`make bench-attribution` (0.1 to 0.5 s for 100 KB on this project's 2-core machine).
"""

import cProfile
import pstats
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


def calls_made(check, *args) -> int:
    profile = cProfile.Profile()
    profile.enable()
    check(*args)
    profile.disable()
    return pstats.Stats(profile).total_calls


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_ten_times_the_hostile_text_is_about_ten_times_the_work(text):
    """Measured: 4.3 to 6.3 times (a fixed part doesn't grow); a quadratic check is far over."""
    terms = terms_for(ROOM)
    small = calls_made(find_attributions, text[:5_000], terms, ATTENDEES)
    large = calls_made(find_attributions, text[:50_000], terms, ATTENDEES)
    assert large <= 11 * small


def test_a_run_of_dots_is_split_in_one_pass():
    assert split_sentences("." * 99_999 + "x") == [(0, 100_000)]
    small = calls_made(split_sentences, "." * 4_999 + "x")
    large = calls_made(split_sentences, "." * 49_999 + "x")
    assert large <= 11 * small


def test_every_repetition_of_a_name_in_one_sentence_is_marked():
    text = "Okafor " * 2_000
    [finding] = find_attributions(text, terms_for(ROOM))
    assert len(finding.spans) == 2_000
