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
