"""Reading search parameters from a request, with the API's validation rules."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from kb.errors import InvalidQuery
from kb.search import MAX_K


def parse_k(value: str | None, default: int = 10) -> int:
    """Return k from a request value, or raise InvalidQuery("bad_k")."""
    if value is None or value == "":
        return default
    try:
        k = int(value)
    except ValueError:
        raise InvalidQuery("bad_k", f"k must be a whole number from 1 to {MAX_K}.") from None
    if not 1 <= k <= MAX_K:
        raise InvalidQuery("bad_k", f"k must be a whole number from 1 to {MAX_K}.")
    return k


def search_args(args: MultiDict) -> dict:
    """Return the query, k and mode of a search request."""
    return {
        "query": args.get("q", ""),
        "k": parse_k(args.get("k")),
        "mode": args.get("mode") or "hybrid",
    }
