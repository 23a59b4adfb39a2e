"""French and Arabic text for the entries a newcomer reads first.

Only creates rows: a term missing (renamed or removed by an editor) or already translated
in a language (an editor's version) is left alone. Facts, examples and questions stay in
English; the page shows them as they are.
"""

from django.db import migrations

TRANSLATIONS = {
    "track-ii": {
        "fr": {
            "name": "Diplomatie de voie II",
            "definition": (
                "Diplomatie informelle dans laquelle des personnes sans fonction officielle "
                "(universitaires, anciens fonctionnaires civils et militaires, personnalités "
                "publiques, militants) travaillent à apaiser ou à résoudre un conflit."
            ),
            "explanation": (
                "La voie II réunit, de part et d'autre d'un conflit, des personnes qui ne "
                "parlent au nom d'aucun gouvernement. Comme personne autour de la table n'est "
                "tenu par une position officielle, on peut y aborder ouvertement des sujets "
                "graves et sensibles, éprouver des idées que les gouvernements ne peuvent pas "
                "encore exprimer et bâtir la confiance dont dépendront plus tard les "
                "négociations formelles.\n\n"
                "Les rencontres sont en général petites et discrètes (ateliers, tables "
                "rondes, conversations à huis clos) et un processus dure souvent des mois, "
                "voire des années. Rien de ce qui s'y dit n'engage personne : sa valeur tient "
                "à ce que les participants rapportent à leurs communautés et, parfois, à ceux "
                "qui exercent le pouvoir."
            ),
            "guidance": (
                "Si votre conflit gagnerait à un dialogue informel, adressez-vous à des "
                "organisations universitaires ou de la société civile qui pratiquent la "
                "diplomatie de voie II."
            ),
        },
        "ar": {
            "name": "دبلوماسية المسار الثاني",
            "definition": (
                "دبلوماسية غير رسمية يعمل فيها أشخاص لا يشغلون مناصب رسمية، كالأكاديميين "
                "والمسؤولين المدنيين والعسكريين المتقاعدين والشخصيات العامة والناشطين، على "
                "تخفيف نزاع أو حلّه."
            ),
            "explanation": (
                "يجمع المسار الثاني أشخاصًا من أطراف النزاع لا يتحدثون باسم أي حكومة. ولأن "
                "أحدًا حول الطاولة غير مقيّد بموقف رسمي، يمكن تناول المسائل الجادة والحساسة "
                "بصراحة، واختبار أفكار لا تستطيع الحكومات الجهر بها بعد، وبناء الثقة التي "
                "تحتاج إليها المفاوضات الرسمية لاحقًا.\n\n"
                "تكون اللقاءات عادةً صغيرة وبعيدة عن الأضواء (ورش عمل، وموائد مستديرة، "
                "وأحاديث هادئة)، وكثيرًا ما تمتد العملية شهورًا أو سنوات. لا يُلزم ما يُقال "
                "فيها أحدًا: قيمتها فيما يحمله المشاركون إلى مجتمعاتهم، وأحيانًا إلى أصحاب "
                "القرار."
            ),
            "guidance": (
                "إن كان نزاعك يمكن أن يستفيد من حوار غير رسمي، فتواصل مع منظمات أكاديمية أو "
                "مجتمعية متخصصة في دبلوماسية المسار الثاني."
            ),
        },
    },
    "track-i": {
        "fr": {
            "name": "Diplomatie de voie I",
            "definition": (
                "Diplomatie officielle menée par les représentants des gouvernements "
                "(diplomates, ministres, chefs d'État) au nom de leurs États."
            ),
            "explanation": (
                "La voie I est le canal formel entre États et organisations internationales : "
                "négociations, sommets, traités et travail quotidien des ambassades. Ceux "
                "qui y prennent part parlent pour leur gouvernement et peuvent engager leur "
                "État.\n\n"
                "Cette autorité est aussi une contrainte : un négociateur officiel défend des "
                "positions publiques et peut difficilement explorer des idées que son "
                "gouvernement n'a pas approuvées. Les voies officieuses servent en partie à "
                "faire cette exploration à sa place."
            ),
            "guidance": "",
        },
        "ar": {
            "name": "دبلوماسية المسار الأول",
            "definition": (
                "الدبلوماسية الرسمية التي يمارسها ممثلو الحكومات، من دبلوماسيين ووزراء "
                "ورؤساء دول، باسم دولهم."
            ),
            "explanation": (
                "المسار الأول هو القناة الرسمية بين الدول والمنظمات الدولية: المفاوضات "
                "والقمم والمعاهدات والعمل اليومي للسفارات. ومن يشارك فيه يتحدث باسم حكومته "
                "ويستطيع أن يُلزم دولته.\n\n"
                "لكن هذه السلطة قيدٌ أيضًا: فالمفاوض الرسمي يدافع عن مواقف معلنة، ويصعب عليه "
                "استكشاف أفكار لم تقرّها حكومته. ومن أسباب وجود المسارات غير الرسمية أن "
                "تتولى هذا الاستكشاف عنه."
            ),
            "guidance": "",
        },
    },
    "track-1-5": {
        "fr": {
            "name": "Diplomatie de voie 1,5",
            "definition": (
                "Dialogue où des responsables gouvernementaux siègent à titre personnel, "
                "officieusement, aux côtés de non-officiels tels que des chercheurs et des "
                "experts."
            ),
            "explanation": (
                "La voie 1,5 se situe entre les voies officielle et officieuse. Des "
                "responsables en fonction y rejoignent des universitaires et des experts, "
                "mais parlent en leur nom propre : on peut donc y éprouver des idées sans "
                "que personne soit engagé.\n\n"
                "Comme des responsables sont présents, ce qui se dit parvient vite aux "
                "gouvernements ; comme ils le sont à titre informel, la conversation peut "
                "être plus franche qu'une négociation."
            ),
            "guidance": "",
        },
        "ar": {
            "name": "دبلوماسية المسار 1.5",
            "definition": (
                "حوار يشارك فيه مسؤولون حكوميون بصفتهم الشخصية وبشكل غير رسمي، إلى جانب "
                "غير رسميين كالباحثين والخبراء."
            ),
            "explanation": (
                "يقع المسار 1.5 بين المسار الرسمي والمسارات غير الرسمية. ينضم فيه مسؤولون "
                "في مناصبهم إلى أكاديميين وخبراء، لكنهم يتحدثون باسمهم لا باسم حكوماتهم، "
                "فتُختبر الأفكار دون أن يلتزم بها أحد.\n\n"
                "ولأن المسؤولين حاضرون، يصل ما يُناقَش إلى الحكومات سريعًا؛ ولأن حضورهم غير "
                "رسمي، يمكن أن يكون الحديث أصرح مما في المفاوضات."
            ),
            "guidance": "",
        },
    },
    "public-diplomacy": {
        "fr": {
            "name": "Diplomatie publique",
            "definition": (
                "Action, le plus souvent d'un gouvernement, pour s'adresser aux publics "
                "d'autres pays et influencer la façon dont ils le perçoivent."
            ),
            "explanation": (
                "Là où la voie I s'adresse aux autres gouvernements, la diplomatie publique "
                "s'adresse directement aux populations étrangères : échanges culturels et "
                "universitaires, bourses, médias internationaux, communication des "
                "ambassades. Elle est en général menée ou financée par l'État.\n\n"
                "Elle diffère de la voie II : la diplomatie publique est d'ordinaire un "
                "effort officiel pour façonner les opinions, alors que la voie II est un "
                "dialogue informel entre personnes sans mandat."
            ),
            "guidance": "",
        },
        "ar": {
            "name": "الدبلوماسية العامة",
            "definition": (
                "جهود تبذلها في الغالب حكومةٌ لمخاطبة جمهور دول أخرى والتأثير في نظرته "
                "إليها."
            ),
            "explanation": (
                "حين يخاطب المسار الأول الحكومات الأخرى، تخاطب الدبلوماسية العامة الناس في "
                "الخارج مباشرة: عبر التبادل الثقافي والتعليمي والمنح الدراسية والبث الدولي "
                "وأنشطة السفارات العامة. وتقودها الحكومة أو تموّلها في العادة.\n\n"
                "وهي تختلف عن المسار الثاني: فالدبلوماسية العامة جهد رسمي في الغالب لتشكيل "
                "التصورات، أما المسار الثاني فحوار غير رسمي بين أشخاص لا يحملون تفويضًا."
            ),
            "guidance": "",
        },
    },
    "chatham-house-rule": {
        "fr": {
            "name": "Règle de Chatham House",
            "definition": (
                "Règle de réunion selon laquelle les participants peuvent utiliser ce qu'ils "
                "entendent, sans jamais révéler qui l'a dit, ni l'identité ou l'affiliation "
                "des personnes présentes."
            ),
            "explanation": (
                "La règle est née en 1927 à Chatham House, siège de l'Institut royal des "
                "affaires internationales à Londres, pour encourager des échanges francs. "
                "Une réunion tenue sous cette règle n'est pas secrète : son contenu peut être "
                "utilisé et transmis, tant que rien ne permet d'identifier l'orateur ou un "
                "autre participant, ni par son nom ni par son organisation."
            ),
            "guidance": (
                "Sous cette règle, rédigez les résumés sans noms, sans fonctions et sans "
                "détails qui désigneraient quelqu'un."
            ),
        },
        "ar": {
            "name": "قاعدة تشاتام هاوس",
            "definition": (
                "قاعدة للاجتماعات تُجيز للمشاركين استخدام ما يسمعونه، دون الكشف أبدًا عن "
                "قائله ولا عن هوية أي من الحاضرين أو الجهة التي ينتمي إليها."
            ),
            "explanation": (
                "وُضعت القاعدة عام 1927 في تشاتام هاوس، مقر المعهد الملكي للشؤون الدولية في "
                "لندن، لتشجيع النقاش الصريح. والاجتماع الذي يُعقد وفقها ليس سريًا: يجوز "
                "استخدام مضمونه ونقله، ما دام لا شيء يكشف المتحدث أو أي مشارك آخر، لا "
                "باسمه ولا بمؤسسته."
            ),
            "guidance": (
                "في ظل هذه القاعدة، اكتب الملخصات دون أسماء ولا مناصب ولا تفاصيل تدلّ على "
                "شخص بعينه."
            ),
        },
    },
    "back-channel-diplomacy": {
        "fr": {
            "name": "Diplomatie en canal discret",
            "definition": (
                "Communication confidentielle et non rendue publique entre des parties, "
                "souvent adverses, à côté ou à la place de leurs contacts officiels."
            ),
            "explanation": (
                "Un canal discret permet aux parties de se parler quand un contact ouvert "
                "leur coûterait trop politiquement. Il peut passer par des responsables "
                "agissant en silence ou par des intermédiaires de confiance hors du "
                "gouvernement ; dans ce second cas, il rejoint la voie II. Des anciens "
                "responsables et des universitaires ont ainsi porté des échanges officieux "
                "entre les États-Unis et la Corée du Nord pour faire baisser les tensions.\n\n"
                "Ces canaux peuvent préparer des négociations formelles, mais leur secret a "
                "un prix : ceux qui en ont été tenus à l'écart peuvent se sentir contournés."
            ),
            "guidance": (
                "Un canal discret repose sur la discrétion : limitez le nombre de personnes "
                "informées et convenez à l'avance de ce qui se passera s'il est révélé."
            ),
        },
        "ar": {
            "name": "دبلوماسية القناة الخلفية",
            "definition": (
                "تواصل سري غير معلن بين أطراف، كثيرًا ما تكون متخاصمة، إلى جانب اتصالاتها "
                "الرسمية أو بدلًا منها."
            ),
            "explanation": (
                "تتيح القناة الخلفية للأطراف أن تتحاور حين يكون الاتصال العلني مكلفًا "
                "سياسيًا. وقد يحملها مسؤولون يعملون بهدوء أو وسطاء موثوقون من خارج الحكومة، "
                "وفي الحالة الثانية تلتقي بالمسار الثاني. ومن أمثلتها محادثات غير رسمية "
                "بين الولايات المتحدة وكوريا الشمالية يسّرها مسؤولون متقاعدون وأكاديميون "
                "لتخفيف التوتر.\n\n"
                "يمكن لهذه القنوات أن تمهّد لمفاوضات رسمية، لكن لسرّيتها ثمنًا: فمن أُبعدوا "
                "عنها قد يشعرون بالتجاوز حين تنكشف."
            ),
            "guidance": (
                "تقوم القناة الخلفية على الكتمان: قلّل عدد من يعلمون بها، واتفقوا مسبقًا على "
                "ما يحدث إن انكشفت."
            ),
        },
    },
}


def add_translations(apps, schema_editor):
    Term = apps.get_model("glossary", "Term")
    TermTranslation = apps.get_model("glossary", "TermTranslation")
    for term in Term.objects.filter(slug__in=TRANSLATIONS):
        for language, fields in TRANSLATIONS[term.slug].items():
            TermTranslation.objects.get_or_create(term=term, language=language, defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("glossary", "0003_term_translations")]

    operations = [migrations.RunPython(add_translations, migrations.RunPython.noop)]
