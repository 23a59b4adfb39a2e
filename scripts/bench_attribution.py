"""How long the non-attribution check takes on 1, 10 and 100 KB of text.

    .venv/bin/python scripts/bench_attribution.py

The attendees are a room of 40 (names, pseudonyms, affiliations, and the category, title
and country descriptions are checked against); the texts are a plain
summary and the hostile shapes that made the old check quadratic: one name repeated, one
run of dots, one endless sentence, a name in every sentence. Each figure is the best of
three runs, in milliseconds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mediation.records import descriptions
from mediation.records.attribution import find_attributions, terms_for

SIZES = {"1 KB": 1_000, "10 KB": 10_000, "100 KB": 100_000}

CATEGORIES = ["academic", "retired_civil", "retired_military", "public_figure"]
COUNTRIES = ["Republic of Korea", "DPRK", "United States", "Russia", "Lebanon"]
PEOPLE = [
    SimpleNamespace(
        name=f"Given{i} Surname{i}",
        pseudonym=f"Codename{i}",
        affiliation=f"Institute {i} for Strategic Studies",
        category=CATEGORIES[i % 4],
        country=COUNTRIES[i % 5],
        title="Professor" if i % 4 == 0 else "",
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
    ),
    SimpleNamespace(
        name="أمينة حداد",
        pseudonym="Delta",
        affiliation="جامعة القاهرة",
        category="social_activist",
        country="Egypt",
        title="",
    ),
]
ATTENDEES = [descriptions.attendee(p) for p in PEOPLE]

SHAPES = {
    "plain summary": "Participants weighed confidence-building measures and a hotline. ",
    "one name repeated": "Okafor ",
    "run of dots": ".",
    "one endless sentence": "word ",
    "a name per sentence": "Okafor agreed. ",
    "a description per sentence": "The Nigerian colonel agreed. ",
    "Arabic, names": "قالت أمينة حداد إن الخط الساخن أولاً. ",
}


def text_of(shape: str, size: int) -> str:
    unit = SHAPES[shape]
    text = (unit * (size // len(unit) + 1))[:size]
    return text[:-1] + "x" if shape == "run of dots" else text


def best_of_three(text: str, terms) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(3):
        start = time.perf_counter()
        found = len(find_attributions(text, terms, ATTENDEES))
        times.append(time.perf_counter() - start)
    return min(times) * 1000, found


def main() -> None:
    terms = terms_for(PEOPLE)
    print(f"{len(PEOPLE)} attendees, {len(terms)} terms; best of 3, milliseconds")
    print(f"{'text':28}" + "".join(f"{size:>12}" for size in SIZES) + "   findings at 100 KB")
    for shape in SHAPES:
        row, found = [], 0
        for size in SIZES.values():
            ms, found = best_of_three(text_of(shape, size), terms)
            row.append(f"{ms:12.1f}")
        print(f"{shape:28}" + "".join(row) + f"   {found}")


if __name__ == "__main__":
    main()
