"""A labelled corpus for the non-attribution check: sentences a facilitator might write
about one room, each marked as one that must be stopped (it names or singles out someone
who was there) or one that must pass.

The room mixes scripts and the hard cases: given names, nicknames and other spellings, a
protected person known by a pseudonym, surnames that are common English words, Korean
particles and Arabic prefixes joined to names. Sentences marked `DESCRIPTION` single
someone out without naming them ("a retired colonel from the DPRK side").
"""

from types import SimpleNamespace

FLAG, PASS, DESCRIPTION = "flag", "pass", "description"


def _person(name, category, country, *, aliases="", pseudonym="", affiliation="", **more):
    return SimpleNamespace(
        name=name,
        category=category,
        country=country,
        title=more.get("title", ""),
        alias_list=[a.strip() for a in aliases.split(",") if a.strip()],
        pseudonym=pseudonym,
        affiliation=affiliation,
        public_name=pseudonym if more.get("protected") else name,
        side=more.get("side", ""),
    )


ROOM = [
    _person(
        "Amina Haddad",
        "academic",
        "Lebanon",
        aliases="Mina, أمينة حداد",
        affiliation="Institute for Peace Studies",
    ),
    _person(
        "Lee Min-jun",
        "retired_civil",
        "Republic of Korea",
        aliases="이민준",
        affiliation="Korea Institute for National Unification",
        side="ROK",
    ),
    _person(
        "Ri Chol-min",
        "retired_military",
        "DPRK",
        title="Colonel (retired)",
        pseudonym="Delta",
        protected=True,
        affiliation="Ministry of People's Armed Forces",
        side="DPRK",
    ),
    _person(
        "Rose Park",
        "academic",
        "Republic of Korea",
        title="Professor",
        affiliation="Seoul National University",
        side="ROK",
    ),
    _person("Karim Said", "social_activist", "Egypt", affiliation="Civil Society Forum"),
    _person("Élodie Lefèvre", "academic", "Switzerland", affiliation="Université de Genève"),
    _person(
        "James Okafor",
        "retired_military",
        "United States",
        title="General",
        affiliation="Retired, US Army",
    ),
    _person(
        "Han Soo-jin",
        "public_figure",
        "Republic of Korea",
        aliases="한수진",
        side="ROK",
        affiliation="Institute for Far Eastern Studies, Kyungnam University (IFES)",
    ),
    _person(
        "Nikolai Petrov",
        "retired_civil",
        "Russia",
        aliases="Николай Петров",
        affiliation="Primakov National Research Institute of World Economy / IMEMO",
    ),
]

CORPUS = [
    # --- Full names, in any case and spacing -----------------------------------------------
    ("Amina Haddad opened the discussion on water sharing.", FLAG),
    ("AMINA HADDAD opened the discussion.", FLAG),
    ("amina  haddad asked for a break.", FLAG),
    ("The notes record that James Okafor disagreed.", FLAG),
    ("Nikolai Petrov raised verification.", FLAG),
    ("Lee Min-jun suggested a joint statement.", FLAG),
    # --- Given names and surnames alone ----------------------------------------------------
    ("Amina said the hotline should come first.", FLAG),
    ("Haddad returned to the question of sequencing.", FLAG),
    ("Later Okafor proposed a pause.", FLAG),
    ("Élodie summarised the legal options.", FLAG),
    ("Elodie summarised the legal options.", FLAG),
    ("LEFEVRE objected to the wording.", FLAG),
    ("Nikolai thought the timeline too short.", FLAG),
    ("Petrov and others wanted more time.", FLAG),
    ("Karim spoke for the civil society groups.", FLAG),
    ("Min-jun asked about family reunions.", FLAG),
    ("James was the first to agree.", FLAG),
    ("Soo-jin asked for the text in Korean.", FLAG),
    # --- Possessives, hyphens, quotes, initials -------------------------------------------
    ("Okafor's proposal gained support.", FLAG),
    ("The Haddad-Lefèvre paper was circulated.", FLAG),
    ("«Petrov» was written on the board.", FLAG),
    ("J. Okafor asked for the floor.", FLAG),
    ("The idea was (Haddad) first floated in March.", FLAG),
    ("A paper by N. Petrov was cited.", FLAG),
    # --- Nicknames, other spellings, other scripts ----------------------------------------
    ("Mina pressed for a hotline.", FLAG),
    ("قالت أمينة حداد إن الخط الساخن يأتي أولاً.", FLAG),
    ("ثم تحدثت أمينة عن المياه.", FLAG),
    ("ووافقت أمينة على الصياغة.", FLAG),
    ("وصل الاقتراح لحداد متأخراً.", FLAG),
    ("이민준은 이산가족 문제를 제기했다.", FLAG),
    ("이민준의 제안이 받아들여졌다.", FLAG),
    ("한수진 씨가 통역을 요청했다.", FLAG),
    ("한수진이 먼저 발언했다.", FLAG),
    ("Николай Петров предложил паузу.", FLAG),
    ("Петров возражал.", FLAG),
    # --- Pseudonym of a protected person and affiliations ---------------------------------
    ("Delta insisted on sequencing.", FLAG),
    ("The delegate known as Delta left early.", FLAG),
    ("Someone from the Institute for Peace Studies proposed a pause.", FLAG),
    ("The Seoul National University participant took notes.", FLAG),
    ("A view from the Civil Society Forum was heard.", FLAG),
    ("The Ministry of People's Armed Forces position was restated.", FLAG),
    ("Colleagues from the Université de Genève offered a venue.", FLAG),
    ("The KINU paper on reunions was cited.", FLAG),
    ("Someone from SNU disagreed.", FLAG),
    # --- An affiliation by one of its parts, its abbreviation or its distinctive word ------
    ("A colleague from Kyungnam University asked about reunions.", FLAG),
    ("The Institute for Far Eastern Studies hosted the dinner.", FLAG),
    ("The IFES researcher took notes.", FLAG),
    ("The Kyungnam view was that reunions come first.", FLAG),
    ("Someone from IMEMO raised verification.", FLAG),
    ("The Primakov paper on sanctions was cited.", FLAG),
    ("The Ministry of People’s Armed Forces position was restated.", FLAG),
    # --- Names that are common words, where they read as names ----------------------------
    ("The room then heard Park on sequencing.", FLAG),
    ("Mr Park asked for a recess.", FLAG),
    ("Professor Park disagreed.", FLAG),
    ("After lunch, Said returned to the draft.", FLAG),
    ("Dr Said quoted the armistice.", FLAG),
    ("Rose Park chaired the afternoon.", FLAG),
    # --- Descriptions that fit one person -------------------------------------------------
    ("A retired colonel of the Korean People's Army insisted on sequencing.", DESCRIPTION),
    ("The only activist in the room asked about detainees.", DESCRIPTION),
    ("The Lebanese academic disagreed.", DESCRIPTION),
    ("The retired American general wanted a pause.", DESCRIPTION),
    ("The Russian former official raised verification.", DESCRIPTION),
    ("A participant from the DPRK side asked for a recess.", DESCRIPTION),
    ("The Swiss scholar offered a venue.", DESCRIPTION),
    ("The journalist among us took no notes.", DESCRIPTION),
    ("The Egyptian participant spoke last.", DESCRIPTION),
    # --- What must pass: no one named, no one singled out ---------------------------------
    ("Participants explored confidence-building measures.", PASS),
    ("Several participants stressed the humanitarian dimension.", PASS),
    ("The group agreed to meet again in the spring.", PASS),
    ("They walked in the park after the session.", PASS),
    ("Park the question of sanctions for now, one participant suggested.", PASS),
    ("A rose was placed on every table.", PASS),
    ("The chair said the hotline should come first.", PASS),
    ("Someone said that trust takes time.", PASS),
    ("Will the sides agree on a timeline?", PASS),
    ("The fleet was discussed at length.", PASS),
    ("Leeway in the timeline was requested.", PASS),
    ("The Haddadin family was mentioned as an example.", PASS),
    ("Petrovsky Square was suggested as a venue.", PASS),
    ("Jameson whisky was served at dinner.", PASS),
    ("The amina acid test was an unrelated metaphor.", PASS),
    ("Water sharing in the basin was the first topic.", PASS),
    ("A joint statement was drafted and read aloud.", PASS),
    ("Views differed on the order of the steps.", PASS),
    ("One participant proposed a technical working group.", PASS),
    ("There was broad support for family reunions.", PASS),
    ("이산가족 문제가 제기되었다.", PASS),
    ("참가자들은 다음 회의를 봄에 열기로 했다.", PASS),
    ("ناقش المشاركون تقاسم المياه.", PASS),
    ("وافق الجميع على الصياغة.", PASS),
    ("Участники обсудили проверку.", PASS),
    ("The question of verification was left open.", PASS),
    ("A number of experts spoke about the armistice.", PASS),
    ("The discussion moved to sanctions relief.", PASS),
    ("It was agreed that nothing would be attributed.", PASS),
    ("The summary was read back to the room.", PASS),
    ("Participants said the timeline was too short.", PASS),
    ("The park near the hotel was closed.", PASS),
    ("The river delta was used as a case study.", PASS),
    ("The data showed ips and dips over the years.", PASS),
    # --- Descriptions that fit two or more: they single no one out -------------------------
    ("A Korean participant asked about family reunions.", PASS),
    ("An academic suggested a working group.", PASS),
    ("A participant from the ROK side agreed.", PASS),
    ("A former official recalled the 1994 framework.", PASS),
    ("A retired officer described the armistice mechanisms.", PASS),
    ("The United States' position on sanctions was discussed.", PASS),
    ("The general discussion turned to verification.", PASS),
    ("Military confidence-building measures were the first topic.", PASS),
    ("Several academics cited the same study.", PASS),
    ("Russian and American proposals were compared.", PASS),
    # --- The everyday words of affiliations name no institution ---------------------------
    ("A university in the region offered to host the next round.", PASS),
    ("Research institutes on both sides could exchange data.", PASS),
    ("The armed forces of both sides keep hotlines.", PASS),
    ("Seoul was suggested as the venue of the next round.", PASS),
    ("World economy trends were set aside.", PASS),
    ("The US position on sanctions was discussed.", PASS),
]
