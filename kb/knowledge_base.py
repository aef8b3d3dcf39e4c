"""The knowledge base of one home: the library API the CLI and the web app call."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import numpy as np

from kb.access import check_visibility
from kb.errors import NotFound
from kb.filters import Filters
from kb.manifest import Manifest, check_manifest, read_manifest
from kb.query import parse_query
from kb.records import MEDIA_SUFFIXES, Acronym, ChunkRecord, DocumentRecord
from kb.search import Candidate, HybridSearcher, SearchHit, SearchResponse
from kb.settings import Config
from kb.store import Store, WriteResult
from kb.vector_index import VectorIndex

ALL_LEVELS = ("public", "members", "staff")
FILES_DIR = "files"
SCRATCH_DIR = "scratch"


class KnowledgeBase:
    """Documents, passages and both indexes of one home directory."""

    def __init__(self, config: Config, embedder=None):
        self.config = config
        self.home = Path(config.home)
        self.home.mkdir(parents=True, exist_ok=True)
        self.manifest = read_manifest(self.home)
        if self.manifest is not None and self.manifest.model != config.model:
            check_manifest(self.manifest, self.home, config.model, self.manifest.dimension)
        self._remove_leftovers()
        self.store = Store(self.home)
        self._embedder = embedder
        self._vectors: VectorIndex | None = None
        self._vectors_lock = threading.RLock()
        self.searcher = HybridSearcher(
            self.store, self.vectors, self.encode_query, config, lambda: self.embedder.whole_words
        )

    def _remove_leftovers(self) -> None:
        """Delete temporary files a killed process left behind (never a committed file)."""
        for leftover in self.home.glob(".*.tmp"):
            leftover.unlink(missing_ok=True)
        for folder in (self.home / FILES_DIR).glob(".*.tmp"):
            folder.unlink(missing_ok=True)
        scratch = self.home / SCRATCH_DIR
        if scratch.is_dir():
            shutil.rmtree(scratch, ignore_errors=True)

    @property
    def scratch(self) -> Path:
        """Return a folder for temporary files, emptied when the home is next opened."""
        path = self.home / SCRATCH_DIR
        path.mkdir(exist_ok=True)
        return path

    # -- model and manifest --

    @property
    def embedder(self):
        """Return the embedding model, loading it on first use and checking the manifest."""
        if self._embedder is None:
            from kb.embedder import load_embedder

            self._embedder = load_embedder(self.config.model)
        if self.manifest is None:
            self.manifest = Manifest(
                model=self.config.model,
                dimension=self._embedder.dimension,
                chunking=self.chunking_settings(),
            )
            self.manifest.save(self.home)
        else:
            check_manifest(self.manifest, self.home, self.config.model, self._embedder.dimension)
        return self._embedder

    def chunking_settings(self) -> dict:
        """Return the settings that decide how passages are cut and embedded."""
        return {
            "target_tokens": self.config.chunk_tokens,
            "overlap_tokens": self.config.chunk_overlap_tokens,
            "min_tokens": self.config.chunk_min_tokens,
            "prefix_max_tokens": self.config.prefix_max_tokens,
        }

    def encode_query(self, text: str) -> np.ndarray:
        """Embed a query, remembering recent ones (facets and answers reuse them)."""
        cache = self.__dict__.setdefault("_query_cache", {})
        vector = cache.get(text)
        if vector is None:
            vector = self.embedder.encode_query(text)
            if len(cache) > 512:
                cache.clear()
            cache[text] = vector
        return vector

    @property
    def dimension(self) -> int:
        """Return the vector dimension of this home."""
        return self.manifest.dimension if self.manifest else self.embedder.dimension

    # -- vectors: a cache of what SQLite holds, checked by generation --

    def vectors(self) -> VectorIndex:
        """Return a vector index matching the store's generation, loading or rebuilding it."""
        generation = self.store.generation
        with self._vectors_lock:
            if self._vectors is not None and self._vectors.generation == generation:
                return self._vectors
            if self.manifest is None:
                self._vectors = VectorIndex(self.dimension, generation=generation)
                return self._vectors
            loaded = VectorIndex.load(self.home, generation, self.manifest.dimension)
            if loaded is None:
                loaded = self._rebuild_vectors(generation)
            self._vectors = loaded
            return loaded

    def _rebuild_vectors(self, generation: int) -> VectorIndex:
        """Build the vector index from the vectors stored in SQLite and save it."""
        index = VectorIndex(self.manifest.dimension, generation=generation)
        ids, vectors = self.store.all_embeddings()
        index.add(ids, vectors)
        index.save(self.home, generation)
        return index

    def _apply(self, result: WriteResult, vectors: np.ndarray | None = None) -> None:
        """Mirror a committed write in the in-memory vector index."""
        with self._vectors_lock:
            current = self._vectors
            if current is None or current.generation != result.generation - 1:
                self._vectors = None  # another writer got in between: reload on next use
                return
            current.remove(result.removed)
            if vectors is not None and result.added:
                current.add(np.asarray(result.added), vectors)
            current.generation = result.generation

    def flush(self) -> None:
        """Save the vector index for the current generation (atomic replace)."""
        index = self.vectors()
        if index.generation == self.store.generation:
            index.save(self.home, index.generation)

    # -- writes --

    def write_document(
        self,
        doc: DocumentRecord,
        chunks: list[ChunkRecord],
        embeddings: np.ndarray,
        acronyms: list[Acronym] = (),
        original: Path | bytes | None = None,
    ) -> int:
        """Store a document, replacing any older version with the same source.

        The SQLite write is one transaction; the vector file is brought up to date by
        ``flush`` (or rebuilt from SQLite at the next open if the process dies first).
        """
        self.vectors()
        old = self.store.find_document(doc.source)
        if original is not None:
            doc.file_path = self._keep_original(doc, original)
        result = self.store.replace_document(doc, chunks, embeddings, acronyms)
        self._apply(result, embeddings)
        if old is not None and old.file_path and old.file_path != doc.file_path:
            self._drop_original(old.file_path)
        return result.doc_id

    def _keep_original(self, doc: DocumentRecord, original: Path | bytes) -> str:
        """Copy the original file into the home, named by its content hash."""
        from kb.atomic import atomic_write, atomic_write_bytes

        suffix = MEDIA_SUFFIXES.get(doc.media_type, ".txt")
        relative = f"{FILES_DIR}/{doc.content_hash[:32]}{suffix}"
        target = self.home / relative
        if not target.exists():
            if isinstance(original, bytes):
                atomic_write_bytes(target, original)
            else:
                atomic_write(target, lambda tmp: shutil.copyfile(original, tmp))
        return relative

    def _drop_original(self, relative: str) -> None:
        if not self.store.file_in_use(relative):
            (self.home / relative).unlink(missing_ok=True)

    def delete(self, id_or_source: str) -> DocumentRecord:
        """Remove a document, its passages, keyword entries and vectors."""
        doc = self.find(id_or_source)
        self.vectors()
        result = self.store.delete_document(doc.id)
        self._apply(result)
        self.flush()
        if doc.file_path:
            self._drop_original(doc.file_path)
        return doc

    def set_visibility(self, id_or_source: str, level: str) -> DocumentRecord:
        """Change who may read a document."""
        doc = self.find(id_or_source)
        self.store.set_visibility(doc.id, check_visibility(level))
        return self.store.get_document(doc.id)

    def rebuild(self) -> int:
        """Re-embed every stored passage with the configured model; return how many."""
        from kb.embedder import load_embedder

        embedder = self._embedder or load_embedder(self.config.model)
        rows = self.store.embed_texts()
        vectors = embedder.encode([text for _, text in rows])
        self.manifest = Manifest(
            model=self.config.model, dimension=embedder.dimension, chunking=self.chunking_settings()
        )
        self._embedder = embedder
        generation = self.store.replace_embeddings([i for i, _ in rows], vectors)
        self.manifest.save(self.home)
        with self._vectors_lock:
            self._vectors = self._rebuild_vectors(generation)
        return len(rows)

    # -- reads --

    def find(self, id_or_source: str) -> DocumentRecord:
        """Return a document by id or source, or raise NotFound."""
        doc = self.store.find_document(str(id_or_source))
        if doc is None and not str(id_or_source).startswith(("http://", "https://")):
            doc = self.store.find_document(str(Path(id_or_source).resolve()))
        if doc is None:
            raise NotFound(f"No document with id or source {id_or_source!r}.")
        return doc

    def get_document(self, doc_id: int, visibilities: tuple[str, ...]) -> DocumentRecord:
        """Return a document the viewer may read, or raise NotFound (also when hidden)."""
        doc = self.store.get_document(doc_id)
        if doc is None or doc.visibility not in visibilities:
            raise NotFound(f"No document {doc_id}.")
        return doc

    def list_documents(
        self, visibilities: tuple[str, ...], filters: Filters | None = None, sort: str = "newest"
    ) -> list[DocumentRecord]:
        """Return the documents the viewer may read (newest, oldest or by title)."""
        return self.store.list_documents(visibilities, filters, sort)

    def document_passages(self, doc_id: int, visibilities: tuple[str, ...]) -> list:
        """Return a visible document's passages in order (rows with text, section, pages)."""
        self.get_document(doc_id, visibilities)
        return self.store.document_chunks(doc_id)

    def more_like_this(
        self, chunk_id: int, visibilities: tuple[str, ...], k: int = 5
    ) -> list[SearchHit]:
        """Return passages of other visible documents nearest to a visible passage."""
        from kb.related import similar_chunk_ids

        rows = self.store.chunk_rows([chunk_id])
        if chunk_id not in rows or rows[chunk_id]["visibility"] not in visibilities:
            raise NotFound(f"No passage {chunk_id}.")
        ranked = similar_chunk_ids(self.store, self.vectors(), chunk_id, visibilities, k)
        return self.searcher.hydrate(
            [Candidate(i, s, cosine=s) for i, s in ranked], parse_query("")
        )

    def glossary(self, visibilities: tuple[str, ...]) -> list:
        """Return the acronyms defined in documents the viewer may read."""
        from kb.glossary import glossary

        return glossary(self.store, visibilities)

    def search(
        self,
        query: str,
        k: int = 10,
        mode: str = "hybrid",
        visibilities: tuple[str, ...] = ("public",),
        filters: Filters | None = None,
        sort: str = "relevance",
        page: int = 1,
        with_answer: bool = True,
        as_typed: bool = False,
    ) -> SearchResponse:
        """Return the best passages for a query among what the viewer may read (typing
        slips read as the words meant, unless ``as_typed``)."""
        return self.searcher.search(
            query,
            k,
            mode,
            visibilities,
            filters,
            sort=sort,
            page=page,
            with_answer=with_answer,
            as_typed=as_typed,
        )

    def stats(self, visibilities: tuple[str, ...] | None = None) -> dict:
        """Return counts of documents, passages and vectors, and what built the home."""
        counts = self.store.counts(visibilities)
        if visibilities is None or set(visibilities) >= set(ALL_LEVELS):
            vectors = len(self.vectors()) if self.manifest else 0
        else:
            vectors = counts["chunks"]
        stats = {**counts, "vectors": vectors}
        if visibilities is None:
            stats.update(
                generation=self.store.generation,
                model=self.manifest.model if self.manifest else self.config.model,
                dimension=self.manifest.dimension if self.manifest else None,
                home=str(self.home),
            )
        return stats

    def close(self) -> None:
        """Close this thread's database connection."""
        self.store.close()
