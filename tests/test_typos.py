"""Typing slips in a query are read as the word meant; real words the corpus lacks are not."""

from __future__ import annotations

import json

import pytest

from kb.query import STOPWORDS, parse_query
from kb.typos import respell, respelled_parts, typo_corrections
from tests.conftest import ingest_pages

# What the viewer's passages hold, as counts of passages.
HELD = {"address": 3, "general": 9, "budget": 2, "dress": 1, "line": 5, "unclear": 1}
KNOWN = frozenset(["address", "general", "budget", "dress", "line", "unclear", "nuclear"])


def _corrections(*terms: str) -> dict[str, str]:
    return typo_corrections(terms, KNOWN, STOPWORDS, lambda word: HELD.get(word, 0))


@pytest.mark.parametrize(
    ("slip", "meant"),
    [
        ("adress", "address"),  # a letter left out: "address", not "dress" one more away
        ("genral", "general"),
        ("bugdet", "budget"),  # two letters swapped
        ("Adress", "address"),
        ("wich", "which"),  # too common to be indexed, yet a word
    ],
)
def test_a_slip_is_read_as_the_word_meant(slip, meant) -> None:
    assert _corrections(slip) == {slip.lower(): meant}


@pytest.mark.parametrize(
    "word",
    [
        "nuclear",  # a real word no passage holds: the question may be unanswerable
        "dine",  # a real word the model splits into pieces: not "line"
        "address",  # held
        "aress",  # two letters away from any word
        "adres2",  # not a word
        "tne",  # too short to guess
    ],
)
def test_words_that_are_no_slips_are_left_alone(word) -> None:
    assert _corrections(word) == {}


def test_the_word_meant_must_be_one_the_viewer_may_read() -> None:
    assert typo_corrections(["adress"], KNOWN, STOPWORDS, lambda word: 0) == {}


def test_respelling_leaves_quoted_phrases_and_other_words_alone() -> None:
    query = 'cecop Adress -"adress book" type:report'
    assert respell(query, {"adress": "address"}) == 'cecop address -"adress book" type:report'


TEAM = {
    "contact.md": "# Contact\n\nThe office of CECOP is at Avenue Milcamps 105, 1030 "
    "Brussels, Belgium. Write to the secretariat at this address.\n",
    "assembly.md": "# General Assembly\n\nThe General Assembly met in Rome in June and "
    "adopted the budget for the year.\n",
    "webinar.md": "# Webinar\n\nOur webinar on platform work drew members from twelve "
    "countries across Europe.\n",
}


@pytest.fixture
def team_kb(kb, tmp_path):
    (tmp_path / "minutes.meta.json").write_text(json.dumps({"visibility": "staff"}))
    pages = {**TEAM, "minutes.md": "# Minutes\n\nThe names of our donors stay private.\n"}
    return ingest_pages(kb, tmp_path, pages)


def test_respelled_parts_mark_the_words_read_otherwise() -> None:
    parts = respelled_parts('Adress "adress" adress-book', {"adress": "address"})
    assert parts == [
        ("address", True),
        (" ", False),
        ('"adress"', False),
        (" ", False),
        ("address", True),
        ("-book", False),
    ]
    assert respelled_parts("as typed", {}) == [("as typed", False)]


def test_a_query_with_a_slip_finds_and_answers_what_it_meant(team_kb) -> None:
    response = team_kb.search("cecop office adress brussels")
    assert response.query == "cecop office adress brussels"
    assert response.respelled == "cecop office address brussels"
    assert response.to_api()["respelled"] == {
        "query": "cecop office address brussels",
        "words": {"adress": "address"},
    }
    assert response.results[0].title == "Contact"
    assert response.answer.confident
    assert any("Avenue Milcamps 105" in s.text for s in response.answer.sentences)


def test_a_query_searched_as_typed_keeps_its_slips(team_kb) -> None:
    response = team_kb.search("cecop office adress brussels", as_typed=True)
    assert response.respelled is None and response.to_api()["respelled"] is None
    assert "adress" in response.parsed.terms and "address" not in response.parsed.terms
    assert team_kb.search("cecop office address brussels").respelled is None


def test_a_slip_is_read_only_as_a_word_the_viewer_may_read(team_kb) -> None:
    # only a staff document holds "donors": a public query's "donrs" stays as typed
    terms = parse_query("genral assembly donrs").terms
    assert team_kb.searcher.typos(terms, ("public",)) == {"genral": "general"}
    staff = ("public", "members", "staff")
    assert team_kb.searcher.typos(terms, staff) == {"genral": "general", "donrs": "donors"}
