"""Words the non-attribution check needs to know, kept apart from its logic.

- `COMMON_WORDS`: English words that are also given names or surnames. Such a name alone
  ("Park", "Rose", "Said") is a finding only where it reads as a name: capitalised in the
  middle of a sentence, or after a title ("Mr Park", "Colonel Rose").
- `TITLES`: words that, before a capitalised name, make it one ("Colonel Rose"), and
  `HONORIFICS`, those that make one of a name in any case ("mr park").
- `HANGUL_PARTICLES`: Korean particles written joined to the name before them
  ("김민준은", "김민준의"): without them the name would not be a whole word.
- `ARABIC_PROCLITICS`: one-letter Arabic words written joined to the name after them
  ("وأمينة", "لحداد").
- `INSTITUTION_WORDS`: the everyday words of institutions' names ("Institute", "Ministry",
  "Army", "National"): a word of an affiliation that is one of them does not name it alone
  (affiliations.py), while "Kyungnam" in "Kyungnam University" does.

All lower case, as the check folds the text before matching. Word lists are written as
text split on spaces, which reads better than hundreds of quoted items.
"""

COMMON_WORDS = frozenset(
    """
    amber april art august autumn baker banks bell bill bird black bliss brown bull bush
    carpenter chase cook crane cross crystal dale dawn dean destiny drake east eve faith
    field fields fisher ford fox frank gale glass glen gold golden good grace grant gray
    green grey guy hale hall hardy harmony hart hawk hay hazel head hero high hill holly
    honor hope house hunt hunter iris ivy jade jay jolly joy june justice king lake lamb
    land lane liberty lily little long lord love low major march mark marsh mason max may
    meadow miles mills money moon moss noble north oak page park pearl penny pierce pike pool
    pope power price prince rain ray read reed rice rich ridge river rivers rock rose royal
    ruby rush sage said sandy sharp short sky snow song south spring stark steel sterling
    stone storm street strong summer sun swan sweet thorn tower true violet wade wall ward
    waters well wells west white will win winter wise wolf wood woods worth young
    """.split()  # noqa: SIM905
)

TITLES = frozenset(
    """
    mr mrs ms miss mx dr doctor prof professor sir dame madam lord lady ambassador minister
    deputy secretary president vice chair chairman chairwoman director senator judge mayor
    governor general gen colonel col lieutenant lt major maj captain capt commander cdr
    admiral adm brigadier marshal sergeant sheikh shaykh imam rabbi father reverend rev
    """.split()  # noqa: SIM905
)

HANGUL_PARTICLES = tuple(
    """
    은 는 이 가 을 를 의 와 과 도 만 에 에게 에게서 한테 께 께서 로 으로 에서 랑 이랑 씨 님
    """.split()  # noqa: SIM905
)

HONORIFICS = frozenset({"mr", "mrs", "ms", "mx", "dr", "prof"})

ARABIC_PROCLITICS = ("و", "ف", "ب", "ل", "ك")

INSTITUTION_WORDS = frozenset(
    """
    academy action administration affairs africa african agency aid air alliance america
    american armed army asia asian assembly association authority bank battalion board
    border brigade bureau cabinet center centre chamber church city civil coalition coast
    college command commerce commission committee communications conflict congress consulate
    cooperation corps council court crescent crisis cross daily defence defense delegation
    democracy department development dialogue directorate division east eastern economic
    economics economy education embassy endowment energy environment europe european
    faculty federal federation force forces foreign forum foundation front fund global
    government governance group guard headquarters health human humanitarian independent
    industry information initiative institute institution institutions intelligence
    international justice labour labor law league legal management maritime media middle
    military ministry mission movement municipal national nations naval navy negotiation
    network news north northern office officers organisation organization pacific
    parliament party peace people people's policy political politics press private program
    programme project province provincial public radio reconciliation red regiment regional
    relations relief republic research resolution retired rights school science sciences
    secretariat security senate service services social society south southern staff state
    states strategic strategy studies study technology television temple times trade
    transitional trust union united unification universite university veterans west
    western women workers world youth former
    """.split()  # noqa: SIM905
)
