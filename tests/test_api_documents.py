"""The JSON API beyond plain search: filters, paging, documents, passages and the glossary."""

from __future__ import annotations

from kb.access import VISIBILITIES

DOCUMENT_FIELDS = {
    "doc_id",
    "title",
    "type",
    "date",
    "language",
    "tags",
    "source",
    "canonical_url",
    "page_count",
    "inferred",
}


def get_json(client, url: str, status: int = 200, **query) -> dict:
    response = client.get(url, query_string=query or None)
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    return response.get_json()


# -- /api/search parity with the page --


def test_search_returns_answer_facets_timeline_and_paging(client):
    data = get_json(client, "/api/search", q="platform work")
    assert {"answer", "facets", "timeline", "total", "page", "sort", "k"} <= set(data)
    assert data["page"] == 1 and data["sort"] == "relevance" and data["total"] >= 2
    assert {f["value"] for f in data["facets"]["type"]} == {"news", "report"}
    assert [t["year"] for t in data["timeline"]] == [2023, 2024]
    for sentence in data["answer"]["sentences"]:
        cited = next(r for r in data["results"] if r["rank"] == sentence["citation"])
        assert " ".join(sentence["text"].split()) in " ".join(cited["text"].split())


def test_search_filters_by_type_year_and_language(client):
    data = get_json(client, "/api/search", q="platform work", type="report")
    assert data["results"] and {r["doc_type"] for r in data["results"]} == {"report"}
    data = get_json(client, "/api/search", q="platform work", year_from="2024", year_to="2024")
    assert data["results"] and {r["date"][:4] for r in data["results"]} == {"2024"}
    data = get_json(client, "/api/search", q="platform work", lang="it")
    assert data["results"] == [] and data["total"] == 0


def test_search_repeats_type_and_accepts_hyphenated_types(client):
    response = client.get("/api/search?q=platform+work&type=news&type=report")
    types = {r["doc_type"] for r in response.get_json()["results"]}
    assert types == {"news", "report"}
    assert client.get("/api/search?q=platform&type=position-paper").status_code == 200


def test_search_pages_and_sorts(client):
    first = get_json(client, "/api/search", q="reserved contracts", k="2")
    second = get_json(client, "/api/search", q="reserved contracts", k="2", page="2")
    assert [r["rank"] for r in second["results"]] == [3, 4]
    assert not {r["chunk_id"] for r in first["results"]} & {
        r["chunk_id"] for r in second["results"]
    }
    newest = get_json(client, "/api/search", q="platform work", sort="newest")
    dates = [r["date"] for r in newest["results"]]
    assert dates == sorted(dates, reverse=True)


# -- /api/documents --


def test_documents_lists_visible_documents_with_metadata(client):
    data = get_json(client, "/api/documents")
    assert data["total"] == 3 and len(data["documents"]) == 3
    assert data["sort"] == "newest" and data["page"] == 1
    for doc in data["documents"]:
        assert DOCUMENT_FIELDS <= set(doc)
    dates = [d["date"] for d in data["documents"]]
    assert dates == sorted(dates, reverse=True)
    assert {f["value"]: f["count"] for f in data["facets"]["type"]} == {
        "news": 1,
        "report": 1,
        "other": 1,
    }


def test_documents_filter_sort_and_page(client):
    data = get_json(client, "/api/documents", type="report")
    assert [d["title"] for d in data["documents"]] == ["Procurement Review 2023"]
    assert get_json(client, "/api/documents", year_from="2024")["total"] == 1
    assert get_json(client, "/api/documents", lang="fr")["total"] == 0
    titles = [d["title"] for d in get_json(client, "/api/documents", sort="title")["documents"]]
    assert titles == sorted(titles, key=str.lower)
    paged = get_json(client, "/api/documents", k="2", page="2")
    assert paged["total"] == 3 and len(paged["documents"]) == 1


def test_documents_filter_by_tags(sample_client):
    data = get_json(sample_client, "/api/documents", tag="SEAP")
    assert data["total"] == 2 and all("SEAP" in d["tags"] for d in data["documents"])
    both = get_json(sample_client, "/api/documents?tag=SEAP&tag=consultation")
    assert both["total"] == 1


def test_documents_hide_what_the_viewer_may_not_read(sample_kb, sample_client):
    data = get_json(sample_client, "/api/documents", k="100")
    visible = sample_kb.list_documents(("public",))
    assert data["total"] == len(visible) < len(sample_kb.list_documents(VISIBILITIES))
    assert {d["visibility"] for d in data["documents"]} == {"public"}
    counted = sum(f["count"] for f in data["facets"]["type"])
    assert counted == len(visible)


# -- /api/documents/<id> --


def test_document_detail_has_passages_with_citations(client):
    doc_id = next(
        d["doc_id"]
        for d in get_json(client, "/api/documents")["documents"]
        if d["type"] == "report"
    )
    data = get_json(client, f"/api/documents/{doc_id}")
    assert data["title"] == "Procurement Review 2023" and data["page_count"] == 3
    passages = data["passages"]
    assert [p["ordinal"] for p in passages] == list(range(len(passages)))
    for passage in passages:
        assert passage["citation"].startswith("CECOP, “Procurement Review 2023”")
        assert passage["link"] == f"/files/{doc_id}#page={passage['page_start']}"
        assert passage["pages"].startswith("p")


def test_document_detail_of_a_missing_document_is_404(client):
    body = get_json(client, "/api/documents/999999", 404)
    assert body["error"]["code"] == "not_found"


# -- /api/glossary --


def test_glossary_lists_acronyms(sample_client):
    data = get_json(sample_client, "/api/glossary")
    assert data["total"] == len(data["entries"]) > 5
    seap = next(e for e in data["entries"] if e["acronym"] == "SEAP")
    assert seap["expansion"] == "Social Economy Action Plan"
    detail = get_json(sample_client, f"/api/documents/{seap['doc_id']}")
    defining = next(p for p in detail["passages"] if p["ordinal"] == seap["ordinal"])
    assert "SEAP" in defining["text"]
