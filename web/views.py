"""The search page: answer, cited passages, filters with counts, timeline and paging."""

from __future__ import annotations

from math import ceil

from flask import Blueprint, render_template, request, url_for

from kb.errors import InvalidQuery
from kb.search import MAX_PAGE, MODES, SORTS
from kb.typos import respelled_parts
from web import formatting
from web.context import current_visibilities, get_kb
from web.params import search_args
from web.timeline_chart import timeline_chart
from web.urls import PageState, filter_values

bp = Blueprint("views", __name__)
bp.record_once(lambda state: formatting.init_app(state.app))

SEARCH_DEFAULTS = {"mode": "hybrid", "sort": "relevance", "page": 1, "k": 10}
MODE_LABELS = {
    "hybrid": "Hybrid: words and meaning",
    "keyword": "Keyword: exact words",
    "semantic": "Semantic: meaning only",
}
SORT_LABELS = {"relevance": "Relevance", "newest": "Newest first", "oldest": "Oldest first"}
PAGE_SIZES = (10, 20, 50)
EXAMPLES = (
    "what did CECOP say about Draghi",
    "who is the president of CECOP",
    "what is SEAP",
    "reserved contracts in public procurement",
    "worker buyouts",
)


def _state(args, params: dict | None) -> PageState:
    """Return the page state from parsed parameters (or the raw ones if they were invalid)."""
    if params is not None:
        values = {
            "q": params["query"],
            "mode": params["mode"],
            **filter_values(params["filters"]),
            "sort": params["sort"],
            "k": params["k"],
            "page": params["page"],
            "as_typed": "1" if params["as_typed"] else None,
        }
        values.pop("tag")
    else:
        values = {
            "q": args.get("q", ""),
            "mode": args.get("mode"),
            "type": tuple(args.getlist("type")),
            "year_from": args.get("year_from"),
            "year_to": args.get("year_to"),
            "lang": tuple(args.getlist("lang")),
            "sort": args.get("sort"),
            "k": args.get("k"),
            "page": args.get("page"),
            "as_typed": args.get("as_typed"),
        }
    return PageState(url_for("views.search_page"), values, SEARCH_DEFAULTS)


def _answer_links(response, state: PageState) -> dict[int, str]:
    """Return where each answer citation [n] points: passage n here, or on the first page."""
    on_page = {hit.rank for hit in response.results}
    first_page = state.url(sort="relevance", k=max(10, state.get("k") or 10))
    return {
        s.citation: f"#result-{s.citation}"
        if response.sort == "relevance" and s.citation in on_page
        else f"{first_page}#result-{s.citation}"
        for s in response.answer.sentences
    }


def _span(results) -> tuple | None:
    """Return the earliest and latest dated matches of a page, if their years differ."""
    dated = [hit for hit in results if hit.date and hit.match]
    if len(dated) < 2:
        return None
    earliest = min(dated, key=lambda h: (h.date, h.rank))
    latest = max(dated, key=lambda h: (h.date, -h.rank))
    return (earliest, latest) if earliest.date[:4] != latest.date[:4] else None


@bp.get("/")
def search_page():
    """Show the search box and, for a query, the answer and the cited passages."""
    kb = get_kb()
    query = request.args.get("q", "")
    params, response, error, status = None, None, None, 200
    try:
        params = search_args(request.args)
        if query.strip():
            response = kb.search(visibilities=current_visibilities(), **params)
    except InvalidQuery as invalid:
        error, status = invalid, 400
    state = _state(request.args, params)
    context = {
        "query": query,
        "state": state,
        "response": response,
        "error": error,
        "modes": MODES,
        "mode_labels": MODE_LABELS,
        "sorts": SORTS,
        "sort_labels": SORT_LABELS,
        "page_sizes": PAGE_SIZES,
        "examples": EXAMPLES,
    }
    if response is not None:
        k, filters = response.k, params["filters"]
        depth = max(k * response.page, kb.config.candidate_depth)
        context.update(
            filters=filters,
            answer_links=_answer_links(response, state),
            respelled=respelled_parts(response.query, response.respellings),
            last_page=max(1, min(ceil(response.total / k), MAX_PAGE)),
            total_label=f"{response.total}+" if response.total >= depth else str(response.total),
            span=_span(response.results) if response.sort == "relevance" else None,
            chart=timeline_chart(
                response.timeline,
                lambda y: state.url(year_from=y, year_to=y),
                filters.year_from,
                filters.year_to,
            ),
        )
    elif not query.strip():
        context["stats"] = kb.stats(current_visibilities())
    return render_template("search.html", **context), status
