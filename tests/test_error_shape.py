"""Every API error has the same shape: {"error": {"code", "message"}} with a fitting status."""

from __future__ import annotations

import pytest

ERROR_CASES = [
    ("get", "/api/search", 400, "empty_query"),
    ("get", "/api/search?q=", 400, "empty_query"),
    ("get", "/api/search?q=%20%20", 400, "empty_query"),
    ("get", "/api/search?q=" + "a" * 501, 400, "query_too_long"),
    ("get", "/api/search?q=coop&k=0", 400, "bad_k"),
    ("get", "/api/search?q=coop&k=101", 400, "bad_k"),
    ("get", "/api/search?q=coop&k=ten", 400, "bad_k"),
    ("get", "/api/search?q=coop&mode=fuzzy", 400, "bad_mode"),
    ("get", "/api/nothing-here", 404, "not_found"),
    ("post", "/api/search?q=coop", 405, "method_not_allowed"),
    ("get", "/api/search?q=coop&sort=best", 400, "bad_sort"),
    ("get", "/api/search?q=coop&page=0", 400, "bad_page"),
    ("get", "/api/search?q=coop&page=51", 400, "bad_page"),
    ("get", "/api/search?q=coop&year_from=20x4", 400, "bad_year"),
    ("get", "/api/search?q=coop&year_from=2025&year_to=2020", 400, "bad_year"),
    ("get", "/api/search?q=coop&type=memo", 400, "bad_type"),
    ("get", "/api/search?q=coop&lang=english", 400, "bad_lang"),
    ("get", "/api/search?q=coop&as_typed=yes", 400, "bad_as_typed"),
    ("get", "/api/documents?sort=relevance", 400, "bad_sort"),
    ("get", "/api/documents?k=0", 400, "bad_k"),
    ("get", "/api/documents?page=x", 400, "bad_page"),
    ("get", "/api/documents?year_to=99999", 400, "bad_year"),
    ("get", "/api/documents?type=memo", 400, "bad_type"),
    ("get", "/api/documents?tag=" + "t" * 101, 400, "bad_tag"),
    ("get", "/api/documents/999999", 404, "not_found"),
    ("post", "/api/documents", 405, "method_not_allowed"),
]


@pytest.mark.parametrize(("method", "url", "status", "code"), ERROR_CASES)
def test_error_shape(client, method, url, status, code):
    response = getattr(client, method)(url)
    assert response.status_code == status
    assert response.is_json
    body = response.get_json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
