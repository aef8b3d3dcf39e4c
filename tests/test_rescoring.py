"""The rescoring features: expected answer types, idf coverage and term proximity."""

from __future__ import annotations

import numpy as np
import pytest

from kb.answer_types import ANYWHERE, answer_type_score, expected_answer
from kb.rescoring import QueryTerms, idf_coverage, proximity_score, smallest_window, term_positions
from tests.conftest import ingest_pages


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who is the president of CECOP?", "person"),
        ("whose idea was the campaign", "person"),
        ("Which MEP chairs the Social Economy Intergroup?", "person"),
        ("Which legal expert wrote the study?", "person"),
        # "whose" further on relates: the question asks for an enterprise
        ("Which enterprise won the awards whose jury she joined?", "organisations"),
        ("What are the names of the two member cooperatives featured?", "organisations"),
        ("What cooperative values does CECOP defend?", None),
        ("Which Italian trade union confederations signed it?", "organisations"),
        ("Which two member-affiliated cooperatives are featured?", "organisations"),
        ("Where is the CECOP office?", "address"),
        ("How many members does CECOP have?", "number"),
        ("What share of workers are women?", "share"),
        ("When was the Social Economy Action Plan adopted?", "date"),
        ("In which year did the Platform Work Directive pass?", "date"),
        ("In which languages can I read the SNAPSHOT?", "language"),
        ("Has the Manifesto been translated into Polish?", "language"),
        ("date of the platform work directive webinar", "date"),
        ("platform work directive webinar date", "date"),
        ("draghi report reaction month", "month"),
        ("In which month did CECOP react to the State of the Union?", "month"),
        ("number of member federations", "number"),
        ("How often does the bulletin come out?", "frequency"),
        ("how many times a year does the newsletter appear", "frequency"),
        ("newsletter frequency", "frequency"),
        ("european cooperative day", None),
        ("How much funding did CECOP receive?", "amount"),
        ("What is SEAP?", None),
        ("CECOP position on public procurement", None),
        ("update of the action plan", None),
    ],
)
def test_questions_get_their_expected_answer_type(question, kind):
    assert expected_answer(question) == kind


def test_a_name_next_to_the_query_words_scores_highest():
    text = "The Board met in Rome. Secretary General Diana Dovgan opened the meeting."
    near = [text.index("Secretary")]
    far = [0]
    assert answer_type_score(text, "person", near) == 1.0
    long_text = "Diana Dovgan spoke. " + "Nothing else happened here at all. " * 5 + "Board."
    assert answer_type_score(long_text, "person", [long_text.index("Board")]) == ANYWHERE
    assert answer_type_score("no names in this one", "person", far) == 0.0
    assert answer_type_score(text, None, near) == 0.0


def test_numbers_and_dates_are_recognised():
    text = "The plan was adopted in December 2021 and counts 60 actions."
    at = [text.index("adopted")]
    assert answer_type_score(text, "date", at) == 1.0
    assert answer_type_score(text, "number", at) == 1.0
    assert answer_type_score("It was adopted by the Commission.", "date", [3]) == 0.0


def test_frequencies_are_recognised():
    at = [0]
    for text in ("our biannual bulletin", "It meets once a year.", "out every two months"):
        assert answer_type_score(text, "frequency", at) == 1.0, text
    assert answer_type_score("The bulletin covers EU social affairs.", "frequency", at) == 0.0
    assert answer_type_score("Every member took part.", "frequency", at) == 0.0


def test_languages_are_recognised_where_something_is_offered_in_them():
    at = [0]
    assert answer_type_score("The SNAPSHOT is out in English and Polish.", "language", at) == 1.0
    assert answer_type_score("Read the SNAPSHOT in Spanish.", "language", at) == 1.0
    assert answer_type_score("SNAPSHOT: Spanish, Italian, Polish", "language", at) == 1.0
    assert answer_type_score("The SNAPSHOT names Italian federations.", "language", at) == 0.0


def test_smallest_window_finds_the_narrowest_span_holding_every_term():
    assert smallest_window({"a": [0, 50], "b": [40, 200]}) == 10
    assert smallest_window({"a": [5], "b": [5]}) == 0
    assert smallest_window({"a": [0, 100], "b": [30], "c": [90]}) == 70


def test_proximity_rewards_terms_close_together_and_needs_two():
    close = term_positions("worker buyouts rescue firms", ["worker", "buyouts"])
    apart = term_positions("worker " + "filler " * 40 + "buyouts", ["worker", "buyouts"])
    assert proximity_score(close, 2) > proximity_score(apart, 2) > 0
    assert proximity_score(term_positions("worker only", ["worker", "buyouts"]), 2) == 0.0


def test_idf_coverage_weighs_rare_terms_more():
    query = QueryTerms(["cecop", "draghi"], {"cecop": 90, "draghi": 2}, visible=100)
    assert query.distinctive == ["draghi"]
    rare = idf_coverage("Draghi published his report", query)
    common = idf_coverage("CECOP published a report", query)
    assert rare > 0.9 > 0.1 > common
    assert idf_coverage("CECOP and Draghi", query) == pytest.approx(1.0)


def test_position_questions_are_recognised():
    from kb.answer_types import asks_for_position

    assert asks_for_position("what did CECOP say about Draghi")
    assert asks_for_position("CECOP's reaction to the State of the Union")
    assert asks_for_position("What is our opinion of the skills plan?")
    assert asks_for_position("La Hulpe declaration CECOP position")
    assert not asks_for_position("What position does Diana Dovgan hold?")
    assert not asks_for_position("how many policy position papers in 2024")
    assert not asks_for_position("Who is the president of CECOP?")
    # typed as keywords: the position word may come last, and "view" anywhere
    assert asks_for_position("Draghi report cecop reaction")
    assert asks_for_position("cecop view platform work directive")
    assert not asks_for_position("How many page views did the website get?")
    assert not asks_for_position("reaction time of cooperatives")
    # typed as keywords, "position" anywhere, or a name and "on" as in a headline
    assert asks_for_position("cecop position la hulpe declaration")
    assert asks_for_position("cecop on the letta report on the single market")
    assert not asks_for_position("Is CECOP on LinkedIn?")
    # a question asking for a date is answered by the calendar, not by a stated position
    assert not asks_for_position("In which month did CECOP react to the State of the Union?")


def test_words_framing_a_position_question_are_not_its_subject():
    from kb.answer_types import subject_terms

    terms = ["CECOP", "reaction", "Draghi", "report"]
    assert subject_terms("What was CECOP's reaction to the Draghi report?", terms) == [
        "CECOP",
        "Draghi",
        "report",
    ]
    assert subject_terms("reaction time of cooperatives", ["reaction", "time"]) == [
        "reaction",
        "time",
    ]
    assert subject_terms("What is your opinion of opinions?", ["opinions"]) == ["opinions"]


def test_words_setting_the_answer_type_are_not_the_subject():
    from kb.answer_types import subject_terms

    assert subject_terms("How many members does CECOP have?", ["many", "members", "CECOP"]) == [
        "members",
        "CECOP",
    ]
    assert subject_terms("Which languages is the SNAPSHOT in?", ["languages", "SNAPSHOT"]) == [
        "SNAPSHOT"
    ]
    assert subject_terms("many hands", ["many", "hands"]) == ["many", "hands"]


def test_statement_share_tells_sentences_from_headlines():
    from kb.rescoring import statement_share
    from kb.sentences import split_sentences

    headlines = "October 2024\nCECOP reaction on the Draghi report\nWebinar on platform work"
    prose = "Draghi published his report in September. We found several useful proposals in it."
    assert statement_share(headlines, split_sentences(headlines)) == 0.0
    assert statement_share(prose, split_sentences(prose)) == 1.0
    mixed = "Our position\n" + prose
    assert 0.8 < statement_share(mixed, split_sentences(mixed)) < 1.0


def test_a_stated_position_beats_a_headline_naming_it(loaded_kb, tmp_path):
    from ingest.pipeline import Ingester

    (tmp_path / "calendar.md").write_text(
        "# 2024 at a glance\n\n## October\n\n"
        "- CECOP reaction to the Draghi report on competitiveness\n"
        "- Webinar on the Platform Work Directive\n"
        "- Working group on public procurement reform\n",
        encoding="utf-8",
    )
    (tmp_path / "competitiveness.md").write_text(
        "# Competitiveness\n\nIn September Mario Draghi presented his report on the future of "
        "European competitiveness. CECOP found useful proposals in it on skills and procurement, "
        "but it barely mentions cooperatives and says little about the quality of jobs.\n",
        encoding="utf-8",
    )
    kb = loaded_kb
    with Ingester(kb, {"date": "2024-12-01"}) as ingester:
        ingester.ingest_paths([tmp_path / "calendar.md", tmp_path / "competitiveness.md"])
    hits = kb.search("What was CECOP's reaction to the Draghi report?").results
    assert hits[0].title == "Competitiveness"
    assert kb.search("Draghi report webinar").results[0].title == "2024 at a glance"


def test_a_headline_is_not_the_best_sentence_of_a_position_but_answers_when(kb, tmp_path):
    # The calendar line repeats the question's words; only statements compete as a passage's
    # best sentence on a position question. A "which month" question asks for the calendar.
    ingest_pages(
        kb,
        tmp_path,
        {
            "calendar.md": "# 2024 at a glance\n\n## September 2024\n\n"
            "- CECOP's reaction to the State of the Union\n"
            "- Webinar on the Platform Work Directive\n"
            "- Study visit to worker cooperatives in Valencia\n",
            "advocacy.md": "# Our advocacy\n\n## Business environment\n\n"
            "The President of the Commission gave her annual State of the Union address to "
            "Parliament. CECOP welcomed the weight it gave to industrial competitiveness and a "
            "fair transition, but regretted that it made no commitment on the social economy "
            "or on cooperatives.\n",
        },
    )
    reaction = kb.search("cecop reaction to the state of the union 2024").results
    assert reaction[0].title == "Our advocacy"
    month = kb.search("In which month did CECOP react to the State of the Union?").results
    assert month[0].title == "2024 at a glance"


def test_only_statements_count_as_a_positions_best_sentence():
    from kb.rescoring import statement_vectors
    from kb.sentences import split_sentences
    from kb.store import Evidence

    text = (
        "September 2024\nCECOP's reaction to the State of the Union\nWe welcomed its focus on jobs."
    )
    spans = split_sentences(text)
    vectors = np.eye(len(spans), dtype="float32")
    found = Evidence(text=text, vector=vectors[0], sentence_spans=spans, sentence_vectors=vectors)
    assert statement_vectors(found).tolist() == [vectors[-1].tolist()]


def test_recency_places_dates_between_oldest_and_newest():
    from kb.rescoring import recency_scores

    assert recency_scores({1: "2021-03", 2: "2024-10-01", 3: None, 4: "2023"}) == {
        1: 0.0,
        4: 0.5,
        2: 1.0,
    }
    assert recency_scores({1: "2024", 2: "2024"}) == {}


def test_the_newer_of_two_equal_positions_comes_first(kb, tmp_path):
    from ingest.pipeline import Ingester

    text = (
        "# Public procurement\n\nCECOP asks that public buyers reserve contracts for social "
        "enterprises and weigh social value, not only the lowest price.\n"
    )
    for name, date in (("older.md", "2021-03-01"), ("newer.md", "2024-10-01")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        with Ingester(kb, {"date": date}) as ingester:
            ingester.ingest_paths([tmp_path / name])
    hits = kb.search("What did CECOP say about public procurement?").results
    assert [h.date for h in hits[:2]] == ["2024-10-01", "2021-03-01"]


@pytest.mark.parametrize(
    ("question", "role"),
    [
        ("Who is the president of Cooperatives Europe?", "president"),
        ("Who is CECOP's secretary general?", "secretary general"),
        ("who were our interns in 2024", "interns"),
        ("Who is Antonio Fici?", None),
        ("Who is the Secretary General of CECOP?", "Secretary General"),
        ("Who designed the report?", None),
        # who came after someone asks for the role's next holder
        ("Who succeeded Giuseppe Guerini as CECOP president after the 2024 mandate?", "president"),
        ("who replaced Diana Dovgan as secretary general", "secretary general"),
        ("Who was elected to succeed Giuseppe Guerini as CECOP president?", "president"),
        ("who succeeded Guerini", None),
    ],
)
def test_role_questions_name_their_role(question, role):
    from kb.answer_types import asked_role

    assert asked_role(question) == role


def test_only_a_person_next_to_the_role_counts_as_naming_it():
    from kb.answer_types import names_near

    terms = ["president", "cooperatives", "europe"]
    assert names_near("Giuseppe Guerini, President of the confederation", "president", terms)
    for sentence in (
        "We sit on the Board of Cooperatives Europe through our President.",
        "Our President represents us in the International Co-operative Alliance.",
        "Our Secretary General met the President.",
        "Vice Presidents: Janusz Paszkowski (NAUWC, Poland) and Anne Martin.",
    ):
        assert not names_near(sentence, "president", terms), sentence


def test_who_did_what_questions_look_for_credit_labels():
    from kb.answer_types import credit_expansions

    question = "Who wrote the activity report?"
    assert credit_expansions(question, ["wrote", "activity", "report"]) == {
        "wrote": ["author", "written by"]
    }
    assert credit_expansions("What was written about Draghi?", ["written", "draghi"]) == {}


def test_an_acronym_counts_as_its_expansion_in_coverage_and_positions():
    from kb.rescoring import term_positions

    query = QueryTerms(
        ["seap", "adopted"],
        {"seap": 1, "adopted": 3},
        visible=100,
        alternatives={"seap": ["Social Economy Action Plan"]},
    )
    text = "The Social Economy Action Plan was adopted in December 2021."
    assert idf_coverage(text, query) == pytest.approx(1.0)
    assert set(term_positions(text, query.distinctive, query.forms)) == {"seap", "adopted"}


def test_a_name_next_to_the_role_of_another_body_does_not_count():
    from kb.answer_types import asked_body, names_near

    question = "Who is the president of Cooperatives Europe?"
    assert asked_body(question) == "Cooperatives Europe"
    terms = ["president", "cooperatives", "europe"]
    other = (
        "The President of CECOP is Giuseppe Guerini, of the Italian federation "
        "Confcooperative, re-elected in 2021; he also represents CECOP on the boards of "
        "Cooperatives Europe and CICOPA."
    )
    assert not names_near(other, "president", terms, "Cooperatives Europe")
    assert names_near(other, "president", terms, "CECOP")
    assert names_near("Giuseppe Guerini, President", "president", terms, "CECOP")


@pytest.mark.parametrize(
    ("text", "role", "holder"),
    [
        ("Giuseppe Guerini, President", "president", "Giuseppe Guerini"),
        ("President Giuseppe Guerini opened the meeting", "president", "Giuseppe Guerini"),
        ("OUR STAFF DIANA DOVGAN\n\nSECRETARY GENERAL", "secretary general", "DIANA DOVGAN"),
        ("VICE PRESIDENT-TREASURER\n\nANNE-LAURE DESGRIS", "treasurer", "ANNE-LAURE DESGRIS"),
        ("VICE PRESIDENT-TREASURER\n\nANNE-LAURE DESGRIS", "president", None),
        ("a workshop for staff and Vice Presidents on Gender Diversity", "president", None),
        ("the President of the Commission spoke", "president", None),
        # a title's last word and "Our" on the next line are no name set over two lines
        ("Guerini on 'The Inequality Virus'\n\nOur President reacts", "president", None),
        ("PRESIDENT\n\nGIUSEPPE\nGUERINI", "president", "GIUSEPPE\nGUERINI"),
    ],
)
def test_role_holders_are_names_set_beside_the_role(text, role, holder):
    from kb.answer_types import role_holder

    assert role_holder(text, role) == holder


def test_numbers_written_out_and_in_digits_count_as_each_other():
    from kb.answer_types import number_expansions

    assert number_expansions(["three", "years", "12"]) == {"three": ["3"], "12": ["twelve"]}
    assert number_expansions(["one", "staff"]) == {}


def test_query_words_match_inflections_not_other_words():
    from kb.snippets import find_spans

    assert find_spans("our interns and an internship", ["interns"]) == [(4, 11), (19, 29)]
    assert find_spans("International Week, internal rules", ["interns"]) == []
    assert find_spans("organisations organised it", ["organisation"]) == [(0, 13), (14, 23)]
    assert find_spans("after 3 years, not 34", ["3"]) == [(6, 7)]


def test_a_sentence_is_ranked_in_the_light_of_the_one_before():
    from kb.answers import AnswerSentence, _carried_scores

    sentences = [
        AnswerSentence("Draghi published his report.", 1, 0.6),
        AnswerSentence("Overall, it offers useful measures.", 1, 0.1),
        AnswerSentence("An unrelated line.", 2, 0.2),
    ]
    assert _carried_scores(sentences, 0.5) == [0.6, 0.3, 0.2]
    assert _carried_scores(sentences, 0.0) == [0.6, 0.1, 0.2]


@pytest.mark.parametrize(
    ("query", "role", "body"),
    [
        ("Who is the president of Cooperatives Europe?", "president", "Cooperatives Europe"),
        ("cecop treasurer", "treasurer", "cecop"),
        ("communications officer", "communications officer", None),
        ("communications officer cecop", "communications officer", "cecop"),
        ("secretary general", "secretary general", None),
        ("Who is Antonio Fici?", None, None),
        ("platform work directive", None, None),
        ("european commission president", None, None),
        ("who were the interns at CECOP in 2024", "interns", "CECOP"),
        ("who is the author of the activity report 2024", "author", "activity report 2024"),
        (
            "who is the new director general of DG EMPL that we met",
            "new director general",
            "DG EMPL",
        ),
        ("vice president treasurer", "vice president treasurer", None),
        ("who coordinates membership at cecop", "membership coordinator", "cecop"),
        ("who coordinates the working group on procurement", None, None),
        # a seat on the board asked for a member names the member, not the board's owner
        ("who sits on the cecop board for coop finland", "board member", "coop finland"),
        ("who represents France on the CECOP board", "board member", "France"),
        ("cecop board member from france", "board member", "france"),
        ("who is on the board of cecop", "board member", "cecop"),
        ("who sits on the cooperatives europe board on behalf of cecop", None, None),
        # the owner's "'s" left out, typed in a hurry
        ("who is cecops secretary general", "secretary general", "cecops"),
        ("who is the board secretary", "board secretary", None),
    ],
)
def test_roles_are_asked_with_or_without_who(query, role, body):
    from kb.answer_types import asked_body, asked_role

    assert (asked_role(query), asked_body(query)) == (role, body)


def test_a_date_naming_its_day_answers_when():
    from kb.answer_types import day_date_near

    text = "On October 28, CECOP hosted a webinar on the Platform Work Directive."
    webinar = [text.index("webinar")]
    assert day_date_near(text, webinar)
    assert day_date_near("The webinar took place on 28 October 2024.", [4])
    assert day_date_near("webinar (28.10.2024)", [0])
    assert not day_date_near("October 2024: webinar on the Platform Work Directive", [14])
    assert not day_date_near(text, [])


def test_when_questions_prefer_the_passage_with_the_day(loaded_kb, tmp_path):
    # Without the day-date feature the calendar line, closer in words, comes first.
    from ingest.pipeline import Ingester

    (tmp_path / "calendar.md").write_text(
        "# 2024 at a glance\n\n## October 2024\n\n"
        "- Webinar on the Platform Work Directive: challenges and opportunities for cooperatives\n"
        "- Working group on public procurement reform\n"
        "- Mutual learning session on gender equality\n",
        encoding="utf-8",
    )
    (tmp_path / "transposition.md").write_text(
        "# Transposition\n\nThe Directive was approved last year, and Member States have until "
        "2026 to transpose it. On 28 October we hosted a webinar with speakers from Eurofound "
        "and from our members on what the Platform Work Directive means for cooperatives.\n",
        encoding="utf-8",
    )
    kb = loaded_kb
    with Ingester(kb) as ingester:
        ingester.ingest_paths([tmp_path / "calendar.md", tmp_path / "transposition.md"])
    hits = kb.search("When was the webinar on the Platform Work Directive?").results
    assert hits[0].title == "Transposition"


SEAP_REPORT = (
    "# Annual report\n\n## Expert group\n\n"
    "In 2024 the expert group on the social economy met three times. Its work centred on the "
    "mid-term review of the SEAP and on the revision of the public procurement rules, where "
    "we asked for reserved contracts to be used more widely by public buyers across Europe.\n\n"
    "## Our priorities\n\n"
    "Industrial and service cooperatives belong at the centre of the Social Economy Action Plan. "
    "We work with the European institutions so that worker and social cooperatives can use "
    "the measures it offers, from access to finance to public procurement and skills.\n"
)


def test_an_acronym_is_answered_where_its_name_is_written_out(kb, tmp_path):
    # The report never defines SEAP; its name is spelled from the capitalised words. Without
    # the written-out bonus the passage only using the acronym comes first.
    from ingest.pipeline import Ingester
    from kb.rescoring import spelled_out_share

    (tmp_path / "report.md").write_text(SEAP_REPORT, encoding="utf-8")
    with Ingester(kb) as ingester:
        ingester.ingest_paths([tmp_path / "report.md"])
    for question in ("what is SEAP", "What does SEAP stand for?"):
        assert kb.search(question).results[0].section == "Our priorities", question
    names = {"SEAP": ["Social Economy Action Plan"]}
    assert spelled_out_share("the Social Economy Action Plan (SEAP)", names) == 1.0
    assert spelled_out_share("the review of the SEAP", names) == 0.0
    assert spelled_out_share("the review of the SEAP", {}) == 0.0


@pytest.mark.parametrize(
    ("question", "definition"),
    [
        ("What does SEAP stand for?", True),
        ("SEAP meaning", True),
        ("what is the SEAP", True),
        ("snapshot 2022-2023 what is it", True),
        ("What did CECOP say about the SEAP review?", False),
        ("SEAP midterm review 2024", False),
    ],
)
def test_questions_asking_what_an_acronym_stands_for(question, definition):
    from kb.answer_types import asks_definition

    assert asks_definition(question) is definition


def test_a_year_or_a_day_is_not_a_count():
    text = "The 2024 General Assembly took place in Rome on 12 June."
    at = [text.index("Assembly")]
    assert answer_type_score(text, "number", at) == 0.0
    counted = "Over 120 people attended the 2024 General Assembly."
    assert answer_type_score(counted, "number", [counted.index("Assembly")]) == 1.0
    assert answer_type_score(text, "date", at) == 1.0


def test_a_paraphrased_question_is_ranked_by_meaning(loaded_kb, tmp_path):
    # No passage holds a third of the question's weight, so the two words the question
    # shares with the Parliament passage are incidental. Ranked by words as well, that
    # passage comes first.
    visit = (
        "# Study visit\n\nIn December our members spent an afternoon at CoHop, a Brussels "
        "brewery owned by the people who work in it, tasting its beers and hearing how the "
        "cooperative shares its profits.\n"
    )
    parliament = (
        "# Parliament\n\nEvery year a delegation from the Board meets the intergroup of the "
        "European Parliament on the social economy to present our priorities.\n"
    )
    kb = ingest_pages(loaded_kb, tmp_path, {"visit.md": visit, "parliament.md": parliament})
    question = "Which ale producer did the delegation tour at the end of the year?"
    assert kb.search(question).results[0].title == "Study visit"
    assert kb.search("Board delegation to the Parliament intergroup").results[0].title == (
        "Parliament"
    )


def test_the_keyword_rankings_best_are_rescored_wherever_fusion_puts_them():
    # Passages holding a word every passage holds ("CECOP") rank in both lists and fill the
    # fused top; the card naming the treasurer is keyword rank 1 but fused far below.
    from kb.rescoring import RescoreWeights, rescore, rescored_head
    from kb.store import Evidence

    query = np.zeros(4, dtype="float32")
    query[0] = 1.0
    other = np.zeros(4, dtype="float32")
    other[1] = 1.0
    card = "TREASURER\n\nAnne-Laure Desgris, CG Scop, France"
    filler = "CECOP met its members in Brussels to discuss the year ahead."
    depth = RescoreWeights.depth
    fused = [(n, 1.0 / (60 + n)) for n in range(1, depth + 6)]
    card_id = fused[-1][0]
    evidence = {
        n: Evidence(card if n == card_id else filler, query if n == card_id else other, [], None)
        for n, _ in fused
    }
    terms = QueryTerms(
        ["treasurer", "cecop"], {"treasurer": 1, "cecop": 35}, 40, "who is the treasurer of cecop"
    )
    scores = {card_id: 9.0}

    def rank_of_card(pooled):
        ranked = rescore(fused, evidence, query, terms, scores, pooled=pooled)
        return [chunk_id for chunk_id, _ in ranked].index(card_id) + 1

    assert rank_of_card(None) == len(fused)
    assert rank_of_card([card_id]) == 1
    head, tail = rescored_head(fused, depth, [card_id, 2])
    assert [c for c, _ in head] == [*range(1, depth + 1), card_id]
    assert [c for c, _ in tail] == list(range(depth + 1, card_id))


def unit(*values):
    """Return a unit vector: a toy embedding."""
    vector = np.array(values, dtype="float32")
    return vector / np.linalg.norm(vector)


def test_a_paraphrase_is_not_answered_by_a_short_line_close_by_chance():
    # Ranked by meaning alone, a card's line of three words may come out closest to the
    # question; only sentences of six words or more stand for their passage.
    from kb.rescoring import long_sentence_vectors, rescore
    from kb.store import Evidence

    query = unit(1, 0, 0)
    cards = "BOARD MEMBER\n\nAGCI Solidarietà, Italy"
    dinner = "After the General Assembly the staff and members dined at a cooperative restaurant."
    evidence = {
        1: Evidence(
            cards, unit(1, 1, 0), [(0, 12), (14, len(cards))], np.stack([unit(0, 1, 0), query])
        ),
        2: Evidence(dinner, unit(1, 1, 0), [(0, len(dinner))], np.stack([unit(2, 1, 0)])),
    }
    terms = QueryTerms(
        ["dinner", "capital"], {"dinner": 0, "capital": 0}, 40, "where did the team eat"
    )
    fused = [(1, 1 / 61), (2, 1 / 62)]
    meaning = dict(fused)
    ranked = rescore(fused, evidence, query, terms, {}, meaning=meaning)
    assert [chunk_id for chunk_id, _ in ranked] == [2, 1]
    assert len(long_sentence_vectors(evidence[1])) == 0
    assert len(long_sentence_vectors(evidence[2])) == 1


def test_a_seat_questions_verb_is_no_subject_word():
    from kb.answer_types import subject_terms

    question = "Who sits on CECOP's board for the Bulgarian federation NUWPC?"
    terms = ["sits", "CECOP", "board", "Bulgarian", "federation", "NUWPC"]
    assert subject_terms(question, terms) == terms[1:]
    # outside a seat question "sits" may be the subject
    assert subject_terms("when the assembly sits in Rome", ["assembly", "sits", "Rome"]) == [
        "assembly",
        "sits",
        "Rome",
    ]


def test_a_question_both_rankings_agree_on_is_no_paraphrase():
    # Rare words of the question's frame ("described") leave every passage under the
    # paraphrase threshold. When the keyword and semantic rankings still put the same
    # passage first, the words it shares with the question count; when they do not, the
    # passages rank by meaning alone.
    from kb.rescoring import PARAPHRASE_COVERAGE, idf_coverage, rescore
    from kb.store import Evidence

    query = unit(1, 0, 0)
    then = "In 2021 our network counted 25 members in 15 countries."
    now = "CECOP represents 27 members in 16 countries."
    evidence = {
        1: Evidence(then, unit(1, 2, 0), [(0, len(then))], np.stack([unit(1, 2, 0)])),
        2: Evidence(now, unit(2, 1, 0), [(0, len(now))], np.stack([unit(2, 1, 0)])),
    }
    terms = QueryTerms(
        ["described", "tally", "network", "2021"],
        {"described": 1, "tally": 1, "network": 12, "2021": 12},
        40,
        "what tally was described for the network in 2021",
    )
    assert max(idf_coverage(e.text, terms) for e in evidence.values()) < PARAPHRASE_COVERAGE
    fused = [(1, 1 / 61), (2, 1 / 62)]
    keyword = {1: 5.0}

    def first(meaning):
        return rescore(fused, evidence, query, terms, keyword, meaning=meaning)[0][0]

    assert first({1: 1 / 61, 2: 1 / 62}) == 1
    assert first({2: 1 / 61, 1: 1 / 62}) == 2
