"""Dense vectors in a FAISS inner-product index whose ids are chunk ids.

The file on disk is a cache of the vectors SQLite holds. It is named after the store's
generation (``vectors-<generation>.faiss``) and replaced atomically, so a reader can always
tell whether it matches the store and rebuild it when it does not.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import faiss
import numpy as np

from kb.atomic import atomic_write

FILE_PATTERN = re.compile(r"^vectors-(\d+)\.faiss$")


class VectorIndex:
    """A flat inner-product index over unit vectors (cosine similarity)."""

    def __init__(self, dimension: int, index: faiss.Index | None = None, generation: int = 0):
        self.dimension = dimension
        self.index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
        self.generation = generation
        self._lock = threading.RLock()

    def __len__(self) -> int:
        return int(self.index.ntotal)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add vectors under the given chunk ids."""
        if len(ids) == 0:
            return
        with self._lock:
            self.index.add_with_ids(
                np.ascontiguousarray(vectors, dtype="float32"), np.asarray(ids, dtype="int64")
            )

    def remove(self, ids: list[int] | np.ndarray) -> None:
        """Remove the vectors of the given chunk ids (missing ids are ignored)."""
        if len(ids) == 0:
            return
        with self._lock:
            self.index.remove_ids(np.asarray(ids, dtype="int64"))

    def search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """Return up to ``k`` (chunk id, cosine) pairs, searching only ``allowed`` ids if given.

        The restriction is applied inside FAISS, before ranking, so a filtered search still
        returns ``k`` hits when ``k`` allowed vectors exist.
        """
        with self._lock:
            total = len(self)
            if total == 0 or k <= 0 or (allowed is not None and len(allowed) == 0):
                return []
            params = None
            if allowed is not None:
                selector = faiss.IDSelectorBatch(np.asarray(allowed, dtype="int64"))
                params = faiss.SearchParameters(sel=selector)
            scores, ids = self.index.search(
                np.asarray(query, dtype="float32").reshape(1, -1), min(k, total), params=params
            )
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]

    def save(self, directory: Path, generation: int) -> Path:
        """Write the index for ``generation`` atomically and drop older files."""
        path = directory / f"vectors-{generation}.faiss"
        with self._lock:
            atomic_write(path, lambda tmp: faiss.write_index(self.index, tmp))
            self.generation = generation
        for old in directory.glob("vectors-*.faiss"):
            match = FILE_PATTERN.match(old.name)
            if match and int(match.group(1)) != generation:
                old.unlink(missing_ok=True)
        return path

    @classmethod
    def load(cls, directory: Path, generation: int, dimension: int) -> VectorIndex | None:
        """Read the index saved for ``generation``, or None if there is no such file."""
        path = directory / f"vectors-{generation}.faiss"
        if not path.exists():
            return None
        try:
            index = faiss.read_index(str(path))
        except RuntimeError:
            return None
        if index.d != dimension:
            return None
        return cls(dimension, index, generation)
