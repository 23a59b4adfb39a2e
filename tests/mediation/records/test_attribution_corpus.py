"""The non-attribution check against the labelled corpus: it stops every sentence naming
someone (recall 1.0) and stops few that name no one (precision at least 0.9). The figures
are printed (`pytest -s`) and noted on the issue that asked for them."""

import pytest

from mediation.records.attribution import find_attributions, terms_for

from .attribution_corpus import CORPUS, DESCRIPTION, FLAG, PASS, ROOM

TERMS = terms_for(ROOM)


def _flagged(sentence: str) -> bool:
    return bool(find_attributions(sentence, TERMS))


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
    should = [s for s, label in CORPUS if label == FLAG]
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


@pytest.mark.xfail(strict=True, reason="descriptions are not read yet (issue 12)")
def test_descriptions_that_fit_one_attendee_are_stopped():
    missed = [s for s, label in CORPUS if label == DESCRIPTION and not _flagged(s)]
    assert missed == []
