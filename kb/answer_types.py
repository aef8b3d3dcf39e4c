"""What kind of thing a question asks for, and where a passage holds one near the subject.

Question answering systems have long used the expected answer type: "who" asks for a
person, "how many" for a number, "when" for a date. A passage that names a person close to
the words of a "who" question is more likely to answer it than one that only repeats the
words. The patterns are deliberately plain (capitalised word runs, digits, years and months):
they rank, they do not extract.
"""

from __future__ import annotations

import re

PERSON = "person"
NUMBER = "number"
DATE = "date"

_QUESTION_TYPES = (
    (PERSON, re.compile(r"\b(?:who|whom|whose)\b", re.IGNORECASE)),
    (
        NUMBER,
        re.compile(
            r"\bhow (?:many|much|long|old)\b"
            r"|\bwhat (?:share|percentage|proportion|number|amount)\b",
            re.IGNORECASE,
        ),
    ),
    (DATE, re.compile(r"\bwhen\b|\b(?:what|which) (?:year|month|date|day)\b", re.IGNORECASE)),
)

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_ANSWER_PATTERNS = {
    # Two or more capitalised words ("Diana Dovgan") or a run of capitals ("DIANA DOVGAN").
    PERSON: re.compile(
        rf"\b[{_UPPER}][{_LOWER}]+(?:[- ][{_UPPER}][{_LOWER}]+)+"
        rf"|\b[{_UPPER}]{{2,}}(?:[- ][{_UPPER}]{{2,}})+"
    ),
    NUMBER: re.compile(r"\d"),
    DATE: re.compile(rf"\b(?:19|20)\d\d\b|\b(?:{_MONTHS})\b", re.IGNORECASE),
}
# An answer-like span this close (in characters) to a query word counts as near it.
NEAR = 80
# Credit for a passage holding an answer-like span, but not near the query's words.
ANYWHERE = 0.3


def expected_answer(question: str) -> str | None:
    """Return the answer type a question asks for (person, number, date), or None."""
    for kind, pattern in _QUESTION_TYPES:
        if pattern.search(question):
            return kind
    return None


def answer_type_score(text: str, kind: str | None, term_positions: list[int]) -> float:
    """Score how well a passage offers the asked-for kind of answer next to the query's words.

    1.0 when an answer-like span lies within ``NEAR`` characters of a query word,
    ``ANYWHERE`` when the passage only holds one somewhere, 0.0 otherwise.
    """
    if kind is None:
        return 0.0
    spans = [match.start() for match in _ANSWER_PATTERNS[kind].finditer(text)]
    if not spans:
        return 0.0
    if term_positions and any(abs(s - p) <= NEAR for s in spans for p in term_positions):
        return 1.0
    return ANYWHERE
