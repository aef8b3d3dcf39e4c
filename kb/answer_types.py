"""What kind of thing a question asks for, and where a passage holds one near the subject.

Question answering systems have long used the expected answer type: "who" asks for a
person, "how many" for a number, "when" for a date, "which languages" for languages. A
passage that names a person close to the words of a "who" question is more likely to answer
it than one that only repeats the words. The patterns are deliberately plain (capitalised
word runs, digits, years and months, language names after "in" or in a list, a street
and its number):
they rank, they do not extract.
"""

from __future__ import annotations

import re

from kb.countries import COUNTRY_NAMES
from kb.snippets import find_spans

PERSON = "person"
NUMBER = "number"
AMOUNT = "amount"
SHARE = "share"  # "what share of the workers": a percentage or a fraction, not any number
DATE = "date"
MONTH = "month"  # a date asked by its month: a year alone does not answer it
DATE_KINDS = (DATE, MONTH)  # questions answered by a date
LANGUAGE = "language"
COUNTRY = "country"
ORGANISATIONS = "organisations"  # "which trade unions signed": bodies by their names
FREQUENCY = "frequency"  # how often: "biannual", "once a year", "every two months"
ADDRESS = "address"
PLACE = "place"  # where something was held: "in Rome", "Toledo, Spain"
# Kinds of answer that stand on their own: a street and its number answer "where is it based"
# without the question's words beside them.
STANDALONE_ANSWERS = frozenset({ADDRESS})

# Bodies a question may ask to be named ("which trade unions", "the names of the two
# cooperatives"). One body is asked for by what it did ("which enterprise won the award"):
# "what cooperative values" asks about something else, and "which organisation does she
# come from" about her.
_BODY_DID = (
    r"(?=\s+(?:won|wins|got|gets|ran|runs|led|leads|took|takes|signed"
    r"|hosted|hosts|co-hosted|represents|received|organi[sz]ed|organi[sz]es|co-organi[sz]ed"
    r"|joined|visited|visits|was|is|from|in|of|at)\b)"
)
# "member of staff", "members of the board": people
_PEOPLE_OF = r"\s+(?:of\s+(?:the\s+)?)?(?:staff|board|team|secretariat|parliament)\b"
_BODIES = (
    r"(?i:(?:trade\s+)?(?:unions|organi[sz]ations|associations|(?:con)?federations|cooperatives"
    r"|co-?ops|companies|enterprises|firms|partners|bodies)\b"
    rf"|(?:trade\s+)?(?:union|organi[sz]ation|association|(?:con)?federation|cooperative|co-?op"
    rf"|company|enterprise|firm|body)\b{_BODY_DID}"
    # a confederation's members are organisations, not its staff or its board's people
    rf"|(?:members\b|member\b{_BODY_DID})(?!{_PEOPLE_OF})"
    ")"
)
# What may qualify them: a capitalised word ("Italian"), a number ("two"), a compound
# ("member-affiliated") or a word saying whose or what kind ("member", "social").
_QUALIFIER = (
    r"(?:[A-Z][\w-]*|(?i:two|three|four|five|six|seven|eight|nine|ten|other|\d+)|[a-z]+-[\w-]+"
    r"|member|social|worker|cooperative|national|regional|local|partner|sister|trade\s+union)"
)
# People a question may ask for by what they are ("which MEP", "which legal expert").
_PEOPLE = (
    r"(?:MEPs?|(?i:commissioners?|ministers?|professors?|experts?|researchers?|academics?"
    r"|politicians?|rapporteurs?|speakers?|authors?|economists?))\b"
)

_QUESTION_TYPES = (
    (
        PERSON,
        re.compile(
            # the kind of person ("MEP") stays a subject word
            # "whose" relates further on: "the awards whose jury she joined"
            rf"\b(?i:who|whom)\b|^\s*(?:\w+\s+)?(?i:whose)\b"
            rf"|\b(?i:which|what)\s+(?=(?:[\w-]+\s+)?{_PEOPLE})"
        ),
    ),
    # before "how many": "how many times a year" asks how often, not for a count
    (
        FREQUENCY,
        re.compile(
            r"\bhow (?:often|frequently|regularly)\b|\bfrequency\b"
            r"|\bhow many times (?:a|per|each|every)\b",
            re.IGNORECASE,
        ),
    ),
    # "how much funding", "by how much": a sum of money or a share, not any number
    # "what combined turnover", "what is CECOP's budget": a sum of money too
    (
        AMOUNT,
        re.compile(
            # the sum named ("budget") stays a subject word
            # "the total amount of EU funding", "what sum"
            r"\bhow much\b|\b(?:total\s+)?amount\s+of\s+(?:money|funding|funds|financing|grants?)\b"
            r"|\bwhat\s+(?:(?:is|was)\s+the\s+)?(?:total\s+)?(?:sum|amount)\b"
            r"|\bwhat\s+(?:(?:is|was|are|were)\s+)?"
            r"(?:(?:the|its|their|[\w-]+['’]s)\s+)?(?=(?:(?:combined|total|annual|yearly|overall)\s+)?"
            r"(?:turnover|revenue|budget|income|expenditure|spending)\b)",
            re.IGNORECASE,
        ),
    ),
    (
        SHARE,
        re.compile(
            r"\b(?:what|which)\s+(?:share|percentage|proportion|fraction|portion|part)\b"
            r"|\bhow (?:big|large) (?:a )?(?:share|slice|part|portion)\b"
            r"|\bwhat per\s?cent(?:age)?\b|\bhow many per\s?cent\b",
            re.IGNORECASE,
        ),
    ),
    (
        NUMBER,
        re.compile(
            r"\bhow (?:many|long|old)\b"
            r"|\bwhat number\b"
            # typed as keywords: "number of member federations"
            r"|^\s*(?:the\s+)?(?:number|share|percentage|proportion)\s+of\b",
            re.IGNORECASE,
        ),
    ),
    (MONTH, re.compile(r"\b(?:what|which) month\b|\bmonth\s*\??\s*$", re.IGNORECASE)),
    (
        DATE,
        re.compile(
            r"\bwhen\b|\b(?:what|which) (?:year|month|date|day)\b|^\s*(?:the\s+)?dates?\s+of\b"
            # typed as keywords: "draghi report reaction month", "webinar date"
            r"|\b(?:dates?|month)\s*\??\s*$",
            re.IGNORECASE,
        ),
    ),
    (LANGUAGE, re.compile(r"\b(?:what|which) languages?\b|\btranslated into\b", re.IGNORECASE)),
    (
        ORGANISATIONS,
        re.compile(
            # the body and its qualifiers ("Italian trade unions") stay subject words; a verb
            # between them asks about something else ("which publication featured firms")
            rf"\b(?i:which|what)\s+(?=(?:{_QUALIFIER}\s+){{0,2}}{_BODIES})"
            rf"|\b(?i:names?\s+of)\s+(?=(?i:the\s+)?(?:{_QUALIFIER}\s+){{0,2}}{_BODIES})",
        ),
    ),
    (
        COUNTRY,
        re.compile(
            r"\b(?:what|which)\s+(?:[\w-]+\s+)?(?:countr(?:y|ies)|nations?|member states?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        ADDRESS,
        re.compile(
            # "where is the office": its address, not the city an office holder went to
            r"\bwhere\b(?=[^?]*\b(?:based|located|headquartered|situated)\b)"
            r"|\bwhere\s+(?:is|are)\s+(?:the\s+)?(?:[\w'’-]+\s+)?(?:office|offices|secretariat)\b"
            r"|\bhead\s*(?:office|quarters)\b|\bheadquarters\b|\b(?:postal|office) address\b"
            # "head office address", "address of the secretariat"; not "the State of the Union
            # address" nor "how does CECOP address shortages"
            r"|(?<!union )\baddress(?=\s*(?:\?|$|of\b|for\b))"
            # "what is CECOP's address in Brussels", "what's the postal address"
            r"|\bwhat(?:'s|’s|\s+is|\s+was)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?address\b"
            r"(?!\s+(?:the|a|an|these|this|those|its|their|our)\b)",
            re.IGNORECASE,
        ),
    ),
    (
        PLACE,
        re.compile(
            r"\b(?:which|what)\s+(?:city|town|venue|location|place)\b"
            r"|\bwhere\b(?=[^?]*\b(?:held|hosted|organi[sz]ed|met|meet|gathered|gather"
            r"|take\s+place|took\s+place|taking\s+place|happen|happened)\b)",
            re.IGNORECASE,
        ),
    ),
)

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
# Europe's languages, named where a publication, meeting or service is offered in them.
_LANGUAGES = (
    "english|french|german|spanish|italian|portuguese|polish|dutch|flemish|danish|swedish|"
    "finnish|estonian|latvian|lithuanian|czech|slovak|slovenian|slovene|croatian|serbian|"
    "bulgarian|romanian|hungarian|greek|maltese|irish|catalan|basque|galician|norwegian|"
    "icelandic|ukrainian|russian|turkish|albanian|macedonian|bosnian|arabic|chinese"
)
# Numbers written out ("two board meetings"); "one" is left out, being mostly a pronoun.
_NUMBER_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    "ninety|hundreds?|thousands?|millions?|billions?|dozens?"
)
# A year of the last two centuries, standing alone: "2024", not "3411" or "20245".
_YEAR_DIGITS = r"(?:19|20)\d\d"
YEAR = re.compile(rf"\b{_YEAR_DIGITS}\b")
# A year naming a publication ("Activity Report 2024", "Report of Activity 2023", "SNAPSHOT
# 2022-2023") says nothing of when an event was.
_TITLE_YEAR = re.compile(
    rf"\b(?:report|activity|activities|snapshot|review|newsletter|bulletin|yearbook|edition"
    rf"|plan|strategy|agenda|programme|program|manifesto)\s+{_YEAR_DIGITS}"
    rf"(?:\s*[-–/]\s*{_YEAR_DIGITS})?\b",
    re.IGNORECASE,
)


def dating_years(text: str) -> set[str]:
    """Return the years a text dates something by, not those naming a publication."""
    named = {
        title.start() + m.start()
        for title in _TITLE_YEAR.finditer(text)
        for m in YEAR.finditer(title.group(0))
    }
    return {m.group(0) for m in YEAR.finditer(text) if m.start() not in named}


_PERIODICALS = "annual(?:ly)?|biennial(?:ly)?|yearly|quarterly|monthly|weekly|fortnightly|daily"
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_STREETS = (
    "Avenue|Av\\.|Rue|Chauss[ée]e|Boulevard|Street|Road|Lane|Square|Place|Via|Viale|Piazza|"
    "Calle|Avenida|Plaza|Rua|Straat|Laan|Stra(?:ss|ß)e|Ulica"
)
# The countries of Europe, named where members, partners or events are.
_COUNTRIES = (
    "(?:the )?(?:"
    + "|".join(re.escape(name) for name in sorted(COUNTRY_NAMES, key=len, reverse=True))
    + ")"
)
# Cities where European meetings are held, named without "in" before them (a calendar's
# "Conference on transitions, Brussels").
_CITIES = (
    "Brussels|Bruxelles|Strasbourg|Luxembourg|Rome|Milan|Bologna|Turin|Florence|Naples|Venice"
    "|Paris|Lyon|Marseille|Madrid|Barcelona|Seville|Valencia|Bilbao|Toledo|Mondragon|Lisbon"
    "|Porto|Berlin|Munich|Hamburg|Cologne|Frankfurt|Vienna|Geneva|Zurich|Amsterdam|Rotterdam"
    "|The Hague|Antwerp|Ghent|Liège|La Hulpe|Dublin|London|Manchester|Edinburgh|Cardiff"
    "|Copenhagen|Stockholm|Oslo|Helsinki|Tallinn|Riga|Vilnius|Warsaw|Krakow|Kraków|Prague"
    "|Bratislava|Budapest|Ljubljana|Zagreb|Belgrade|Sarajevo|Sofia|Bucharest|Athens|Valletta"
    "|Nicosia|Kyiv|Chisinau|Tirana|Skopje|Podgorica"
)
# Capitalised words that start sentences and name nothing.
_SENTENCE_STARTS = (
    "The|A|An|In|On|Our|We|It|This|These|Those|Their|Its|At|For|By|With|From|As|And|But"
    "|After|Before|During|Since|Last|Next|Each|Every|Some|All|They|He|She|His|Her|Also"
    "|However|Finally|Moreover|Such|There|Here|What|Which|Who|When|Where|How|If|To|Of"
)
_ANSWER_PATTERNS = {
    # Two or more capitalised words ("Diana Dovgan") or a run of capitals ("DIANA DOVGAN").
    PERSON: re.compile(
        rf"\b[{_UPPER}][{_LOWER}]+(?:[- ][{_UPPER}][{_LOWER}]+)+"
        rf"|\b[{_UPPER}]{{2,}}(?:[- ][{_UPPER}]{{2,}})+"
    ),
    NUMBER: re.compile(rf"\d|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE),
    AMOUNT: re.compile(
        r"(?:[€$£]|\b(?:eur|euros?|usd|gbp)\b)\s?\d|\d\s?[€$£]"
        r"|\d[\d.,]*\s?(?:%|per\s?cent\b|(?:million|billion|thousand|eur|euros?|dollars?|pounds?)\b)",
        re.IGNORECASE,
    ),
    # "54%", "8 per cent", "half", "two thirds", "one in four", "the majority"
    SHARE: re.compile(
        r"\d\s?(?:%|per\s?cent\b|percent\b)|\b(?:half|halves|thirds?|quarters?|fifths?|tenths?"
        r"|majority|minority)\b|\b(?:one|two|three|\d+)\s+(?:in|out\s+of)\s+(?:\w+)\b",
        re.IGNORECASE,
    ),
    DATE: re.compile(rf"{YEAR.pattern}|\b(?:{_MONTHS})\b", re.IGNORECASE),
    MONTH: re.compile(rf"\b(?:{_MONTHS})\b", re.IGNORECASE),
    # "biannual", "twice a year", "every two months", "each week"
    FREQUENCY: re.compile(
        rf"\b(?:(?:bi|semi|half)-?)?(?:{_PERIODICALS})\b"
        r"|\b(?:once|twice|\w+ times)\s+(?:a|per|each|every)\s+(?:day|week|month|quarter|year)\b"
        r"|\b(?:every|each)\s+(?:\w+\s+)?(?:days?|weeks?|fortnights?|months?|quarters?|years?)\b",
        re.IGNORECASE,
    ),
    # "in English", "into Polish" or a list ("Spanish, Italian and Polish"), not an adjective
    # ("Italian federations").
    COUNTRY: re.compile(rf"\b(?:{_COUNTRIES})\b"),
    # a name: a capitalised word or an acronym, not a word that starts sentences, a country,
    # a people's adjective or a month ("Legacoop", "CGIL"; not "The", "Italy’s", "European"
    # or "June")
    ORGANISATIONS: re.compile(
        rf"(?<=[^\s.!?:]\s)(?!(?:{_SENTENCE_STARTS}|{_COUNTRIES}|Europe)\b)(?!(?i:{_MONTHS})\b)"
        rf"(?![{_UPPER}][{_LOWER}]+(?:ean|ian|ish|ese)\b)[{_UPPER}][\w&-]*[\w]"
    ),
    # "in Rome", "held at Brussels", "Toledo, Spain" or a city by its name; not "in June" nor
    # "at the first meeting"
    PLACE: re.compile(
        rf"\b(?:in|at|to)\s+(?!(?:{_SENTENCE_STARTS})\b)(?!(?i:{_MONTHS})\b)[{_UPPER}][{_LOWER}]+"
        rf"|\b[{_UPPER}][{_LOWER}]+,\s+(?:{_COUNTRIES})\b|\b(?:{_CITIES}|{_COUNTRIES})\b"
    ),
    LANGUAGE: re.compile(
        rf"\b(?:in|into)\s+(?:{_LANGUAGES})\b"
        rf"|\b(?:{_LANGUAGES})(?:\s*,\s*|\s+(?:and|or)\s+)(?:{_LANGUAGES})\b",
        re.IGNORECASE,
    ),
    # a street and its number ("Rue des Tanneurs 42", "105 Avenue Milcamps") or a postcode
    # before a town ("1030 Brussels"), not a year before a name ("2024 Cooperatives")
    ADDRESS: re.compile(
        rf"\b(?:{_STREETS})\s+(?:[\w'’.-]+\s+){{0,4}}?\d{{1,4}}\b"
        rf"|\b(?!{_YEAR_DIGITS}\b)\d{{1,4}},?\s+(?:[{_UPPER}][\w'’.-]*\s+){{1,3}}(?:{_STREETS})\b"
        rf"|\b(?!{_YEAR_DIGITS}\b)\d{{4,5}}\s+[{_UPPER}][{_LOWER}]+"
    ),
}
# A calendar's month heading: "June 2024", "July to September", "NOVEMBER AND DECEMBER 2024".
MONTH_HEADING = re.compile(
    rf"^\s*(?:{_MONTHS})(?:\s+(?:and|to|-|–)\s+(?:{_MONTHS}))?(?:\s+{YEAR.pattern})?\s*$",
    re.IGNORECASE,
)
# A day and a month ("9 December", "October 28", "December 3rd, 2020"): a fuller answer to
# "when" than a year or a month alone.
_DAY_DATE = re.compile(
    rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{_MONTHS})\b|\b(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|\b\d{{1,2}}[./]\d{{1,2}}[./]{_YEAR_DIGITS}\b",
    re.IGNORECASE,
)


# Digits that date rather than count: a year ("the 2024 General Assembly", "since 1977") or
# the day of a month ("9 December") answers "when", not "how many".
_DATE_NUMBERS = re.compile(rf"{YEAR.pattern}|{_DAY_DATE.pattern}", re.IGNORECASE)


def day_date_near(text: str, term_positions: list[int]) -> bool:
    """Return whether a date naming its day lies within ``NEAR`` characters of a query word."""
    return any(
        abs(match.start() - p) <= NEAR for match in _DAY_DATE.finditer(text) for p in term_positions
    )


# An answer-like span this close (in characters) to a query word counts as near it.
NEAR = 80
# Credit for a passage holding an answer-like span, but not near the query's words.
ANYWHERE = 0.3


_POSITION_NOUNS = ("position", "reaction", "response", "stance", "view", "opinion")
_POSITION_QUESTION = re.compile(
    r"\b(?:say|said|think|thought|react|reacted|ask|asked|propose|proposed|want|wanted)\b"
    rf"|\b(?:{'|'.join(_POSITION_NOUNS)})s?\s+(?:on|to|of|about)\b"
    # "cecop opinion la hulpe declaration", "cecop view platform work directive": these ask
    # for a position wherever they are ("page views" and "point of view" do not)
    r"|\b(?:opinion|stance)s?\b|(?<!page )(?<!point of )\bviews?\b"
    # "La Hulpe declaration CECOP position", "Draghi report cecop reaction" (but not "what
    # position does she hold" or "reaction time")
    r"|\b(?:position|reaction|response)s?\s*\??\s*$",
    re.IGNORECASE,
)


# Words that frame a question about a position rather than name its subject: the passage
# stating CECOP's reaction to a report seldom calls itself a "reaction". ("say" and "said"
# are stopwords already.)
POSITION_WORDS = frozenset(
    ["think", "thought", "react", "reacted", *_POSITION_NOUNS, *(n + "s" for n in _POSITION_NOUNS)]
)


# Words looking ahead: "will be held", "the next assembly" (not "next to"), "upcoming".
_AHEAD = r"\b(?:will|shall|upcoming|forthcoming)\b|\bnext\b(?!\s+to\b)"
# A question about what is still to come: "when will the next general assembly take place".
_FUTURE_QUESTION = re.compile(_AHEAD, re.IGNORECASE)
# A sentence looking ahead also says what is "planned for June" or "scheduled".
_FUTURE_STATEMENT = re.compile(
    rf"{_AHEAD}|\b(?:planned|scheduled|expected|foreseen|due to)\b", re.IGNORECASE
)


def asks_about_future(question: str) -> bool:
    """Return whether a question asks about what is still to come ("when will ...", "next")."""
    return bool(_FUTURE_QUESTION.search(question))


def looks_ahead(text: str, date: str | None) -> bool:
    """Return whether a sentence speaks of what was then to come.

    It does in the future tense ("will be held", "the next assembly"), or by naming a year
    after the date of its source: "fees for 2025" in minutes of 2024. "The 2024 assembly took
    place in Rome" answers no question about the next one.
    """
    if _FUTURE_STATEMENT.search(text):
        return True
    year = (date or "")[:4]
    return year.isdigit() and any(int(y) > int(year) for y in YEAR.findall(text))


# Typed keywords ask for a position with "position" anywhere ("cecop position la hulpe
# declaration") or in a headline's form, a name then "on" ("cecop on the letta report").
_TYPED_POSITION = re.compile(r"\bpositions?\b|^\s*[\w'’-]+\s+on\s", re.IGNORECASE)


def asks_for_position(question: str) -> bool:
    """Return whether a question asks what the organisation said or thinks about something.

    For such questions ("what did CECOP say about Draghi") the newer of two equally good
    passages is the better answer: positions change. A question asking for a date, a number
    or a name ("In which month did CECOP react to ...") asks for that, which a calendar line
    or a card gives.
    """
    if expected_answer(question) is not None:
        return False
    typed = is_keyword_query(question) and _TYPED_POSITION.search(question)
    return bool(typed or _POSITION_QUESTION.search(question))


def subject_terms(question: str, terms: list[str]) -> list[str]:
    """Return a question's terms without the words that only frame it.

    In "What was CECOP's reaction to the Draghi report?" the subject is the Draghi report; a
    calendar headline "CECOP reaction on Draghi's report" should not outrank the paragraph
    that states the reaction for using the word. Likewise "many" in "how many members" and
    "languages" in "which languages" ask for the kind of answer, not about a subject, and
    "sits" in "who sits on the board for NUWPC" asks for a seat, which no card calls so.
    """
    framing = {word.lower() for word in _question_type_words(question)}
    if asks_for_position(question):
        framing |= POSITION_WORDS
    if any(pattern.search(question) for pattern in _SEAT_QUESTIONS):
        framing |= SEAT_WORDS
    return [t for t in terms if t.lower() not in framing] or terms


def _question_type_words(question: str) -> list[str]:
    """Return the words of the phrase that sets a question's answer type ("how many")."""
    for _kind, pattern in _QUESTION_TYPES:
        if match := pattern.search(question):
            return match.group(0).split()
    return []


# After "the" a role may be capitalised ("Who is the Secretary General"); without it, a
# capitalised word is a name ("Who is Antonio Fici?").
_ROLE_QUESTION = re.compile(
    r"^\s*(?i:who\s+(?:is|are|was|were))\s+"
    r"(?:(?:(?i:the|its|our|their)\s+|\w+['’]s\s+)(?P<titled>[A-Za-z][A-Za-z -]*?)"
    r"|(?P<role>[a-z][a-z -]*?))(?:\s+(?:of|at|for|in|on)\s+(?P<body>.*?))?\s*\??\s*$"
)


# Roles a few typed words ask for without "who": "cecop treasurer", "communications officer".
_ROLES = (
    r"(?:[a-z]+\s+)?(?:officer|coordinator|advisor|adviser|manager|director)"
    r"|president|vice[- ]president(?:[- ](?:and[- ])?treasurer)?|treasurer|secretary[- ]general"
    r"|chair|chairman|chairwoman|"
    r"chairperson|spokesperson|accountant|founder"
)
_KNOWN_ROLE = re.compile(rf"^(?:{_ROLES})$", re.IGNORECASE)
_ROLE_END = r"(?:\s+(?:of|at)\s+(?P<body>.*?))?\s*\??\s*$"
_ROLE_QUERIES = (
    re.compile(rf"^\s*(?P<role>{_ROLES}){_ROLE_END}", re.IGNORECASE),
    re.compile(rf"^\s*(?P<owner>[\w'’-]+)\s+(?P<role>{_ROLES}){_ROLE_END}", re.IGNORECASE),
    re.compile(rf"^\s*(?P<role>{_ROLES})\s+(?P<owner>[\w'’-]+)\s*\??\s*$", re.IGNORECASE),
)

# Who came after (or before) someone in a role asks for the role's other holder: "who
# succeeded Giuseppe Guerini as CECOP president after the 2024 mandate ended" is answered by
# a president who is not Giuseppe Guerini, and the question's own words name nobody else.
_SUCCESSION_QUESTION = re.compile(
    r"^\s*who\s+(?:(?:was|is|has\s+been|will\s+be)\s+(?:elected|chosen|appointed|named)\s+to\s+"
    r"(?:succeed|replace)|succeeded|succeeds|will\s+succeed|replaced|replaces|will\s+replace"
    r"|followed|preceded|came\s+after|took\s+over\s+from)\s+.+?\s+as\s+"
    rf"(?:(?:the|its|their)\s+|(?P<owner>[\w'’-]+?)(?:['’]s)?\s+)?(?P<role>{_ROLES})\b"
    r"(?:\s+(?:of|at)\s+(?P<body>.+?))?(?:\s+(?:after|before|in|when|once|at)\b.*?)?\s*\??\s*$",
    re.IGNORECASE,
)


# A seat on a board asked for a member ("who sits on the board for Coop Finland", "who
# represents France on the CECOP board") asks for the board member whose card names it.
_BOARD = r"(?:the\s+)?(?:[\w'’-]+\s+)?board"
_SEAT_QUESTIONS = (
    re.compile(
        rf"^\s*who\s+(?:sits|serves|is|are)\s+on\s+{_BOARD}\s+(?:for|from|of)\s+(?P<body>.+?)"
        r"\s*\??\s*$",
        re.IGNORECASE,
    ),
    re.compile(rf"^\s*who\s+represents\s+(?P<body>.+?)\s+on\s+{_BOARD}\s*\??\s*$", re.IGNORECASE),
    re.compile(
        r"^\s*(?:[\w'’-]+\s+)?board\s+members?\s+(?:for|from|of)\s+(?P<body>.+?)\s*\??\s*$",
        re.IGNORECASE,
    ),
)
BOARD_MEMBER = "board member"
# The verbs of a seat question, which a name card does not use.
SEAT_WORDS = frozenset(["sits", "sit", "serves", "serve", "represents", "represent"])


def role_question(question: str) -> tuple[str, str | None] | None:
    """Return the role a question asks about and the body it names, or None.

    "Who is the president of Cooperatives Europe?" gives ("president", "Cooperatives
    Europe"); "cecop treasurer" gives ("treasurer", "cecop"); "who sits on the board for
    Coop Finland" gives ("board member", "Coop Finland").
    """
    for pattern in _SEAT_QUESTIONS:
        if match := pattern.match(question):
            return BOARD_MEMBER, _body_name(match.group("body"))
    if match := _DUTY_QUESTION.match(question):
        suffix = _DUTIES.get(match.group("duty").lower())
        role = f"{match.group('field')} {suffix}" if suffix else match.group("field")
        return role, _body_name(match.group("body"))
    if match := _ROLE_QUESTION.match(question):
        role = (match.group("titled") or match.group("role")).strip()
        owner, _, rest = role.partition(" ")
        if not _KNOWN_ROLE.match(role) and _KNOWN_ROLE.match(rest):
            # "who is cecops secretary general", the owner's "'s" left out
            return rest, _body_name(owner)
        return role, _body_name(match.group("body"))
    if match := _SUCCESSION_QUESTION.match(question):
        return match.group("role"), _body_name(match.group("body") or match.group("owner"))
    for pattern in _ROLE_QUERIES:
        if match := pattern.match(question):
            body = match.groupdict().get("body") or match.groupdict().get("owner")
            return match.group("role").strip(), _body_name(body)
    return None


# A duty asked with its verb names a role: "who coordinates membership" asks for the
# "membership coordinator".
_DUTIES = {
    "coordinates": "coordinator",
    "manages": "manager",
    "directs": "director",
}
# Other verbs of a duty ask for the role named by its field: "who handles communications"
# asks for the "Communications Officer" on a staff card.
_FIELD_DUTIES = (
    r"handles|is\s+in\s+charge\s+of|is\s+responsible\s+for|takes\s+care\s+of|looks\s+after"
    r"|deals\s+with|works\s+on"
)
_DUTY_QUESTION = re.compile(
    rf"^\s*who\s+(?P<duty>{'|'.join(_DUTIES)}|{_FIELD_DUTIES})\s+(?:the\s+)?(?P<field>[a-z]+)"
    r"(?:\s+(?:of|at|for|in)\s+(?P<body>.*?))?\s*\??\s*$",
    re.IGNORECASE,
)
# What follows a body's name in a question: "CECOP in 2024", "DG EMPL that cecop met".
_AFTER_BODY = re.compile(
    r"\s+(?:in|on|at|during|since|from|that|which|who|when)\s.*$|\s*\?$", re.IGNORECASE
)
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def _body_name(body: str | None) -> str | None:
    """Return the name of the body a role question asks about, without article or qualifier."""
    name = _ARTICLE.sub("", _AFTER_BODY.sub("", (body or "").strip()))
    return name.strip() or None


# A title quoted in a question: 'Workers Buyouts - what is the cooperative key to success?',
# “All for One”, "The Manifesto". An apostrophe inside a word ("CECOP's") opens nothing.
_QUOTED_TITLE = re.compile(r"(?<!\w)(?:'([^']+)'|‘([^’]+)’|“([^”]+)”|\"([^\"]+)\")(?!\w)")


def quoted_titles(question: str) -> list[str]:
    """Return the titles of two words or more that a question quotes."""
    titles = (
        next(group for group in m.groups() if group) for m in _QUOTED_TITLE.finditer(question)
    )
    return [title.strip() for title in titles if len(re.findall(r"\w+", title)) >= 2]


def asked_role(question: str) -> str | None:
    """Return the role a question asks about, else None.

    "Who is the president of Cooperatives Europe?" asks for the person holding "president",
    and so does the query "cecop treasurer"; "Who is Antonio Fici?" names a person and asks
    for no role.
    """
    found = role_question(question)
    return found[0] if found else None


def asked_body(question: str) -> str | None:
    """Return the body whose role a question asks about ("of Cooperatives Europe"), else None."""
    found = role_question(question)
    return found[1] if found else None


# Words that make a capitalised run the name of a body or a title rather than of a person.
_NOT_PERSON = frozenset(
    """a an the our their its his her this that these those
    academy agency alliance assembly association bank board bureau centre center chamber
    commission committee community confederation conference congress cooperative
    cooperatives co council court day directive directorate economy europe european
    federation forum foundation fund general group institute international league
    ministry movement network office organisation organization parliament party plan
    platform president programme report secretary social society summit union unit
    university week""".split()
)


def _could_be_person(name: str) -> bool:
    # a card sets a name over two lines: its words are split at any space
    return not any(word.lower() in _NOT_PERSON for word in re.split(r"[-\s]+", name))


def could_be_person(name: str) -> bool:
    """Return whether a run of capitalised words may be a person's name: not one naming a
    body or a title ("Harbour Federation", "Secretary General")."""
    return bool(_ANSWER_PATTERNS[PERSON].fullmatch(name.strip())) and _could_be_person(name)


# A role qualified so that it names another role: the "Vice President" is not the president.
_OTHER_ROLE = re.compile(r"\b(?:vice|deputy|former|past|honorary|acting)[\s-]*$", re.IGNORECASE)


def names_near(text: str, anchor: str, exclude: list[str], body: str | None = None) -> bool:
    """Return whether a person's name lies within ``NEAR`` characters of ``anchor``.

    Name-like runs made of ``exclude`` words (the question's own) or of words that name
    bodies and titles ("International Co-operative", "Our Secretary General") do not count.
    A text that mentions ``body`` (the "of ..." of the question) only counts when it does so
    near the role: "the President of CECOP is X; he also sits on the board of Y" does not
    name the president of Y. A role qualified as another ("Vice Presidents: X") is no anchor.
    """
    anchors = [
        start
        for start, _ in find_spans(text, [anchor])
        if not _OTHER_ROLE.search(text[max(0, start - 60) : start])
    ]
    if not anchors:
        return False
    body_at = [start for start, _ in find_spans(text, [body])] if body else []
    if body_at and not any(abs(b - a) <= NEAR for b in body_at for a in anchors):
        return False
    return person_near(text, anchors, exclude)


def person_near(text: str, positions: list[int], exclude: list[str]) -> bool:
    """Return whether a person's name lies within ``NEAR`` characters of one of ``positions``.

    Name-like runs made of ``exclude`` words or naming a body or title do not count.
    """
    for match in _ANSWER_PATTERNS[PERSON].finditer(text):
        if find_spans(match.group(0), exclude) or not _could_be_person(match.group(0)):
            continue
        if any(abs(match.start() - p) <= NEAR for p in positions):
            return True
    return False


# What may stand between a name and its role: "Giuseppe Guerini, President", "President:
# Giuseppe Guerini", or the name and role on lines of their own, as on a name card.
_APPOSITION_GAP = r"[ \t]*[,:–—]?\s{0,4}"
_NAME_WORD = rf"[{_UPPER}][{_LOWER}{_UPPER}'’]+(?:-[{_UPPER}][{_LOWER}{_UPPER}'’]+)?"
# A card may set a name over two lines ("ANNE-LAURE" / "DESGRIS").
_NAME_GAP = r"(?:[ \t]+|[ \t]*\n[ \t]*(?:\n[ \t]*)?)"
_NAME_AFTER = re.compile(rf"^{_APPOSITION_GAP}({_NAME_WORD}{_NAME_GAP}{_NAME_WORD})")
_NAME_BEFORE = re.compile(rf"({_NAME_WORD}{_NAME_GAP}{_NAME_WORD}){_APPOSITION_GAP}$")


def role_holder(text: str, role: str, exclude: list[str] = ()) -> str | None:
    """Return a name set right beside ``role`` in a text, as a name card or signature sets it.

    "Giuseppe Guerini, President", "President Giuseppe Guerini" and the lines "DIANA DOVGAN" /
    "SECRETARY GENERAL" of a staff card all name who holds the role; "Vice President Anne
    Martin" names a vice president, and "President of the Commission" names nobody.
    """
    for start, end in find_spans(text, [role]):
        before, after = text[max(0, start - 60) : start], text[end : end + 60]
        if _OTHER_ROLE.search(before):
            continue
        for match in (_NAME_AFTER.search(after), _NAME_BEFORE.search(before)):
            name = match.group(1) if match else ""
            if name and _could_be_person(name) and not find_spans(name, [role, *exclude]):
                return name
    return None


# How a publication's credits name who did what: "who wrote the report" is answered by an
# "Authors:" line, "who designed it" by "Design:".
CREDIT_LABELS = {
    "wrote": ["author", "written by"],
    "written": ["author"],
    "write": ["author", "written by"],
    "designed": ["design"],
    "edited": ["editor"],
    "translated": ["translation"],
    "photographed": ["photo"],
    "funded": ["funded"],
    "financed": ["funded"],
    "moderated": ["moderator"],
    "chaired": ["chair"],
}


# "Who signed / wrote the editorial": the name under a text answers, as it signs it.
_SIGNING_QUESTION = re.compile(
    r"\b(?:sign(?:s|ed)?|wr(?:ote|ites|itten)|authored|penned)\b", re.IGNORECASE
)
# What may follow the name in a signature: ", CECOP Secretary General", ", President".
_SIGNATURE_ROLE = re.compile(r"^\s*,\s*[^\W\d_][^.!?]*$")
SIGNATURE_WORDS = 10


def asks_who_signed(question: str) -> bool:
    """Return whether a question asks who signed or wrote a text."""
    return expected_answer(question) == PERSON and bool(_SIGNING_QUESTION.search(question))


def is_signature(line: str) -> bool:
    """Return whether a line signs a text: a person's name, a comma and a role, as in "Diana
    Dovgan, CECOP Secretary General" under a letter."""
    match = _ANSWER_PATTERNS[PERSON].match(line.strip())
    return bool(
        match
        and len(line.split()) <= SIGNATURE_WORDS
        and _could_be_person(match.group(0))
        and _SIGNATURE_ROLE.match(line.strip()[match.end() :])
    )


def credit_expansions(question: str, terms: list[str]) -> dict[str, list[str]]:
    """Map the verbs of a "who wrote / designed / edited ..." question to credit labels."""
    if expected_answer(question) != PERSON:
        return {}
    return {t.lower(): CREDIT_LABELS[t.lower()] for t in terms if t.lower() in CREDIT_LABELS}


_SPELLED_NUMBERS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
).split()
_NUMBER_FORMS = {
    **{word: str(n) for n, word in enumerate(_SPELLED_NUMBERS, start=2)},
    **{str(n): word for n, word in enumerate(_SPELLED_NUMBERS, start=2)},
}


def number_expansions(terms: list[str]) -> dict[str, list[str]]:
    """Map numbers written out to digits and back: "three years" also finds "3 years"."""
    return {t.lower(): [_NUMBER_FORMS[t.lower()]] for t in terms if t.lower() in _NUMBER_FORMS}


# "what does SEAP stand for", "SEAP meaning", "what is the SEAP", "snapshot what is it"
_DEFINITION = re.compile(
    r"\bstands?\s+for\b|\bmean(?:s|ing)?\b|\babbreviation\b|\bacronym\b|\bshort\s+for\b"
    r"|^\s*(?:what|wat|whats|what's)\s+(?:is|are|'s)?\s*(?:the\s+|an?\s+)?[\w&+-]+\s*\??\s*$"
    r"|\bwhat\s+is\s+it\s*\??\s*$",
    re.IGNORECASE,
)


def asks_definition(question: str) -> bool:
    """Return whether a question asks what a term or acronym is or stands for."""
    return bool(_DEFINITION.search(question))


def expected_answer(question: str) -> str | None:
    """Return the answer type a question asks for (person, frequency, number, amount, date,
    language or address), or None."""
    for kind, pattern in _QUESTION_TYPES:
        if pattern.search(question):
            return kind
    return None


# A question starts with one of these words or ends with "?"; other queries are typed keywords.
_QUESTION_START = re.compile(
    r"^\s*(?:who|whom|whose|what|when|where|which|how|why|is|are|was|were|does|do|did|can|"
    r"could|has|have|will|would|should)\b",
    re.IGNORECASE,
)


def is_keyword_query(query: str) -> bool:
    """Return whether a query is typed keywords ("cecop budget 2024"), not a question."""
    return "?" not in query and not _QUESTION_START.match(query)


def answer_spans(text: str, kind: str) -> list[str]:
    """Return the spans of a text that offer an answer of ``kind`` ("Legacoop", "1991")."""
    return [match.group(0) for match in _ANSWER_PATTERNS[kind].finditer(text)]


# "How many delegates attended": what a question counts, up to the verb or preposition that
# follows ("delegates"; "member organisations" in "how many member organisations were
# present").
_HOW_MANY = re.compile(r"\bhow\s+many\s+((?:[\w'’-]+\s*){1,3})", re.IGNORECASE)
_NOT_COUNTED = frozenset(
    "a an the of in at on for to from by with about since during within across over under "
    "do does did is are was were be been have has had will would can could should shall may "
    "might must there that which who whom".split()
)
# Nouns that count the same things: people by their part, a periodical's issues.
_COUNTERS = (
    frozenset(
        "people persons individuals workers employees staff members participants attendees "
        "delegates representatives jobs women men".split()
    ),
    frozenset("issues editions numbers".split()),
)
# What a number is followed by before the words naming what it counts ("1.3 million workers").
_NUMBER_TOKEN = re.compile(
    rf"^(?:[\d.,]+|{_NUMBER_WORDS})(?:\s*(?:%|per\s?cent|percent|million|billion|thousand|hundred)\b)?",
    re.IGNORECASE,
)
# Up to seven words, before any punctuation: "two of the largest Italian worker cooperatives".
_COUNTED_WORDS = re.compile(r"^[^\S\n]*((?:[A-Za-z][\w'’-]*[^\S\n]*){1,7})")


def counted_words(question: str) -> list[str]:
    """Return the words naming what a "how many" question counts ("member", "organisations")."""
    match = _HOW_MANY.search(question)
    if not match:
        return []
    words = []
    for word in match.group(1).split():
        word = word.lower().strip("'’?")
        if word in _NOT_COUNTED or (words and word.endswith("ed")):
            break
        words.append(word)
    return words


def _stem(word: str) -> str:
    return word.lower().replace("-", "")[:5]


def counts(text: str, start: int, counted: list[str]) -> bool:
    """Return whether the number at ``start`` counts one of the ``counted`` words.

    It does when the words after it name one ("27 member organisations" counts members, "nine
    editions" issues) or when none follows ("Members: 27", "21 of the 27"); "two of the
    largest cooperatives" does not count delegates.
    """
    if not counted:
        return True
    token = _NUMBER_TOKEN.match(text[start:])
    following = _COUNTED_WORDS.match(text[start + (token.end() if token else 1) :])
    if not following:
        return True
    words = [w.lower().strip("'’") for w in following.group(1).split()]
    words = [w for w in words if w not in _NOT_COUNTED][:4]
    if not words:
        return True
    if any(_stem(w) == _stem(c) for w in words for c in counted):
        return True
    return any(group & set(words) and group & set(counted) for group in _COUNTERS)


def answer_type_score(
    text: str,
    kind: str | None,
    term_positions: list[int],
    exclude: list[str] | None = None,
    counted: list[str] | None = None,
) -> float:
    """Score how well a passage offers the asked-for kind of answer next to the query's words.

    1.0 when an answer-like span lies within ``NEAR`` characters of a query word,
    ``ANYWHERE`` when the passage only holds one somewhere, 0.0 otherwise. Spans holding an
    ``exclude`` word (the question's own: "Activity Report 2024") do not count, nor numbers
    that count something else than the ``counted`` words.
    """
    if kind is None:
        return 0.0
    dates = [m.span() for m in _DATE_NUMBERS.finditer(text)] if kind == NUMBER else []
    spans = [
        match.start()
        for match in _ANSWER_PATTERNS[kind].finditer(text)
        if not (exclude and find_spans(match.group(0), exclude))
        and not any(start <= match.start() < end for start, end in dates)
        and not (counted and kind == NUMBER and not counts(text, match.start(), counted))
    ]
    if not spans:
        return 0.0
    if kind in STANDALONE_ANSWERS:
        return 1.0
    if term_positions and any(abs(s - p) <= NEAR for s in spans for p in term_positions):
        return 1.0
    return ANYWHERE
