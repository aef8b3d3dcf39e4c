"""The JSON API: /api/search and friends. Errors share one shape (see errors.py)."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from web.context import current_visibilities, get_kb
from web.params import search_args

bp = Blueprint("api", __name__, url_prefix="/api")


@bp.get("/search")
def search():
    """Return cited passages for a query, as JSON."""
    args = search_args(request.args)
    response = get_kb().search(visibilities=current_visibilities(), **args)
    return jsonify(response.to_api())
