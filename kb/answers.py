"""Extractive answers: the sentences of the top passages that best answer the query.

Sentences are quoted verbatim and each carries the rank of the passage it comes from, so the
answer can be cited. When no sentence is close enough to the query, the answer says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from kb.answer_types import (
    AMOUNT,
    BOARD_MEMBER,
    COUNTRY,
    DATE,
    DATE_KINDS,
    FREQUENCY,
    LANGUAGE,
    MONTH,
    MONTH_HEADING,
    NUMBER,
    ORGANISATIONS,
    PERSON,
    PLACE,
    SHARE,
    STANDALONE_ANSWERS,
    YEAR,
    answer_spans,
    answer_type_score,
    asks_about_future,
    asks_for_position,
    asks_who_signed,
    could_be_person,
    counted_words,
    credit_expansions,
    dating_years,
    expected_answer,
    is_keyword_query,
    is_signature,
    looks_ahead,
    names_near,
    person_near,
    quoted_titles,
    role_holder,
    role_question,
)
from kb.rescoring import is_statement, term_coverage, term_positions
from kb.sentences import is_key_figure
from kb.snippets import find_spans

# Calibrated on tests/eval/questions.jsonl (see BENCHMARKS.md): below this adjusted score the
# knowledge base has nothing that answers closely. The highest unanswerable question scored
# 0.63 after penalties; answers that hold their fact mostly score 0.70 and above.
CONFIDENCE_THRESHOLD = 0.70
# A query word that no visible passage contains ("nuclear", "tiramisu") suggests the question
# is about something the corpus does not cover.
MISSING_TERM_PENALTY = 0.1
MAX_MISSING_PENALTY = 0.3
# A year asked about ("budget in 2019") that none of the answer's sources mention.
YEAR_PENALTY = 0.15
# "Who wrote X?" answered by no sentence that mentions writing or an author, typed keywords
# by no sentence holding one of them, or a question about what is to come by no sentence
# looking ahead.
NO_ANSWER_PENALTY = 0.3
# A role question is answered only by a sentence naming who holds the role: without one the
# answer is not confident, even where a line repeats the question ("CECOP at the meeting with
# new Director General of DG EMPL" for "who is the new director general of DG EMPL").
ROLE_UNANSWERED_PENALTY = 0.6
# A sentence naming who holds the asked role ("Ilaria Buttu, Communications Officer") is
# evidence of an answer that a short query's low similarity to it understates.
ROLE_ANSWER_BONUS = 0.1
TYPED_ANSWERS = (
    DATE,
    MONTH,
    NUMBER,
    AMOUNT,
    SHARE,
    LANGUAGE,
    COUNTRY,
    ORGANISATIONS,
    FREQUENCY,
    PLACE,
    *STANDALONE_ANSWERS,
)
# A typed answer's passage holds at least this share of the subject words.
SUBJECT_SHARE = 0.6
MAX_SENTENCES = 4
TOP_PASSAGES = 5
DUPLICATE_SIMILARITY = 0.88
TERM_WEIGHT = 0.2
# Sentences from lower-ranked passages need to be that much closer to be picked.
RANK_PRIOR = 0.1
# A sentence is ranked as at least this share of the score of the sentence it follows.
CARRY = 0.85
# The answer after a question in a page of questions and answers keeps this share of its score.
QUESTION_CARRY = 0.95
# Sentences offering the asked-for kind of answer ("who" → a name) are picked first; this
# orders sentences only and leaves the confidence score alone.
ANSWER_TYPE_WEIGHT = 0.2
# A position is stated in sentences: on "what did CECOP say" questions, headlines and list
# lines ("CECOP reaction on Mario Draghi's report") that repeat the question rank this much
# lower. This orders sentences only.
HEADLINE_PENALTY = 0.2


@dataclass
class AnswerSentence:
    text: str
    citation: int
    score: float
    title: str = ""
    date: str | None = None
    position: int = 0
    signs: bool = False  # a signature under the sentences before it

    def to_api(self) -> dict:
        """Return the sentence as the API's object."""
        return {
            "text": self.text,
            "citation": self.citation,
            "title": self.title,
            "date": self.date,
        }


@dataclass
class Answer:
    sentences: list[AnswerSentence] = field(default_factory=list)
    confident: bool = False
    score: float = 0.0  # the best sentence's score, compared with the threshold

    def to_api(self) -> dict:
        """Return the answer as the API's object."""
        return {"sentences": [s.to_api() for s in self.sentences], "confident": self.confident}


# A credit or fact line such as "Authors: Francesca Zaganelli" or "Design: Colectivo Verbena"
# answers in a few words, so it is kept even though it is short and unpunctuated.
_FIELD_LINE = re.compile(r"^[A-Z][\w-]*(?: [\w-]+){0,2}:\s+[A-Z0-9]\S*(?:\s+\S+){0,7}$")


def _is_heading(text: str) -> bool:
    """Return True for a short line without final punctuation that is not a list item."""
    return (
        len(text.split()) < 14
        and not re.search(r"[.!?…:;\"”’)]$", text)
        and not re.match(r"^(?:[-•*]|\d+[.)])\s", text)
    )


def _candidate_sentences(
    hits,
    evidence,
    answers_directly=lambda text: False,
    role: str | None = None,
    figures=None,
    dated: set[str] | None = None,
    seat: str | None = None,
    exclude: list[str] = (),
    named: list[str] = (),
    signed: bool = False,
) -> tuple[list[AnswerSentence], np.ndarray | None]:
    """Return the answerable sentences of the hits and their stored vectors.

    Short and unpunctuated lines are left out as headings, unless they are credit lines or
    ``answers_directly`` holds for them ("Published in May 2025" for "when ... published").
    For a question about a ``role``, the lines of a name card around the role ("DIANA
    DOVGAN" / "SECRETARY GENERAL") are quoted together when they name who holds it; for a
    question about figures, a key figure and the label below it ("23,000" / "page views")
    when ``figures`` holds for the two together; for a question about a date, a calendar's
    month heading and the entry right under it ("June 2024" / "General Assembly in Rome"),
    unless the heading names a year other than those asked about (``dated``, empty for any);
    for a question about the board ``seat`` of a member, a card's line naming the member with
    the person's name (not one of the ``exclude`` words) on it or on the line above; for a
    question naming a person (``named``, the name's words), the card whose line is that name
    ("Jarmo Hänninen" / "Coop Finland, Finland"); for a question about who ``signed`` a
    text, the signature under a paragraph ("Diana Dovgan, CECOP Secretary General").
    """
    sentences, vectors = [], []
    for hit in hits:
        found = evidence.get(hit.chunk_id)
        if found is None or found.sentence_vectors is None:
            continue
        spans = list(found.sentence_spans)
        for index, ((start, end), vector) in enumerate(
            zip(spans, found.sentence_vectors, strict=True)
        ):
            text = " ".join(hit.text[start:end].split())
            words = len(text.split())
            card = None
            if named and _names_line(text, named):
                card = _person_card(hit.text, spans, index)
            elif role and words <= CARD_LINE_WORDS:
                card = _card(hit.text, spans, index, role)
                if card is None and seat:
                    card = _seat_card(hit.text, spans, index, seat, exclude)
            elif figures and is_key_figure(text) and index + 1 < len(spans):
                card = _figure_label(hit.text, spans, index, figures)
            elif dated is not None and index and words <= DATED_ITEM_WORDS:
                month = " ".join(hit.text[slice(*spans[index - 1])].split())
                years = set(YEAR.findall(month))
                other_year = dated and years and not dated & years
                card = None if other_year or not MONTH_HEADING.match(month) else (index - 1, index)
            if card:
                first, last = card
                text = " ".join(hit.text[spans[first][0] : spans[last][1]].split())
                vector = _unit(found.sentence_vectors[first : last + 1].mean(axis=0))
            elif words > 90 or not re.search(r"[a-z]", text):
                continue
            signs = signed and index and _closes_paragraph(hit.text, spans[index - 1], start)
            signs = bool(signs and is_signature(text))
            short_answer = _FIELD_LINE.match(text) or (words >= 3 and answers_directly(text))
            listed = _listed_line(hit.text, spans, index)
            if not (card or short_answer or signs) and (
                words < 5 or (_is_heading(text) and not listed)
            ):
                continue
            sentences.append(AnswerSentence(text, hit.rank, 0.0, hit.title, hit.date, start, signs))
            vectors.append(vector)
    return sentences, (np.vstack(vectors) if vectors else None)


_BULLET_LINE = re.compile(r"^[•●○▪■◆►–-]$")


def _listed_line(text: str, spans: list, index: int) -> bool:
    """Return whether a sentence is one line of a list of unpunctuated lines, such as a
    calendar's entries under a month ("Our member NUWPC, Bulgaria, visit CECOP"), rather than
    a heading: a line break, not a blank line, parts it from a neighbour that is such a line."""

    def line(i: int) -> str:
        return " ".join(text[slice(*spans[i])].split())

    if index and _BULLET_LINE.match(line(index - 1)):
        return True  # a bullet drawn apart from its entry ("•" / "Our member NUWPC, ...")
    for other in (index - 1, index + 1):
        if 0 <= other < len(spans):
            a, b = sorted((spans[index], spans[other]))
            gap = text[a[1] : b[0]]
            if gap.count("\n") == 1 and not gap.strip() and _is_heading(line(other)):
                return True
    return False


# Lines of a name card are short: a name, a role, an organisation.
CARD_LINE_WORDS = 6
# A calendar's entry, quoted with the month heading above it, is a line or two.
DATED_ITEM_WORDS = 30
# One word of a name on a line of its own.
_NAME_PART = re.compile(r"^\s*[^\W\d_][\w'’-]+\s*$")


def _card(text: str, spans: list, index: int, role: str) -> tuple[int, int] | None:
    """Return the first and last line of a name card whose role starts on line ``index``.

    The role may run onto the next line ("MEMBERSHIP" / "COORDINATOR"). A role first in its
    passage or under an organisation ("Coop Finland, Finland") heads its own card, above the
    name and organisation; otherwise the name is the line above it.
    """
    role_end = index
    if not find_spans(text[slice(*spans[index])], [role]):
        if index + 1 == len(spans):
            return None
        found = find_spans(text[spans[index][0] : spans[index + 1][1]], [role])
        if not found or found[0][0] >= spans[index][1] - spans[index][0]:
            return None
        role_end = index + 1
    before = text[slice(*spans[index - 1])] if index else ""
    if not before or "," in before:  # the role heads its card: role / name / organisation
        first, last = index, min(len(spans) - 1, role_end + 2)
        name_end = role_end + 1
    else:  # the name is above the role, the organisation or next card below it
        first, last = index - 1, min(len(spans) - 1, role_end + 1)
        name_end = last
    # a name set over two lines ("ANNE-LAURE" / "DESGRIS") takes one line more
    if role_end < name_end < len(spans) and _NAME_PART.match(text[slice(*spans[name_end])]):
        last = min(len(spans) - 1, last + 1)
    if first < index and _NAME_PART.match(text[slice(*spans[first])]):
        first = max(0, first - 1)
    # under a role whose name is above it, the next card's name is no organisation
    if first < index and last > role_end and could_be_person(text[slice(*spans[last])].strip()):
        last = role_end
    lines = [
        n for n in range(first, last + 1) if len(text[slice(*spans[n])].split()) <= CARD_LINE_WORDS
    ]
    if len(lines) < 2 or lines != list(range(lines[0], lines[-1] + 1)):
        return None
    window = text[spans[lines[0]][0] : spans[lines[-1]][1]]
    return (lines[0], lines[-1]) if role_holder(window, role) else None


def _closes_paragraph(text: str, span: tuple[int, int], next_start: int) -> bool:
    """Return whether a sentence ends a paragraph of prose, on a line before ``next_start``,
    as the one above a signature does."""
    sentence = text[slice(*span)].rstrip()
    return bool(re.search(r"[.!?…][\"”’)]?$", sentence)) and "\n" in text[span[1] : next_start]


def _signatures(sentences: list[AnswerSentence]) -> None:
    """Give a signature the score of the best sentence it signs (those above it)."""
    best: dict[int, float] = {}
    for sentence in sentences:
        if sentence.signs:
            sentence.score = max(sentence.score, best.get(sentence.citation, sentence.score))
        best[sentence.citation] = max(best.get(sentence.citation, -1.0), sentence.score)


def _names_line(line: str, named: list[str]) -> bool:
    """Return whether a line is a person's name and nothing else, its words all ``named``
    ("Jarmo Hänninen", not "Harbour Federation")."""
    words = line.lower().replace(",", " ").split()
    named_words = {word.lower() for word in named}
    return len(words) >= 2 and set(words) <= named_words and could_be_person(line.strip(" ,"))


def _person_card(text: str, spans: list, index: int) -> tuple[int, int] | None:
    """Return the lines of the name card whose line ``index`` is the person's name: the line
    below it (an organisation, a role) and the label above it unless that line ends the card
    before ("Board member" / "Jarmo Hänninen" / "Coop Finland, Finland")."""
    if index + 1 == len(spans) or len(text[slice(*spans[index + 1])].split()) > CARD_LINE_WORDS:
        return None
    first = index
    if index:
        above = text[slice(*spans[index - 1])]
        ends_card = "," in above or (
            index > 1 and text[slice(*spans[index - 2])].rstrip().endswith(",")
        )
        if len(above.split()) <= CARD_LINE_WORDS and not ends_card:
            first = index - 1
    return first, index + 1


def _seat_card(
    text: str, spans: list, index: int, seat: str, exclude: list[str]
) -> tuple[int, int] | None:
    """Return the lines of a name card whose line ``index`` names the member ``seat``, with
    the person's name on that line ("AMAYA DELGADO COCETA, Spain") or on the line above,
    or on the two lines above ("JARMO" / "HÄNNINEN")."""
    if not find_spans(text[slice(*spans[index])], [seat]):
        return None
    for first in (index, index - 1, index - 2):
        if first < 0 or len(text[slice(*spans[first])].split()) > CARD_LINE_WORDS:
            return None
        if first == index - 2 and not _NAME_PART.match(text[slice(*spans[index - 1])]):
            return None
        if _named_beside(text[spans[first][0] : spans[index][1]], seat, exclude):
            return first, index
    return None


def _named_beside(text: str, seat: str, exclude: list[str]) -> bool:
    """Return whether a person's name (not of ``exclude`` words) ends where the member
    ``seat`` is named, as on a card: "AMAYA DELGADO COCETA, Spain", "JARMO HÄNNINEN" / "Coop
    Finland". A name in capitals would otherwise run on into the member's."""
    text = " ".join(text.split())
    for start, _ in find_spans(text, [seat]):
        name = text[:start].rstrip()
        if person_near(f"{name}\n\n{text[start:]}", [len(name) + 2], exclude):
            return True
    return False


def _carried_scores(sentences: list[AnswerSentence], carry: float) -> list[float]:
    """Return each sentence's score, or the sentence before it in the passage, discounted.

    "Mario Draghi published his report ..." is close to a question about the Draghi report;
    the next sentence, "Overall, it provides promising measures ...", states the view and
    says "it". A sentence is read in the light of the one it follows.
    """
    carried, previous = [], None
    for sentence in sentences:
        score = sentence.score
        if previous is not None and previous[0] == sentence.citation:
            score = max(score, carry * previous[1])
        carried.append(score)
        previous = (sentence.citation, score)
    return carried


def _overlaps(one: AnswerSentence, other: AnswerSentence) -> bool:
    """Return whether one quote holds the other, as two cards' lines quoted from one passage
    may ("BOARD MEMBER JARMO HÄNNINEN Coop Finland" and "JARMO HÄNNINEN Coop Finland")."""
    return one.citation == other.citation and (one.text in other.text or other.text in one.text)


def _is_question(text: str) -> bool:
    """Return whether a sentence asks a question: "What is SEAP?" or, quoted whole, "“Why
    cooperatives?”"; a line ending with a quoted title ("• Publication 'Workers Buyouts -
    what is the cooperative key to success?'") asks nothing."""
    text = text.strip()
    body = text.rstrip("\"'”’) ")
    if not body.endswith("?"):
        return False
    quoted = any(mark in text[len(body) :] for mark in "\"'”’")
    return not quoted or text[:1] in "\"'“‘"


def _answer_questions(sentences: list[AnswerSentence]) -> None:
    """Give the sentence after a question in a passage the question's score, discounted.

    A page of questions and answers ("What does CECOP stand for? The acronym comes from
    ...") answers in the sentence after the one that repeats the query; the question itself
    is never quoted as the answer.
    """
    for previous, sentence in zip(sentences, sentences[1:], strict=False):
        if (
            previous.citation == sentence.citation
            and _is_question(previous.text)
            and not _is_question(sentence.text)
        ):
            sentence.score = max(sentence.score, QUESTION_CARRY * previous.score)


def _names_holder(
    text: str,
    role: str,
    terms: list[str],
    body: str | None,
    body_is_publisher: bool,
    title: str = "",
    seat: str | None = None,
) -> bool:
    """Return whether a sentence names who holds ``role`` (of ``body``, if one is asked).

    A body most passages mention ("CECOP") is the publisher's own: its president signs as
    "Giuseppe Guerini, President". So is the document the sentence is from ("the author of
    the Activity Report 2024" in its imprint, under its ``title``). Another body
    ("Cooperatives Europe") must be named in the sentence that names the person. A board
    ``seat`` is held by the person a name card sets beside the member's name, with or
    without a "board member" label.
    """
    if body and not (body_is_publisher or find_spans(text, [body]) or find_spans(title, [body])):
        return False
    if seat and len(text.split()) <= 2 * CARD_LINE_WORDS and _named_beside(text, seat, terms):
        return True
    return names_near(text, role, terms, body) or bool(role_holder(text, role, terms))


def _figure_label(text: str, spans: list, index: int, answers) -> tuple[int, int] | None:
    """Return the lines of a key figure and its label when together they answer."""
    label = " ".join(text[slice(*spans[index + 1])].split())
    if len(label.split()) > CARD_LINE_WORDS or not re.search(r"[a-z]", label):
        return None
    window = text[spans[index][0] : spans[index + 1][1]]
    return (index, index + 1) if answers(" ".join(window.split())) else None


def _typed_answer(
    kind: str,
    picked: list,
    hits: list,
    subject: list[str],
    forms: dict,
    common: Callable[[str], bool] = lambda word: False,
    titles: list[str] = (),
    counted: list[str] = (),
    future: bool = False,
) -> bool:
    """Return whether a picked sentence gives a date, number, amount, language, name or
    address about the subject. A body most passages name (the publisher, ``common``) is no
    answer to which bodies did something, and a number of other things (``counted`` names
    what is asked for) none to how many. A question about what is to come (``future``) is
    answered by a sentence looking ahead: "our General Assembly in Rome" says nothing of
    where the next one will be.

    The answer must sit next to a subject word, in a passage that holds at least
    ``SUBJECT_SHARE`` of the subject words found in the top passages: "available in English,
    Spanish, Italian and Polish" in a passage about the SNAPSHOT does not say which languages
    the Manifesto is available in. A title the question quotes ('Workers Buyouts - what is
    the cooperative key to success?') names the subject, so that passage also holds it.
    """
    texts = {hit.rank: hit.text for hit in hits}
    found = _terms_found(subject, texts.values(), forms)
    exclude = list(forms)
    if kind == ORGANISATIONS:
        names = {name for s in picked for name in answer_spans(s.text, kind)}
        exclude += [name for name in names if common(name)]
    # the publisher's name is beside everything: "CECOP's opinion on Enrico Letta's report"
    # does not say who chairs the group CECOP attended
    anchors = [word for word in subject if not common(word)] or subject
    if kind == ORGANISATIONS:
        # the bodies a question names are not the ones it asks for: "which trade unions signed
        # the agreement with Agci and Legacoop" is not answered next to Agci and Legacoop
        anchors = [word for word in anchors if not word[:1].isupper()] or anchors
    for sentence in picked:
        if future and not looks_ahead(sentence.text, sentence.date):
            continue
        if kind == PERSON:
            if not person_near(sentence.text, _near(sentence.text, anchors, forms), list(forms)):
                continue
        elif _answer_type(sentence.text, kind, anchors, forms, exclude, counted) != 1.0:
            continue
        passage = texts.get(sentence.citation, sentence.text)
        if titles and not find_spans(passage, titles):
            continue
        if _holds_subject(passage, found, forms):
            return True
    return False


def _answers_keywords(
    query_text: str,
    picked: list,
    subject: list[str],
    forms: dict,
    sources: list,
    rarest: str | None,
) -> bool:
    """Return whether a picked sentence holds a subject word of a query typed as keywords,
    and the passages quoted hold the ``rarest`` of them.

    Typed keywords ("cecop budget 2024") ask for their words: sentences holding none of them
    are about something else, and so are passages without the word that tells the subject
    ("france" in "cecop board member from france"). A question may be answered in other words.
    """
    if not is_keyword_query(query_text) or not subject:
        return True
    if rarest and not any(find_spans(hit.text, forms.get(rarest, [rarest])) for hit in sources):
        return False
    return any(term_positions(s.text, subject, forms) for s in picked)


def _terms_found(terms: list[str], texts, forms: dict[str, list[str]]) -> list[str]:
    """Return the terms (or one of their ``forms``) that at least one of ``texts`` holds."""
    texts = list(texts)
    return [t for t in terms if any(find_spans(text, forms.get(t, [t])) for text in texts)]


def _holds_subject(text: str, found: list[str], forms: dict[str, list[str]]) -> bool:
    """Return whether a text holds ``SUBJECT_SHARE`` of the subject words ``found`` nearby."""
    held = sum(bool(find_spans(text, forms.get(t, [t]))) for t in found)
    return held >= SUBJECT_SHARE * len(found)


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector


def _answer_type(
    text: str,
    kind: str | None,
    terms: list[str],
    forms: dict[str, list[str]],
    exclude: list[str] | None = None,
    counted: list[str] | None = None,
) -> float:
    return answer_type_score(text, kind, _near(text, terms, forms), exclude, counted)


def _near(text: str, terms: list[str], forms: dict[str, list[str]]) -> list[int]:
    """Return where the terms (or their ``forms``) start in a text."""
    return [p for starts in term_positions(text, terms, forms).values() for p in starts]


def confidence_penalty(
    query_text: str,
    missing_terms: int,
    sources: list,
    picked: list[AnswerSentence] = (),
    subject: list[str] = (),
    forms: dict[str, list[str]] | None = None,
) -> float:
    """Return how much to lower the answer's score for signs the corpus cannot answer.

    A year asked about must be in a source's text next to the question's ``subject`` (in a
    passage holding ``SUBJECT_SHARE`` of the subject words the sources hold), not as part of
    a publication's name ("SNAPSHOT 2022-2023"), or be its date
    while the picked sentences name no other year: a 2025 report telling of "the 2024
    General Assembly" and looking forward to 2025 does not answer a question about the 2025
    one. A question about what is to come ("when will the next assembly take place") needs a
    picked sentence that looks ahead, not one telling of the last assembly.
    """
    penalty = min(MAX_MISSING_PENALTY, MISSING_TERM_PENALTY * missing_terms)
    years = set(YEAR.findall(query_text))
    other_years = {y for s in picked for y in YEAR.findall(s.text)} - years
    forms = forms or {}
    words = [t for t in subject if not YEAR.fullmatch(t)]
    found = _terms_found(words, (hit.text for hit in sources), forms)
    if years and not any(
        (years & dating_years(hit.text) and _holds_subject(hit.text, found, forms))
        or (hit.date and hit.date[:4] in years and not other_years)
        for hit in sources
    ):
        # twice when the quoted sentences date things by other years: "the 2024 General
        # Assembly took place in Rome" answers nothing about the 2023 one
        dated = {y for s in picked for y in dating_years(s.text)} - years
        penalty += YEAR_PENALTY * (2 if dated else 1)
    if asks_about_future(query_text) and not any(looks_ahead(s.text, s.date) for s in picked):
        penalty += NO_ANSWER_PENALTY
    return penalty


def extract_answer(
    query_text: str,
    terms: list[str],
    query_vector: np.ndarray,
    hits: list,
    evidence: dict,
    missing_terms: int = 0,
    threshold: float = CONFIDENCE_THRESHOLD,
    alternatives: dict[str, list[str]] | None = None,
    subject_terms: list[str] | None = None,
    body_is_publisher: bool = True,
    rarest_term: str | None = None,
    common: Callable[[str], bool] = lambda word: False,
) -> Answer:
    """Pick up to four verbatim sentences from the top passages that answer the query.

    ``evidence`` maps chunk ids to their stored sentence spans and vectors; ``missing_terms``
    counts query words that no passage the viewer may read contains; ``alternatives`` maps
    terms to words that count as them (an acronym's expansion, "author" for "wrote");
    ``subject_terms`` are the terms that name the question's subject (not in most passages,
    as "CECOP" is): a date, number, amount, language or name answer must sit next to one of
    them (an address need not);
    ``body_is_publisher`` tells whether the body a role question names ("president of CECOP")
    is in most passages, so that its people sign without naming it; ``rarest_term`` is the
    subject word the fewest passages hold, which the passages quoted for typed keywords hold;
    ``common(word)`` tells whether most passages hold a word ("CECOP").
    """
    forms = {t: [t, *(alternatives or {}).get(t.lower(), [])] for t in terms}
    kind = expected_answer(query_text)
    role, body = role_question(query_text) or (None, None)
    # "who sits on the board for Coop Finland": a card naming the member, labelled or not
    seat = body if role == BOARD_MEMBER and not body_is_publisher else None

    def offers_answer(text: str) -> bool:
        # a short line offering the asked-for answer, not only the question's own words
        return _answer_type(text, kind, terms, forms, exclude=terms) == 1.0

    def labels_keywords(text: str) -> bool:
        # typed keywords ("mailing list subscribers") name a key figure's label
        return bool(term_positions(text, terms, forms))

    if kind in (NUMBER, AMOUNT, SHARE):
        figures = offers_answer
    elif kind is None and is_keyword_query(query_text):
        figures = labels_keywords
    else:
        figures = None
    candidates, vectors = _candidate_sentences(
        hits[:TOP_PASSAGES],
        evidence,
        offers_answer,
        role,
        figures,
        set(YEAR.findall(query_text)) if kind in DATE_KINDS else None,
        seat,
        terms,
        [] if role else [t for t in terms if t[:1].isupper() and not t.isupper()],
        asks_who_signed(query_text),
    )
    if not candidates:
        return Answer()
    similarity = vectors @ np.asarray(query_vector, dtype="float32")
    for sentence, cosine in zip(candidates, similarity, strict=True):
        sentence.score = float(cosine) + TERM_WEIGHT * term_coverage(sentence.text, terms, forms)
    _answer_questions(candidates)
    _signatures(candidates)
    if all(_is_question(s.text) for s in candidates):
        return Answer()
    # a position is stated after what it is about; a fact, in the sentence that names it
    position = asks_for_position(query_text)
    carried = _carried_scores(candidates, CARRY if position else 0.0)
    if position:
        # a headline neither states the position nor carries on from the line above it
        carried = [
            score if is_statement(s.text) else s.score - HEADLINE_PENALTY
            for s, score in zip(candidates, carried, strict=True)
        ]
    ranked = [
        score
        - RANK_PRIOR * (s.citation - hits[0].rank)
        + ANSWER_TYPE_WEIGHT * _answer_type(s.text, kind, terms, forms)
        + ANSWER_TYPE_WEIGHT * bool(role and role_holder(s.text, role, terms))
        for s, score in zip(candidates, carried, strict=True)
    ]
    order = [
        i
        for i in sorted(range(len(candidates)), key=lambda i: -ranked[i])
        if not _is_question(candidates[i].text)
    ]
    best = max(candidates[i].score for i in order)
    chosen: list[int] = []
    for index in order:
        if len(chosen) == MAX_SENTENCES:
            break
        if any(float(vectors[index] @ vectors[j]) > DUPLICATE_SIMILARITY for j in chosen):
            continue
        if any(_overlaps(candidates[index], candidates[j]) for j in chosen):
            continue
        chosen.append(index)
    picked = sorted((candidates[i] for i in chosen), key=lambda s: (s.citation, s.position))
    sources = [hit for hit in hits if hit.rank in {s.citation for s in picked}]
    subject = [t for t in subject_terms if t in forms] if subject_terms is not None else terms
    adjusted = best - confidence_penalty(query_text, missing_terms, sources, picked, subject, forms)
    titles = {hit.rank: hit.title for hit in hits}
    if role and not any(
        _names_holder(
            s.text, role, terms, body, body_is_publisher, titles.get(s.citation, ""), seat
        )
        for s in picked
    ):
        adjusted -= ROLE_UNANSWERED_PENALTY
    elif role:
        adjusted += ROLE_ANSWER_BONUS
    credits = credit_expansions(query_text, terms)
    credit = {verb: [verb, *labels] for verb, labels in credits.items()}
    credited = any(s.signs or term_positions(s.text, list(credit), credit) for s in picked)
    if credit and not credited:
        adjusted -= NO_ANSWER_PENALTY
    if not _answers_keywords(query_text, picked, subject, forms, sources, rarest_term):
        adjusted -= NO_ANSWER_PENALTY
    # "when / how many / how much / which languages / which trade unions / where is it based"
    # is not answered by sentences giving no date, number, amount, language, body's name or
    # address next to the subject, however closely they repeat the question; nor "who
    # moderated the webinar" (no role, no credit) without a name by its subject
    typed = kind in TYPED_ANSWERS or (kind == PERSON and not role and not credit)
    unanswered = (
        typed
        and bool(subject or kind in STANDALONE_ANSWERS)
        and not _typed_answer(
            kind,
            picked,
            hits,
            subject,
            forms,
            common,
            quoted_titles(query_text),
            counted_words(query_text),
            asks_about_future(query_text),
        )
    )
    # a year is part of an answer to "when", but no answer to "which month"
    no_month = kind == MONTH and not any(_answer_type(s.text, kind, terms, forms) for s in picked)
    return Answer(
        picked, confident=adjusted >= threshold and not (unanswered or no_month), score=adjusted
    )
