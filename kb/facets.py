"""Facet counts and the per-year timeline of a query's matching documents."""

from __future__ import annotations

from collections import Counter


def facet_counts(rows) -> dict[str, list[dict]]:
    """Count distinct matching documents by type, year and language."""
    seen: set[int] = set()
    types: Counter = Counter()
    years: Counter = Counter()
    languages: Counter = Counter()
    for row in rows:
        if row["doc_id"] in seen:
            continue
        seen.add(row["doc_id"])
        types[row["doc_type"]] += 1
        if row["year"] is not None:
            years[row["year"]] += 1
        if row["language"]:
            languages[row["language"]] += 1
    return {
        "type": [
            {"value": v, "count": c} for v, c in sorted(types.items(), key=lambda x: (-x[1], x[0]))
        ],
        "year": [{"value": v, "count": c} for v, c in sorted(years.items(), reverse=True)],
        "language": [
            {"value": v, "count": c}
            for v, c in sorted(languages.items(), key=lambda x: (-x[1], x[0]))
        ],
    }


def timeline(rows) -> list[dict]:
    """Return matching documents per year, oldest first, with no gaps between years."""
    per_year: dict[int, set[int]] = {}
    for row in rows:
        if row["year"] is not None:
            per_year.setdefault(row["year"], set()).add(row["doc_id"])
    if not per_year:
        return []
    first, last = min(per_year), max(per_year)
    return [{"year": y, "count": len(per_year.get(y, ()))} for y in range(first, last + 1)]
