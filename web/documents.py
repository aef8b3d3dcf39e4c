"""Document pages (/doc/<id>) and the library (/library): reading and browsing."""

from __future__ import annotations

from math import ceil
from pathlib import PurePath

from flask import Blueprint, render_template, request, url_for

from kb.citations import citation_text
from kb.errors import InvalidQuery
from kb.library import library_facets
from kb.reader import document_view
from web.context import current_visibilities, get_kb
from web.params import LIBRARY_K, LIBRARY_SORTS, library_args
from web.urls import PageState, filter_values

bp = Blueprint("documents", __name__)

LIBRARY_DEFAULTS = {"sort": "newest", "page": 1, "k": LIBRARY_K}
LIBRARY_SORT_LABELS = {"newest": "Newest first", "oldest": "Oldest first", "title": "Title A–Z"}
TOP_TAGS = 40


def focus_ordinal(value: str | None) -> int | None:
    """Return the passage ordinal asked for with ?chunk=N, or None."""
    if value is None or not value.strip().isdigit() or len(value.strip()) > 9:
        return None
    return int(value)


def source_name(source: str) -> str:
    """Return a web address as is, or only the file name of a local path."""
    if source.startswith(("http://", "https://")):
        return source
    return PurePath(source).name


def original_links(doc) -> list[tuple[str, str]]:
    """Return (label, href) of the places the original can be read."""
    links = []
    if doc.file_path and doc.media_type == "pdf":
        pages = f", {doc.page_count} pages" if doc.page_count else ""
        links.append((f"Original PDF{pages}", f"/files/{doc.id}"))
    if doc.canonical_url and doc.canonical_url.startswith(("http://", "https://")):
        links.append(("Published web page", doc.canonical_url))
    if doc.file_path and doc.media_type != "pdf":
        links.append(("Original file (plain text)", f"/files/{doc.id}"))
    return links


def similar_documents(kb, chunk_id: int, visibilities: tuple[str, ...], k: int = 5) -> list:
    """Return the nearest passage of each of up to k other documents."""
    seen: set[int] = set()
    hits = []
    for hit in kb.more_like_this(chunk_id, visibilities, k=k * 3):
        if hit.doc_id not in seen:
            seen.add(hit.doc_id)
            hits.append(hit)
    return hits[:k]


@bp.get("/doc/<int:doc_id>")
def document_page(doc_id: int):
    """Show a document's metadata and full text, passage by passage, with one highlighted."""
    kb = get_kb()
    visibilities = current_visibilities()
    doc = kb.get_document(doc_id, visibilities)
    rows = kb.document_passages(doc_id, visibilities)
    view = document_view(doc, rows, focus_ordinal(request.args.get("chunk")))
    similar = similar_documents(kb, view.focus.chunk_id, visibilities) if view.focus else []
    return render_template(
        "document.html",
        doc=doc,
        view=view,
        similar=similar,
        source=source_name(doc.source),
        originals=original_links(doc),
        doc_citation=citation_text(doc.title, doc.date, None, None),
    )


@bp.get("/library")
def library():
    """List every document the viewer may read, filtered, counted and sorted."""
    kb = get_kb()
    visibilities = current_visibilities()
    try:
        args = library_args(request.args)
    except InvalidQuery as invalid:
        state = PageState(url_for("documents.library"), {}, LIBRARY_DEFAULTS)
        return render_template(
            "library.html",
            error=invalid,
            state=state,
            documents=[],
            facets={},
            total=0,
            sort_labels=LIBRARY_SORT_LABELS,
        ), 400
    filters = args["filters"]
    documents = kb.list_documents(visibilities, filters, args["sort"])
    facets = library_facets(kb.list_documents(visibilities), filters)
    facets["tag"] = facets["tag"][:TOP_TAGS]
    page, k = args["page"], args["k"]
    state = PageState(
        url_for("documents.library"),
        {**filter_values(filters), "sort": args["sort"], "k": k, "page": page},
        LIBRARY_DEFAULTS,
    )
    return render_template(
        "library.html",
        documents=documents[(page - 1) * k : page * k],
        total=len(documents),
        facets=facets,
        state=state,
        page=page,
        last_page=max(1, ceil(len(documents) / k)),
        sorts=LIBRARY_SORTS,
        sort_labels=LIBRARY_SORT_LABELS,
        error=None,
    )
