"""Hybrid retrieval: FTS5 bm25 and FAISS cosine, fused with reciprocal rank fusion.

Visibility is applied inside both retrievers (SQL for FTS5, an id selector for FAISS), so
hidden passages are never ranked, counted or faceted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import numpy as np

from kb.acronyms import query_expansions
from kb.answer_types import asked_body, credit_expansions, number_expansions, subject_terms
from kb.answers import TOP_PASSAGES, Answer, extract_answer
from kb.citations import citation_link, citation_text, page_label
from kb.countries import country_forms
from kb.errors import InvalidQuery
from kb.facets import facet_counts, timeline
from kb.filters import Filters
from kb.fusion import reciprocal_rank_fusion
from kb.keyword_index import exact_phrase_ids, keyword_search, matching_ids
from kb.query import (
    STOPWORDS,
    ParsedQuery,
    constraint_expressions,
    fts_expression,
    fts_quote,
    parse_query,
)
from kb.rescoring import (
    COMMON_SHARE,
    QueryTerms,
    RescoreWeights,
    best_sentence_score,
    rescore,
    rescored_head,
)
from kb.settings import Config
from kb.snippets import snippet
from kb.spelling import spelling_expansions
from kb.store import Store
from kb.synonyms import load_thesaurus, synonyms_of
from kb.typos import respell, typo_corrections
from kb.vector_index import VectorIndex

MODES = ("hybrid", "keyword", "semantic")
SORTS = ("relevance", "newest", "oldest")
MAX_K = 100
MAX_PAGE = 50
# A semantic-only candidate counts as a match (for totals, facets and the timeline) when the
# passage is this close to the query, or one of its sentences is SENTENCE_MATCH_FLOOR close.
# Over the semantic top 30 of every question on the held-out sets (27,090 pairs), a sentence
# floor of 0.4 makes 1.4% more of them matches; 0.3 made 2.8% more, and those extra matches
# pushed two expected passages down a place.
SEMANTIC_MATCH_FLOOR = 0.3
SENTENCE_MATCH_FLOOR = 0.4


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
    pages: str = ""
    citation: str = ""
    link: str = ""
    # False for a passage shown after the matches, as one of the nearest other passages
    match: bool = True

    def to_api(self) -> dict:
        """Return the hit as the API's result object."""
        return asdict(self)


@dataclass
class SearchResponse:
    """A ranked page of hits for one query, with its answer, counts and timeline."""

    query: str
    mode: str
    results: list[SearchHit]
    total: int = 0
    page: int = 1
    k: int = 10
    sort: str = "relevance"
    facets: dict = field(default_factory=dict)
    timeline: list = field(default_factory=list)
    answer: Answer = field(default_factory=Answer)
    parsed: ParsedQuery | None = field(repr=False, default=None)
    # Typing slips read as other words ("adress": "address"); empty when searched as typed.
    respellings: dict[str, str] = field(default_factory=dict)

    @property
    def respelled(self) -> str | None:
        """The query as it was searched, when a typing slip was read as another word."""
        return respell(self.query, self.respellings) if self.respellings else None

    def to_api(self) -> dict:
        """Return the response as the API's JSON object."""
        respelled = None
        if self.respellings:
            respelled = {"query": self.respelled, "words": self.respellings}
        return {
            "query": self.query,
            "respelled": respelled,
            "mode": self.mode,
            "sort": self.sort,
            "page": self.page,
            "k": self.k,
            "total": self.total,
            "answer": self.answer.to_api(),
            "results": [hit.to_api() for hit in self.results],
            "facets": self.facets,
            "timeline": self.timeline,
        }


@dataclass
class Candidate:
    chunk_id: int
    score: float
    keyword: bool = False
    cosine: float | None = None


def validate_request(
    query: str, k: int, mode: str, max_chars: int, sort: str = "relevance", page: int = 1
) -> None:
    """Raise InvalidQuery for an empty or over-long query, a bad k, mode, sort or page."""
    if not query or not query.strip():
        raise InvalidQuery("empty_query", "The query is empty: type some words to search for.")
    if len(query) > max_chars:
        raise InvalidQuery("query_too_long", f"The query is longer than {max_chars} characters.")
    if not isinstance(k, int) or not 1 <= k <= MAX_K:
        raise InvalidQuery("bad_k", f"k must be a whole number from 1 to {MAX_K}.")
    if mode not in MODES:
        raise InvalidQuery("bad_mode", f"mode must be one of: {', '.join(MODES)}.")
    if sort not in SORTS:
        raise InvalidQuery("bad_sort", f"sort must be one of: {', '.join(SORTS)}.")
    if not isinstance(page, int) or not 1 <= page <= MAX_PAGE:
        raise InvalidQuery("bad_page", f"page must be a whole number from 1 to {MAX_PAGE}.")


class HybridSearcher:
    """Answer queries over a store and its vector index for one viewer at a time."""

    def __init__(
        self,
        store: Store,
        vectors: Callable[[], VectorIndex],
        encode_query: Callable[[str], np.ndarray],
        config: Config,
        known_words: Callable[[], frozenset[str]] = frozenset,
    ):
        self.store = store
        self.vectors = vectors
        self.encode_query = encode_query
        self.config = config
        self.known_words = known_words
        self.thesaurus = load_thesaurus(config.home)

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
        """Return a page of the best passages the viewer may read, with answer and facets.

        Typing slips are read as the words meant ("adress" as "address") unless ``as_typed``.
        """
        validate_request(query, k, mode, self.config.max_query_chars, sort, page)
        parsed = parse_query(query)
        held = self.held_counter(visibilities)
        slips = {} if as_typed else self.typos(parsed.terms, visibilities, held)
        if slips:
            parsed = parse_query(respell(query, slips))
        parsed.terms = subject_terms(parsed.text, parsed.terms)
        depth = max(k * page, self.config.candidate_depth)
        terms = self.query_terms(parsed, visibilities, held)
        everything = self.candidates(parsed, mode, visibilities, parsed.filters, depth, terms)
        combined = _merge_filters(parsed.filters, filters)
        if combined == parsed.filters:
            filtered = everything
        else:
            filtered = self.candidates(parsed, mode, visibilities, combined, depth, terms)
        matches = _matches(filtered)
        # Fewer than ten matches are followed by the nearest other passages, up to ten in
        # all, so a person sees what is closest: a paraphrase's answer may share no word
        # with the query and sit below the semantic floor. They do not count in the total.
        nearest = _nearest_others(filtered, matches, FILLED_TO - len(matches))
        ordered = self._sorted(matches, sort) + self._sorted(nearest, sort)
        start = (page - 1) * k
        hits = self.hydrate(ordered[start : start + k], parsed, first_rank=start + 1)
        for hit in hits:
            hit.match = hit.rank <= len(matches)
        facet_rows = self.store.chunk_documents([c.chunk_id for c in _matches(everything)])
        response = SearchResponse(
            query=query,
            mode=mode,
            results=hits,
            total=len(matches),
            page=page,
            k=k,
            sort=sort,
            facets=facet_counts(facet_rows),
            timeline=timeline(facet_rows),
            parsed=parsed,
            respellings=slips,
        )
        if with_answer and hits and parsed.text:
            top = hits
            if sort != "relevance" or page != 1:
                top = self.hydrate((matches + nearest)[:5], parsed)
            response.answer = self.answer(parsed, top, terms, held)
        return response

    def query_terms(
        self,
        parsed: ParsedQuery,
        visibilities: tuple[str, ...],
        held: Callable[[str], int] | None = None,
    ) -> QueryTerms:
        """Weigh the query's words for this viewer, once per search.

        Counts the visible passages (all of them, and those holding each term) and maps
        terms to words that count as them: acronyms, expansions, credit labels, numbers
        written out, the other spelling of a word ("labour", "labor") and, for a word no
        passage holds, its thesaurus synonyms that passages hold. ``held`` (from
        ``held_counter``) shares the counts with the search's other steps.
        """
        conn = self.store.conn
        held = held or self.held_counter(visibilities)
        counts = {term: held(term) for term in parsed.terms}
        expansions = query_expansions(conn, parsed.text, parsed.terms, visibilities)
        spellings = self._spellings_found(parsed.terms, visibilities)
        synonyms = self._synonyms_found(parsed, counts, visibilities)
        for others in (
            credit_expansions(parsed.text, parsed.terms),
            number_expansions(parsed.terms),
            spellings,
            synonyms,
        ):
            for term, forms in others.items():
                expansions[term] = sorted({*expansions.get(term, []), *forms})
        synonym_counts = {
            term: self._passages_holding([term, *expansions[term.lower()]], visibilities)
            for term in parsed.terms
            if term.lower() in synonyms
        }
        visible = max(1, self.store.counts(visibilities)["chunks"])
        body = asked_body(parsed.text)
        body_passages = len(matching_ids(conn, fts_quote(body), visibilities, None)) if body else 0
        return QueryTerms(
            parsed.terms,
            counts,
            visible,
            parsed.text,
            expansions,
            body_passages,
            spellings,
            synonyms,
            synonym_counts,
        )

    def held_counter(self, visibilities: tuple[str, ...]) -> Callable[[str], int]:
        """Return a function counting the viewer's passages that hold a word, each word
        counted once per search whatever its case (the keyword index ignores case)."""
        conn = self.store.conn
        counts: dict[str, int] = {}

        def held(word: str) -> int:
            key = word.lower()
            if key not in counts:
                counts[key] = len(matching_ids(conn, fts_quote(word), visibilities, None))
            return counts[key]

        return held

    def typos(
        self,
        terms: list[str],
        visibilities: tuple[str, ...],
        held: Callable[[str], int] | None = None,
    ) -> dict[str, str]:
        """Map the query's typing slips ("adress") to the words meant, among the words the
        viewer's passages hold."""
        held = held or self.held_counter(visibilities)
        unheld = [t for t in terms if t.isalpha() and not held(t)]
        if not unheld:
            return {}
        return typo_corrections(unheld, self.known_words(), STOPWORDS, held)

    def _passages_holding(self, forms: list[str], visibilities: tuple[str, ...]) -> int:
        """Return how many visible passages hold at least one of ``forms``."""
        expression = " OR ".join(fts_quote(form) for form in forms)
        return len(matching_ids(self.store.conn, expression, visibilities, None))

    def _spellings_found(
        self, terms: list[str], visibilities: tuple[str, ...]
    ) -> dict[str, list[str]]:
        """Map terms to their other spelling ("labour", "labor"), or a country to its people's
        adjective and back ("Bulgaria", "Bulgarian"), where visible passages use them."""
        found = {}
        for others in (spelling_expansions(terms), country_forms(terms)):
            for term, variants in others.items():
                held = [v for v in variants if self._passages_holding([v], visibilities)]
                if held:
                    found[term] = sorted({*found.get(term, []), *held})
        return found

    def _synonyms_found(
        self, parsed: ParsedQuery, counts: dict[str, int], visibilities: tuple[str, ...]
    ) -> dict[str, list[str]]:
        """Map query terms to the synonyms visible passages hold of the query's words (or
        phrases) that no visible passage holds; ``counts`` are the terms' passage counts."""
        by_lower = {term.lower(): count for term, count in counts.items()}
        found: dict[str, set[str]] = {}
        for synonyms in synonyms_of(self.thesaurus, parsed.text, parsed.terms):
            held = by_lower.get(synonyms.entry)
            if held is None:
                held = self._passages_holding([synonyms.entry], visibilities)
            if not held:
                kept = {o for o in synonyms.others if self._passages_holding([o], visibilities)}
                found.setdefault(synonyms.term, set()).update(kept)
        return {term: sorted(others) for term, others in found.items() if others}

    def answer(
        self,
        parsed: ParsedQuery,
        hits: list[SearchHit],
        terms: QueryTerms,
        held: Callable[[str], int],
    ) -> Answer:
        """Extract the answer to a parsed query from its top passages; ``held`` counts the
        viewer's passages holding a word."""
        evidence = self.store.chunk_evidence([hit.chunk_id for hit in hits[:TOP_PASSAGES]])

        def common(word: str) -> bool:
            return held(word) > COMMON_SHARE * terms.visible

        return extract_answer(
            parsed.text,
            parsed.terms,
            self.encode_query(parsed.text),
            hits,
            evidence,
            terms.unmatched(),
            alternatives=terms.literal_alternatives,
            subject_terms=terms.distinctive,
            body_is_publisher=terms.body_is_publisher,
            rarest_term=terms.rarest(),
            common=common,
        )

    def candidates(
        self,
        parsed: ParsedQuery,
        mode: str,
        visibilities: tuple[str, ...],
        filters: Filters,
        depth: int,
        terms: QueryTerms | None = None,
    ) -> list[Candidate]:
        """Return the viewer's candidate passages, best first.

        ``terms`` (from ``query_terms``) may be passed in to share it across calls.
        """
        terms = terms or self.query_terms(parsed, visibilities)
        expansions = terms.alternatives
        conn = self.store.conn
        phrase_ids = self._phrase_ids(parsed, visibilities, filters)
        keyword: list[tuple[int, float]] = []
        semantic: list[tuple[int, float]] = []
        if mode in ("keyword", "hybrid"):
            expression = fts_expression(parsed, expansions)
            if expression:
                keyword = keyword_search(
                    conn, expression, visibilities, filters, depth, only_ids=phrase_ids
                )
        if mode in ("semantic", "hybrid") and parsed.text:
            allowed = self._allowed_ids(parsed, visibilities, filters, phrase_ids)
            # the model reads either spelling and knows synonyms; acronyms and names it
            # needs spelled out
            known = {v for found in (terms.spellings, terms.synonyms) for v in _flat(found)}
            extra = sorted(_flat(expansions) - known)
            text = parsed.text + (" (" + "; ".join(extra) + ")" if extra else "")
            semantic = self.vectors().search(self.encode_query(text), depth, allowed)
        cosines = dict(semantic)
        cosines.update(self._closest_sentences(semantic, parsed.text))
        keyword_ids = self._matching_ids(parsed, keyword, visibilities, filters, terms)
        if mode == "keyword":
            ranked = keyword
        elif mode == "semantic":
            ranked = semantic
        else:
            by_meaning = [i for i, _ in semantic]
            fused = reciprocal_rank_fusion(
                [[i for i, _ in keyword], by_meaning], k=self.config.rrf_k
            )
            pooled = [i for i, _ in keyword[: RescoreWeights.keyword_pool]]
            head = [i for i, _ in rescored_head(fused, RescoreWeights.depth, pooled)[0]]
            dates = {r["id"]: r["date"] for r in self.store.chunk_documents(head)}
            ranked = (
                fused
                if not head
                else rescore(
                    fused,
                    self.store.chunk_evidence(head),
                    self.encode_query(parsed.text),
                    terms,
                    dict(keyword),
                    dates=dates,
                    meaning=dict(reciprocal_rank_fusion([by_meaning], k=self.config.rrf_k)),
                    pooled=pooled,
                )
            )
        return [Candidate(i, s, i in keyword_ids, cosines.get(i)) for i, s in ranked]

    def _closest_sentences(
        self, semantic: list[tuple[int, float]], question: str
    ) -> dict[int, float]:
        """Return the top semantic candidates below the floor that match by one sentence.

        A passage on several subjects can hold the one sentence that answers a paraphrase
        ("how did co-ops cope with the pandemic") while, as a whole, it is further from it.
        Such a passage is given the floor's cosine, so it counts as a match.
        """
        below = [i for i, c in semantic[: RescoreWeights.depth] if c < SEMANTIC_MATCH_FLOOR]
        if not below:
            return {}
        query = self.encode_query(question)
        return {
            chunk_id: SEMANTIC_MATCH_FLOOR
            for chunk_id, found in self.store.chunk_evidence(below).items()
            if best_sentence_score(found.sentence_vectors, query) >= SENTENCE_MATCH_FLOOR
        }

    def _matching_ids(
        self,
        parsed: ParsedQuery,
        keyword: list[tuple[int, float]],
        visibilities: tuple[str, ...],
        filters: Filters,
        terms: QueryTerms,
    ) -> set[int]:
        """Return the keyword candidates that match through a word that tells passages apart.

        A word found in most visible passages ("CECOP", "cooperatives") ranks passages but
        does not make one a match, so totals, facets and the timeline follow the subject.
        """
        if not keyword:
            return set()
        conn = self.store.conn
        distinctive = [term for term in parsed.terms if not terms.is_common(term)]
        if len(distinctive) == len(parsed.terms):
            return {i for i, _ in keyword}
        narrowed = ParsedQuery(
            raw=parsed.raw, terms=distinctive, phrases=parsed.phrases, excluded=parsed.excluded
        )
        expression = fts_expression(narrowed, terms.alternatives)
        if expression is None:
            return set()
        found = set(matching_ids(conn, expression, visibilities, filters).tolist())
        return {i for i, _ in keyword if i in found}

    def _phrase_ids(
        self, parsed: ParsedQuery, visibilities: tuple[str, ...], filters: Filters
    ) -> np.ndarray | None:
        """Return the visible passages holding every quoted phrase, or None without phrases."""
        must, _ = constraint_expressions(parsed)
        if not must:
            return None
        return exact_phrase_ids(self.store.conn, parsed.phrases, must, visibilities, filters)

    def _allowed_ids(
        self,
        parsed: ParsedQuery,
        visibilities: tuple[str, ...],
        filters: Filters,
        phrase_ids: np.ndarray | None,
    ) -> np.ndarray | None:
        """Return the passage ids a semantic search may rank, or None for all of them."""
        _, must_not = constraint_expressions(parsed)
        everything = set(visibilities) >= {"public", "members", "staff"}
        if everything and filters.empty and phrase_ids is None and not must_not:
            return None
        conn = self.store.conn
        if phrase_ids is not None:
            allowed = phrase_ids
        else:
            allowed = self.store.allowed_chunk_ids(visibilities, filters)
        if must_not:
            allowed = np.setdiff1d(allowed, matching_ids(conn, must_not, visibilities, filters))
        return allowed

    def _sorted(self, matches: list[Candidate], sort: str) -> list[Candidate]:
        """Order matches by relevance or by document date (ties by relevance)."""
        if sort == "relevance":
            return matches
        dates = {
            r["id"]: r["date"] or ""
            for r in self.store.chunk_documents([c.chunk_id for c in matches])
        }
        position = {c.chunk_id: n for n, c in enumerate(matches)}
        undated = [c for c in matches if not dates.get(c.chunk_id)]
        dated = [c for c in matches if dates.get(c.chunk_id)]
        dated.sort(key=lambda c: position[c.chunk_id])
        dated.sort(key=lambda c: dates[c.chunk_id], reverse=sort == "newest")
        return dated + undated

    def hydrate(
        self, ranked: list[Candidate], parsed: ParsedQuery, first_rank: int = 1
    ) -> list[SearchHit]:
        """Turn ranked candidates into hits with text, snippet, citation and link."""
        rows = self.store.chunk_rows([c.chunk_id for c in ranked])
        hits = []
        for candidate in ranked:
            row = rows.get(candidate.chunk_id)
            if row is None:
                continue
            hits.append(
                SearchHit(
                    rank=first_rank + len(hits),
                    score=round(float(candidate.score), 6),
                    doc_id=row["doc_id"],
                    chunk_id=candidate.chunk_id,
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
                    pages=page_label(row["page_start"], row["page_end"]),
                    citation=citation_text(
                        row["title"],
                        row["date"],
                        row["page_start"],
                        row["page_end"],
                        row["section"],
                    ),
                    link=citation_link(
                        row["doc_id"],
                        row["media_type"],
                        row["canonical_url"],
                        row["page_start"],
                        row["ordinal"],
                        row["text"],
                    ),
                )
            )
        return hits


def _flat(forms: dict[str, list[str]]) -> set[str]:
    """Return every alternative form in a term -> forms mapping."""
    return {form for values in forms.values() for form in values}


def _matches(candidates: list[Candidate]) -> list[Candidate]:
    """Keep keyword matches and semantic candidates close enough to count as matches."""
    return [c for c in candidates if c.keyword or (c.cosine or 0.0) >= SEMANTIC_MATCH_FLOOR]


# Matches fewer than this are followed by the nearest other passages, up to this many in all.
FILLED_TO = 10


def _nearest_others(
    candidates: list[Candidate], matches: list[Candidate], count: int
) -> list[Candidate]:
    """Return up to ``count`` best candidates that are not matches."""
    if count <= 0:
        return []
    matched = {c.chunk_id for c in matches}
    return [c for c in candidates if c.chunk_id not in matched][:count]


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
