"""Second-stage scoring of hybrid candidates with sentence-level evidence.

Reciprocal rank fusion only sees ranks. The rescoring step looks inside the best candidates:
how close the passage's best sentences are to the query, how close the whole passage is, and
how many of the query's terms it contains. The weights were fitted on tests/eval (see
BENCHMARKS.md) and kept few, so they carry over to other corpora.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kb.snippets import find_spans


@dataclass(frozen=True)
class RescoreWeights:
    fusion: float = 30.0  # times the RRF score (about 0.016 to 0.033)
    best_sentence: float = 0.25  # cosine of the passage's sentence closest to the query
    passage: float = 0.25  # cosine of the whole passage (title and section prefixed)
    coverage: float = 0.5  # share of the query's terms found in the passage
    keyword: float = 0.3  # bm25 as a share of the best bm25 among the candidates
    depth: int = 30  # candidates rescored; the rest keep their fused order


def term_coverage(text: str, terms: list[str]) -> float:
    """Return the share of query terms (and their inflections) present in a text."""
    terms = [t for t in terms if len(t) > 1]
    if not terms:
        return 0.0
    return sum(bool(find_spans(text, [term])) for term in terms) / len(terms)


def best_sentence_score(vectors: np.ndarray | None, query: np.ndarray) -> float:
    """Return the cosine of a passage's sentence closest to the query."""
    if vectors is None or len(vectors) == 0:
        return 0.0
    return float((vectors @ query).max())


def _share(score: float, best: float) -> float:
    return score / best if best > 0 else 0.0


def rescore(
    fused: list[tuple[int, float]],
    evidence: dict,
    query: np.ndarray,
    terms: list[str],
    keyword_scores: dict[int, float] | None = None,
    weights: RescoreWeights = RescoreWeights(),
) -> list[tuple[int, float]]:
    """Reorder the top of a fused ranking; return (chunk id, score) best first.

    ``evidence`` maps chunk ids to the store's Evidence (text, vector, sentence vectors);
    ``keyword_scores`` holds the bm25 scores (higher is better) of the keyword candidates,
    so a strong exact match is not buried by similarity alone.
    """
    keyword_scores = keyword_scores or {}
    best_keyword = max(keyword_scores.values(), default=0.0)
    head, tail = fused[: weights.depth], fused[weights.depth :]
    scored = []
    for chunk_id, fusion_score in head:
        found = evidence.get(chunk_id)
        if found is None:
            continue
        score = (
            weights.fusion * fusion_score
            + weights.best_sentence * best_sentence_score(found.sentence_vectors, query)
            + weights.passage * float(found.vector @ query)
            + weights.coverage * term_coverage(found.text, terms)
            + weights.keyword * _share(keyword_scores.get(chunk_id, 0.0), best_keyword)
        )
        scored.append((chunk_id, score))
    scored.sort(key=lambda pair: -pair[1])
    floor = scored[-1][1] if scored else 0.0
    return scored + [(chunk_id, floor - 1e-6 * (n + 1)) for n, (chunk_id, _) in enumerate(tail)]
