"""The OpenAPI 3.1 description of the JSON API, built as a plain dict (served at /api/openapi.json).

Schemas are JSON Schema 2020-12, so tests validate real responses against them.
"""

from __future__ import annotations

from kb.records import DOCUMENT_TYPES
from kb.search import MAX_K, MAX_PAGE, MODES, SORTS
from web.params import LIBRARY_K, LIBRARY_SORTS, MAX_LIBRARY_PAGE, MAX_YEAR, MIN_YEAR

ERROR_CODES = (
    "empty_query",
    "query_too_long",
    "bad_k",
    "bad_mode",
    "bad_sort",
    "bad_page",
    "bad_year",
    "bad_type",
    "bad_lang",
    "bad_tag",
    "bad_as_typed",
    "invalid_token",
    "not_found",
    "method_not_allowed",
    "internal_error",
)


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(kind: str) -> dict:
    return {"type": [kind, "null"]}


def _object(properties: dict, required: list[str] | None = None) -> dict:
    return {
        "type": "object",
        "properties": properties,
        "required": required if required is not None else list(properties),
    }


def _query(name: str, schema: dict, description: str, repeat: bool = False) -> dict:
    if repeat:
        schema = {"type": "array", "items": schema}
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
        **({"style": "form", "explode": True} if repeat else {}),
    }


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*statuses: int) -> dict:
    text = {
        400: "The request is malformed (see the error code).",
        401: "Unknown or revoked token.",
        404: "No such document, or the viewer may not read it.",
    }
    return {str(s): _json(_ref("Error"), text[s]) for s in statuses}


FILTER_PARAMETERS = [
    _query(
        "type",
        {"type": "string", "enum": list(DOCUMENT_TYPES)},
        "Document type; repeat for several (any of them). `position-paper` is accepted.",
        True,
    ),
    _query(
        "year_from",
        {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
        "Earliest year of the document date (error `bad_year`).",
    ),
    _query(
        "year_to",
        {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
        "Latest year of the document date; not before year_from (error `bad_year`).",
    ),
    _query(
        "lang",
        {"type": "string", "pattern": "^[A-Za-z]{2}$"},
        "Two-letter language code; repeat for several (error `bad_lang`).",
        True,
    ),
]

HIT = _object(
    {
        "rank": {"type": "integer", "minimum": 1},
        "score": {"type": "number"},
        "doc_id": {"type": "integer"},
        "chunk_id": {"type": "integer"},
        "title": {"type": "string"},
        "source": {"type": "string"},
        "page_start": _nullable("integer"),
        "page_end": _nullable("integer"),
        "text": {"type": "string"},
        "snippet": {
            "type": "string",
            "description": "HTML-escaped excerpt with <mark> around matches.",
        },
        "section": {"type": "string"},
        "doc_type": {"type": "string", "enum": list(DOCUMENT_TYPES)},
        "date": _nullable("string"),
        "language": _nullable("string"),
        "canonical_url": _nullable("string"),
        "media_type": {"type": "string"},
        "ordinal": {"type": "integer", "minimum": 0},
        "pages": {"type": "string", "description": '"p. 13", "pp. 13–14" or "".'},
        "citation": {"type": "string", "description": "A citation to paste."},
        "link": {"type": "string", "description": "Opens the source at the passage."},
        "match": {
            "type": "boolean",
            "description": "False for one of the nearest other passages shown after fewer than"
            " ten matches; those are not counted in total.",
        },
    }
)

FACET_VALUE = _object({"value": {"type": ["string", "integer"]}, "count": {"type": "integer"}})

SCHEMAS = {
    "Error": _object(
        {
            "error": _object(
                {
                    "code": {"type": "string", "examples": list(ERROR_CODES)},
                    "message": {"type": "string", "minLength": 1},
                }
            )
        }
    )
    | {"additionalProperties": False},
    "SearchHit": HIT,
    "AnswerSentence": _object(
        {
            "text": {"type": "string"},
            "citation": {
                "type": "integer",
                "description": "Rank of the passage it is quoted from.",
            },
            "title": {"type": "string"},
            "date": _nullable("string"),
        }
    ),
    "Answer": _object(
        {
            "sentences": {"type": "array", "items": _ref("AnswerSentence"), "maxItems": 4},
            "confident": {"type": "boolean"},
        }
    ),
    "FacetValue": FACET_VALUE,
    "SearchFacets": _object(
        {
            "type": {"type": "array", "items": _ref("FacetValue")},
            "year": {"type": "array", "items": _ref("FacetValue")},
            "language": {"type": "array", "items": _ref("FacetValue")},
        }
    ),
    "SearchResponse": _object(
        {
            "query": {"type": "string"},
            "respelled": {
                "oneOf": [
                    {"type": "null"},
                    _object(
                        {
                            "query": {"type": "string"},
                            "words": {
                                "type": "object",
                                "additionalProperties": {"type": "string"},
                            },
                        }
                    ),
                ],
                "description": "The query as searched, with each typing slip (lower case) "
                "and the word it was read as; null when searched as typed.",
            },
            "mode": {"type": "string", "enum": list(MODES)},
            "sort": {"type": "string", "enum": list(SORTS)},
            "page": {"type": "integer"},
            "k": {"type": "integer"},
            "total": {"type": "integer"},
            "answer": _ref("Answer"),
            "results": {"type": "array", "items": _ref("SearchHit")},
            "facets": _ref("SearchFacets"),
            "timeline": {
                "type": "array",
                "items": _object({"year": {"type": "integer"}, "count": {"type": "integer"}}),
            },
        }
    ),
    "Document": _object(
        {
            "doc_id": {"type": "integer"},
            "title": {"type": "string"},
            "type": {"type": "string", "enum": list(DOCUMENT_TYPES)},
            "date": _nullable("string"),
            "language": _nullable("string"),
            "tags": {"type": "array", "items": {"type": "string"}},
            "source": {"type": "string"},
            "canonical_url": _nullable("string"),
            "media_type": {"type": "string"},
            "page_count": _nullable("integer"),
            "inferred": {
                "type": "array",
                "items": {"type": "string"},
                "description": "Metadata fields guessed rather than given.",
            },
            "visibility": {"type": "string", "enum": ["public", "members", "staff"]},
            "link": {"type": "string", "description": "The document page."},
            "file": {**_nullable("string"), "description": "The stored original, if any."},
        }
    ),
    "LibraryFacets": _object(
        {
            "type": {"type": "array", "items": _ref("FacetValue")},
            "year": {"type": "array", "items": _ref("FacetValue")},
            "language": {"type": "array", "items": _ref("FacetValue")},
            "tag": {"type": "array", "items": _ref("FacetValue")},
        }
    ),
    "DocumentList": _object(
        {
            "total": {"type": "integer"},
            "page": {"type": "integer"},
            "k": {"type": "integer"},
            "sort": {"type": "string", "enum": list(LIBRARY_SORTS)},
            "documents": {"type": "array", "items": _ref("Document")},
            "facets": _ref("LibraryFacets"),
        }
    ),
    "Passage": _object(
        {
            "chunk_id": {"type": "integer"},
            "ordinal": {"type": "integer", "minimum": 0},
            "section": {"type": "string"},
            "page_start": _nullable("integer"),
            "page_end": _nullable("integer"),
            "pages": {"type": "string"},
            "text": {"type": "string"},
            "citation": {"type": "string"},
            "link": {"type": "string"},
        }
    ),
    "DocumentDetail": {
        "allOf": [
            _ref("Document"),
            _object({"passages": {"type": "array", "items": _ref("Passage")}}),
        ]
    },
    "GlossaryEntry": _object(
        {
            "acronym": {"type": "string"},
            "expansion": {"type": "string"},
            "doc_id": {"type": "integer"},
            "chunk_id": {"type": "integer"},
            "ordinal": {"type": "integer"},
            "title": {"type": "string"},
            "date": _nullable("string"),
        }
    ),
    "Glossary": _object(
        {"total": {"type": "integer"}, "entries": {"type": "array", "items": _ref("GlossaryEntry")}}
    ),
}

PAGE = _query(
    "page",
    {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
    "Page of results (error `bad_page`).",
)

PATHS = {
    "/api/search": {
        "get": {
            "operationId": "search",
            "summary": "Answer, cited passages, facets and timeline for a query",
            "parameters": [
                {
                    "name": "q",
                    "in": "query",
                    "required": True,
                    "schema": {"type": "string", "maxLength": 500},
                    "description": 'Words, "phrases", -exclusions, type:, year:, '
                    "lang: (errors `empty_query`, `query_too_long`).",
                },
                _query(
                    "mode",
                    {"type": "string", "enum": list(MODES), "default": "hybrid"},
                    "Retrieval mode (error `bad_mode`).",
                ),
                _query(
                    "sort",
                    {"type": "string", "enum": list(SORTS), "default": "relevance"},
                    "Order of results (error `bad_sort`).",
                ),
                PAGE,
                _query(
                    "k",
                    {"type": "integer", "minimum": 1, "maximum": MAX_K, "default": 10},
                    "Passages per page (error `bad_k`).",
                ),
                _query(
                    "as_typed",
                    {"type": "string", "enum": ["0", "1"], "default": "0"},
                    "1 searches the words as typed, without reading typing slips as the "
                    "words meant (error `bad_as_typed`).",
                ),
                *FILTER_PARAMETERS,
            ],
            "responses": {
                "200": _json(_ref("SearchResponse"), "The page of results."),
                **_errors(400, 401),
            },
        }
    },
    "/api/documents": {
        "get": {
            "operationId": "listDocuments",
            "summary": "Documents the viewer may read, with counts per filter value",
            "parameters": [
                *FILTER_PARAMETERS,
                _query(
                    "tag",
                    {"type": "string", "maxLength": 100},
                    "Tag the document must carry; repeat to require several.",
                    True,
                ),
                _query(
                    "sort",
                    {"type": "string", "enum": list(LIBRARY_SORTS), "default": "newest"},
                    "Order (error `bad_sort`).",
                ),
                _query(
                    "page",
                    {"type": "integer", "minimum": 1, "maximum": MAX_LIBRARY_PAGE, "default": 1},
                    "Page (error `bad_page`).",
                ),
                _query(
                    "k",
                    {"type": "integer", "minimum": 1, "maximum": MAX_K, "default": LIBRARY_K},
                    "Documents per page (error `bad_k`).",
                ),
            ],
            "responses": {
                "200": _json(_ref("DocumentList"), "A page of documents."),
                **_errors(400, 401),
            },
        }
    },
    "/api/documents/{doc_id}": {
        "get": {
            "operationId": "getDocument",
            "summary": "A document's metadata and passages, each with its citation and link",
            "parameters": [
                {
                    "name": "doc_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 0},
                }
            ],
            "responses": {
                "200": _json(_ref("DocumentDetail"), "The document."),
                **_errors(401, 404),
            },
        }
    },
    "/api/glossary": {
        "get": {
            "operationId": "glossary",
            "summary": "Acronyms defined in documents the viewer may read",
            "responses": {"200": _json(_ref("Glossary"), "The glossary."), **_errors(401)},
        }
    },
    "/api/openapi.json": {
        "get": {
            "operationId": "openapi",
            "summary": "This description",
            "responses": {
                "200": {
                    "description": "The OpenAPI document.",
                    "content": {"application/json": {"schema": {"type": "object"}}},
                }
            },
        }
    },
}


def openapi_document() -> dict:
    """Return the OpenAPI 3.1 document of the JSON API."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "CECOP knowledge base API",
            "version": "1.0.0",
            "description": "Search CECOP's publications and get cited passages. Without a "
            "token you read public documents; `Authorization: Bearer TOKEN` reads what the "
            'token\'s role may read. Every error is `{"error": {"code", "message"}}`.',
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": PATHS,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{}, {"bearerAuth": []}],
    }
