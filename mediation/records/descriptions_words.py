"""Words that describe a person, for `descriptions.py`. All lower case, as the check folds
the text before matching; written as text split on spaces or commas where that reads
better than quoted items.

- `CATEGORY_FORMS`: per Participant category, the words that say a person is of it. Only
  words for a person: "military" alone describes a topic, "a military officer" a person.
- `NEEDS_BEFORE`: words of those that are everyday words too, and the words one of which
  must come in the three before it: "the retired American general", not "the general
  discussion".
- `CAPACITY_FORMS`: per Invitation capacity, the phrases that say it.
- `COUNTRY_FORMS`: per country (as typed on the roster, folded), other ways to write it and
  its demonyms. A country missing here is still found by its roster spelling.
- `PERSON_WORDS`: words for a person, which let a country or side describe one.
- `TITLE_SKIPPED`: words of a title that say nothing on their own ("retired", "former"),
  and `TITLE_COMMON`, titles that are everyday words.
"""

CATEGORY_FORMS = {
    "academic": ["academic", "professor", "scholar", "researcher", "lecturer"],
    "retired_civil": [
        "retired official",
        "former official",
        "retired diplomat",
        "former diplomat",
        "diplomat",
        "civil servant",
        "former minister",
        "former ambassador",
        "ambassador",
    ],
    "retired_military": [
        "retired military officer",
        "military officer",
        "retired officer",
        "former officer",
        "officer",
        "general",
        "colonel",
        "admiral",
        "brigadier",
        "veteran",
        "soldier",
    ],
    "public_figure": ["public figure", "journalist", "writer", "broadcaster"],
    "social_activist": ["activist", "campaigner", "civil society representative"],
}

CAPACITY_FORMS = {
    "official": [
        "official capacity",
        "in an official capacity",
        "government representative",
        "serving official",
    ],
}

COUNTRY_FORMS = {
    "dprk": ["north korea", "north korean", "korean", "pyongyang"],
    "democratic people's republic of korea": ["dprk", "north korea", "north korean", "korean"],
    "north korea": ["dprk", "north korean", "korean"],
    "republic of korea": ["rok", "south korea", "south korean", "korean", "seoul"],
    "south korea": ["rok", "south korean", "korean", "seoul"],
    "korea": ["korean"],
    "united states": ["american", "usa", "u.s."],
    "united states of america": ["american", "usa", "united states"],
    "usa": ["american", "united states"],
    "united kingdom": ["british", "uk"],
    "china": ["chinese", "prc"],
    "japan": ["japanese"],
    "russia": ["russian"],
    "russian federation": ["russian", "russia"],
    "lebanon": ["lebanese"],
    "syria": ["syrian"],
    "israel": ["israeli"],
    "palestine": ["palestinian"],
    "jordan": ["jordanian"],
    "egypt": ["egyptian"],
    "iran": ["iranian"],
    "iraq": ["iraqi"],
    "turkey": ["turkish"],
    "turkiye": ["turkish"],
    "france": ["french"],
    "germany": ["german"],
    "switzerland": ["swiss"],
    "norway": ["norwegian"],
    "sweden": ["swedish"],
    "finland": ["finnish"],
    "ukraine": ["ukrainian"],
    "armenia": ["armenian"],
    "azerbaijan": ["azerbaijani", "azeri"],
    "georgia": ["georgian"],
    "cyprus": ["cypriot"],
    "colombia": ["colombian"],
    "india": ["indian"],
    "pakistan": ["pakistani"],
    "afghanistan": ["afghan"],
    "sudan": ["sudanese"],
    "ethiopia": ["ethiopian"],
    "nigeria": ["nigerian"],
    "south africa": ["south african"],
}

NEEDS_BEFORE = {"general": {"retired", "former", "ex", "ret"}}

PERSON_WORDS = """
participant attendee delegate expert member person speaker someone representative
colleague man woman guest he she
""".split()  # noqa: SIM905

TITLE_SKIPPED = {"retired", "former", "the", "and", "ret"}

# Titles that are also everyday words ("the general discussion", "a major point"): a title
# of these is not looked for on its own (the category's phrases, "retired general", are).
TITLE_COMMON = {"general", "major", "chair", "private", "marshal"}
