"""Counts for the library's filters, computed from the documents a viewer may read.

Each facet counts the documents that match every other active filter, so a count says how
many documents choosing that value would show.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from kb.filters import Filters
from kb.records import DocumentRecord


def _keeps(doc: DocumentRecord, filters: Filters) -> bool:
    """Return True if a (visible) document passes the filters."""
    year = doc.year
    return (
        (not filters.types or doc.doc_type in filters.types)
        and (not filters.languages or doc.language in filters.languages)
        and (filters.year_from is None or (year is not None and year >= filters.year_from))
        and (filters.year_to is None or (year is not None and year <= filters.year_to))
        and all(tag in doc.tags for tag in filters.tags)
        and (not filters.doc_ids or doc.id in filters.doc_ids)
    )


def _ranked(counter: Counter) -> list[dict]:
    return [
        {"value": v, "count": c}
        for v, c in sorted(counter.items(), key=lambda x: (-x[1], str(x[0]).lower()))
    ]


def library_facets(documents: list[DocumentRecord], filters: Filters | None = None) -> dict:
    """Count visible documents by type, year, language and tag under the other filters."""
    filters = filters or Filters()
    types: Counter = Counter()
    years: Counter = Counter()
    languages: Counter = Counter()
    tags: Counter = Counter()
    without_type = replace(filters, types=())
    without_year = replace(filters, year_from=None, year_to=None)
    without_language = replace(filters, languages=())
    for doc in documents:
        if _keeps(doc, without_type):
            types[doc.doc_type] += 1
        if doc.year is not None and _keeps(doc, without_year):
            years[doc.year] += 1
        if doc.language and _keeps(doc, without_language):
            languages[doc.language] += 1
        if _keeps(doc, filters):
            tags.update(set(doc.tags))
    return {
        "type": _ranked(types),
        "year": [{"value": y, "count": c} for y, c in sorted(years.items(), reverse=True)],
        "language": _ranked(languages),
        "tag": _ranked(tags),
    }
