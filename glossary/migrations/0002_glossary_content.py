"""The glossary's first content: the terms a newcomer to Track II work needs.

Editors change this content in the admin afterwards, so this migration only ever creates:
a term whose slug already exists is left exactly as it is, with its facts, examples and
questions, and a comparison or related-term link is added only when missing. Later content
migrations must follow the same rule (get_or_create, never update or delete).

The content is frozen here rather than imported from the app, as a migration must keep
working whatever the app's code becomes.
"""

from django.db import migrations

REAL = "real_world"
HYPOTHETICAL = "hypothetical"

TERMS = [
    {
        "slug": "track-ii",
        "name": "Track II diplomacy",
        "aliases": "Track II, Track 2, Track two diplomacy",
        "definition": (
            "Informal diplomacy in which people who hold no official post, such as scholars, "
            "retired officials, public figures and activists, work to ease or resolve a "
            "conflict."
        ),
        "explanation": (
            "Track II diplomacy brings together people from the sides of a conflict who do "
            "not speak for any government: academics, former civil servants and former "
            "military officers, well-known public figures and social activists. Because "
            "nobody at the table is bound by an official position, they can take up serious "
            "and sensitive questions openly, try out ideas that governments are not ready "
            "to voice, and build the trust that formal talks later depend on.\n\n"
            "The meetings are usually small and discreet (workshops, roundtables, quiet "
            "conversations) and a process often runs for months or years. Nothing decided "
            "there binds anyone: its value lies in what participants take back to their "
            "own communities and, sometimes, to those who hold office.\n\n"
            "The American diplomat Joseph Montville coined the expression in 1981, to set "
            "this unofficial work apart from Track I, the official channel between "
            "governments."
        ),
        "guidance": (
            "If you are part of a conflict that could use informal dialogue, look for "
            "universities, research institutes or civil-society organisations with "
            "experience of Track II work. They can convene discreet meetings and help find "
            "facilitators whom every side trusts.\n\n"
            "Talking through unofficial channels can bring out perspectives and options "
            "that formal negotiations miss, without committing anyone to a position.\n\n"
            "If you are organizing such a dialogue, agree early on the confidentiality rule "
            "each meeting will follow (the Chatham House Rule is a common choice) and on who "
            "will facilitate."
        ),
        "facts": [
            ("Type", "Informal, unofficial diplomacy"),
            ("Participants", "Non-officials: academics, retired officials, public figures, "
             "activists"),
            ("Purpose", "Resolving conflict by opening and sustaining dialogue"),
            ("Flexibility", "High: sensitive issues can be discussed openly"),
            ("Outcomes", "Ideas, understanding and trust; nothing binding"),
        ],
        "examples": [
            (REAL, (
                "Retired officials and academics have carried unofficial back-channel talks "
                "between the United States and North Korea, seeking to lower tensions and to "
                "explore which agreements might be within reach."
            )),
            (HYPOTHETICAL, (
                "Local communities are at odds with a corporation over damage to their "
                "environment. A group of social activists convenes informal talks between "
                "the two and helps them work out a solution that serves both."
            )),
        ],
        "questions": [
            ("What is the main goal of Track II diplomacy?", (
                "To open dialogue and help resolve a conflict through informal channels, "
                "where people can speak more freely than official negotiators can."
            )),
            ("Who takes part?", (
                "People who hold no official post but are listened to on their side of the "
                "conflict: scholars, retired civil servants and military officers, public "
                "figures and activists."
            )),
            ("Does Track II replace official negotiations?", (
                "No. It prepares the ground for them and runs alongside them. Its outcomes "
                "bind no one; agreements between states are still concluded by governments."
            )),
            ("Where does the name come from?", (
                "Joseph Montville, an American diplomat, coined it in 1981 to distinguish "
                "unofficial dialogue from the official Track I."
            )),
        ],
    },
    {
        "slug": "track-i",
        "name": "Track I diplomacy",
        "aliases": "Track I, Track 1, Track one diplomacy, official diplomacy",
        "definition": (
            "Official diplomacy conducted by representatives of governments, such as "
            "diplomats, ministers and heads of state, on behalf of their states."
        ),
        "explanation": (
            "Track I is the formal channel between states and international organisations: "
            "negotiations, summits, treaties and the everyday work of embassies. Those "
            "taking part speak for their governments, follow established protocol and can "
            "make commitments that bind their states.\n\n"
            "That authority is also a constraint. Official negotiators have public positions "
            "to defend and cannot easily explore ideas their governments have not endorsed; "
            "the unofficial tracks exist partly to do that exploring for them."
        ),
        "guidance": (
            "If a dispute needs a binding settlement, it will in the end go through Track I: "
            "the governments concerned, or an international organisation they belong to.\n\n"
            "Unofficial dialogue can prepare the ground before official talks start, or keep "
            "contact alive when they stall."
        ),
        "facts": [
            ("Type", "Formal, official diplomacy"),
            ("Participants", "Government representatives: diplomats, ministers, heads of "
             "state"),
            ("Purpose", "Negotiating and concluding agreements between states"),
            ("Flexibility", "Limited: bound by official positions and protocol"),
            ("Outcomes", "Commitments and agreements that can bind states"),
        ],
        "examples": [
            (HYPOTHETICAL, (
                "The foreign ministers of two neighbouring countries meet, with their "
                "delegations, to negotiate a treaty fixing their shared border."
            )),
        ],
        "questions": [
            ("Why is it called Track I?", (
                "The numbering comes from Joseph Montville, who in 1981 called official "
                "diplomacy the first track and unofficial dialogue the second."
            )),
        ],
    },
    {
        "slug": "public-diplomacy",
        "name": "Public diplomacy",
        "aliases": "",
        "definition": (
            "Efforts, usually by a government, to engage with the public of other countries "
            "and shape how they see it."
        ),
        "explanation": (
            "Where Track I diplomacy addresses other governments, public diplomacy speaks to "
            "people abroad directly: through cultural and educational exchanges, "
            "scholarships, international broadcasting and the public outreach of "
            "embassies. Governments usually lead or fund it, often working through cultural "
            "institutes and other partners.\n\n"
            "Its aim is persuasion and understanding on a wide scale, not the confidential "
            "dialogue between the sides of a conflict that Track II diplomacy pursues."
        ),
        "guidance": "",
        "facts": [
            ("Type", "Official outreach to foreign publics"),
            ("Participants", "Governments and the agencies and institutes they support"),
            ("Purpose", "Shaping how people abroad perceive a country"),
            ("Flexibility", "Public by design and tied to official messages"),
        ],
        "examples": [
            (HYPOTHETICAL, (
                "A government funds scholarships that bring students from a rival country to "
                "study at its universities, hoping they return home with a better opinion "
                "of it."
            )),
        ],
        "questions": [],
    },
    {
        "slug": "track-1-5",
        "name": "Track 1.5 diplomacy",
        "aliases": "Track 1.5, Track one and a half",
        "definition": (
            "Dialogue in which government officials take part in a personal, unofficial "
            "capacity alongside non-officials such as scholars and experts."
        ),
        "explanation": (
            "Track 1.5 sits between the official and the unofficial tracks. Serving "
            "officials join academics, think-tank experts and other non-officials, but speak "
            "for themselves rather than for their governments, so ideas can be tested "
            "without anyone being committed to them.\n\n"
            "Because officials are in the room, what is discussed reaches government "
            "quickly; because they are there informally, the conversation can be franker "
            "than a negotiation. Universities and think tanks often convene such meetings."
        ),
        "guidance": (
            "If officials will attend, make clear in the invitation that everyone speaks in "
            "a personal capacity, and agree on a confidentiality rule that protects them."
        ),
        "facts": [
            ("Type", "Hybrid of official and unofficial diplomacy"),
            ("Participants", "Officials in a personal capacity alongside non-officials"),
            ("Purpose", "Testing ideas close to decision-makers without commitment"),
            ("Flexibility", "Greater than Track I, less than Track II"),
            ("Outcomes", "Nothing binding; ideas that reach government quickly"),
        ],
        "examples": [
            (HYPOTHETICAL, (
                "A think tank hosts a two-day meeting on maritime security where defence "
                "officials from three countries, attending in a personal capacity, discuss "
                "incident-prevention ideas with independent researchers."
            )),
        ],
        "questions": [],
    },
    {
        "slug": "track-iii",
        "name": "Track III diplomacy",
        "aliases": "Track III, Track 3, people-to-people diplomacy",
        "definition": (
            "People-to-people diplomacy: grassroots contact between individuals, groups and "
            "communities on different sides of a conflict."
        ),
        "explanation": (
            "Track III works at the level of everyday life: community dialogues, joint "
            "projects, exchanges between young people or between women's groups, sport and "
            "culture. It seeks to reduce fear and prejudice, repair relationships damaged by "
            "conflict and build support for peace from the ground up.\n\n"
            "It is usually run by civil-society and grassroots organisations rather than by "
            "experts with access to government."
        ),
        "guidance": (
            "Local organisations already active in the affected communities are usually the "
            "best partners for people-to-people work."
        ),
        "facts": [
            ("Type", "Grassroots, people-to-people diplomacy"),
            ("Participants", "Ordinary citizens, community groups, civil-society "
             "organisations"),
            ("Purpose", "Rebuilding relationships and support for peace in society"),
            ("Flexibility", "High; reach depends on the communities involved"),
        ],
        "examples": [
            (HYPOTHETICAL, (
                "Schools on both sides of a divided town run a joint summer programme in "
                "which pupils work together on a local history project."
            )),
        ],
        "questions": [],
    },
    {
        "slug": "multi-track-diplomacy",
        "name": "Multi-track diplomacy",
        "aliases": "",
        "definition": (
            "A way of seeing peacebuilding as a system of nine interconnected tracks, "
            "official and unofficial, that together shape how a conflict ends."
        ),
        "explanation": (
            "Louise Diamond and Ambassador John McDonald described the framework in the "
            "early 1990s. Building on the distinction between Track I and Track II, they "
            "identified nine tracks: government; "
            "professional conflict resolution; business; private citizens; research, "
            "training and education; activism; religion; funding; and communications and "
            "the media.\n\n"
            "Its point is that no track works alone: progress in one depends on, and feeds, "
            "the others."
        ),
        "guidance": (
            "When planning a dialogue, ask which other tracks are active in the same "
            "conflict, and how what your participants learn might reach them."
        ),
        "facts": [
            ("Type", "Framework for analysing peacebuilding"),
            ("Participants", "Nine tracks, from government to the media"),
            ("Purpose", "Seeing how official and unofficial efforts fit together"),
        ],
        "examples": [],
        "questions": [
            ("Who developed multi-track diplomacy?", (
                "Louise Diamond and John McDonald, a former American ambassador, in the early "
                "1990s."
            )),
        ],
    },
    {
        "slug": "back-channel-diplomacy",
        "name": "Back-channel diplomacy",
        "aliases": "back channel, back channels, back-channel, backchannel",
        "definition": (
            "Confidential, unpublicised communication between parties, often adversaries, "
            "alongside or instead of their official contacts."
        ),
        "explanation": (
            "A back channel lets parties talk when open contact would cost them too much "
            "politically, for instance when they do not recognise each other or have broken "
            "off talks. It may be carried by officials acting quietly or by trusted "
            "intermediaries outside government, and in that second case it overlaps with "
            "Track II diplomacy.\n\n"
            "Back channels can prepare the way for formal negotiations. Their secrecy has a "
            "cost, though: people kept out of them may feel bypassed once they come to "
            "light."
        ),
        "guidance": (
            "A back channel depends on discretion: limit who knows of it, keep written "
            "records to what is strictly needed, and agree in advance what happens if it "
            "becomes public."
        ),
        "facts": [
            ("Type", "Confidential channel of communication"),
            ("Participants", "Discreet officials or trusted intermediaries"),
            ("Purpose", "Keeping contact where open talks are impossible"),
            ("Flexibility", "High, as long as it stays confidential"),
        ],
        "examples": [
            (REAL, (
                "In 1993, secret talks hosted by Norway, which began between Israeli "
                "academics and officials of the Palestine Liberation Organization and were "
                "later taken over by official negotiators, led to the Declaration of "
                "Principles signed in Washington that September, the first of the Oslo "
                "Accords."
            )),
        ],
        "questions": [],
    },
    {
        "slug": "chatham-house-rule",
        "name": "Chatham House Rule",
        "aliases": "",
        "definition": (
            "A meeting rule under which participants may use what they hear but may not "
            "reveal who said it, nor the identity or affiliation of anyone present."
        ),
        "explanation": (
            "The rule was created in 1927 at Chatham House, the home of the Royal Institute "
            "of International Affairs in London, to encourage frank discussion. A meeting "
            "held under it is not secret: its content can be used and passed on, as long as "
            "nothing identifies the speaker or any other participant, by name or by "
            "organisation.\n\n"
            "It is a single rule, announced at the start of a meeting or of part of one. In "
            "this tracker, the summary shared after a session held under the Chatham House "
            "Rule attributes nothing to anyone."
        ),
        "guidance": (
            "When you report on such a meeting, write what was said without names, "
            "affiliations or details that would let a reader work out who spoke. Do not "
            "publish the list of participants either."
        ),
        "facts": [
            ("Type", "Confidentiality rule for meetings"),
            ("Origin", "Chatham House (Royal Institute of International Affairs), London, "
             "1927"),
            ("What may be used", "The information shared in the meeting"),
            ("What stays confidential", "The identity and affiliation of the speaker and of "
             "every participant"),
        ],
        "examples": [
            (HYPOTHETICAL, (
                "After a workshop held under the rule, a participant writes an article "
                "saying that a senior figure from one side expressed interest in a "
                "ceasefire, without naming the person, their country or their organisation."
            )),
        ],
        "questions": [
            ("May I say who attended?", (
                "No. The rule protects the identity and the affiliation of every "
                "participant, not only of those who spoke."
            )),
            ("May I use what was said?", (
                "Yes, as long as nothing you write or say lets anyone identify who said it."
            )),
        ],
    },
    {
        "slug": "off-the-record",
        "name": "Off the record",
        "aliases": "",
        "definition": (
            "Said on the understanding that it will not be reported, quoted or used outside "
            "the meeting at all."
        ),
        "explanation": (
            "Off the record is stricter than the Chatham House Rule: under that rule, what "
            "is said may be used as long as nobody is identified, while off the record it "
            "should not leave the room.\n\n"
            "People understand the phrase in different ways (journalists, in particular, "
            "use it loosely), so state at the start of a session exactly what it means for "
            "that meeting."
        ),
        "guidance": (
            "Choose off the record for the most sensitive discussions, and remind "
            "participants of what it implies before the conversation starts."
        ),
        "facts": [
            ("Type", "Confidentiality rule for meetings"),
            ("What may be used", "Nothing outside the meeting"),
            ("What stays confidential", "Everything said, and who said it"),
        ],
        "examples": [],
        "questions": [],
    },
    {
        "slug": "on-the-record",
        "name": "On the record",
        "aliases": "",
        "definition": (
            "Said on the understanding that it may be reported, quoted and attributed to "
            "the speaker by name."
        ),
        "explanation": (
            "On the record is the most open of the confidentiality rules. Track II "
            "dialogues rarely use it for their core discussions, but it suits public "
            "panels, opening statements and joint statements that participants have agreed "
            "to release."
        ),
        "guidance": (
            "Tell participants clearly when a session or part of one is on the record, so "
            "nobody speaks more freely than they intended."
        ),
        "facts": [
            ("Type", "Confidentiality rule for meetings"),
            ("What may be used", "Everything, attributed to the speaker"),
            ("What stays confidential", "Nothing"),
        ],
        "examples": [],
        "questions": [],
    },
    {
        "slug": "no-written-record",
        "name": "No written record",
        "aliases": "",
        "definition": (
            "An arrangement under which no minutes, notes or summary of a meeting are kept, "
            "so that nothing said can later surface in writing."
        ),
        "explanation": (
            "Some meetings are too sensitive for any document: a leaked note could end a "
            "dialogue or endanger a participant. Everyone then relies on memory, which "
            "makes it harder to carry the discussion forward from one meeting to the "
            "next.\n\n"
            "Organizers sometimes agree that only practical matters, such as the date of "
            "the next meeting or agreed next steps, may be written down."
        ),
        "guidance": (
            "Agree before the meeting what, if anything, may be noted, and make sure every "
            "participant, including any note-taker, knows it."
        ),
        "facts": [
            ("Type", "Confidentiality rule for meetings"),
            ("What may be used", "Only what participants remember, under the rule agreed"),
            ("What stays confidential", "Any written trace of the discussion"),
        ],
        "examples": [],
        "questions": [],
    },
    {
        "slug": "mediation",
        "name": "Mediation",
        "aliases": "mediator, mediators",
        "definition": (
            "A process in which an impartial third party helps the sides of a dispute "
            "negotiate a settlement they can both accept."
        ),
        "explanation": (
            "A mediator has no power to impose a solution. They help the parties "
            "communicate, clarify what each needs, and develop and test proposals. "
            "Mediators can be official (states, the United Nations, regional organisations) "
            "or unofficial (non-governmental organisations, religious figures, respected "
            "individuals).\n\n"
            "Mediation is more active than facilitation, where the third party guides the "
            "process but leaves the substance to the parties; and it differs from "
            "arbitration, where a third party decides and the decision binds."
        ),
        "guidance": (
            "Mediation works best when both sides accept the mediator and are ready, at "
            "least in principle, to look for a negotiated outcome."
        ),
        "facts": [
            ("Type", "Assisted negotiation"),
            ("Participants", "The parties to a dispute and an impartial mediator"),
            ("Purpose", "Reaching a settlement both sides accept"),
            ("Outcomes", "Binding only if the parties make their agreement so"),
        ],
        "examples": [],
        "questions": [
            ("How is mediation different from arbitration?", (
                "An arbitrator hears both sides and makes a decision that binds them. A "
                "mediator decides nothing: any settlement is the parties' own."
            )),
        ],
    },
    {
        "slug": "facilitation",
        "name": "Facilitation",
        "aliases": "facilitator, facilitators",
        "definition": (
            "Guiding a group's discussion, by designing and running the process, without "
            "steering the substance of what the group concludes."
        ),
        "explanation": (
            "A facilitator prepares the agenda, proposes ground rules, keeps time, makes "
            "sure every voice is heard and sums up where the group stands. Unlike a "
            "mediator, a facilitator does not put forward solutions.\n\n"
            "In Track II dialogues, facilitators are often scholars or practitioners whom "
            "all sides trust; much of their work happens between meetings, in preparation "
            "and follow-up."
        ),
        "guidance": (
            "In this tracker, facilitators build each session's agenda, record who "
            "attended, log what was discussed and decide what participants may read "
            "afterwards."
        ),
        "facts": [
            ("Type", "Process support for a group"),
            ("Participants", "A facilitator and the members of the group"),
            ("Purpose", "A fair, productive discussion"),
        ],
        "examples": [],
        "questions": [],
    },
    {
        "slug": "non-paper",
        "name": "Non-paper",
        "aliases": "non-papers",
        "definition": (
            "An informal document, without letterhead, signature or attribution, circulated "
            "to put ideas up for discussion without committing anyone to them."
        ),
        "explanation": (
            "A non-paper lets a government, an organisation or a dialogue group test "
            "proposals: if the ideas are badly received, nobody has to withdraw an official "
            "position. Non-papers are common in official negotiations and in Track II "
            "processes, where participants sometimes draft one together and pass it on to "
            "officials."
        ),
        "guidance": (
            "Keep a non-paper short and free of anything that identifies its authors, and "
            "agree on who may pass it on, and to whom."
        ),
        "facts": [
            ("Type", "Informal, unattributed document"),
            ("Purpose", "Testing ideas without commitment"),
        ],
        "examples": [],
        "questions": [],
    },
    {
        "slug": "problem-solving-workshop",
        "name": "Problem-solving workshop",
        "aliases": "problem-solving workshops, interactive problem-solving",
        "definition": (
            "A small, confidential, facilitated meeting in which influential members of "
            "conflicting parties analyse their conflict together and look for solutions."
        ),
        "explanation": (
            "The format was developed from the 1960s by John Burton and later by Herbert "
            "Kelman, who ran such workshops between Israelis and Palestinians for many "
            "years. A panel of scholars facilitates; participants are not negotiators but "
            "people with influence in their communities, and the discussion focuses on "
            "each side's needs and fears rather than on its formal positions."
        ),
        "guidance": "",
        "facts": [
            ("Type", "Track II meeting format"),
            ("Participants", "Influential non-officials from each side, with scholar "
             "facilitators"),
            ("Purpose", "Joint analysis of a conflict and new options for resolving it"),
        ],
        "examples": [],
        "questions": [],
    },
    {
        "slug": "academic",
        "name": "Academic",
        "aliases": "academics, scholar, scholars",
        "definition": (
            "A scholar or researcher, often from a university or think tank, who brings "
            "expertise and independence to a dialogue."
        ),
        "explanation": (
            "Academics are among the most frequent Track II participants and conveners. "
            "Their knowledge of a conflict and their independence from government let them "
            "frame questions, propose ideas and host meetings that officials could not."
        ),
        "guidance": "",
        "facts": [("Type", "Participant category")],
        "examples": [],
        "questions": [],
    },
    {
        "slug": "retired-official",
        "name": "Retired official",
        "aliases": "retired officials, former official, former officials",
        "definition": (
            "A former civil servant, diplomat or military officer who no longer holds "
            "office but keeps the experience and contacts of those who do."
        ),
        "explanation": (
            "Retired officials understand how governments think and can pass ideas "
            "informally to serving officials, yet they speak only for themselves. This "
            "tracker records retired civil officials and retired military officials "
            "separately, because security questions often call for the latter."
        ),
        "guidance": "",
        "facts": [("Type", "Participant category")],
        "examples": [],
        "questions": [],
    },
    {
        "slug": "public-figure",
        "name": "Public figure",
        "aliases": "public figures",
        "definition": (
            "A widely known person, such as a former politician, religious leader, writer "
            "or artist, whose standing can lend a dialogue credibility and reach."
        ),
        "explanation": (
            "A respected public figure can open doors, reassure a community that a dialogue "
            "is worth joining, and later carry its ideas to a wide audience. Their "
            "visibility can also make discretion harder."
        ),
        "guidance": "",
        "facts": [("Type", "Participant category")],
        "examples": [],
        "questions": [],
    },
    {
        "slug": "social-activist",
        "name": "Social activist",
        "aliases": "social activists, activist, activists",
        "definition": (
            "A person who campaigns for a social, political or environmental cause, often "
            "close to the communities a conflict affects."
        ),
        "explanation": (
            "Activists bring the concerns of the people most affected into a dialogue and "
            "can build support for its results on the ground. In Track II work they may "
            "take part as participants or convene talks themselves, for instance between "
            "local communities and a company."
        ),
        "guidance": "",
        "facts": [("Type", "Participant category")],
        "examples": [],
        "questions": [],
    },
]

# (first side, second side, key differences). Each is shown on both terms' pages, so the
# text names both terms.
COMPARISONS = [
    ("track-ii", "track-i", (
        "Track I diplomacy is formal and carried out by governments; Track II diplomacy is "
        "informal and carried out by people who hold no official post."
    )),
    ("track-ii", "public-diplomacy", (
        "Public diplomacy is usually an official government effort aimed at foreign "
        "audiences; Track II diplomacy centres on informal dialogue between people from the "
        "sides of a conflict."
    )),
    ("track-i", "public-diplomacy", (
        "Both are official. Track I diplomacy is conducted between governments; public "
        "diplomacy is addressed by a government to the public of other countries."
    )),
    ("track-ii", "track-1-5", (
        "Track 1.5 diplomacy brings serving officials, speaking in a personal capacity, to "
        "the table with non-officials; Track II diplomacy involves non-officials only."
    )),
    ("track-ii", "track-iii", (
        "Track II diplomacy gathers influential non-officials with access to decision-"
        "makers; Track III diplomacy works at the grassroots, between ordinary people and "
        "communities."
    )),
    ("chatham-house-rule", "off-the-record", (
        "Under the Chatham House Rule, what is said may be used without naming anyone; off "
        "the record, it may not be used outside the meeting at all."
    )),
    ("on-the-record", "chatham-house-rule", (
        "On the record, remarks may be quoted with the speaker's name; under the Chatham "
        "House Rule, they may be used but never attributed."
    )),
    ("mediation", "facilitation", (
        "A mediator helps the parties shape a settlement and may propose solutions; a "
        "facilitator runs the discussion and leaves its substance to the group."
    )),
]

RELATED = {
    "track-ii": [
        "track-i", "track-1-5", "track-iii", "multi-track-diplomacy",
        "back-channel-diplomacy", "public-diplomacy", "problem-solving-workshop",
        "chatham-house-rule", "facilitation",
    ],
    "track-i": ["track-1-5", "public-diplomacy", "multi-track-diplomacy"],
    "track-1-5": ["track-iii", "multi-track-diplomacy"],
    "track-iii": ["multi-track-diplomacy", "social-activist"],
    "back-channel-diplomacy": ["no-written-record", "non-paper"],
    "chatham-house-rule": ["off-the-record", "on-the-record", "no-written-record"],
    "off-the-record": ["on-the-record", "no-written-record"],
    "mediation": ["facilitation", "problem-solving-workshop"],
    "facilitation": ["problem-solving-workshop"],
    "non-paper": ["track-1-5"],
    "academic": ["retired-official", "public-figure", "social-activist"],
    "retired-official": ["public-figure", "social-activist", "track-1-5"],
    "public-figure": ["social-activist"],
}


def add_content(apps, schema_editor):
    Term = apps.get_model("glossary", "Term")
    Comparison = apps.get_model("glossary", "Comparison")

    for data in TERMS:
        term, created = Term.objects.get_or_create(
            slug=data["slug"],
            defaults={
                key: data[key]
                for key in ("name", "aliases", "definition", "explanation", "guidance")
            },
        )
        if not created:
            continue  # An editor's version: leave it alone.
        for position, (label, value) in enumerate(data["facts"], start=1):
            term.facts.create(position=position, label=label, value=value)
        for position, (kind, text) in enumerate(data["examples"], start=1):
            term.examples.create(position=position, kind=kind, text=text)
        for position, (question, answer) in enumerate(data["questions"], start=1):
            term.questions.create(position=position, question=question, answer=answer)

    terms = {term.slug: term for term in Term.objects.all()}
    for first, second, differences in COMPARISONS:
        if first not in terms or second not in terms:
            continue
        a, b = terms[first], terms[second]
        pair = Comparison.objects.filter(term=a, other=b) | Comparison.objects.filter(
            term=b, other=a
        )
        if not pair.exists():
            Comparison.objects.create(term=a, other=b, differences=differences)

    for slug, others in RELATED.items():
        if slug not in terms:
            continue
        for other in others:
            if other in terms:
                # Both directions: the model in a migration does not know the relation is
                # symmetrical. add() skips links that already exist.
                terms[slug].related_terms.add(terms[other])
                terms[other].related_terms.add(terms[slug])


class Migration(migrations.Migration):
    dependencies = [("glossary", "0001_initial")]

    # Reversing keeps the content: it may have been edited since, and 0001's reversal
    # removes the tables anyway.
    operations = [migrations.RunPython(add_content, migrations.RunPython.noop)]
