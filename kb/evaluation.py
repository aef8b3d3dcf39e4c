"""Retrieval evaluation: hit@1, recall@5, recall@10 and MRR@10 over a question set.

Each line of the question file is ``{"q": "...", "expect": ["phrase", ...]}``; a passage is a
hit when it contains any expected phrase (case- and space-insensitive). Questions with an empty
``expect`` list are unanswerable: they are left out of the retrieval metrics and used to check
that the answer is not ``confident``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

ALL_LEVELS = ("public", "members", "staff")


@dataclass
class Question:
    q: str
    expect: list[str]
    kind: str = ""


@dataclass
class ModeScore:
    mode: str
    questions: int = 0
    hit1: float = 0.0
    recall5: float = 0.0
    recall10: float = 0.0
    mrr10: float = 0.0
    answer_holds: float | None = None
    abstained: str = ""
    misses: list[tuple[str, list[str]]] = field(default_factory=list)
    wrongly_confident: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """Return the scores as a plain dict."""
        return {k: v for k, v in self.__dict__.items()}


def load_questions(path: Path) -> list[Question]:
    """Read a question file; raise ValueError naming the line on bad input."""
    questions = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            questions.append(
                Question(data["q"], list(data.get("expect", [])), data.get("kind", ""))
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: not a question object ({error})") from error
    return questions


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def is_hit(text: str, expect: list[str]) -> bool:
    """Return True when a passage contains any expected phrase."""
    body = _norm(text)
    return any(_norm(phrase) in body for phrase in expect)


def evaluate(
    kb, questions: list[Question], mode: str, k: int = 10, with_answers: bool = True
) -> ModeScore:
    """Score one mode over the questions (as staff: every document is visible)."""
    score = ModeScore(mode)
    answerable = [q for q in questions if q.expect]
    held = 0
    for question in answerable:
        response = kb.search(
            question.q, k=max(k, 10), mode=mode, visibilities=ALL_LEVELS, with_answer=with_answers
        )
        ranks = [hit.rank for hit in response.results[:10] if is_hit(hit.text, question.expect)]
        first = ranks[0] if ranks else None
        score.hit1 += first == 1
        score.recall5 += first is not None and first <= 5
        score.recall10 += first is not None and first <= 10
        score.mrr10 += 1 / first if first else 0.0
        if first is None or first > 5:
            score.misses.append((question.q, question.expect))
        if with_answers:
            answer_text = " ".join(s.text for s in response.answer.sentences)
            held += is_hit(answer_text, question.expect)
    n = len(answerable) or 1
    score.questions = len(answerable)
    score.hit1 /= n
    score.recall5 /= n
    score.recall10 /= n
    score.mrr10 /= n
    if with_answers:
        score.answer_holds = held / n
        unanswerable = [q for q in questions if not q.expect]
        for question in unanswerable:
            response = kb.search(question.q, k=10, mode=mode, visibilities=ALL_LEVELS)
            if response.answer.confident:
                score.wrongly_confident.append(question.q)
        score.abstained = f"{len(unanswerable) - len(score.wrongly_confident)}/{len(unanswerable)}"
    return score


def format_table(scores: list[ModeScore]) -> str:
    """Return the scores as a markdown table."""
    lines = [
        "| mode | questions | hit@1 | recall@5 | recall@10 | MRR@10 | answer holds | abstained |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in scores:
        answer = f"{s.answer_holds:.3f}" if s.answer_holds is not None else "-"
        lines.append(
            f"| {s.mode} | {s.questions} | {s.hit1:.3f} | {s.recall5:.3f} | {s.recall10:.3f} | "
            f"{s.mrr10:.3f} | {answer} | {s.abstained or '-'} |"
        )
    return "\n".join(lines)
