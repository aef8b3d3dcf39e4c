"""Hybrid retrieval: FTS5 bm25 and FAISS cosine, fused with reciprocal rank fusion."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import numpy as np

from kb.acronyms import query_expansions
from kb.errors import InvalidQuery
from kb.filters import Filters
from kb.fusion import reciprocal_rank_fusion
from kb.keyword_index import keyword_search, matching_ids
from kb.query import ParsedQuery, constraint_expressions, fts_expression, parse_query
from kb.settings import Config
from kb.snippets import snippet
from kb.store import Store
from kb.vector_index import VectorIndex

MODES = ("hybrid", "keyword", "semantic")
MAX_K = 100


@dataclass
class SearchHit:
    """One cited passage."""

    rank: int
    score: float
    doc_id: int
    chunk_id: int
    title: str
    source: str
    page_start: int | None
    page_end: int | None
    text: str
    snippet: str
    section: str = ""
    doc_type: str = "other"
    date: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    media_type: str = "text"
    ordinal: int = 0

    def to_api(self) -> dict:
        """Return the hit as the API's result object."""
        return asdict(self)


@dataclass
class SearchResponse:
    """A ranked page of hits for one query."""

    query: str
    mode: str
    results: list[SearchHit]
    parsed: ParsedQuery = field(repr=False, default=None)

    def to_api(self) -> dict:
        """Return the response as the API's JSON object."""
        return {
            "query": self.query,
            "mode": self.mode,
            "results": [hit.to_api() for hit in self.results],
        }


def validate_request(query: str, k: int, mode: str, max_chars: int) -> None:
    """Raise InvalidQuery for an empty or over-long query, a bad k or an unknown mode."""
    if not query or not query.strip():
        raise InvalidQuery("empty_query", "The query is empty: type some words to search for.")
    if len(query) > max_chars:
        raise InvalidQuery("query_too_long", f"The query is longer than {max_chars} characters.")
    if not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise InvalidQuery("bad_k", f"k must be a whole number from 1 to {MAX_K}.")
    if mode not in MODES:
        raise InvalidQuery("bad_mode", f"mode must be one of: {', '.join(MODES)}.")


class HybridSearcher:
    """Answer queries over a store and its vector index for one viewer at a time."""

    def __init__(
        self,
        store: Store,
        vectors: Callable[[], VectorIndex],
        encode_query: Callable[[str], np.ndarray],
        config: Config,
    ):
        self.store = store
        self.vectors = vectors
        self.encode_query = encode_query
        self.config = config

    def search(
        self,
        query: str,
        k: int = 10,
        mode: str = "hybrid",
        visibilities: tuple[str, ...] = ("public",),
        filters: Filters | None = None,
    ) -> SearchResponse:
        """Return the ``k`` best passages the viewer may read."""
        validate_request(query, k, mode, self.config.max_query_chars)
        parsed = parse_query(query)
        filters = _merge_filters(parsed.filters, filters)
        ranked = self.rank(parsed, mode, visibilities, filters, depth=max(k, self.config.candidate_depth))
        return SearchResponse(query, mode, self.hydrate(ranked[:k], parsed), parsed)

    def rank(
        self,
        parsed: ParsedQuery,
        mode: str,
        visibilities: tuple[str, ...],
        filters: Filters,
        depth: int,
    ) -> list[tuple[int, float]]:
        """Return (chunk id, score) for the viewer's candidates, best first."""
        conn = self.store.conn
        expansions = query_expansions(conn, parsed.text, parsed.terms, visibilities)
        keyword: list[tuple[int, float]] = []
        semantic: list[tuple[int, float]] = []
        if mode in ("keyword", "hybrid"):
            expression = fts_expression(parsed, expansions)
            if expression:
                keyword = keyword_search(conn, expression, visibilities, filters, depth)
        if mode in ("semantic", "hybrid") and parsed.text:
            allowed = self._allowed_ids(parsed, visibilities, filters)
            extra = [e for values in expansions.values() for e in values]
            text = parsed.text + (" (" + "; ".join(extra) + ")" if extra else "")
            semantic = self.vectors().search(self.encode_query(text), depth, allowed)
        if mode == "keyword":
            return keyword
        if mode == "semantic":
            return semantic
        fused = reciprocal_rank_fusion(
            [[i for i, _ in keyword], [i for i, _ in semantic]], k=self.config.rrf_k
        )
        return fused

    def _allowed_ids(
        self, parsed: ParsedQuery, visibilities: tuple[str, ...], filters: Filters
    ) -> np.ndarray | None:
        """Return the passage ids a semantic search may rank, or None for all of them."""
        must, must_not = constraint_expressions(parsed)
        everything = set(visibilities) >= {"public", "members", "staff"}
        if everything and filters.empty and not must and not must_not:
            return None
        conn = self.store.conn
        if must:
            allowed = matching_ids(conn, must, visibilities, filters)
        else:
            allowed = self.store.allowed_chunk_ids(visibilities, filters)
        if must_not:
            allowed = np.setdiff1d(allowed, matching_ids(conn, must_not, visibilities, filters))
        return allowed

    def hydrate(self, ranked: list[tuple[int, float]], parsed: ParsedQuery) -> list[SearchHit]:
        """Turn ranked chunk ids into hits with text, snippet and document metadata."""
        rows = self.store.chunk_rows([chunk_id for chunk_id, _ in ranked])
        hits = []
        for chunk_id, score in ranked:
            row = rows.get(chunk_id)
            if row is None:
                continue
            hits.append(
                SearchHit(
                    rank=len(hits) + 1,
                    score=round(float(score), 6),
                    doc_id=row["doc_id"],
                    chunk_id=chunk_id,
                    title=row["title"],
                    source=row["source"],
                    page_start=row["page_start"],
                    page_end=row["page_end"],
                    text=row["text"],
                    snippet=snippet(row["text"], parsed.highlight_terms),
                    section=row["section"],
                    doc_type=row["doc_type"],
                    date=row["date"],
                    language=row["language"],
                    canonical_url=row["canonical_url"],
                    media_type=row["media_type"],
                    ordinal=row["ordinal"],
                )
            )
        return hits


def _merge_filters(from_query: Filters, given: Filters | None) -> Filters:
    """Combine filters written in the query with filters passed by the caller."""
    if given is None or given.empty:
        return from_query
    if from_query.empty:
        return given
    return Filters(
        types=from_query.types or given.types,
        year_from=from_query.year_from if from_query.year_from is not None else given.year_from,
        year_to=from_query.year_to if from_query.year_to is not None else given.year_to,
        languages=from_query.languages or given.languages,
        tags=from_query.tags or given.tags,
        doc_ids=given.doc_ids,
    )
