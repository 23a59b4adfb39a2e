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
