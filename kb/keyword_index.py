"""Keyword retrieval with SQLite FTS5 and bm25, filtered inside the query."""

from __future__ import annotations

import json
import sqlite3

import numpy as np

from kb.filters import Filters, document_where

# bm25 column weights: passage text, document title, section path.
BM25_WEIGHTS = (1.0, 0.3, 0.6)

# One keyword index per audience, so bm25's statistics (document frequencies, lengths) only
# ever come from passages the viewer may read: hidden text cannot shift a public ranking.
FTS_TABLES = {"staff": "chunks_fts", "members": "chunks_fts_members", "public": "chunks_fts_public"}


def fts_table(visibilities: tuple[str, ...]) -> str:
    """Return the keyword index whose rows are exactly the levels a viewer may read."""
    if "staff" in visibilities:
        return FTS_TABLES["staff"]
    if "members" in visibilities:
        return FTS_TABLES["members"]
    return FTS_TABLES["public"]


def fts_tables_for(visibility: str) -> list[str]:
    """Return the keyword indexes a passage of a document at ``visibility`` belongs in."""
    return {
        "public": list(FTS_TABLES.values()),
        "members": [FTS_TABLES["staff"], FTS_TABLES["members"]],
        "staff": [FTS_TABLES["staff"]],
    }[visibility]


def keyword_search(
    conn: sqlite3.Connection,
    expression: str,
    visibilities: tuple[str, ...],
    filters: Filters | None,
    limit: int,
    only_ids: np.ndarray | None = None,
) -> list[tuple[int, float]]:
    """Return (chunk id, score) pairs best first; higher score is better.

    Visibility and filters are part of the SQL, so hidden passages are never ranked;
    ``only_ids`` restricts the search further (passages holding an exact phrase).
    """
    where, params = document_where(visibilities, filters)
    if only_ids is not None:
        where += " AND c.id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps([int(i) for i in only_ids]))
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    fts = fts_table(visibilities)
    rows = conn.execute(
        f"SELECT {fts}.rowid, bm25({fts}, {weights}) AS rank FROM {fts}"
        f" JOIN chunks c ON c.id = {fts}.rowid JOIN documents d ON d.id = c.doc_id"
        f" WHERE {fts} MATCH ? AND {where} ORDER BY rank LIMIT ?",
        [expression, *params, limit],
    ).fetchall()
    return [(int(r[0]), -float(r[1])) for r in rows]


def matching_ids(
    conn: sqlite3.Connection,
    expression: str,
    visibilities: tuple[str, ...],
    filters: Filters | None,
) -> np.ndarray:
    """Return the ids of every visible passage matching an FTS5 expression."""
    where, params = document_where(visibilities, filters)
    fts = fts_table(visibilities)
    rows = conn.execute(
        f"SELECT {fts}.rowid FROM {fts} JOIN chunks c ON c.id = {fts}.rowid"
        f" JOIN documents d ON d.id = c.doc_id WHERE {fts} MATCH ? AND {where}",
        [expression, *params],
    ).fetchall()
    return np.fromiter((r[0] for r in rows), dtype="int64", count=len(rows))


def _normalise(text: str) -> str:
    return " ".join(text.lower().split())


def exact_phrase_ids(
    conn: sqlite3.Connection,
    phrases: list[str],
    expression: str,
    visibilities: tuple[str, ...],
    filters: Filters | None,
) -> np.ndarray:
    """Return visible passages holding every phrase exactly (case and spacing aside).

    FTS5 finds candidates (its phrases are stemmed); the text check makes them exact.
    """
    candidates = matching_ids(conn, expression, visibilities, filters)
    if not len(candidates):
        return candidates
    wanted = [_normalise(p) for p in phrases]
    rows = conn.execute(
        "SELECT id, text FROM chunks WHERE id IN (SELECT value FROM json_each(?))",
        [json.dumps(candidates.tolist())],
    ).fetchall()
    keep = [r[0] for r in rows if all(w in _normalise(r[1]) for w in wanted)]
    return np.asarray(sorted(keep), dtype="int64")
