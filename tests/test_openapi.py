"""The OpenAPI document describes every API route, and real responses match its schemas."""

from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator


@pytest.fixture
def spec(client) -> dict:
    """The served OpenAPI document."""
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.is_json
    return response.get_json()


def validator(spec: dict, name: str) -> Draft202012Validator:
    """Return a validator for a component schema, resolving its $refs in the document."""
    return Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    )


def response_schema(spec: dict, path: str, status: str = "200") -> str:
    ref = spec["paths"][path]["get"]["responses"][status]["content"]["application/json"]
    return ref["schema"]["$ref"].rsplit("/", 1)[-1]


def test_document_is_openapi_3_1_with_valid_schemas(spec):
    assert spec["openapi"].startswith("3.1")
    assert spec["info"]["title"] and spec["info"]["version"]
    for schema in spec["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_every_api_route_is_described(app, spec):
    routes = {
        re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/") and "GET" in rule.methods
    }
    assert routes <= set(spec["paths"]), routes - set(spec["paths"])


def test_query_parameters_match_what_the_routes_accept(spec):
    search = {p["name"] for p in spec["paths"]["/api/search"]["get"]["parameters"]}
    assert search == {
        "q",
        "mode",
        "sort",
        "page",
        "k",
        "as_typed",
        "type",
        "year_from",
        "year_to",
        "lang",
    }
    documents = {p["name"] for p in spec["paths"]["/api/documents"]["get"]["parameters"]}
    assert documents == {"type", "year_from", "year_to", "lang", "tag", "sort", "page", "k"}


@pytest.mark.parametrize(
    "url",
    [
        "/api/search?q=reserved+contracts",
        "/api/search?q=platform+work&type=report&sort=newest&k=3",
        "/api/search?q=quantum+chromodynamics+lattice+gauge&mode=semantic",
        "/api/search?q=zzyzx&mode=keyword",
        "/api/search?q=reserved+contarcts",
    ],
)
def test_search_responses_match_the_schema(client, spec, url):
    data = client.get(url).get_json()
    validator(spec, response_schema(spec, "/api/search")).validate(data)


def test_document_responses_match_the_schemas(client, spec):
    listing = client.get("/api/documents").get_json()
    validator(spec, response_schema(spec, "/api/documents")).validate(listing)
    for doc in listing["documents"]:
        detail = client.get(f"/api/documents/{doc['doc_id']}").get_json()
        validator(spec, response_schema(spec, "/api/documents/{doc_id}")).validate(detail)


def test_glossary_response_matches_the_schema(sample_client, spec):
    data = sample_client.get("/api/glossary").get_json()
    assert data["entries"]
    validator(spec, response_schema(spec, "/api/glossary")).validate(data)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/search?q=coop&k=0", "400"),
        ("/api/search?q=coop&type=memo", "400"),
        ("/api/documents?sort=random", "400"),
        ("/api/documents/999999", "404"),
    ],
)
def test_errors_match_the_error_schema(client, spec, url, status):
    response = client.get(url)
    assert str(response.status_code) == status
    validator(spec, "Error").validate(response.get_json())
    path = "/api/documents/{doc_id}" if re.search(r"/\d+$", url) else url.split("?")[0]
    assert status in spec["paths"][path]["get"]["responses"]


def test_validation_catches_a_wrong_response(spec):
    with pytest.raises(Exception, match="required"):
        validator(spec, "SearchResponse").validate({"query": "x"})
