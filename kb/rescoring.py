"""Second-stage scoring of hybrid candidates with sentence-level evidence.

Reciprocal rank fusion only sees ranks. The rescoring step looks inside the best candidates:
how close the passage's best sentence and the whole passage are to the query, how much of
the query's weight (rare words count more) the passage holds, how close together its query
words sit, and whether it offers the kind of answer the question asks for ("who" wants a
name) next to them: for "who is the president" a name set beside the role, for "when" a
date that names its day, for an acronym its name written out. When no candidate holds much of
the query's weight, the query is a paraphrase and the passages rank by meaning alone. The
weights were fitted on tests/eval and on held-out renderings of CECOP's own documents, then
checked on ones not used for fitting (see BENCHMARKS.md); they are kept few so they carry over
to other corpora.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from kb.answer_types import (
    DATE_KINDS,
    answer_type_score,
    asked_role,
    asks_definition,
    asks_for_position,
    day_date_near,
    expected_answer,
    role_holder,
)
from kb.snippets import find_spans


@dataclass(frozen=True)
class RescoreWeights:
    fusion: float = 15.0  # times the RRF score (about 0.016 to 0.033)
    best_sentence: float = 0.5  # cosine of the passage's sentence closest to the query
    passage: float = 0.25  # cosine of the whole passage (title and section prefixed)
    coverage: float = 0.5  # share of the query's idf weight found in the passage
    keyword: float = 0.2  # bm25 as a share of the best bm25 among the candidates
    answer_type: float = 0.3  # the asked-for kind of answer near the query's words
    proximity: float = 0.4  # the passage's distinctive query words close together
    recency: float = 0.05  # newer sources win close calls on "what did CECOP say" questions
    statements: float = 0.45  # on such questions, passages written as sentences beat headline lists
    role: float = 0.3  # "who is the president": a name set beside the role, as on a card
    day_date: float = 0.3  # "when": a date naming its day near the query's words
    expansion: float = 0.2  # an acronym of the query written out ("what is SEAP")
    # twice that when the query asks what the acronym stands for
    definition: float = 0.4
    # when the query is paraphrased (see PARAPHRASE_COVERAGE), the whole passage's cosine
    # weighs this much, the word-matching features (coverage, keyword, proximity) nothing,
    # and the fused score is the semantic ranking's alone
    paraphrased_passage: float = 1.0
    depth: int = 30  # candidates rescored; the rest keep their fused order
    # the keyword ranking's best are rescored too, wherever fusion puts them: with "CECOP" in
    # the query, passages holding it rank in both lists and push a card naming the asked
    # role (keyword rank 1, far down by meaning) out of the fused top 30
    keyword_pool: int = 5


# A word in more than this share of the viewer's passages ranks but does not identify the
# subject ("CECOP", "cooperatives"): match counts, proximity and answer types use the others.
COMMON_SHARE = 0.3
# Fewer words than this make a line or a headline, not a statement.
STATEMENT_WORDS = 6
# Characters over which proximity halves: words 100 characters apart score 1/2.
PROXIMITY_SCALE = 100.0
# When no candidate holds this share of the query's idf weight, the query says in other
# words what the passages say ("who bankrolled this yearly review" for "funded by the
# European Union"): the words it shares with passages are incidental, so meaning ranks,
# unless the keyword and semantic rankings agree on the best passage.
PARAPHRASE_COVERAGE = 0.3


@dataclass
class QueryTerms:
    """The query's words with what rescoring needs to weigh them, computed once per search."""

    terms: list[str]
    counts: dict[str, int] = field(default_factory=dict)  # visible passages holding each
    visible: int = 1  # passages the viewer may read
    question: str = ""
    # other words that count as a term: an acronym's expansion, or the acronym of a name
    alternatives: dict[str, list[str]] = field(default_factory=dict)
    # visible passages naming the body a role question asks about ("of Cooperatives Europe")
    body_passages: int = 0
    # the alternatives that are another spelling of a term ("labour", "labor")
    spellings: dict[str, list[str]] = field(default_factory=dict)
    # the alternatives that are a thesaurus synonym of a term no passage holds, and the
    # visible passages holding the term or one of them
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    synonym_counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self):
        self.terms = [t for t in self.terms if len(t) > 1]
        self.idf = {t: math.log((self.visible + 1) / (self.held_by(t) + 0.5)) for t in self.terms}
        self.distinctive = [t for t in self.terms if not self.is_common(t)]
        self.answer_kind = expected_answer(self.question)
        self.about_positions = asks_for_position(self.question)
        self.role = asked_role(self.question)
        self.forms = {t: [t, *self.alternatives.get(t.lower(), [])] for t in self.terms}
        # acronyms of the query and the names they stand for
        self.spelled_out = {
            t: self.alternatives[t.lower()]
            for t in self.terms
            if t.isupper() and self.alternatives.get(t.lower())
        }
        self.asks_definition = bool(self.spelled_out) and asks_definition(self.question)

    @property
    def literal_alternatives(self) -> dict[str, list[str]]:
        """Return the alternatives without thesaurus synonyms, which may say less than a
        word: an answer's confidence rests on the words asked ("budget", not "funding")."""
        return {
            term: kept
            for term, forms in self.alternatives.items()
            if (kept := [f for f in forms if f not in self.synonyms.get(term, [])])
        }

    def unmatched(self) -> int:
        """Count the query words that no visible passage holds, nor an acronym, expansion or
        spelling of them. A word found only through a thesaurus synonym counts: the synonym
        may say less than the word asked ("budget" and "funding")."""
        return sum(
            1
            for term in self.terms
            if not self.counts.get(term) and not self.literal_alternatives.get(term.lower())
        )

    def is_common(self, term: str) -> bool:
        """Return whether a term is in more than ``COMMON_SHARE`` of the visible passages."""
        return self.held_by(term) > COMMON_SHARE * self.visible

    def held_by(self, term: str) -> int:
        """Return how many visible passages hold a term, or, for a term no passage holds,
        its thesaurus synonyms: the word weighs as rare as the passages saying it are."""
        return self.synonym_counts.get(term, self.counts.get(term, 0))

    def rarest(self) -> str | None:
        """Return the distinctive word the fewest visible passages hold, of two or more that
        passages hold: the word that most tells what typed keywords ask about."""
        held = [term for term in self.distinctive if self.counts.get(term)]
        return min(held, key=self.held_by) if len(held) > 1 else None

    @property
    def body_is_publisher(self) -> bool:
        """Return whether the body a role question names is in most passages, as "CECOP" is."""
        return self.body_passages > COMMON_SHARE * self.visible


def term_coverage(text: str, terms: list[str], forms: dict[str, list[str]] | None = None) -> float:
    """Return the share of query terms (their inflections, or other ``forms``) in a text."""
    terms = [t for t in terms if len(t) > 1]
    if not terms:
        return 0.0
    return sum(bool(find_spans(text, (forms or {}).get(t, [t]))) for t in terms) / len(terms)


def idf_coverage(text: str, query: QueryTerms) -> float:
    """Return the share of the query's idf weight carried by the terms present in a text."""
    total = sum(query.idf.values())
    if total <= 0:
        return term_coverage(text, query.terms, query.forms)
    return sum(w for t, w in query.idf.items() if find_spans(text, query.forms[t])) / total


def term_positions(
    text: str, terms: list[str], forms: dict[str, list[str]] | None = None
) -> dict[str, list[int]]:
    """Return where each term (an inflection, or one of its ``forms``) starts in a text."""
    found = {}
    for term in terms:
        starts = [start for start, _ in find_spans(text, (forms or {}).get(term, [term]))]
        if starts:
            found[term] = starts
    return found


def smallest_window(positions: dict[str, list[int]]) -> int:
    """Return the width of the narrowest span holding one position of every term."""
    events = sorted((p, term) for term, starts in positions.items() for p in starts)
    need, seen, best, left = len(positions), {}, None, 0
    for position, term in events:
        seen[term] = seen.get(term, 0) + 1
        while len(seen) == need:
            left_position, left_term = events[left]
            width = position - left_position
            best = width if best is None else min(best, width)
            seen[left_term] -= 1
            if not seen[left_term]:
                del seen[left_term]
            left += 1
    return best or 0


def proximity_score(positions: dict[str, list[int]], wanted: int) -> float:
    """Score how many of the distinctive terms a passage holds and how close together."""
    if len(positions) < 2 or not wanted:
        return 0.0
    return (len(positions) / wanted) / (1 + smallest_window(positions) / PROXIMITY_SCALE)


def recency_scores(dates: dict[int, str | None]) -> dict[int, float]:
    """Place each dated passage between 0 (oldest date among them) and 1 (newest)."""
    distinct = sorted({d for d in dates.values() if d})
    if len(distinct) < 2:
        return {}
    place = {d: n / (len(distinct) - 1) for n, d in enumerate(distinct)}
    return {chunk_id: place[d] for chunk_id, d in dates.items() if d}


def statement_share(text: str, spans: list[tuple[int, int]]) -> float:
    """Return the share of a passage's text in full sentences rather than headlines or list lines.

    A calendar of "CECOP's reaction to ..." headlines repeats the words of a question about a
    position without stating it; the paragraph that states it is written in sentences.
    """
    total = sum(end - start for start, end in spans)
    if not total:
        return 0.0
    stated = sum(end - start for start, end in spans if is_statement(text[start:end]))
    return stated / total


def is_statement(sentence: str) -> bool:
    """Return whether a sentence is written as one: six words or more, ending in a stop."""
    return (
        sentence.rstrip("\"'”’)").endswith((".", "!", "?"))
        and len(sentence.split()) >= STATEMENT_WORDS
    )


def spelled_out_share(text: str, spelled_out: dict[str, list[str]]) -> float:
    """Return the share of the query's acronyms whose full name a passage writes out.

    "What is SEAP" is answered where "Social Economy Action Plan" is written, not where the
    acronym is only used.
    """
    if not spelled_out:
        return 0.0
    return sum(bool(find_spans(text, names)) for names in spelled_out.values()) / len(spelled_out)


def best_sentence_score(vectors: np.ndarray | None, query: np.ndarray) -> float:
    """Return the cosine of a passage's sentence closest to the query."""
    if vectors is None or len(vectors) == 0:
        return 0.0
    return float((vectors @ query).max())


def statement_vectors(found) -> np.ndarray | None:
    """Return the vectors of a passage's sentences that are statements, not headlines.

    A calendar headline "CECOP's reaction to the State of the Union" is the sentence closest to
    a question about that reaction, yet states nothing; on position questions only statements
    compete as the passage's best sentence.
    """
    return _vectors_of(found, is_statement)


def long_sentence_vectors(found) -> np.ndarray | None:
    """Return the vectors of a passage's sentences of ``STATEMENT_WORDS`` words or more.

    A paraphrased question shares no words with its answer, so its closest sentence is
    found by meaning alone, where a card's or a list's short lines ("AGCI Solidarietà,
    Italy") come out close to many questions ("where did the team go for dinner in Italy's
    capital") by chance.
    """
    return _vectors_of(found, lambda sentence: len(sentence.split()) >= STATEMENT_WORDS)


def _vectors_of(found, keeps) -> np.ndarray | None:
    """Return the vectors of a passage's sentences for which ``keeps`` holds."""
    if found.sentence_vectors is None:
        return None
    spans = found.sentence_spans
    return found.sentence_vectors[
        [n for n, (start, end) in enumerate(spans) if keeps(found.text[start:end])]
    ]


def rescored_head(
    fused: list[tuple[int, float]], depth: int, pooled: list[int]
) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """Split a fused ranking into the candidates to rescore (its top ``depth`` and the
    ``pooled`` ones) and the rest, which keep their fused order."""
    head = fused[:depth]
    pulled = set(pooled) - {chunk_id for chunk_id, _ in head}
    head += [pair for pair in fused[depth:] if pair[0] in pulled]
    return head, [pair for pair in fused[depth:] if pair[0] not in pulled]


def _rankings_agree(keyword_scores: dict[int, float], meaning: dict[int, float]) -> bool:
    """Return whether the keyword and the semantic rankings put the same passage first.

    Then the words the query shares with the passages are not incidental, however little of
    its weight they carry: in "how many members did CECOP count, and in how many countries,
    when it described its network in 2021" the frame's rare words ("described", "count")
    outweigh the subject's, yet both rankings find the network's figures first.
    """
    if not keyword_scores or not meaning:
        return False
    return max(keyword_scores, key=keyword_scores.get) == max(meaning, key=meaning.get)


def _share(score: float, best: float) -> float:
    return score / best if best > 0 else 0.0


def rescore(
    fused: list[tuple[int, float]],
    evidence: dict,
    query: np.ndarray,
    terms: QueryTerms,
    keyword_scores: dict[int, float] | None = None,
    weights: RescoreWeights = RescoreWeights(),
    dates: dict[int, str | None] | None = None,
    meaning: dict[int, float] | None = None,
    pooled: list[int] | None = None,
) -> list[tuple[int, float]]:
    """Reorder the top of a fused ranking; return (chunk id, score) best first.

    ``evidence`` maps chunk ids to the store's Evidence (text, vector, sentence vectors);
    ``keyword_scores`` holds the bm25 scores (higher is better) of the keyword candidates,
    so a strong exact match is not buried by similarity alone; ``dates`` (the passages'
    document dates) let newer sources win close calls on questions about positions;
    ``meaning`` holds the semantic ranking's own fused scores, which replace the fused ones
    when the query is paraphrased; ``pooled`` passages are rescored wherever fusion ranks them.
    """
    keyword_scores = keyword_scores or {}
    best_keyword = max(keyword_scores.values(), default=0.0)
    head, tail = rescored_head(fused, weights.depth, pooled or [])
    head = [(chunk_id, score) for chunk_id, score in head if chunk_id in evidence]
    recency = recency_scores(dates or {}) if terms.about_positions else {}
    statements = weights.statements if terms.about_positions else 0.0
    coverage = {chunk_id: idf_coverage(evidence[chunk_id].text, terms) for chunk_id, _ in head}
    paraphrased = max(coverage.values(), default=0.0) < PARAPHRASE_COVERAGE and not (
        _rankings_agree(keyword_scores, meaning or {})
    )
    passage = weights.paraphrased_passage if paraphrased else weights.passage
    scored = []
    for chunk_id, fusion_score in head:
        if paraphrased and meaning is not None:
            fusion_score = meaning.get(chunk_id, 0.0)
        found = evidence[chunk_id]
        if terms.about_positions:
            sentences = statement_vectors(found)
        elif paraphrased:
            sentences = long_sentence_vectors(found)
        else:
            sentences = found.sentence_vectors
        positions = term_positions(found.text, terms.distinctive, terms.forms)
        near = [p for starts in positions.values() for p in starts]
        matching = 0.0
        if not paraphrased:  # the words a paraphrase shares with passages are incidental
            matching = (
                weights.coverage * coverage[chunk_id]
                + weights.keyword * _share(keyword_scores.get(chunk_id, 0.0), best_keyword)
                + weights.proximity * proximity_score(positions, len(terms.distinctive))
            )
        score = (
            weights.fusion * fusion_score
            + weights.best_sentence * best_sentence_score(sentences, query)
            + passage * float(found.vector @ query)
            + matching
            + weights.answer_type * answer_type_score(found.text, terms.answer_kind, near)
            + weights.recency * recency.get(chunk_id, 0.0)
            + statements * statement_share(found.text, found.sentence_spans)
            + weights.role * bool(terms.role and role_holder(found.text, terms.role, terms.terms))
            + weights.day_date
            * (terms.answer_kind in DATE_KINDS and day_date_near(found.text, near))
            + (weights.definition if terms.asks_definition else weights.expansion)
            * spelled_out_share(found.text, terms.spelled_out)
        )
        scored.append((chunk_id, score))
    scored.sort(key=lambda pair: -pair[1])
    floor = scored[-1][1] if scored else 0.0
    return scored + [(chunk_id, floor - 1e-6 * (n + 1)) for n, (chunk_id, _) in enumerate(tail)]
