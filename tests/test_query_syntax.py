"""Query syntax: phrases, exclusions and field filters, applied before ranking."""

from __future__ import annotations

import pytest

from kb.query import fts_expression, parse_query
from tests.conftest import ingest_pages

ALL = ("public", "members", "staff")


def test_parse_phrases_exclusions_and_filters():
    parsed = parse_query('"public procurement" reserved -tender type:report year:2021-2023 lang:en')
    assert parsed.phrases == ["public procurement"]
    assert parsed.excluded == ["tender"]
    assert parsed.terms == ["reserved"]
    assert parsed.filters.types == ("report",)
    assert (parsed.filters.year_from, parsed.filters.year_to) == (2021, 2023)
    assert parsed.filters.languages == ("en",)
    assert "type:" not in parsed.text and "tender" not in parsed.text


def test_type_names_are_normalised():
    assert parse_query("type:position-paper x").filters.types == ("position paper",)
    assert parse_query('type:"position paper" x').filters.types == ("position paper",)
    assert parse_query("type:reports x").filters.types == ("report",)
    assert parse_query("type:nonsense x").filters.types == ()


def test_fts_expression_quotes_every_term():
    parsed = parse_query('what did CECOP say about "Draghi report" -BEFIT')
    expression = fts_expression(parsed)
    assert expression == '("CECOP") AND "Draghi report" NOT "BEFIT"'
    hostile = fts_expression(parse_query('NEAR(a b) OR "x'))
    assert hostile.startswith('("NEAR"')


def test_phrase_must_occur_in_every_mode(sample_kb):
    for mode in ("keyword", "semantic", "hybrid"):
        results = sample_kb.search('"worker buyouts"', k=10, mode=mode, visibilities=ALL).results
        assert results and all("worker buyouts" in hit.text.lower() for hit in results), mode


def test_exclusion_removes_passages_in_every_mode(sample_kb):
    for mode in ("keyword", "semantic", "hybrid"):
        results = sample_kb.search(
            "Draghi report -competitiveness", k=10, mode=mode, visibilities=ALL
        ).results
        assert results and all("competitiveness" not in hit.text.lower() for hit in results)


def test_type_and_year_filters_in_every_mode(sample_kb):
    for mode in ("keyword", "semantic", "hybrid"):
        response = sample_kb.search(
            "public procurement type:report year:2024", k=10, mode=mode, visibilities=ALL
        )
        assert response.results, mode
        assert all(h.doc_type == "report" and h.date.startswith("2024") for h in response.results)


@pytest.fixture
def acronym_kb(kb, tmp_path):
    """Three notes: one defines SEAP, one only spells it out, one only abbreviates it."""
    from ingest.pipeline import Ingester

    notes = {
        "glossary.md": "# Glossary\n\nThe Social Economy Action Plan (SEAP) was adopted in 2021.\n",
        "long.md": "# Lisbon\n\nMembers discussed the Social Economy Action Plan in Lisbon.\n",
        "short.md": "# Turin\n\nThe SEAP review was the main item in Turin.\n",
    }
    for name, text in notes.items():
        (tmp_path / name).write_text(text)
    with Ingester(kb) as ingester:
        assert ingester.ingest_paths([tmp_path / name for name in notes]).ok
    return kb


def _names(response) -> set[str]:
    return {hit.source.rsplit("/", 1)[-1] for hit in response.results}


def test_acronym_query_matches_its_expansion(acronym_kb):
    assert "long.md" in _names(acronym_kb.search("SEAP", mode="keyword"))
    assert acronym_kb.glossary(("public",))[0].expansion == "Social Economy Action Plan"


def test_expansion_query_matches_the_acronym(acronym_kb):
    found = _names(acronym_kb.search("Social Economy Action Plan", mode="keyword"))
    assert {"short.md", "long.md", "glossary.md"} <= found


def test_acronyms_of_hidden_documents_do_not_expand(kb, tmp_path):
    from ingest.pipeline import Ingester

    (tmp_path / "secret.md").write_text("# S\n\nThe Quiet Harbour Fund (QHF) is internal.\n")
    (tmp_path / "open.md").write_text("# O\n\nThe Quiet Harbour Fund met in Graz.\n")
    with Ingester(kb, {"visibility": "staff"}) as ingester:
        ingester.ingest_paths([tmp_path / "secret.md"])
    with Ingester(kb) as ingester:
        ingester.ingest_paths([tmp_path / "open.md"])
    assert kb.search("QHF", mode="keyword").results == []
    assert _names(kb.search("QHF", mode="keyword", visibilities=ALL)) == {"secret.md", "open.md"}


def test_an_acronym_never_defined_matches_the_name_its_initials_spell(kb, tmp_path):
    from ingest.pipeline import Ingester

    report = (
        "# Advocacy\n\nThe expert group worked on the midterm review of the QHAP.\n\n"
        "# Funding\n\nThe Quiet Harbour Action Plan was adopted in 2021. Members of the Quiet "
        "Harbour, Action and Planning group met.\n"
    )
    notes = {
        "report.md": report,
        "open.md": "# O\n\nThe QHSF met in Graz.\n",
        "fund.md": "# F\n\nThe Quiet Harbour Staff Fund met in Linz.\n",
    }
    for name, text in notes.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "secret.md").write_text("# S\n\nThe QHSF is the Quiet Harbour Staff Fund.\n")
    with Ingester(kb) as ingester:
        ingester.ingest_paths([tmp_path / name for name in notes])
    with Ingester(kb, {"visibility": "staff"}) as ingester:
        ingester.ingest_paths([tmp_path / "secret.md"])
    hits = kb.search("what is QHAP", mode="keyword").results
    assert any("Quiet Harbour Action Plan was adopted" in hit.text for hit in hits)
    assert kb.glossary(("public",)) == []  # inferred at query time, never listed as defined
    # Only the staff-only note spells QHSF out: the public do not get its name.
    assert _names(kb.search("QHSF", mode="keyword")) == {"open.md"}
    staff = _names(kb.search("QHSF", mode="keyword", visibilities=ALL))
    assert staff == {"open.md", "secret.md", "fund.md"}


def test_spelled_names_are_capitalised_runs_within_punctuation():
    from kb.acronyms import spelled_names

    text = (
        "The European Economic and Social Committee met. On the Single Market, Enrico Letta "
        "spoke; the Social Economy Action Plan and the Social economy action plan."
    )
    assert spelled_names(text, "EESC") == ["European Economic and Social Committee"]
    assert spelled_names(text, "SME") == []  # "Single Market, Enrico" crosses a comma
    assert spelled_names(text, "SEAP") == ["Social Economy Action Plan"]
    wrapped = "on behalf of CICOPA and the International Cooperative\nAlliance. She spoke"
    assert spelled_names(wrapped, "ICA") == ["International Cooperative Alliance"]
    assert spelled_names("the International Cooperative\n\nAlliance", "ICA") == []


def test_an_acronym_spelling_two_names_as_often_searches_both(kb, tmp_path):
    from ingest.pipeline import Ingester

    (tmp_path / "network.md").write_text(
        "# Our network\n\nWe sit on the board of the ICA. In June we met the Italian "
        "Cooperative Alliance in Rome, and in November the International Cooperative Alliance "
        "in Brussels.\n",
        encoding="utf-8",
    )
    with Ingester(kb) as ingester:
        ingester.ingest_paths([tmp_path / "network.md"])
    from kb.acronyms import spelled_name

    assert spelled_name(kb.store.conn, "ICA", ("public",)) == [
        "International Cooperative Alliance",
        "Italian Cooperative Alliance",
    ]


def test_sort_by_date(sample_kb):
    newest = sample_kb.search("platform work", k=10, sort="newest", visibilities=ALL).results
    oldest = sample_kb.search("platform work", k=10, sort="oldest", visibilities=ALL).results
    assert [h.date for h in newest] == sorted((h.date for h in newest), reverse=True)
    assert [h.date for h in oldest] == sorted(h.date for h in oldest)
    assert oldest[0].date < newest[0].date


def test_pages_of_results_do_not_overlap(sample_kb):
    first = sample_kb.search("cooperatives", k=5, page=1, visibilities=ALL)
    second = sample_kb.search("cooperatives", k=5, page=2, visibilities=ALL)
    assert [h.rank for h in second.results] == [6, 7, 8, 9, 10]
    assert not {h.chunk_id for h in first.results} & {h.chunk_id for h in second.results}
    assert first.total == second.total >= 10


def test_acronym_definitions_are_found_in_both_orders():
    from kb.acronyms import find_acronyms

    text = (
        "The Social Economy Action Plan (SEAP) was adopted in 2021. We are members of REVES "
        "(European Network of Cities and Regions for the Social Economy). The European "
        "People's Party (EPP), MEP Herbert Dorfmann (EPP) spoke. CECOP (see above) agreed."
    )
    assert find_acronyms(text) == [
        ("SEAP", "Social Economy Action Plan"),
        ("REVES", "European Network of Cities and Regions for the Social Economy"),
        ("EPP", "European People's Party"),
    ]


def test_possessives_are_searched_as_the_name():
    parsed = parse_query("CECOP's reaction to Europe’s skills plan, it's CECOP")
    assert parsed.terms == ["CECOP", "reaction", "Europe", "skills", "plan"]
    assert fts_expression(parsed).startswith('("CECOP" OR "reaction"')


def test_question_words_typed_without_their_apostrophe_are_not_searched():
    # "whats" would otherwise be a rare word, found in "What's CECOP's role in the EU?"
    assert parse_query("whats cecop's postal adress").terms == ["cecop", "postal", "adress"]
    assert parse_query("whos the comms officer").terms == ["comms", "officer"]


def test_control_characters_never_reach_the_keyword_index():
    # a PDF may give an unmapped glyph as NUL ("Ci\x00es"); so may a pasted query
    parsed = parse_query("What is\x00 REVES?")
    assert parsed.terms == ["REVES"]
    expression = fts_expression(parsed, {"reves": ["European Network of Ci\x00es"]})
    assert expression == '(("REVES" OR "European Network of Ci es"))'


def test_acronyms_of_two_words_or_with_a_plus_are_found():
    from kb.acronyms import find_acronyms

    text = (
        "Our study had a grant from the Directorate-General for Maritime Affairs and Fisheries "
        "(DG MARE). Its second year draws on the European Harbour Fund Plus (EHF+). "
        "We met in Brussels (BE 2024) and Rome (The Hague)."
    )
    assert find_acronyms(text) == [
        ("DG MARE", "Directorate-General for Maritime Affairs and Fisheries"),
        ("EHF+", "European Harbour Fund Plus"),
    ]


def test_a_query_with_a_two_word_acronym_matches_its_expansion(kb, tmp_path):
    from ingest.pipeline import Ingester

    notes = {
        "defines.md": "# Grants\n\nThe Directorate-General for Maritime Affairs and Fisheries "
        "(DG MARE) funds members.\n",
        "spelled.md": "# Linz\n\nThe Directorate-General for Maritime Affairs and Fisheries met "
        "members in Linz.\n",
    }
    for name, text in notes.items():
        (tmp_path / name).write_text(text)
    with Ingester(kb) as ingester:
        assert ingester.ingest_paths([tmp_path / name for name in notes]).ok
    assert _names(kb.search("DG MARE", mode="keyword")) == {"defines.md", "spelled.md"}
    assert _names(kb.search("Maritime Affairs and Fisheries", mode="keyword")) == {
        "defines.md",
        "spelled.md",
    }


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("organisations", "organizations"),
        ("organized", "organised"),
        ("labour", "labor"),
        ("favourable", "favorable"),
        ("centre", "center"),
        ("programmes", "programs"),
        ("analyse", "analyze"),
        ("rise", None),
        ("hour", None),
        ("colony", None),
        ("cooperatives", None),
    ],
)
def test_british_and_american_spellings_map_to_each_other(word, other):
    from kb.spelling import spelling_variant

    assert spelling_variant(word) == other


def test_a_query_in_one_spelling_finds_passages_in_the_other(kb, tmp_path):
    ingest_pages(
        kb,
        tmp_path,
        {
            "buyouts.md": "# Worker buyouts\n\nThe federations signed an agreement with the "
            "largest labor organizations to help employees buy the company they work for.\n",
            "assembly.md": "# General Assembly\n\nMembers met in Rome and elected the Board "
            "for the next four years.\n",
        },
    )
    hits = kb.search("labour organisations", mode="keyword").results
    assert [hit.title for hit in hits] == ["Worker buyouts"]
    # a spelling no passage uses is not searched, and the word still counts as missing
    parsed = parse_query("enterprise organisations")
    terms = kb.searcher.query_terms(parsed, ("public",))
    assert terms.alternatives.get("organisations") == ["organizations"]
    assert "enterprise" not in terms.alternatives
