"""Pages for people: the search page."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from kb.citations import page_label
from kb.errors import InvalidQuery
from kb.search import MODES
from web.context import current_visibilities, get_kb
from web.params import search_args

bp = Blueprint("views", __name__)


@bp.app_template_filter("pages")
def pages_filter(hit) -> str:
    """Render a hit's page label."""
    return page_label(hit.page_start, hit.page_end)


@bp.get("/")
def search_page():
    """Show the search box and, for a query, the cited passages."""
    query = request.args.get("q", "")
    response, error = None, None
    if query.strip():
        try:
            response = get_kb().search(visibilities=current_visibilities(), **search_args(request.args))
        except InvalidQuery as invalid:
            error = invalid.message
    return render_template(
        "search.html",
        query=query,
        mode=request.args.get("mode") or "hybrid",
        modes=MODES,
        response=response,
        error=error,
    )
