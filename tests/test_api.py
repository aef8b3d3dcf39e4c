"""The JSON API and the search page, through Flask's test client."""

from __future__ import annotations

from tests.contract import RESULT_FIELDS


def test_search_returns_the_contract(client):
    response = client.get("/api/search", query_string={"q": "reserved contracts", "k": 4})
    assert response.status_code == 200
    data = response.get_json()
    assert data["query"] == "reserved contracts" and data["mode"] == "hybrid"
    assert [r["rank"] for r in data["results"]] == [1, 2, 3, 4]
    for result in data["results"]:
        assert RESULT_FIELDS <= set(result)
        assert result["snippet"]


def test_pdf_results_carry_pages_and_html_results_do_not(client):
    data = client.get("/api/search?q=reserved+contracts+riders&k=10").get_json()
    by_type = {r["source"].rsplit(".", 1)[-1]: r for r in data["results"]}
    assert isinstance(by_type["pdf"]["page_start"], int)
    assert by_type["html"]["page_start"] is None and by_type["html"]["page_end"] is None


def test_snippet_marks_terms_and_escapes_text(client):
    data = client.get("/api/search?q=Marcora+law&mode=keyword").get_json()
    top = data["results"][0]
    assert "<mark>Marcora</mark>" in top["snippet"]
    assert "Italy&#x27;s" in top["snippet"] or "Italy's" not in top["text"]
    assert "<" not in top["snippet"].replace("<mark>", "").replace("</mark>", "")


def test_each_mode_is_accepted(client):
    for mode in ("hybrid", "keyword", "semantic"):
        data = client.get("/api/search", query_string={"q": "Lisbon", "mode": mode}).get_json()
        assert data["mode"] == mode and data["results"]


def test_control_characters_in_a_query_are_read_as_spaces(client):
    # a NUL would end the keyword index's query string early
    for mode in ("hybrid", "keyword"):
        query = {"q": '"Lis\x00bon" 2023\x07', "mode": mode}
        response = client.get("/api/search", query_string=query)
        assert response.status_code == 200
        assert response.get_json()["mode"] == mode


def test_search_page_renders_cited_passages(client):
    page = client.get("/?q=reserved+contracts").get_data(as_text=True)
    assert 'value="reserved contracts"' in page
    assert "Procurement Review 2023" in page
    assert "<mark>" in page and "p. " in page


def test_search_page_escapes_the_query(client):
    page = client.get("/", query_string={"q": '<script>alert("x")</script>'}).get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_security_headers(client):
    response = client.get("/")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
