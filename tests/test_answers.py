"""Extractive answers, abstention and citations."""

from __future__ import annotations

import re

import pytest

from kb.citations import citation_link, citation_text, date_label, page_label
from kb.query import parse_query
from tests.conftest import ingest_pages

ALL = ("public", "members", "staff")


def test_answer_quotes_passages_verbatim_with_citations(sample_kb):
    response = sample_kb.search("Who is the president of CECOP?", visibilities=ALL)
    answer = response.answer
    assert answer.confident
    assert 1 <= len(answer.sentences) <= 4
    assert any("Giuseppe Guerini" in s.text for s in answer.sentences)
    by_rank = {hit.rank: hit for hit in response.results}
    for sentence in answer.sentences:
        cited = by_rank[sentence.citation]
        assert sentence.text in " ".join(cited.text.split())
        assert sentence.date == cited.date


def test_answer_sentences_are_distinct(sample_kb):
    answer = sample_kb.search("what is SEAP", visibilities=ALL).answer
    texts = [s.text for s in answer.sentences]
    assert len(texts) == len(set(texts))


def test_unanswerable_question_is_not_confident(sample_kb):
    for question in (
        "What is CECOP's position on nuclear energy?",
        "Who won the 2022 FIFA World Cup?",
        "What is the recipe for tiramisu?",
        "Who wrote the 2024 activity report?",  # the sample report names no author
        "How many cooperatives are there in Poland?",  # Poland is named, no count for it
    ):
        response = sample_kb.search(question, visibilities=ALL)
        assert response.answer.confident is False, question
        assert response.results, "the nearest passages are still shown"


def test_a_year_is_answered_by_the_source_date_only_when_no_other_year_is_named():
    from types import SimpleNamespace

    from kb.answers import YEAR_PENALTY, AnswerSentence, confidence_penalty

    def source(text: str) -> SimpleNamespace:  # a passage of a report dated May 2025
        return SimpleNamespace(text=text, date="2025-05")

    undated = "Members met in Rome and approved the accounts."
    assert confidence_penalty("general assembly in 2025", 0, [source(undated)]) == 0
    named = "The 2024 General Assembly took place in Rome."
    picked = [AnswerSentence(named, 1, 0.9, "Activity Report 2024", "2025-05")]
    # twice: the quoted sentence dates the assembly by another year
    assert confidence_penalty("general assembly in 2025", 0, [source(named)], picked) == (
        2 * YEAR_PENALTY
    )
    assert confidence_penalty("general assembly in 2024", 0, [source(named)], picked) == 0


def test_a_year_naming_a_publication_dates_nothing():
    from types import SimpleNamespace

    from kb.answer_types import dating_years
    from kb.answers import YEAR_PENALTY, AnswerSentence, confidence_penalty

    assert dating_years(
        "We launched the SNAPSHOT 2022-2023 and the Report of Activity 2023; Activity Report "
        "2024; the General Assembly 2021; priorities for 2024–2029"
    ) == {"2021", "2024", "2029"}
    launched = "We held our General Assembly in Rome, where we launched the SNAPSHOT 2022-2023."
    calendar = "Calendar, June 2024: General Assembly held in Rome; Report of Activity 2023 out"
    sources = [SimpleNamespace(text=text, date="2025-05") for text in (launched, calendar)]
    picked = [AnswerSentence(calendar, 2, 0.9, "Activity Report 2024", "2025-05")]
    subject = ["general", "assembly"]
    penalty = confidence_penalty("where was the 2023 general assembly", 0, sources, picked, subject)
    assert penalty == 2 * YEAR_PENALTY


def test_an_asked_year_counts_only_in_a_passage_about_the_subject():
    from types import SimpleNamespace

    from kb.answers import YEAR_PENALTY, confidence_penalty

    assembly = SimpleNamespace(text="The 2024 General Assembly took place in Rome.", date=None)
    outlook = SimpleNamespace(text="We look forward to the challenges of 2025.", date=None)
    subject = ["general", "assembly"]
    question = "when is the 2025 general assembly"
    assert confidence_penalty(question, 0, [assembly, outlook], [], subject) == YEAR_PENALTY
    about = SimpleNamespace(text="The 2025 General Assembly will meet in Lisbon.", date=None)
    assert confidence_penalty(question, 0, [assembly, about], [], subject) == 0


def test_answer_in_api_shape(sample_kb):
    data = sample_kb.search("what did CECOP say about Draghi", visibilities=ALL).to_api()
    assert set(data["answer"]) == {"sentences", "confident"}
    for sentence in data["answer"]["sentences"]:
        assert {"text", "citation", "title", "date"} <= set(sentence)
        assert 1 <= sentence["citation"] <= len(data["results"])


def test_citation_fields_of_a_pdf_passage(sample_kb):
    hits = sample_kb.search("Draghi report competitiveness", k=20, visibilities=ALL).results
    pdf = next(h for h in hits if h.media_type == "pdf")
    assert pdf.pages == page_label(pdf.page_start, pdf.page_end)
    assert re.fullmatch(r"pp?\. \d+(–\d+)?", pdf.pages)
    assert pdf.link == f"/files/{pdf.doc_id}#page={pdf.page_start}"
    assert pdf.citation.startswith(f"CECOP, \u201c{pdf.title}\u201d, ")
    assert pdf.citation.endswith(pdf.pages)


def test_citation_fields_of_a_web_page(sample_kb):
    hits = sample_kb.search("BEFIT reaction", k=20, visibilities=ALL).results
    page = next(h for h in hits if h.media_type == "html")
    assert page.pages == "" and page.page_start is None
    assert page.link.startswith(page.canonical_url + "#:~:text=")


def test_citation_helpers():
    assert page_label(13, 13) == "p. 13" and page_label(13, 14) == "pp. 13–14"
    assert page_label(None, None) == ""
    assert date_label("2025-05") == "May 2025" and date_label("2024-03-12") == "12 March 2024"
    assert date_label(None) == "n.d."
    text = citation_text("Activity Report 2024", "2025-05", 13, 13)
    assert text == "CECOP, \u201cActivity Report 2024\u201d, May 2025, p. 13"
    assert citation_link(7, "markdown", None, None, 3, "x") == "/doc/7#chunk-3"
    link = citation_link(2, "html", "https://cecop.coop/news/a#top", None, 0, "The Council's text")
    assert (
        link == "https://cecop.coop/news/a#:~:text=The%20Council%E2%80%99s%20text"
        or link.startswith("https://cecop.coop/news/a#:~:text=The%20Council")
    )


def _report_with_credits(path):
    from fpdf import FPDF

    body = (
        "This report describes a year of advocacy for worker and social cooperatives in "
        "Europe, with meetings, publications and campaigns run together with our members. "
    )
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(0, 12, "Activity Report 2024", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, body * 4, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for line in (
        "Published in May 2025",
        "Authors: Francesca Zaganelli",
        "Design: Colectivo Verbena",
    ):
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.multi_cell(0, 6, body * 3, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_short_credit_lines_can_answer(kb, tmp_path):
    from ingest.pipeline import Ingester

    with Ingester(kb) as ingester:
        ingester.ingest_paths([_report_with_credits(tmp_path / "report-2024.pdf")])
    texts = [s.text for s in kb.search("Who designed the report?").answer.sentences]
    assert "Design: Colectivo Verbena" in texts
    texts = [s.text for s in kb.search("When was the report published?").answer.sentences]
    assert "Published in May 2025" in texts
    response = kb.search("Who wrote the 2024 activity report?")
    texts = [s.text for s in response.answer.sentences]
    assert "Authors: Francesca Zaganelli" in texts
    assert "Activity Report 2024" not in texts, "a title made of the question's words"
    assert "Authors: Francesca Zaganelli" in response.results[0].text


TEAM_PAGE = """# Annual review 2024

## The year in brief

Our federation held its general assembly in Tampere in June, and the board met four times.
We published two studies on reserved contracts and welcomed three new member organisations.

## Key figures 2024

3411

mailing list subscribers

23,000

page views

## Our staff

ANNA KOWALSKA

SECRETARY GENERAL

MARTA RIBEIRO

COMMUNICATIONS OFFICER

PIETER JANSSENS

POLICY OFFICER

We thank our colleague Tomas Berg who, after 3 years with us, left to start a new
professional adventure. We also thank our interns for 2024, Lena Weiss and Omar Haddad.

## Our board

The board met in Tampere during the International Week of Cooperatives, where Vice
Presidents and members discussed the internal rules.

Our President, Elena Moretti, closed the assembly.
"""


def _team_kb(kb, tmp_path):
    return ingest_pages(kb, tmp_path, {"annual-review-2024.md": TEAM_PAGE})


def test_name_cards_answer_who_holds_a_role(kb, tmp_path):
    _team_kb(kb, tmp_path)
    for question, card in (
        ("Who is the communications officer?", "MARTA RIBEIRO COMMUNICATIONS OFFICER"),
        ("Who is the secretary general?", "ANNA KOWALSKA SECRETARY GENERAL"),
        ("communications officer", "MARTA RIBEIRO COMMUNICATIONS OFFICER"),
    ):
        response = kb.search(question)
        assert response.answer.confident, question
        assert any(card in s.text for s in response.answer.sentences), question
        assert card in " ".join(response.results[0].text.split())


def test_a_key_figure_and_its_label_answer_how_many(kb, tmp_path):
    _team_kb(kb, tmp_path)
    texts = [s.text for s in kb.search("How many page views did the website get?").answer.sentences]
    assert "23,000 page views" in texts


def test_numbers_written_out_find_digits_and_interns_are_not_international(kb, tmp_path):
    _team_kb(kb, tmp_path)
    response = kb.search("Which staff member left after three years?")
    assert "Tomas Berg" in response.results[0].text
    assert any("Tomas Berg" in s.text for s in response.answer.sentences)
    response = kb.search("who were the interns in 2024")
    assert "Lena Weiss" in response.results[0].text, "not the International Week"


def test_a_position_is_read_in_the_sentences_after_its_subject(sample_kb):
    # The passage names the Letta report first and states the reaction after it.
    answer = sample_kb.search("What was our reaction to the Letta report?", visibilities=ALL).answer
    assert any("fifth freedom" in s.text for s in answer.sentences)


def test_a_role_of_another_body_needs_that_body_named(sample_kb):
    # The sample report is signed by CECOP's president; it names nobody as the president of
    # Cooperatives Europe.
    answer = sample_kb.search("Who is the president of Cooperatives Europe?").answer
    assert not answer.confident


def test_a_question_in_the_text_is_answered_by_the_sentence_after_it(sample_kb):
    # The onboarding page asks "What does CECOP stand for?" and answers in the next sentence.
    answer = sample_kb.search("What does the acronym CECOP stand for?", visibilities=ALL).answer
    assert any("des coopératives de production" in s.text for s in answer.sentences)
    assert not any(s.text.endswith("?") for s in answer.sentences)


def test_a_typed_answer_must_be_about_the_subject():
    # The languages listed are those of the study; nothing says which ones the Manifesto is in.
    from types import SimpleNamespace

    from kb.answer_types import LANGUAGE
    from kb.answers import AnswerSentence, _typed_answer

    study = (
        "In 2023 we collected figures from our member federations on the network. "
        "Download the 2024 study (available in English, Spanish, Italian and Polish)."
    )
    manifesto = "Ahead of the elections we published a Manifesto with ten priorities."
    hits = [SimpleNamespace(rank=1, text=study), SimpleNamespace(rank=2, text=manifesto)]
    picked = [AnswerSentence(study.split(". ")[1], 1, 0.9)]
    forms = {t: [t] for t in ("languages", "Manifesto", "study", "available")}
    assert not _typed_answer(LANGUAGE, picked, hits, ["Manifesto", "available"], forms)
    assert _typed_answer(LANGUAGE, picked, hits, ["study", "available"], forms)


def test_a_role_typed_as_keywords_is_answered_confidently_by_its_holder(sample_kb):
    answer = sample_kb.search("communications officer", visibilities=ALL).answer
    assert answer.confident
    assert any("Ilaria Buttu" in s.text for s in answer.sentences)


def test_how_much_wants_an_amount():
    # "four-year" and "2022" are numbers, not a sum received.
    from types import SimpleNamespace

    from kb.answer_types import AMOUNT, expected_answer
    from kb.answers import AnswerSentence, _typed_answer

    assert expected_answer("How much funding did CECOP receive in 2024?") == AMOUNT
    assert expected_answer("By how much will membership fees be indexed?") == AMOUNT
    signed = "In 2022 CECOP signed a four-year partnership agreement with the Commission."
    granted = "Under the partnership agreement CECOP received EUR 450,000 in 2024."
    forms = {t: [t] for t in ("partnership", "agreement", "receive", "funding")}
    subject = ["partnership", "agreement"]
    for text, answers in ((signed, False), (granted, True)):
        hits = [SimpleNamespace(rank=1, text=text)]
        picked = [AnswerSentence(text, 1, 0.9)]
        assert _typed_answer(AMOUNT, picked, hits, subject, forms) is answers, text


def test_typed_keywords_need_an_answer_holding_one_of_them():
    from kb.answer_types import is_keyword_query
    from kb.answers import AnswerSentence, _answers_keywords

    assert is_keyword_query("cecop budget 2024")
    assert not is_keyword_query("What is the budget of CECOP?")
    assert not is_keyword_query("cecop budget?")
    forms = {"budget": ["budget"], "associated": ["associated"], "list": ["list"]}
    campaign = [AnswerSentence("In April 2024 CECOP launched its Manifesto campaign.", 1, 0.9)]
    accounts = [AnswerSentence("The Treasurer presented the revised budget for 2024.", 1, 0.9)]
    assert not _answers_keywords("cecop budget 2024", campaign, ["budget"], forms, [], None)
    assert _answers_keywords("cecop budget 2024", accounts, ["budget"], forms, [], None)
    # a question may be answered in other words
    assert _answers_keywords("What did CECOP spend in 2024?", campaign, ["spend"], forms, [], None)


def test_typed_keywords_need_sources_holding_their_rarest_word():
    from types import SimpleNamespace

    from kb.answers import AnswerSentence, _answers_keywords

    forms = {t: [t] for t in ("board", "member", "france")}
    subject = list(forms)
    sessions = "The sessions brought together members from Belgium, Italy and Spain."
    board = "Board member: Amaya Delgado, COCETA, Spain."
    picked = [AnswerSentence(sessions, 1, 0.9), AnswerSentence(board, 2, 0.8)]
    sources = [SimpleNamespace(rank=1, text=sessions), SimpleNamespace(rank=2, text=board)]
    query = "cecop board member from france"
    assert _answers_keywords(query, picked, subject, forms, sources, None)
    assert not _answers_keywords(query, picked, subject, forms, sources, "france")
    assert _answers_keywords(query, picked, subject, forms, sources, "board")


def test_the_rarest_word_is_the_one_fewest_passages_hold(kb, tmp_path):
    from kb.query import parse_query

    cities = ["Brussels", "Rome", "Lisbon", "Madrid", "Vienna", "Prague", "Dublin", "Sofia"]
    pages = {f"{city}.md": f"# {city}\n\nThe federation met in {city}.\n" for city in cities}
    pages["board.md"] = "# Board\n\nThe board met a member federation from Spain.\n"
    pages["members.md"] = "# Members\n\nA new member joined the board in Paris, France.\n"
    ingest_pages(kb, tmp_path, pages)
    terms = kb.searcher.query_terms(parse_query("board member france"), ("public",))
    assert terms.distinctive == ["board", "member", "france"]
    assert terms.rarest() == "france"
    assert kb.searcher.query_terms(parse_query("france"), ("public",)).rarest() is None


def test_who_did_something_wants_a_name(kb, tmp_path):
    # The passage tells of the webinar but names nobody who moderated it.
    events = (
        "# Events\n\nOn 28 October CECOP hosted a webinar on the Platform Work Directive, "
        "with speakers from the European Parliament and from our members.\n"
    )
    webinar = (
        "# The webinar\n\nThe webinar on the Platform Work Directive was moderated by "
        "Nikolett Szolnoki, our advocacy advisor.\n"
    )
    assert_answered_once_said(
        kb,
        tmp_path,
        "who moderated the platform work directive webinar",
        {"events.md": events},
        {"webinar.md": webinar},
        "Nikolett Szolnoki",
    )


def test_a_role_of_the_document_itself_is_named_by_its_title():
    from kb.answers import _names_holder

    credits = "Authors: Francesca Zaganelli"
    terms = ["author", "activity", "report", "2024"]
    body = "Activity Report 2024"
    assert _names_holder(credits, "author", terms, body, False, "Activity Report 2024")
    assert not _names_holder(credits, "author", terms, body, False, "Newsletter 1/2024")
    assert _names_holder(credits, "author", terms, body, True, "Newsletter 1/2024")


def test_a_position_is_quoted_from_sentences_not_headlines(loaded_kb, tmp_path):
    # The calendar's headlines repeat the question's words; the position is in sentences.
    calendar = (
        "# 2024 at a glance\n\n## October 2024\n\n"
        "- CECOP reaction on Mario Draghi's report on EU competitiveness\n"
        "- CECOP webinar on the Platform Work Directive\n"
        "- CECOP at the Social Economy Intergroup\n"
    )
    competitiveness = (
        "# A competitive EU\n\nMario Draghi published his report on the future of European "
        "competitiveness in September. Overall, it offers promising measures on skills and on "
        "public procurement that may also help industrial and service cooperatives. However, "
        "the report barely recognises cooperatives and the social economy as part of the "
        "answer.\n"
    )
    kb = ingest_pages(
        loaded_kb, tmp_path, {"calendar.md": calendar, "competitiveness.md": competitiveness}
    )
    texts = [s.text for s in kb.search("Draghi report cecop reaction").answer.sentences]
    assert any("barely recognises cooperatives" in t for t in texts), texts
    assert not any("webinar" in t or "Intergroup" in t for t in texts), texts


@pytest.mark.parametrize("name", ["ANNE-LAURE\n\nDESGRIS", "ANNE-LAURE DESGRIS"])
def test_a_card_headed_by_its_role_answers_with_name_and_organisation(kb, tmp_path, name):
    # Each card is "role / name / organisation", the name on one line or two: the card
    # quoted is the treasurer's own, not the end of the card above it.
    board = (
        "# Our board\n\nPRESIDENT\n\nGIUSEPPE\n\nGUERINI\n\nConfcooperative, Italy\n\n"
        f"VICE PRESIDENT-TREASURER\n\n{name}\n\nSmart, Belgium\n\n"
        "BOARD MEMBER\n\nSILVIA SPADARO\n\nConfcooperative Lavoro e Servizi, Italy\n"
    )
    ingest_pages(kb, tmp_path, {"board.md": board})
    for question in ("Who is the treasurer?", "vice president treasurer"):
        answer = kb.search(question).answer
        assert answer.confident, question
        texts = [s.text for s in answer.sentences]
        assert "VICE PRESIDENT-TREASURER ANNE-LAURE DESGRIS Smart, Belgium" in texts, question


LABELLED_BOARD = (
    "# Our board\n\nPRESIDENT\n\nGIUSEPPE GUERINI\n\nConfcooperative, Italy\n\n"
    "BOARD MEMBER\n\nSILVIA SPADARO\n\nConfcooperative Lavoro e Servizi, Italy\n\n"
    "BOARD MEMBER\n\nJARMO HÄNNINEN\n\nCoop Finland, Finland\n\n"
    "BOARD MEMBER\n\nVLADISLAV LAZAROV\n\nNUWPC, Bulgaria\n"
)
# Only the officers' cards say their role; a name may take two lines.
UNLABELLED_BOARD = (
    "# Our board\n\nPRESIDENT\n\nGIUSEPPE GUERINI\n\nConfcooperative, Italy\n\n"
    "SILVIA SPADARO\n\nConfcooperative Lavoro e Servizi, Italy\n\n"
    "JARMO\n\nHÄNNINEN\n\nCoop Finland, Finland\n\n"
    "VLADISLAV LAZAROV\n\nNUWPC, Bulgaria\n"
)
# Each card on one line: a name in capitals runs on into a member named in capitals.
ONE_LINE_BOARD = (
    "# Our board\n\nPRESIDENT GIUSEPPE GUERINI Confcooperative, Italy\n\n"
    "SILVIA SPADARO Confcooperative Lavoro e Servizi, Italy\n\n"
    "AMAYA DELGADO COCETA, Spain\n\n"
    "VLADISLAV LAZAROV NUWPC, Bulgaria\n"
)


NEWS_ITEMS = (
    "The General Assembly met in Rome and adopted the budget for the coming year.",
    "Our webinar on the Platform Work Directive drew members from twelve countries.",
    "We answered the consultation on public procurement with proposals on reserved contracts.",
)
# Unrelated pages, so that the words of a small knowledge base are not in all of it.
NEWS_PAGES = {f"news-{n}.md": f"# News {n}\n\n{item}\n" for n, item in enumerate(NEWS_ITEMS)}
# More of them, where a question's words are in three pages and must still tell its subject
# (words in more than COMMON_SHARE of the passages are the publisher's, as "CECOP" is).
MORE_NEWS_ITEMS = (
    "Our campaign on skills visited cooperatives in Spain and Portugal.",
    "Young people learnt how to found a cooperative at our summer school.",
    "The European Parliament voted on the directive on platform work.",
    "Members met in Brussels to prepare the next general assembly.",
    "A new member from Ireland joined the confederation this spring.",
)
MORE_NEWS_PAGES = {
    f"more-news-{n}.md": f"# More news {n}\n\n{item}\n" for n, item in enumerate(MORE_NEWS_ITEMS)
}

# The same news, each page naming the publisher, as CECOP's pages do.
PUBLISHER_PAGES = {
    f"cecop-{n}.md": f"# CECOP news {n}\n\nCECOP: {item}\n"
    for n, item in enumerate(NEWS_ITEMS + MORE_NEWS_ITEMS)
}


def assert_answered_once_said(kb, tmp_path, question, unsaid, said, quote):
    """Ingest a page that does not give the answer, then one that does: only then is the
    answer confident, quoting ``quote``."""
    ingest_pages(kb, tmp_path, unsaid)
    assert not kb.search(question).answer.confident
    ingest_pages(kb, tmp_path, said)
    answer = kb.search(question).answer
    assert answer.confident
    assert any(quote in s.text for s in answer.sentences), [s.text for s in answer.sentences]


@pytest.mark.parametrize(
    ("board", "member", "card"),
    [
        (LABELLED_BOARD, "Coop Finland", "BOARD MEMBER JARMO HÄNNINEN Coop Finland, Finland"),
        (UNLABELLED_BOARD, "Coop Finland", "JARMO HÄNNINEN Coop Finland, Finland"),
        (ONE_LINE_BOARD, "COCETA", "AMAYA DELGADO COCETA, Spain"),
    ],
)
def test_a_seat_on_the_board_is_answered_by_the_card_naming_the_member(
    kb, tmp_path, board, member, card
):
    # "Who sits on the board for Coop Finland" asks for the card naming Coop Finland, once;
    # no card names a French member.
    # in a knowledge base of one page every name is in all of it, as the publisher's is
    ingest_pages(kb, tmp_path, {"board.md": board, **NEWS_PAGES})
    texts = [s.text for s in kb.search(f"who sits on the board for {member}").answer.sentences]
    assert texts.count(card) == 1, texts
    assert sum(member in text for text in texts) == 1, texts
    assert not kb.search("who represents France on the board").answer.confident


@pytest.mark.parametrize(
    ("board", "card"),
    [
        (LABELLED_BOARD, "BOARD MEMBER JARMO HÄNNINEN Coop Finland, Finland"),
        (
            LABELLED_BOARD.replace("JARMO HÄNNINEN", "Jarmo Hänninen"),
            "BOARD MEMBER Jarmo Hänninen Coop Finland, Finland",
        ),
        # the line above the name ends the card before it, and is not quoted
        (
            UNLABELLED_BOARD.replace("JARMO\n\nHÄNNINEN", "JARMO HÄNNINEN"),
            "JARMO HÄNNINEN Coop Finland, Finland",
        ),
    ],
)
def test_a_question_naming_a_person_is_answered_by_their_card(kb, tmp_path, board, card):
    # "Which organisation does Jarmo Hänninen come from": the card whose line is the name
    ingest_pages(kb, tmp_path, {"board.md": board, **NEWS_PAGES})
    question = "Which organisation and country does board member Jarmo Hänninen come from?"
    texts = [s.text for s in kb.search(question).answer.sentences]
    assert card in texts, texts


def test_a_key_figure_answers_keywords_naming_its_label(kb, tmp_path):
    _team_kb(kb, tmp_path)
    texts = [s.text for s in kb.search("mailing list subscribers").answer.sentences]
    assert "3411 mailing list subscribers" in texts


DUTY_CARDS = (
    "# Our staff\n\nDIANA DOVGAN\n\nSECRETARY GENERAL\n\nFRANCESCA ZAGANELLI\n\n"
    "MEMBERSHIP COORDINATOR\n\nILARIA BUTTU\n\nCOMMUNICATIONS OFFICER\n"
)
# Cards drawn with a glyph line between them, each role set over two lines.
SPLIT_ROLE_CARDS = (
    "# Our staff\n\n●\n\nDIANA DOVGAN\n\nSECRETARY GENERAL\n\n●\n\nFRANCESCA ZAGANELLI\n\n"
    "MEMBERSHIP\n\nCOORDINATOR\n\n●\n\nILARIA BUTTU\n\nCOMMUNICATIONS\n\nOFFICER\n\n●\n\n"
    "NIKOLETT SZOLNOKI\n\nADVOCACY ADVISOR\n"
)


@pytest.mark.parametrize(
    ("staff", "question", "card", "not_quoted"),
    [
        # a duty asked with its verb names the role
        (
            DUTY_CARDS,
            "who coordinates membership",
            "FRANCESCA ZAGANELLI MEMBERSHIP COORDINATOR",
            "ILARIA",  # the next card's name is no organisation
        ),
        (
            SPLIT_ROLE_CARDS,
            "Who is the communications officer?",
            "ILARIA BUTTU COMMUNICATIONS OFFICER",
            "NIKOLETT",
        ),
    ],
)
def test_a_staff_card_answers_who_holds_its_role(kb, tmp_path, staff, question, card, not_quoted):
    ingest_pages(kb, tmp_path, {"staff.md": staff})
    texts = [s.text for s in kb.search(question).answer.sentences]
    assert any(card in text for text in texts), texts
    if not_quoted:
        assert not any(not_quoted in text for text in texts), texts


def test_a_line_repeating_a_role_question_without_naming_anyone_is_not_an_answer(
    loaded_kb, tmp_path
):
    calendar = (
        "# 2024 at a glance\n\n## July 2024\n\n"
        "- CECOP at the meeting with the new Director General of DG EMPL\n"
        "- CECOP at the Transeo Summer Summit on business transfers, Belgium\n"
    )
    kb = ingest_pages(loaded_kb, tmp_path, {"calendar.md": calendar})
    question = "who is the new director general of DG EMPL that cecop met in july"
    response = kb.search(question)
    assert "Director General of DG EMPL" in response.results[0].text
    assert not response.answer.confident


ABOUT_PAGES = {
    "mission.md": "# Who we are\n\nThe Harbour Federation is the European federation of "
    "worker cooperatives. It is based on democracy at work and on the solidarity of its "
    "members, and it is located at the heart of the cooperative movement.\n",
    "events.md": "# Events\n\nThe Harbour Federation held its general assembly in Lisbon on "
    "5 June. Members from twelve countries took part in the assembly.\n",
}


def test_an_address_question_is_answered_by_the_address(kb, tmp_path):
    ingest_pages(kb, tmp_path, ABOUT_PAGES)
    assert not kb.search("Where is the Harbour Federation based?").answer.confident
    contact = "# Contact\n\nHarbour Federation\n\nRue des Tanneurs 42\n\n1000 Brussels, Belgium\n"
    ingest_pages(kb, tmp_path, {"contact.md": contact})
    for question in (
        "Where is the Harbour Federation based?",
        "harbour federation address",
        "What is the Harbour Federation's address in Brussels?",
    ):
        response = kb.search(question)
        assert any(hit.source.endswith("contact.md") for hit in response.results[:2]), question
        assert response.answer.confident, question
        texts = [s.text for s in response.answer.sentences]
        assert {"Rue des Tanneurs 42", "1000 Brussels, Belgium"} & set(texts), question


def test_the_state_of_the_union_address_is_not_a_postal_address():
    from kb.answer_types import ADDRESS, expected_answer

    assert expected_answer("head office address") == ADDRESS
    assert expected_answer("cecop office address brussels") == ADDRESS
    assert expected_answer("where is CECOP located") == ADDRESS
    assert expected_answer("what was said in the State of the Union address?") is None
    assert expected_answer("how does CECOP address labour shortages") is None
    assert expected_answer("What is CECOP's address in Brussels?") == ADDRESS
    assert expected_answer("what's the federation's postal address") == ADDRESS
    assert expected_answer("What is the State of the Union address?") is None
    assert expected_answer("what is the best way to address the skills gap") is None


MONITORING = (
    "# Legislative monitoring\n\nThe Harbour bulletin covers EU social affairs and the "
    "monitoring of EU legislation for our members.\n"
)
SIXTH_BULLETIN = (
    "# Sixth bulletin out\n\nThe Harbour Federation has published the sixth edition of its "
    "biannual bulletin on EU social affairs, read by members and partners.\n"
)


def test_a_how_often_question_is_answered_by_a_frequency(kb, tmp_path):
    question = "how often does the harbour bulletin on EU social affairs come out"
    ingest_pages(kb, tmp_path, {"monitoring.md": MONITORING})
    # the page names the bulletin but not how often it comes out
    assert not kb.search(question).answer.confident
    ingest_pages(kb, tmp_path, {"sixth.md": SIXTH_BULLETIN})
    response = kb.search(question)
    assert response.results[0].source.endswith("sixth.md")
    assert "biannual" in response.answer.sentences[0].text


CALENDAR = (
    "# 2024 at a glance\n\n## May 2024\n\nFirst edition of the external newsletter\n\n"
    "## June 2024\n\nGeneral Assembly in Rome, Italy\n\nConference on an Italian action plan, "
    "Rome, Italy\n\n## July 2024\n\nMeeting with the new Director-General of DG EMPL\n"
)
STATUTORY = (
    "# Statutory meetings\n\nMembers met in Rome, Italy, for the 2024 General Assembly, with "
    "an Italian federation as host. The board also met twice that year.\n"
)


def test_a_month_question_is_answered_by_a_calendar_entry_under_its_month(kb, tmp_path):
    ingest_pages(kb, tmp_path, {"calendar.md": CALENDAR, "statutory.md": STATUTORY})
    answer = kb.search("which month was the general assembly in rome").answer
    assert answer.confident
    assert "June 2024 General Assembly in Rome, Italy" in [s.text for s in answer.sentences]


def test_a_year_alone_does_not_answer_which_month(kb, tmp_path):
    # The report dates the assembly by its year only: "when" is answered, "which month" not.
    ingest_pages(kb, tmp_path, {"statutory.md": STATUTORY})
    assert kb.search("When was the General Assembly in Rome?").answer.confident
    assert not kb.search("In which month was the General Assembly in Rome?").answer.confident


def test_a_question_about_the_next_meeting_is_not_answered_by_the_last_one(kb, tmp_path):
    question = "When is the next General Assembly in Rome?"
    minutes = "# Minutes\n\nThe minutes of each meeting are filed next to its agenda.\n"
    ingest_pages(kb, tmp_path, {"statutory.md": STATUTORY, "minutes.md": minutes})
    assert kb.search("When was the General Assembly in Rome?").answer.confident
    assert not kb.search(question).answer.confident
    plans = "# Plans\n\nThe next General Assembly will meet in Rome again in June 2026.\n"
    ingest_pages(kb, tmp_path, {"plans.md": plans})
    answer = kb.search(question).answer
    assert answer.confident
    assert any("June 2026" in s.text for s in answer.sentences)


def test_a_later_year_looks_ahead_from_its_source():
    from kb.answer_types import asks_about_future, looks_ahead

    assert asks_about_future("where will the general assembly be held")
    assert not asks_about_future("who sat next to the president")
    assert looks_ahead("Fees for 2025 are to be indexed by 2%.", "2024-06-13")
    assert not looks_ahead("Fees for 2025 were indexed by 2%.", "2025-03-01")
    assert not looks_ahead("The 2024 assembly took place in Rome.", None)
    assert not looks_ahead("The minutes are filed next to the agenda.", None)


def test_a_calendar_entry_of_another_year_does_not_answer_a_dated_question(kb, tmp_path):
    ingest_pages(kb, tmp_path, {"calendar.md": CALENDAR, "statutory.md": STATUTORY})
    answer = kb.search("when is the general assembly 2025").answer
    assert not answer.confident
    assert not any(s.text.startswith("June 2024") for s in answer.sentences)


EDITORIAL = (
    "# CECOP News, January 2021\n\nDear readers,\n\nThe past year put our cooperatives to "
    "the test, and they kept their workers on board. This year we will follow the preparation "
    "of the European action plan for the social economy.\n\nHappy reading!\n\n"
    "Diana Dovgan, CECOP Secretary General\n"
)


def test_who_signed_a_text_is_answered_by_its_signature(kb, tmp_path):
    pages = {"editorial.md": EDITORIAL, "board.md": LABELLED_BOARD, **NEWS_PAGES}
    ingest_pages(kb, tmp_path, pages)
    for question in (
        "Who signed the editorial of the January 2021 newsletter?",
        "who wrote the january 2021 editorial",
    ):
        texts = [s.text for s in kb.search(question).answer.sentences]
        assert "Diana Dovgan, CECOP Secretary General" in texts, question


def test_a_signature_is_a_name_a_comma_and_a_role():
    from kb.answer_types import asks_who_signed, is_signature

    assert is_signature("Diana Dovgan, CECOP Secretary General")
    assert is_signature("GIUSEPPE GUERINI, President")
    assert not is_signature("Confcooperative, Italy")
    assert not is_signature("Diana Dovgan")
    assert not is_signature("Diana Dovgan, Secretary General. She joined in 2019")
    assert asks_who_signed("Who signed the editorial?")
    assert not asks_who_signed("Which unions signed the agreement?")


def test_which_countries_asks_for_countries():
    from kb.answer_types import COUNTRY, expected_answer

    assert expected_answer("In which six countries is the research carried out?") == COUNTRY
    assert expected_answer("which member states signed the roadmap") == COUNTRY
    assert expected_answer("Which organisation and country does she come from?") is None


def test_which_countries_is_answered_by_countries_named_near_the_subject(kb, tmp_path):
    # a page on the sessions that names no country does not answer which countries joined
    summary = (
        "# Mutual learning\n\nOur mutual learning sessions on gender equality were held "
        "online in three parts and were joined by many members.\n"
    )
    sessions = (
        "# Participants\n\nMembers from France, Spain, Malta and Portugal joined the gender "
        "equality learning sessions.\n"
    )
    assert_answered_once_said(
        kb,
        tmp_path,
        "which countries joined the gender equality learning sessions",
        {"summary.md": summary, **NEWS_PAGES},
        {"sessions.md": sessions},
        "France, Spain, Malta and Portugal",
    )


def test_sums_and_named_bodies_are_kinds_of_answer():
    from kb.answer_types import AMOUNT, ORGANISATIONS, expected_answer

    assert expected_answer("What combined turnover did the SNAPSHOT report?") == AMOUNT
    assert expected_answer("What is CECOP's budget for 2025?") == AMOUNT
    assert expected_answer("Which Italian trade unions signed the agreement?") == ORGANISATIONS
    assert expected_answer("What are the names of the two cooperatives featured?") == (
        ORGANISATIONS
    )
    assert expected_answer("Which organisation does she come from?") is None


def test_a_successor_is_not_answered_by_the_person_succeeded(kb, tmp_path):
    board = (
        "# Our Board\n\nThe Board is chaired by Giuseppe Guerini (Confcooperative, Italy), "
        "President for the 2021-2024 mandate.\n\nVice Presidents: Janusz Paszkowski (NAUWC, "
        "Poland) and Anne Martin (SCOP, France).\n"
    )
    assembly = (
        "# General Assembly 2025\n\nThe General Assembly elected Maria Rossi as President of "
        "CECOP for the new mandate.\n"
    )
    assert_answered_once_said(
        kb,
        tmp_path,
        "Who succeeded Giuseppe Guerini as CECOP president after the 2024 mandate?",
        {"board.md": board, **NEWS_PAGES},
        {"assembly.md": assembly},
        "Maria Rossi",
    )


@pytest.mark.parametrize("bodies", ["trade unions", "trade union confederations"])
def test_named_bodies_are_not_answered_by_repeating_the_question(kb, tmp_path, bodies):
    # the page repeats the question almost word for word, yet names no union ("European"
    # describes the movement, it names no body)
    agreement = (
        "# Worker buyouts\n\nItalian cooperative federations Agci, Confcooperative and "
        "Legacoop signed the worker buyout agreement with the trade unions of Italy. The "
        "European cooperative movement welcomed the agreement with the trade unions.\n"
    )
    unions = (
        f"# The signatories\n\nFor the {bodies}, CGIL, CISL and UIL signed the worker "
        "buyout agreement in Rome.\n"
    )
    assert_answered_once_said(
        kb,
        tmp_path,
        f"Which Italian {bodies} signed the worker buyout agreement with Agci, "
        "Confcooperative and Legacoop?",
        {"agreement.md": agreement, **NEWS_PAGES, **MORE_NEWS_PAGES},
        {"unions.md": unions},
        "CGIL, CISL and UIL",
    )


def test_a_quoted_title_is_the_subject_a_count_must_be_about(kb, tmp_path):
    # the calendar names the publication; the only count nearby is of working groups
    calendar = (
        "# 2024 at a glance\n\nJune 2024\n\n"
        "- CECOP publication “Workers Buyouts - what is the cooperative key to success?”\n"
        "- CECOP at the conference on transitions\n"
    )
    groups = (
        "# Working groups\n\nTwo working groups were active, analysing worker buyouts and "
        "the success of cooperatives.\n"
    )
    study = (
        "# Workers Buyouts - what is the cooperative key to success?\n\nThe publication "
        "'Workers Buyouts - what is the cooperative key to success?' analyses 14 worker "
        "buyouts in six countries.\n"
    )
    assert_answered_once_said(
        kb,
        tmp_path,
        "How many worker buyouts are analysed in CECOP's publication 'Workers Buyouts - what "
        "is the cooperative key to success?'",
        {"calendar.md": calendar, "groups.md": groups, **NEWS_PAGES, **MORE_NEWS_PAGES},
        {"study.md": study},
        "analyses 14 worker buyouts",
    )


def test_a_line_ending_with_a_quoted_title_asks_nothing():
    from kb.answer_types import quoted_titles
    from kb.answers import _is_question

    assert _is_question("What does CECOP stand for?")
    assert _is_question("“Why cooperatives?”")
    assert not _is_question("• CECOP publication “Workers Buyouts - what is the key?”")
    assert quoted_titles("Who wrote CECOP's 'All for One' report?") == ["All for One"]
    assert quoted_titles('When was "Coop Tales: a different way" out?') == [
        "Coop Tales: a different way"
    ]
    assert quoted_titles("Who said 'no'?") == []


@pytest.mark.parametrize(
    ("question", "featured"),
    [
        (
            "What are the names of the two cooperatives featured in the inclusion publication?",
            "It features two cooperatives affiliated to our members.",
        ),
        # "member" qualifies the bodies asked for; the publisher's name is no answer
        (
            "What are the names of the two member cooperatives featured in the inclusion "
            "publication?",
            "Two CECOP member cooperatives are featured.",
        ),
    ],
)
def test_named_bodies_are_not_answered_without_naming_one(kb, tmp_path, question, featured):
    # The page says that two cooperatives are featured, not which: the words it capitalises
    # start its sentences or name the publisher.
    inclusion = (
        "# Inclusion at work\n\nOur new publication gathers good practices of social economy "
        f"enterprises that include people with disabilities. {featured}\n"
    )

    named = (
        "# Two portraits\n\nThe inclusion publication features two cooperatives: La Fageda "
        "in Catalonia and Vivre Ensemble in Wallonia.\n"
    )
    assert_answered_once_said(
        kb,
        tmp_path,
        question,
        {"inclusion.md": inclusion, **PUBLISHER_PAGES},
        {"portraits.md": named},
        "La Fageda",
    )


def test_a_person_asked_for_by_office_is_not_answered_by_a_calendar_of_other_names(kb, tmp_path):
    # "Which MEP chairs ..." asks for a person: the calendar names the group and another
    # person, not who chairs it
    calendar = (
        "# 2024 at a glance\n\nApril 2024\n\n"
        "- CECOP at the Social Economy Intergroup in Brussels\n"
        "- CECOP's opinion on Enrico Letta's report on the single market\n\n"
        "In April 2024 CECOP attended the Social Economy Intergroup in the European "
        "Parliament.\n"
    )
    chair = (
        "# The Intergroup\n\nThe Social Economy Intergroup, which CECOP attended in April "
        "2024, is chaired by MEP Marta Kowalska.\n"
    )
    assert_answered_once_said(
        kb,
        tmp_path,
        "Which MEP chairs the Social Economy Intergroup that CECOP attended in April 2024?",
        {"calendar.md": calendar, **PUBLISHER_PAGES},
        {"intergroup.md": chair},
        "Marta Kowalska",
    )


@pytest.mark.parametrize(
    "question",
    [
        "Who wrote the comparative study of social enterprise laws?",
        "Which legal expert wrote the comparative study of social enterprise laws?",
    ],
)
def test_written_by_credits_the_author_a_question_asks_for(kb, tmp_path, question):
    # "Who wrote the study" is answered by "written by ... Antonio Fici"
    announced = (
        "# Social enterprise laws\n\nIn December 2020 we published a comparative study of "
        "social enterprise laws in Europe.\n"
    )
    author = (
        "# The study's author\n\nThe comparative study of social enterprise laws was written "
        "by the Italian legal expert Antonio Fici.\n"
    )
    assert_answered_once_said(
        kb,
        tmp_path,
        question,
        {"announced.md": announced, **NEWS_PAGES, **MORE_NEWS_PAGES},
        {"author.md": author},
        "Antonio Fici",
    )


ASSEMBLY_PAGE = """# General Assembly 2024

Delegates from across Europe attended the 2024 General Assembly in Rome in June, hosted by
two of the largest Italian worker cooperatives. The members elected a new board for the next
four years and approved the accounts of 2023.
"""


def test_how_many_is_answered_only_by_a_number_of_what_it_asks_about(kb, tmp_path):
    ingest_pages(kb, tmp_path, {"assembly.md": ASSEMBLY_PAGE, **NEWS_PAGES, **MORE_NEWS_PAGES})
    asked = kb.search("How many cooperatives hosted the 2024 General Assembly in Rome?")
    assert asked.answer.confident
    assert any("two of the largest" in s.text for s in asked.answer.sentences)
    other = kb.search("How many delegates attended the 2024 General Assembly in Rome?")
    assert not other.answer.confident, "two cooperatives are no count of delegates"


@pytest.mark.parametrize(
    ("text", "counted", "answers"),
    [
        ("hosted by two of the largest cooperatives", ["delegates"], False),
        ("hosted by two of the largest cooperatives", ["cooperatives"], True),
        ("21 of the 27 member organisations", ["member", "organisations"], True),
        ("Members: 27", ["members"], True),
        ("CECOP sent nine editions of CECOP Link", ["issues"], True),
        ("1.3 million workers", ["people"], True),
        ("1.3 million workers", ["countries"], False),
        ("in 16 countries", ["buy-outs"], False),
    ],
)
def test_what_a_number_counts(text, counted, answers):
    from kb.answer_types import NUMBER, answer_type_score

    assert (answer_type_score(text, NUMBER, [0], counted=counted) == 1.0) is answers


def test_what_a_how_many_question_counts():
    from kb.answer_types import counted_words

    assert counted_words("How many delegates attended the assembly?") == ["delegates"]
    counted = counted_words("how many member organisations were present")
    assert counted == ["member", "organisations"]
    assert counted_words("How many are there?") == []
    assert counted_words("Who is the president?") == []


@pytest.mark.parametrize(
    ("question", "unsaid", "said", "quote"),
    [
        (
            # a calendar line names the meeting, not where it was
            "In which city was the first transnational meeting of the Origami Project held?",
            "# Calendar 2024\n\n- CECOP at the first transnational meeting of the Origami "
            "Project\n- CECOP at the conference on transitions\n",
            "# Origami\n\nThe first transnational meeting of the Origami Project was held in "
            "Lisbon, hosted by a Portuguese partner.\n",
            "held in Lisbon",
        ),
        (
            "What was the total amount of EU funding in CECOP's partnership agreement?",
            "# Funding\n\nFrom 2022 our partnership agreement with the European Commission "
            "runs for four years, paid through the EaSI strand of the ESF+ programme.\n",
            "# Budget\n\nThe partnership agreement brings EU funding of EUR 1.2 million over "
            "four years.\n",
            "EUR 1.2 million",
        ),
        (
            # the bodies a question names are not the ones it asks for
            "Which Italian trade unions signed the worker buyouts agreement with Agci, "
            "Confcooperative and Legacoop?",
            "# Worker buyouts\n\nItalian cooperative federations Agci, Confcooperative and "
            "Legacoop signed an agreement with Italy's largest trade unions to promote worker "
            "buyouts. Together, Agci, Confcooperative and Legacoop form the Alliance of Italian "
            "Cooperatives.\n",
            "# Unions\n\nThe worker buyouts agreement was signed by the trade unions CGIL, CISL "
            "and UIL.\n",
            "CGIL, CISL and UIL",
        ),
        (
            # a share is a percentage or a fraction, not the number of members
            "What share of the workers in member cooperatives are women?",
            "# Snapshot\n\nThe snapshot counts the women and men working in member "
            "cooperatives: 27 members in 16 countries.\n",
            "# Women at work\n\nWomen are 54% of the workers in member cooperatives.\n",
            "54%",
        ),
    ],
)
def test_a_place_a_sum_a_share_or_other_bodies_are_asked_for_by_name(
    kb, tmp_path, question, unsaid, said, quote
):
    assert_answered_once_said(
        kb,
        tmp_path,
        question,
        {"unsaid.md": unsaid, **NEWS_PAGES, **MORE_NEWS_PAGES},
        {"said.md": said},
        quote,
    )


def test_where_an_event_was_held_asks_for_a_place_and_what_share_for_a_fraction():
    from kb.answer_types import AMOUNT, PLACE, SHARE, answer_spans, expected_answer

    assert expected_answer("Where did the 2024 General Assembly take place?") == PLACE
    assert expected_answer("In which city was the meeting held?") == PLACE
    assert expected_answer("Where is CECOP based?") != PLACE
    assert expected_answer("What was the total amount of EU funding?") == AMOUNT
    assert expected_answer("How big a slice of the EU's output is the social economy?") == SHARE
    assert answer_spans("54% of workers, two thirds of members, one in four", SHARE) == [
        "4%",
        "thirds",
        "one in four",
    ]
    text = "CECOP at the First meeting; held in June in Rome; a conference, Brussels; Toledo, Spain"
    assert answer_spans(text, PLACE) == ["in Rome", "Brussels", "Toledo, Spain"]


def test_the_place_of_what_is_to_come_is_told_by_a_sentence_looking_ahead():
    from types import SimpleNamespace

    from kb.answer_types import PLACE
    from kb.answers import AnswerSentence, _typed_answer

    past = "Our General Assembly in Rome closed a busy year."
    outlook = "The Manifesto will guide our work for the 2024-2029 term."
    coming = "CECOP will hold its next General Assembly in Lisbon."
    subject = ["General", "Assembly"]
    forms = {word: [word] for word in subject}

    def answered(*texts: str, future: bool) -> bool:
        picked = [AnswerSentence(text, n, 0.9) for n, text in enumerate(texts, start=1)]
        hits = [SimpleNamespace(rank=n, text=text) for n, text in enumerate(texts, start=1)]
        return _typed_answer(PLACE, picked, hits, subject, forms, future=future)

    assert answered(past, outlook, future=False)
    assert not answered(past, outlook, future=True), "Rome was the last one, not the next"
    assert answered(past, coming, future=True)


GLANCE = (
    "<html><head><title>The year at a glance</title></head><body><main>"
    "<h1>The year at a glance</h1><h2>March 2024</h2><p>"
    "Harbour Federation webinar on platform work and the new directive<br>"
    "Joint letter on the revision of the waste rules<br>"
    "Our member Dunav Workers, Bulgaria, visit the Harbour Federation<br>"
    "First meeting of the Origami training partnership</p>"
    "<h2>April 2024</h2><p>The Harbour Federation published its manifesto for the elections.</p>"
    "</main></body></html>"
)


def test_a_calendar_entry_answers_though_it_is_an_unpunctuated_line(kb, tmp_path):
    ingest_pages(kb, tmp_path, {"glance.html": GLANCE})
    response = kb.search("Which Bulgarian member visited the Harbour Federation in March 2024?")
    assert response.results[0].source.endswith("glance.html")
    texts = [s.text for s in response.answer.sentences]
    assert "Our member Dunav Workers, Bulgaria, visit the Harbour Federation" in texts, texts


def test_a_country_and_its_peoples_adjective_find_each_other(kb, tmp_path):
    ingest_pages(kb, tmp_path, {"glance.html": GLANCE})
    for query in ("bulgarian member", "Dunav Workers Bulgaria"):
        response = kb.search(query, mode="keyword")
        assert [hit.source.endswith("glance.html") for hit in response.results] == [True], query
    terms = kb.searcher.query_terms(parse_query("the Bulgarian member"), ("public",))
    assert terms.alternatives.get("bulgarian") == ["bulgaria"]
    # a form no passage holds is not searched
    terms = kb.searcher.query_terms(parse_query("Bulgaria"), ("public",))
    assert "bulgaria" not in terms.alternatives


def test_a_duty_asked_with_its_verb_names_the_role():
    from kb.answer_types import role_question

    assert role_question("who handles communications at CECOP") == ("communications", "CECOP")
    assert role_question("who is responsible for advocacy?") == ("advocacy", None)
    assert role_question("who coordinates membership") == ("membership coordinator", None)
    assert role_question("who is the president") == ("president", None)


def test_a_member_a_question_asks_for_is_an_organisation():
    from kb.answer_types import ORGANISATIONS, expected_answer

    assert expected_answer("Which member co-organised the mutual learning sessions?") == (
        ORGANISATIONS
    )
    assert expected_answer("which members are from Italy") == ORGANISATIONS
    assert expected_answer("which member of staff handles the accounts") is None
    assert expected_answer("Which member of the board is from Finland?") is None
