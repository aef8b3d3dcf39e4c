"""Extractive answers: the sentences of the top passages that best answer the query.

Sentences are quoted verbatim and each carries the rank of the passage it comes from, so the
answer can be cited. When no sentence is close enough to the query, the answer says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from kb.sentences import split_sentences
from kb.snippets import find_spans

# Calibrated on tests/eval/questions.jsonl (see BENCHMARKS.md): below this best-sentence score
# the knowledge base has nothing that answers closely.
CONFIDENCE_THRESHOLD = 0.55
MAX_SENTENCES = 4
TOP_PASSAGES = 5
DUPLICATE_SIMILARITY = 0.88
TERM_WEIGHT = 0.2


@dataclass
class AnswerSentence:
    text: str
    citation: int
    score: float
    title: str = ""
    date: str | None = None
    position: int = 0

    def to_api(self) -> dict:
        """Return the sentence as the API's object."""
        return {"text": self.text, "citation": self.citation, "title": self.title,
                "date": self.date}


@dataclass
class Answer:
    sentences: list[AnswerSentence] = field(default_factory=list)
    confident: bool = False

    def to_api(self) -> dict:
        """Return the answer as the API's object."""
        return {"sentences": [s.to_api() for s in self.sentences], "confident": self.confident}


def _candidate_sentences(hits) -> list[AnswerSentence]:
    sentences = []
    for hit in hits:
        for start, end in split_sentences(hit.text):
            text = " ".join(hit.text[start:end].split())
            words = len(text.split())
            if words < 5 or words > 90 or not re.search(r"[a-z]", text):
                continue
            sentences.append(
                AnswerSentence(text, hit.rank, 0.0, hit.title, hit.date, position=start)
            )
    return sentences


def extract_answer(
    query_text: str,
    terms: list[str],
    query_vector: np.ndarray,
    hits: list,
    encode: Callable[[list[str]], np.ndarray],
    threshold: float = CONFIDENCE_THRESHOLD,
) -> Answer:
    """Pick up to four verbatim sentences from the top passages that answer the query."""
    candidates = _candidate_sentences(hits[:TOP_PASSAGES])
    if not candidates:
        return Answer()
    vectors = encode([s.text for s in candidates])
    similarity = vectors @ np.asarray(query_vector, dtype="float32")
    content_terms = [t for t in terms if len(t) > 1]
    for sentence, cosine in zip(candidates, similarity, strict=True):
        covered = 0.0
        if content_terms:
            covered = sum(bool(find_spans(sentence.text, [t])) for t in content_terms) / len(
                content_terms
            )
        sentence.score = float(cosine) + TERM_WEIGHT * covered
    order = sorted(range(len(candidates)), key=lambda i: -candidates[i].score)
    best = candidates[order[0]].score
    chosen: list[int] = []
    for index in order:
        if len(chosen) == MAX_SENTENCES:
            break
        sentence = candidates[index]
        if chosen and sentence.score < max(best - 0.15, threshold * 0.8):
            break
        if any(float(vectors[index] @ vectors[j]) > DUPLICATE_SIMILARITY for j in chosen):
            continue
        chosen.append(index)
    picked = sorted((candidates[i] for i in chosen), key=lambda s: (s.citation, s.position))
    return Answer(picked, confident=best >= threshold)
