"""The glossary: acronyms defined in documents the viewer may read."""

from __future__ import annotations

from dataclasses import dataclass

from kb.filters import document_where
from kb.store import Store


@dataclass
class GlossaryEntry:
    acronym: str
    expansion: str
    doc_id: int
    chunk_id: int
    ordinal: int
    title: str
    date: str | None

    def to_api(self) -> dict:
        """Return the entry as the API's object."""
        return {
            "acronym": self.acronym,
            "expansion": self.expansion,
            "doc_id": self.doc_id,
            "chunk_id": self.chunk_id,
            "ordinal": self.ordinal,
            "title": self.title,
            "date": self.date,
        }


def glossary(store: Store, visibilities: tuple[str, ...]) -> list[GlossaryEntry]:
    """Return one entry per acronym and expansion, defined in the earliest visible passage."""
    where, params = document_where(visibilities)
    rows = store.conn.execute(
        "SELECT a.acronym, a.expansion, a.doc_id, a.chunk_id, c.ordinal, d.title, d.date"
        " FROM acronyms a JOIN chunks c ON c.id = a.chunk_id JOIN documents d ON d.id = a.doc_id"
        f" WHERE {where} ORDER BY a.acronym COLLATE NOCASE, d.date IS NULL, d.date, a.id",
        params,
    ).fetchall()
    entries: dict[tuple[str, str], GlossaryEntry] = {}
    for row in rows:
        key = (row["acronym"], " ".join(row["expansion"].lower().split()))
        if key not in entries:
            entries[key] = GlossaryEntry(*row)
    return sorted(entries.values(), key=lambda e: (e.acronym.lower(), e.expansion.lower()))
