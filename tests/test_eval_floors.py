"""Retrieval quality on the project's own question set must not fall below measured floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.evaluation import evaluate, load_questions

QUESTIONS = Path(__file__).parent / "eval" / "questions.jsonl"
# Measured with `kb eval tests/eval/questions.jsonl` on the sample corpus (BENCHMARKS.md),
# less a small margin.
FLOORS = {"hit1": 0.81, "recall5": 0.95, "recall10": 0.97, "mrr10": 0.87, "answer_holds": 0.83}


@pytest.fixture(scope="module")
def scores(sample_kb):
    questions = load_questions(QUESTIONS)
    assert len(questions) >= 60
    return {
        "hybrid": evaluate(sample_kb, questions, "hybrid"),
        "keyword": evaluate(sample_kb, questions, "keyword", with_answers=False),
        "semantic": evaluate(sample_kb, questions, "semantic", with_answers=False),
    }


def test_hybrid_meets_its_floors(scores):
    hybrid = scores["hybrid"]
    for name, floor in FLOORS.items():
        assert getattr(hybrid, name) >= floor, (name, getattr(hybrid, name))


def test_hybrid_never_confident_on_unanswerable_questions(scores):
    assert scores["hybrid"].wrongly_confident == []


def test_hybrid_beats_both_single_modes(scores):
    for single in ("keyword", "semantic"):
        assert scores["hybrid"].mrr10 > scores[single].mrr10
        assert scores["hybrid"].hit1 > scores[single].hit1
        assert scores["hybrid"].recall5 > scores[single].recall5


def test_no_confident_answer_to_unanswerable_questions_for_the_public_either(sample_kb):
    unanswerable = [q.q for q in load_questions(QUESTIONS) if not q.expect]
    confident = [q for q in unanswerable if sample_kb.search(q).answer.confident]
    assert confident == []
