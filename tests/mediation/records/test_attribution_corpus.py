"""The non-attribution check against the labelled corpus: it stops every sentence naming
or singling out someone (recall 1.0) and stops few that do neither (precision at least
0.9). The figures
are printed (`pytest -s`) and noted on the issue that asked for them."""

from mediation.records import descriptions
from mediation.records.attribution import find_attributions, terms_for

from .attribution_corpus import CORPUS, DESCRIPTION, FLAG, PASS, ROOM

TERMS = terms_for(ROOM)
ATTENDEES = [descriptions.attendee(p, side=p.side) for p in ROOM]


def _flagged(sentence: str) -> bool:
    return bool(find_attributions(sentence, TERMS, ATTENDEES))


def test_the_corpus_is_large_and_mixed_enough():
    labels = [label for _sentence, label in CORPUS]
    assert len(CORPUS) >= 80
    assert labels.count(FLAG) >= 30 and labels.count(PASS) >= 25
    scripts = {"arabic": "\u0600", "hangul": "\uac00", "cyrillic": "\u0400"}
    for name, low in scripts.items():
        assert any(
            any(low <= ch <= chr(ord(low) + 0x2FF) for ch in sentence) for sentence, _l in CORPUS
        ), name


def test_precision_and_recall_on_the_corpus():
    should = [s for s, label in CORPUS if label in {FLAG, DESCRIPTION}]
    should_not = [s for s, label in CORPUS if label == PASS]
    missed = [s for s in should if not _flagged(s)]
    false_alarms = [s for s in should_not if _flagged(s)]
    caught = len(should) - len(missed)
    recall = caught / len(should)
    precision = caught / (caught + len(false_alarms))
    print(
        f"\nattribution corpus: {len(should)} to stop, {len(should_not)} to pass; "
        f"recall {recall:.3f}, precision {precision:.3f}; "
        f"missed {missed}; false alarms {false_alarms}"
    )
    assert missed == []
    assert precision >= 0.9


def test_each_description_finding_says_whom_it_fits():
    for sentence, label in CORPUS:
        if label != DESCRIPTION:
            continue
        [finding] = [
            f for f in find_attributions(sentence, TERMS, ATTENDEES) if f.kind == "description"
        ]
        assert len(finding.who) == 1, sentence
