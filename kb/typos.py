"""Typing slips in a query ("adress", "genral", "wich"), read as the word meant.

A query word that no passage the viewer may read holds, and that is no English word the
embedding model knows whole, is a slip when one edit (a letter dropped or two letters
swapped) turns it into a word the model knows that the viewer's passages hold, or into a
word too common to be indexed as a term ("which"). A real word the corpus lacks ("nuclear",
"YouTube") is left alone: the question may be one the corpus cannot answer, and reading it
as another word ("unclear") would answer it wrongly. Names the model does not know are not
respelled either.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable

# Shorter words have too many neighbours one edit away to guess which was meant.
MIN_LETTERS = 4
_LETTERS = string.ascii_lowercase
_QUOTED = re.compile(r'("[^"]*")')


def _edits(word: str) -> dict[str, int]:
    """Map each word one slip away from ``word`` to how likely that slip is (lower is
    likelier): a letter left out ("adress"), then two letters swapped ("teh").

    A wrong letter or one too many are not read as slips: they would turn real words the
    model splits into pieces into other words ("dine" into "line" or "die").
    """
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    found: dict[str, int] = {}
    kinds = (
        [a + c + b for a, b in splits for c in _LETTERS],
        [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1],
    )
    for likelihood, candidates in enumerate(kinds):
        for candidate in candidates:
            if candidate != word:
                found.setdefault(candidate, likelihood)
    return found


def typo_corrections(
    terms: Iterable[str],
    known_words: frozenset[str],
    common_words: frozenset[str],
    held: Callable[[str], int],
) -> dict[str, str]:
    """Map each slip among ``terms`` (lower-cased) to the word meant.

    ``known_words`` are the words the model knows whole, ``common_words`` the ones never
    indexed as terms, and ``held(word)`` counts the viewer's passages holding a word.
    Between two readings the likelier slip wins, then the word more passages hold.
    """
    corrections = {}
    for term in terms:
        word = term.lower()
        if len(word) < MIN_LETTERS or not word.isalpha() or not word.isascii():
            continue
        if word in known_words or word in common_words or held(word):
            continue
        readings = []
        for candidate, likelihood in _edits(word).items():
            if candidate in common_words:
                readings.append((likelihood, -float("inf"), candidate))
            elif candidate in known_words and (count := held(candidate)):
                readings.append((likelihood, -count, candidate))
        if readings:
            corrections[word] = min(readings)[2]
    return corrections


def respelled_parts(query: str, corrections: dict[str, str]) -> list[tuple[str, bool]]:
    """Split the respelled query into (text, respelled) parts, so a page can mark the words
    read differently from how they were typed. Quoted phrases are left as typed."""
    if not corrections:
        return [(query, False)] if query else []
    pattern = re.compile(
        r"\b(" + "|".join(re.escape(w) for w in corrections) + r")\b", re.IGNORECASE
    )
    parts: list[tuple[str, bool]] = []
    for piece in _QUOTED.split(query):
        if piece.startswith('"'):
            parts.append((piece, False))
            continue
        for i, text in enumerate(pattern.split(piece)):
            if i % 2:
                parts.append((corrections[text.lower()], True))
            elif text:
                parts.append((text, False))
    return parts


def respell(query: str, corrections: dict[str, str]) -> str:
    """Return the query with each slip replaced by the word meant, outside quoted phrases."""
    return "".join(text for text, _ in respelled_parts(query, corrections))
