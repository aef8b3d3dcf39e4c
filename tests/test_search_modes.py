"""Keyword, semantic and hybrid retrieval each do what they are for."""

from __future__ import annotations

NAME = "Zaganelli"  # a surname: only exact matching finds it
PARAPHRASE = "personnel acquiring ownership of their workplace"  # no word in common


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
