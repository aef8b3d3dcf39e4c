"""Document filters as SQL: the single place where visibility is enforced on reads."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Filters:
    """Restrictions a search or listing applies to documents."""

    types: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    languages: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    doc_ids: tuple[int, ...] = field(default=())

    @property
    def empty(self) -> bool:
        """Return True when nothing is restricted."""
        return not (
            self.types
            or self.languages
            or self.tags
            or self.doc_ids
            or self.year_from is not None
            or self.year_to is not None
        )


def document_where(
    visibilities: tuple[str, ...], filters: Filters | None = None, alias: str = "d"
) -> tuple[str, list]:
    """Return a WHERE fragment and parameters for documents ``alias`` a viewer may read."""
    if not visibilities:
        return "0", []
    filters = filters or Filters()
    clauses = [f"{alias}.visibility IN ({','.join('?' * len(visibilities))})"]
    params: list = list(visibilities)
    if filters.types:
        clauses.append(f"{alias}.doc_type IN ({','.join('?' * len(filters.types))})")
        params.extend(filters.types)
    if filters.languages:
        clauses.append(f"{alias}.language IN ({','.join('?' * len(filters.languages))})")
        params.extend(filters.languages)
    if filters.year_from is not None:
        clauses.append(f"{alias}.year >= ?")
        params.append(filters.year_from)
    if filters.year_to is not None:
        clauses.append(f"{alias}.year <= ?")
        params.append(filters.year_to)
    if filters.doc_ids:
        clauses.append(f"{alias}.id IN ({','.join('?' * len(filters.doc_ids))})")
        params.extend(filters.doc_ids)
    for tag in filters.tags:
        clauses.append(f"EXISTS (SELECT 1 FROM json_each({alias}.tags) WHERE value = ?)")
        params.append(tag)
    return " AND ".join(clauses), params
