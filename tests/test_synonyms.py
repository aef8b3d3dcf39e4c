"""The thesaurus: a word no passage holds searches for its synonyms that passages do hold."""

from __future__ import annotations

import pytest

from kb.knowledge_base import KnowledgeBase
from kb.query import parse_query
from kb.settings import Config
from kb.synonyms import (
    SHIPPED,
    ThesaurusError,
    load_thesaurus,
    parse_thesaurus,
    synonyms_of,
)
from tests.conftest import ingest_pages

THESAURUS = """
# money
bankrolled, paid for => funded, financed
newsletter, bulletin, digest
takeover, taking over, buyout   # phrases too
third sector, social economy
labour movement, union movement => trade unions
"""

PAGES = {
    "imprint.md": "# Imprint\n\nThis report was funded by the European Union under the "
    "single market programme.\n",
    "flash.md": "# CECOP Flash\n\nOur newsletter for members comes out twice a year and "
    "follows EU law on social affairs.\n",
    "buyouts.md": "# Worker buyouts\n\nItalian federations and trade unions signed an "
    "agreement to promote buyout operations by employees.\n",
    "assembly.md": "# General Assembly\n\nMembers met in Rome and elected the Board for "
    "the next four years.\n",
}


def _others(found, term: str) -> list[str]:
    return sorted({o for s in found if s.term == term for o in s.others})


def test_groups_read_both_ways_and_arrows_one_way() -> None:
    groups = parse_thesaurus(THESAURUS)
    assert _others(synonyms_of(groups, "who bankrolled it", ["bankrolled"]), "bankrolled") == [
        "financed",
        "funded",
    ]
    assert synonyms_of(groups, "who funded it", ["funded"]) == []
    assert _others(synonyms_of(groups, "the members' digest", ["members", "digest"]), "digest") == [
        "bulletin",
        "newsletter",
    ]


def test_phrases_and_hyphenated_words_are_found_in_the_question() -> None:
    groups = parse_thesaurus(THESAURUS)
    found = synonyms_of(groups, "employees taking over their firm", ["employees", "taking", "firm"])
    assert [(s.term, s.entry) for s in found] == [("taking", "taking over")]
    assert found[0].others == ["buyout", "takeover"]
    found = synonyms_of(groups, "third-sector topics", ["third-sector", "topics"])
    assert [(s.term, s.entry, s.others) for s in found] == [
        ("third-sector", "third sector", ["social economy"])
    ]


def test_a_synonym_the_question_already_says_is_left_out() -> None:
    groups = parse_thesaurus(THESAURUS)
    found = synonyms_of(groups, "newsletter or bulletin", ["newsletter", "bulletin"])
    assert _others(found, "newsletter") == ["digest"]
    assert _others(found, "bulletin") == ["digest"]


@pytest.mark.parametrize("line", ["bankrolled", "=> funded", "a =>", ", ,"])
def test_a_malformed_line_is_refused_naming_file_and_line(line: str) -> None:
    with pytest.raises(ThesaurusError) as caught:
        parse_thesaurus(f"# comment\n{line}\n", "my-synonyms.txt")
    assert str(caught.value).startswith("my-synonyms.txt, line 2:")


def test_a_home_may_keep_its_own_thesaurus(tmp_path) -> None:
    assert load_thesaurus(tmp_path) == parse_thesaurus(SHIPPED.read_text(encoding="utf-8"))
    (tmp_path / "synonyms.txt").write_text("crew => staff\n", encoding="utf-8")
    [group] = load_thesaurus(tmp_path)
    assert (group.entries, group.meanings) == (("crew",), ("staff",))


def test_the_shipped_thesaurus_reads() -> None:
    groups = parse_thesaurus(SHIPPED.read_text(encoding="utf-8"), str(SHIPPED))
    assert len(groups) > 50
    assert all(group.meanings for group in groups)


@pytest.mark.parametrize(
    ("question", "term", "meaning"),
    [
        # the paraphrases readers use for what the publications name
        ("the bloc's plan for the third sector", "bloc", "eu"),
        ("the bloc's plan for the third sector", "third", "social economy"),
        ("which Brussels money pays for the confederation", "pays", "funded"),
        ("people who bought out their employer", "bought", "buyout"),
        ("people who bought out their employer", "employer", "company"),
        ("peer exchanges on fairness between women and men", "women", "gender"),
        ("handing over a company to new owners", "handing", "business transfer"),
        # people, speeches and presidencies named by description or by a capital city
        ("what we said of the former central banker's study", "central", "draghi"),
        ("our view of the commission chief's annual address", "annual", "state of the union"),
        ("cooperatives during Lisbon's turn at the helm", "lisbon", "portugal"),
        ("cooperatives during Lisbon's turn at the helm", "helm", "presidency"),
        ("what share of the economic output do co-ops make", "economic", "gdp"),
        ("the rules for gig-economy apps that MEPs voted through", "gig-economy", "platform work"),
        ("the rules for gig-economy apps that MEPs voted through", "voted", "approved"),
        ("who keeps the books at the secretariat", "keeps", "accountancy"),
        # shorthand typed in a hurry
        ("how many ppl follow cecop", "ppl", "people"),
        ("which orgs signed", "orgs", "organisations"),
    ],
)
def test_the_shipped_thesaurus_reads_paraphrases_as_the_publications_words(
    question: str, term: str, meaning: str
) -> None:
    terms = parse_query(question).terms
    assert meaning in _others(synonyms_of(load_thesaurus(), question, terms), term)


@pytest.fixture
def thesaurus_kb(tmp_path, embedder) -> KnowledgeBase:
    home = tmp_path / "home"
    home.mkdir()
    (home / "synonyms.txt").write_text(THESAURUS, encoding="utf-8")
    knowledge_base = KnowledgeBase(Config(home=home), embedder=embedder)
    ingest_pages(knowledge_base, tmp_path, PAGES)
    yield knowledge_base
    knowledge_base.close()


def test_a_word_no_passage_holds_finds_its_synonyms(thesaurus_kb) -> None:
    response = thesaurus_kb.search("who bankrolled the report", mode="keyword")
    assert [hit.title for hit in response.results if hit.match] == ["Imprint"]
    assert response.total == 1
    response = thesaurus_kb.search("members digest", mode="keyword")
    assert response.results[0].title == "CECOP Flash"
    response = thesaurus_kb.search("employees taking over", mode="hybrid")
    assert response.results[0].title == "Worker buyouts"


def test_a_word_passages_hold_is_not_expanded(thesaurus_kb) -> None:
    terms = thesaurus_kb.searcher.query_terms(parse_query("newsletter"), ("public",))
    assert terms.alternatives == {} and terms.synonyms == {}
    # a synonym no passage holds is not searched
    terms = thesaurus_kb.searcher.query_terms(parse_query("digest"), ("public",))
    assert terms.synonyms == {"digest": ["newsletter"]}


def test_the_expanded_word_weighs_as_rare_as_its_synonyms(thesaurus_kb) -> None:
    terms = thesaurus_kb.searcher.query_terms(parse_query("bankrolled report"), ("public",))
    assert terms.counts["bankrolled"] == 0
    assert terms.held_by("bankrolled") == 1
    assert terms.idf["bankrolled"] == pytest.approx(terms.idf["report"])


def test_a_word_found_only_through_a_synonym_still_counts_as_missing(thesaurus_kb) -> None:
    """The synonym may say less than the word asked, so the answer is not sure of it."""

    def unmatched(query: str) -> int:
        return thesaurus_kb.searcher.query_terms(parse_query(query), ("public",)).unmatched()

    assert unmatched("who funded the report") == 0
    assert unmatched("who bankrolled the report") == 1
    # a phrase no passage holds lends its synonyms to a word the passages do hold ("union"),
    # which is not missing; "movement" is
    terms = thesaurus_kb.searcher.query_terms(parse_query("union movement"), ("public",))
    assert terms.synonyms == {"union": ["trade unions"]}
    assert terms.unmatched() == 1


def test_a_malformed_home_thesaurus_stops_the_cli_with_its_line(run_cli) -> None:
    run_cli.home.mkdir(parents=True)
    (run_cli.home / "synonyms.txt").write_text("bankrolled\n", encoding="utf-8")
    result = run_cli("search", "funded")
    assert result.exit_code == 2
    assert "synonyms.txt, line 1: expected 'a, b' or 'a => b'" in result.stderr
