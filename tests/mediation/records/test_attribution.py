"""The non-attribution check finds every sentence that names an attendee, and nothing else."""

from types import SimpleNamespace

import pytest

from mediation.records.attribution import (
    Kind,
    Term,
    find_attributions,
    highlight,
    split_sentences,
    terms_for,
    unconfirmed,
)


def person(name, pseudonym="", affiliation=""):
    return SimpleNamespace(name=name, pseudonym=pseudonym, affiliation=affiliation)


AMINA = person("Amina Haddad", affiliation="Institute for Peace Studies")
LEE = person("Min-jun Lee")
DELTA = person("Ri Chol-min", pseudonym="Delta")
ELODIE = person("Élodie Lefèvre", affiliation="Université de Genève")


def check(text, *people):
    return find_attributions(text, terms_for(people))


def test_terms_are_full_name_given_name_surname_pseudonym_and_affiliation():
    terms = {(t.text, t.kind) for t in terms_for([AMINA, DELTA])}
    assert terms == {
        ("Amina Haddad", Kind.NAME),
        ("Amina", Kind.NAME),
        ("Haddad", Kind.NAME),
        ("Institute for Peace Studies", Kind.AFFILIATION),
        ("IPS", Kind.AFFILIATION),
        ("Ri Chol-min", Kind.NAME),
        ("Chol-min", Kind.NAME),
        ("Delta", Kind.PSEUDONYM),
    }


def test_a_name_part_shorter_than_three_letters_is_not_a_term():
    terms = {t.text for t in terms_for([person("Wei Li"), person("Bo Ana")])}
    assert terms == {"Wei Li", "Wei", "Bo Ana", "Ana"}


def test_sentences_split_on_stops_questions_exclamations_and_newlines():
    text = "First one. Second one! Third?\nFourth line\n\nFifth"
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "First one.",
        "Second one!",
        "Third?",
        "Fourth line",
        "Fifth",
    ]


def test_it_finds_a_full_name():
    findings = check("We met in Geneva. Amina Haddad proposed a ceasefire.", AMINA)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.sentence == "Amina Haddad proposed a ceasefire."
    assert finding.term == "Amina Haddad"
    assert finding.kind == Kind.NAME
    text = "We met in Geneva. Amina Haddad proposed a ceasefire."
    assert text[finding.start : finding.end] == "Amina Haddad"


def test_it_finds_a_surname_alone():
    [finding] = check("Then Haddad disagreed.", AMINA)
    assert finding.term == "Haddad"


def test_it_finds_a_pseudonym():
    [finding] = check("Delta asked for a pause.", DELTA)
    assert (finding.term, finding.kind) == ("Delta", Kind.PSEUDONYM)


def test_it_finds_an_affiliation():
    [finding] = check("Someone from the institute for peace studies objected.", AMINA)
    assert finding.kind == Kind.AFFILIATION


@pytest.mark.parametrize(
    "text",
    [
        "The fleet stayed in port.",
        "There was some leeway on the timetable.",
        "Ships sailed on the LEEWARD side.",
        "Deltas form at river mouths.",
        "The Haddadi family was mentioned.",
        "A deltaic plain.",
    ],
)
def test_a_name_inside_another_word_is_not_a_match(text):
    assert check(text, LEE, DELTA, AMINA) == []


def test_lee_alone_is_still_a_match():
    [finding] = check("Lee disagreed.", LEE)
    assert finding.term == "Lee"
    [finding] = check("It was lee's idea.", LEE)
    assert finding.term == "Lee"


@pytest.mark.parametrize("text", ["AMINA HADDAD spoke.", "amina  haddad spoke."])
def test_case_and_spacing_do_not_hide_a_name(text):
    [finding] = check(text, AMINA)
    assert finding.term == "Amina Haddad"


def test_a_name_broken_over_two_lines_is_found_on_each_line():
    findings = check("Amina\nHaddad spoke.", AMINA)
    assert [(f.term, f.sentence) for f in findings] == [
        ("Amina", "Amina"),
        ("Haddad", "Haddad spoke."),
    ]


def test_a_given_name_alone_is_found():
    [finding] = check("Amina said the hotline should come first.", AMINA)
    assert (finding.term, finding.kind) == ("Amina", Kind.NAME)


@pytest.mark.parametrize(
    "text", ["Haddad's proposal won.", "The Haddad-Kim paper was cited.", "«Haddad» objected."]
)
def test_possessives_hyphens_and_quotes_do_not_hide_a_surname(text):
    [finding] = check(text, AMINA)
    assert finding.term == "Haddad"


def test_a_stop_inside_a_number_or_abbreviation_does_not_end_the_sentence():
    text = "Costs rose 3.5 percent, e.g.in fuel. Next."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "Costs rose 3.5 percent, e.g.in fuel.",
        "Next.",
    ]


def test_accents_and_case_are_folded():
    assert check("ÉLODIE LEFÈVRE agreed.", ELODIE)[0].term == "Élodie Lefèvre"
    assert check("Elodie Lefevre agreed.", ELODIE)[0].term == "Élodie Lefèvre"
    assert check("The universite de geneve hosted.", ELODIE)[0].kind == Kind.AFFILIATION


def test_offsets_point_into_the_original_text_after_accents():
    text = "Ça va. Après la pause, lefèvre a parlé."
    [finding] = check(text, ELODIE)
    assert text[finding.start : finding.end] == "lefèvre"


def test_several_findings_in_one_sentence():
    text = "Haddad and Delta both agreed, Lee did not."
    findings = check(text, AMINA, DELTA, LEE)
    assert [f.term for f in findings] == ["Haddad", "Delta", "Lee"]
    assert len({f.sentence for f in findings}) == 1
    assert len({f.id for f in findings}) == 3


def test_a_surname_inside_the_full_name_is_one_finding():
    findings = check("Amina Haddad spoke first.", AMINA)
    assert [f.term for f in findings] == ["Amina Haddad"]


def test_the_same_name_twice_in_a_sentence_is_one_finding_with_two_spans():
    text = "Delta spoke, then Delta spoke again."
    [finding] = check(text, DELTA)
    assert [text[s:e] for s, e in finding.spans] == ["Delta", "Delta"]


def test_finding_ids_are_stable_and_change_with_the_sentence():
    first = check("Delta spoke.", DELTA)[0].id
    assert check("Intro. Delta spoke.", DELTA)[0].id == first
    assert check("Delta spoke loudly.", DELTA)[0].id != first


def test_a_clean_summary_has_no_findings():
    assert check("Participants explored confidence-building measures.", AMINA, DELTA) == []
    assert check("", AMINA) == []


def test_highlight_escapes_first_then_marks():
    text = "<b>Delta</b> & friends."
    html = str(highlight(text, check(text, DELTA)))
    assert html == "&lt;b&gt;<mark>Delta</mark>&lt;/b&gt; &amp; friends."


def test_confirmation_partial_complete_and_stale():
    findings = check("Delta spoke. Haddad replied.", DELTA, AMINA)
    ids = [f.id for f in findings]
    assert unconfirmed(findings, ids) == (set(), set())
    missing, stale = unconfirmed(findings, ids[:1])
    assert missing == {ids[1]}
    assert stale == set()
    missing, stale = unconfirmed(findings, [*ids, "0123456789abcdef"])
    assert missing == set()
    assert stale == {"0123456789abcdef"}


def test_terms_can_be_given_directly():
    [finding] = find_attributions("The Acme delegation left.", [Term("ACME", Kind.AFFILIATION)])
    assert finding.kind == Kind.AFFILIATION


ROSE_PARK = person("Rose Park")
EDWARD_SAID = person("Edward Said")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("The delegation heard Park on sequencing.", "capitalised mid-sentence"),
        ("Mr Park insisted on sequencing.", "after a title"),
        ("Later, Colonel Rose objected.", "after a title"),
    ],
)
def test_a_name_that_is_a_common_word_is_found_where_it_reads_as_a_name(text, why):
    [finding] = check(text, ROSE_PARK)
    assert finding.note == why


@pytest.mark.parametrize(
    "text",
    [
        "They walked in the park after the session.",
        "Park the question of sanctions for now.",
        "A rose was on every table.",
        "The chair said the hotline should come first.",
    ],
)
def test_a_name_that_is_a_common_word_is_not_found_where_it_reads_as_the_word(text):
    assert check(text, ROSE_PARK, EDWARD_SAID) == []


def test_the_full_name_is_found_whatever_its_parts_are():
    [finding] = check("rose park spoke.", ROSE_PARK)
    assert (finding.term, finding.note) == ("Rose Park", "")


@pytest.mark.parametrize(
    "text",
    [
        "김민준은 핫라인을 먼저 제안했다.",  # the topic particle joined to the name
        "김민준의 제안이 받아들여졌다.",  # the possessive particle
        "회의에서 김민준 씨가 말했다.",  # the honorific apart
    ],
)
def test_a_korean_name_is_found_with_the_particle_joined_to_it(text):
    [finding] = check(text, person("김민준"))
    assert finding.term == "김민준"
    assert text[finding.start : finding.end].startswith("김민준")


def test_a_korean_name_inside_a_longer_word_is_not_found():
    assert check("김민준호 선생이 말했다.", person("김민준")) == []


@pytest.mark.parametrize(
    "text", ["قالت أمينة حداد إن الخط الساخن أولاً.", "ثم تحدثت أمينة.", "ووافقت وأمينة على ذلك."]
)
def test_an_arabic_name_is_found_alone_or_with_a_joined_conjunction(text):
    findings = check(text, person("أمينة حداد"))
    assert findings, text


def test_an_arabic_name_is_found_by_its_surname_with_a_joined_preposition():
    [finding] = check("وصل الاقتراح لحداد متأخراً.", person("أمينة حداد"))
    assert finding.term == "حداد"


def test_the_names_a_person_is_also_known_as_are_terms_with_their_parts():
    from mediation.models import Participant

    amina = Participant(name="Amina Haddad", aliases="Mina; Amina Hadad,\nأمينة حداد")
    assert amina.alias_list == ["Mina", "Amina Hadad", "أمينة حداد"]
    names = {t.text for t in terms_for([amina]) if t.kind == Kind.NAME}
    assert {"Mina", "Amina Hadad", "Hadad", "أمينة حداد", "أمينة", "حداد"} <= names


@pytest.mark.parametrize(
    "text", ["Mina pressed for a hotline.", "The hotline was Hadad's idea.", "اقترحت أمينة ذلك."]
)
def test_a_nickname_another_spelling_or_script_is_found(text):
    from mediation.models import Participant

    amina = Participant(name="Amina Haddad", aliases="Mina, Amina Hadad, أمينة حداد")
    [finding] = find_attributions(text, terms_for([amina]))
    assert finding.who == ("Amina Haddad",)


def test_an_affiliation_of_three_words_is_found_by_its_abbreviation_in_capitals():
    army = person("Ri Chol-min", affiliation="Korean People's Army")
    assert "KPA" in {t.text for t in terms_for([army])}
    [finding] = check("A KPA view was put forward.", army)
    assert (finding.term, finding.kind) == ("KPA", Kind.AFFILIATION)
    assert check("The kpa value was low.", army) == []
    embassy = person("Ann Lee", affiliation="Irish Embassy")
    assert "IE" not in {t.text for t in terms_for([embassy])}  # two words: no abbreviation


def test_an_affiliation_is_also_written_as_its_parts_abbreviations_and_proper_names():
    from mediation.records.affiliations import Case, forms_of

    forms = forms_of("Institute for Far Eastern Studies, Kyungnam University (IFES)")
    assert [(f.text, f.case) for f in forms] == [
        ("Institute for Far Eastern Studies, Kyungnam University (IFES)", Case.ANY),
        ("Institute for Far Eastern Studies", Case.ANY),
        ("IFES", Case.CAPITALS),  # the initials of the first part, and the bracketed word
        ("Kyungnam University", Case.ANY),
        ("Kyungnam", Case.CAPITALISED),
    ]


@pytest.mark.parametrize(
    "affiliation",
    ["Korea Institute for National Unification", "Retired, US Army", "Civil Society Forum"],
)
def test_everyday_words_of_an_affiliation_and_countries_are_not_forms_of_it(affiliation):
    from mediation.records.affiliations import forms_of

    words = {f.text for f in forms_of(affiliation)} - {affiliation}
    assert not words & {"Korea", "Institute", "National", "Retired", "US", "Army", "Civil"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The Kyungnam team asked for a recess.", "Kyungnam"),
        ("Colleagues from Kyungnam University agreed.", "Kyungnam University"),
        ("An IFES paper was read.", "IFES"),
    ],
)
def test_a_part_of_an_affiliation_points_to_the_person_from_there(text, found):
    han = person(
        "Han Soo-jin", affiliation="Institute for Far Eastern Studies, Kyungnam University (IFES)"
    )
    [finding] = check(text, han)
    assert (finding.term, finding.kind, finding.who) == (found, Kind.AFFILIATION, ("Han Soo-jin",))


def test_a_distinctive_word_of_an_affiliation_counts_only_capitalised():
    carnegie = person("Ann Lee", affiliation="Carnegie Endowment for International Peace")
    assert check("The carnegie hall was booked.", carnegie) == []
    assert [f.term for f in check("A Carnegie fellow spoke.", carnegie)] == ["Carnegie"]


def test_a_typographic_apostrophe_reads_as_the_typed_one():
    army = person("Ri Chol-min", affiliation="Korean People's Army")
    [finding] = check("The Korean People’s Army view was restated.", army)
    assert finding.term == "Korean People's Army"


def test_the_proper_name_of_an_affiliation_does_not_count_at_a_sentences_start():
    """Every word is capitalised there: "Uppsala" may be the city, "Graduate" the word."""
    uppsala = person("Margaret Lindqvist", affiliation="Uppsala University")
    graduate = person("Ann Lee", affiliation="Graduate Institute Geneva")
    assert check("Uppsala hosted the first round.", uppsala) == []
    assert check("Graduate students took notes.", graduate) == []
    assert [f.term for f in check("A view from Uppsala was heard.", uppsala)] == ["Uppsala"]


def test_only_a_name_heading_an_institution_is_a_form_of_the_affiliation():
    from mediation.records.affiliations import forms_of

    assert [f.text for f in forms_of("Valley Water Alliance")] == [
        "Valley Water Alliance",
        "VWA",
    ]
    assert [f.text for f in forms_of("Former State Department")] == ["Former State Department"]
