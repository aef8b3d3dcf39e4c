"""The JSON API: search, documents, glossary and its OpenAPI description.

Errors share one shape (see errors.py); every read passes the viewer's visibilities.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from kb.library import library_facets
from kb.reader import document_metadata, document_view
from web.context import current_visibilities, get_kb
from web.openapi import openapi_document
from web.params import library_args, search_args

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search():
    """Return the answer, cited passages, facets and timeline for a query, as JSON."""
    args = search_args(request.args)
    response = get_kb().search(visibilities=current_visibilities(), **args)
    return jsonify(response.to_api())


@bp.get("/documents")
def documents():
    """Return a page of the documents the viewer may read, with filter counts."""
    kb = get_kb()
    visibilities = current_visibilities()
    args = library_args(request.args)
    found = kb.list_documents(visibilities, args["filters"], args["sort"])
    page, k = args["page"], args["k"]
    return jsonify(
        {
            "total": len(found),
            "page": page,
            "k": k,
            "sort": args["sort"],
            "documents": [document_metadata(d) for d in found[(page - 1) * k : page * k]],
            "facets": library_facets(kb.list_documents(visibilities), args["filters"]),
        }
    )


@bp.get("/documents/<int:doc_id>")
def document(doc_id: int):
    """Return a document's metadata and its passages with citation and link."""
    kb = get_kb()
    visibilities = current_visibilities()
    doc = kb.get_document(doc_id, visibilities)
    view = document_view(doc, kb.document_passages(doc_id, visibilities))
    return jsonify({**document_metadata(doc), "passages": [p.to_api() for p in view.passages]})


@bp.get("/glossary")
def glossary():
    """Return the acronyms defined in documents the viewer may read."""
    entries = get_kb().glossary(current_visibilities())
    return jsonify({"total": len(entries), "entries": [e.to_api() for e in entries]})


@bp.get("/openapi.json")
def openapi():
    """Return the OpenAPI 3.1 description of this API."""
    return jsonify(openapi_document())
