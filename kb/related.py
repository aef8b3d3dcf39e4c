""" "More like this": passages of other documents nearest to a given passage."""

from __future__ import annotations

import numpy as np

from kb.store import Store
from kb.vector_index import VectorIndex


def similar_chunk_ids(
    store: Store, vectors: VectorIndex, chunk_id: int, visibilities: tuple[str, ...], k: int
) -> list[tuple[int, float]]:
    """Return up to ``k`` (chunk id, cosine) of visible passages from other documents."""
    row = store.conn.execute(
        "SELECT doc_id, embedding FROM chunks WHERE id = ?", (chunk_id,)
    ).fetchone()
    if row is None:
        return []
    allowed = store.allowed_chunk_ids(visibilities)
    same_doc = [
        r[0] for r in store.conn.execute("SELECT id FROM chunks WHERE doc_id = ?", (row["doc_id"],))
    ]
    allowed = np.setdiff1d(allowed, np.asarray(same_doc, dtype="int64"))
    return vectors.search(np.frombuffer(row["embedding"], dtype="float32"), k, allowed)
