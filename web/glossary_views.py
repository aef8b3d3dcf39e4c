"""The glossary page: acronyms defined in the documents the viewer may read."""

from __future__ import annotations

from itertools import groupby

from flask import Blueprint, render_template

from web.context import current_visibilities, get_kb

bp = Blueprint("glossary_views", __name__)


def initial(acronym: str) -> str:
    """Return the letter an acronym is filed under ("#" for digits and symbols)."""
    first = acronym[:1].upper()
    return first if first.isalpha() else "#"


@bp.get("/glossary")
def glossary_page():
    """List the acronyms, grouped by first letter, with their search and defining passage."""
    entries = get_kb().glossary(current_visibilities())
    groups = [
        (letter, list(items))
        for letter, items in groupby(entries, key=lambda e: initial(e.acronym))
    ]
    return render_template("glossary.html", groups=groups, count=len(entries))
