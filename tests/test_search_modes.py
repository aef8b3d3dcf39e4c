"""Keyword, semantic and hybrid retrieval each do what they are for."""

from __future__ import annotations

NAME = "Zaganelli"  # a surname: only exact matching finds it
PARAPHRASE = "acquiring ownership of their workplace"  # no word in common


def _sources(response):
    return [hit.source for hit in response.results]


def test_keyword_only_name_query(shared_kb):
    keyword = shared_kb.search(NAME, k=3, mode="keyword").results
    semantic = shared_kb.search(NAME, k=3, mode="semantic").results
    assert keyword and all(NAME in hit.text for hit in keyword)
    assert not any(NAME in hit.text for hit in semantic)
    hybrid = shared_kb.search(NAME, k=3, mode="hybrid").results
    assert NAME in hybrid[0].text


def test_paraphrase_only_query(shared_kb):
    assert shared_kb.search(PARAPHRASE, k=3, mode="keyword").results == []
    semantic = shared_kb.search(PARAPHRASE, k=3, mode="semantic").results
    assert semantic[0].source.endswith("worker-buyouts.md")
    hybrid = shared_kb.search(PARAPHRASE, k=3, mode="hybrid").results
    assert hybrid[0].source.endswith("worker-buyouts.md")


def test_keyword_mode_reads_a_missing_word_through_the_thesaurus(shared_kb):
    """No passage says "personnel"; the shipped thesaurus reads it as "staff"."""
    keyword = shared_kb.search("personnel " + PARAPHRASE, k=3, mode="keyword").results
    assert [hit.source.rsplit("/", 1)[-1] for hit in keyword] == ["worker-buyouts.md"]


def test_semantic_scores_are_cosines_in_order(shared_kb):
    results = shared_kb.search("cooperatives of delivery riders", k=5, mode="semantic").results
    scores = [hit.score for hit in results]
    assert scores == sorted(scores, reverse=True)
    assert all(-1.0 <= s <= 1.0 for s in scores)
    assert "riders" in results[0].text


def test_non_pdf_results_have_no_pages(shared_kb):
    results = shared_kb.search("riders platform directive", k=10).results
    html = [hit for hit in results if hit.media_type == "html"]
    assert html and all(hit.page_start is None and hit.page_end is None for hit in html)


NEWS_IN_BRIEF = """# News from the federation

## The federation this spring

The federation's board met in Lisbon in March and approved the accounts for the year.
Its members elected a new treasurer from the Basque country.
The secretariat moved to a larger office near the station.
Through the COVID-19 lockdowns, cooperatives adapted their work and kept their members employed.
The next general assembly will be held in Rome, and registrations open in September.
A new intern joined the communications team for six months.
"""
SUPPORT_SCHEMES = """# Support schemes

## Short-time work

Governments paid short-time work allowances during the pandemic to keep people in jobs.
"""


def test_a_passage_with_one_close_sentence_is_a_match(kb, tmp_path):
    from tests.conftest import ingest_pages

    ingest_pages(kb, tmp_path, {"news.md": NEWS_IN_BRIEF, "schemes.md": SUPPORT_SCHEMES})
    query = "how did co-ops cope with the pandemic"
    vector = kb.embedder.encode_query(query)
    news = next(h for h in kb.search("Lisbon treasurer", k=3).results if "Lisbon" in h.text)
    found = kb.store.chunk_evidence([news.chunk_id])[news.chunk_id]
    # the passage as a whole is far from the question, its sentence on the crisis is close
    closest_sentence = float((found.sentence_vectors @ vector).max())
    assert float(found.vector @ vector) < 0.3 < 0.4 <= closest_sentence
    for mode in ("semantic", "hybrid"):
        response = kb.search(query, k=10, mode=mode)
        assert news.chunk_id in [hit.chunk_id for hit in response.results], mode
        assert response.total == 2, mode


def test_fewer_than_ten_matches_are_followed_by_the_nearest_passages(shared_kb):
    response = shared_kb.search(NAME, k=10)
    flags = [hit.match for hit in response.results]
    assert len(flags) == 10 and response.total == flags.count(True) >= 1
    assert flags == sorted(flags, reverse=True), "the matches come first"
    assert all(NAME in hit.text for hit in response.results if hit.match)
    assert not any(NAME in hit.text for hit in response.results if not hit.match)
    # the nearest passages fill the list to ten, not to a larger k
    assert len(shared_kb.search(NAME, k=30).results) == 10
    # ten matches or more leave no room for them
    broad = shared_kb.search("cooperatives in Europe", k=10)
    assert broad.total >= 10 and all(hit.match for hit in broad.results)
