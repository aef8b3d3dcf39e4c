"""Excerpts of passages with query terms marked: escape first, then mark."""

from __future__ import annotations

import html
import re
import unicodedata
from functools import lru_cache

_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "es", "ed", "s")
# The endings a word may take to count as the query's word: "intern" finds "interns" and
# "internship", not "international" or "internal"; "organis" finds "organisation".
_ENDINGS = (
    "s|es|ed|d|e|y|ies|ied|ing|ings|er|ers|or|ors|ion|ions|ation|ations|ative|atives|ive|ives|"
    "ly|ment|ments|ship|ships|an|ans|ian|ians|ity|ities|ise|ised|ises|ize|ized|izes|"
    "isation|isations|ization|izations|ist|ists|ism|ance|ence"
)


@lru_cache(maxsize=4096)
def _fold(text: str) -> str:
    """Lower-case and strip diacritics, keeping one character per input character.

    Cached: rescoring and answers look for several terms in the same passages.
    """
    if text.isascii():
        return text.lower()
    folded = []
    for ch in text:
        low = ch.lower()[:1] or ch
        folded.append(unicodedata.normalize("NFKD", low)[0] if low.isalpha() else low)
    return "".join(folded)


def _stem(word: str) -> str:
    word = _fold(word)
    for suffix in _SUFFIXES:
        if len(word) - len(suffix) >= 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def term_pattern(terms: list[str]) -> re.Pattern | None:
    """Return a pattern matching the terms (and their inflections) at word starts."""
    return _compiled_pattern(tuple(terms))


@lru_cache(maxsize=1024)
def _compiled_pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    alternatives = []
    for term in sorted(set(terms), key=len, reverse=True):
        words = [_stem(w) for w in re.findall(r"\w+", term)]
        if not words or all(len(w) < 2 and not w.isdigit() for w in words):
            continue
        alternatives.append(r"\W+".join(re.escape(w) + rf"(?:{_ENDINGS})?\b" for w in words))
    if not alternatives:
        return None
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.UNICODE)


def find_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Return (start, end) spans of ``text`` that match the terms."""
    pattern = term_pattern(terms)
    if pattern is None:
        return []
    return [m.span() for m in pattern.finditer(_fold(text))]


def _window(text: str, spans: list[tuple[int, int]], max_chars: int) -> tuple[int, int]:
    if len(text) <= max_chars:
        return 0, len(text)
    if not spans:
        start = 0
    else:
        best, best_count = spans[0][0], 0
        for start_span, _ in spans:
            count = sum(1 for s, _ in spans if start_span <= s < start_span + max_chars)
            if count > best_count:
                best, best_count = start_span, count
        start = max(0, best - max_chars // 4)
    end = min(len(text), start + max_chars)
    start = max(0, end - max_chars)
    if start > 0:
        space = text.find(" ", start, start + 30)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", end - 30, end)
        end = space if space != -1 else end
    return start, end


def mark_html(text: str, terms: list[str]) -> str:
    """Return ``text`` HTML-escaped with every match of ``terms`` in ``<mark>``."""
    parts, cursor = [], 0
    for start, end in find_spans(text, terms):
        parts.append(html.escape(text[cursor:start]))
        parts.append("<mark>" + html.escape(text[start:end]) + "</mark>")
        cursor = end
    parts.append(html.escape(text[cursor:]))
    return "".join(parts)


def snippet(text: str, terms: list[str], max_chars: int = 320) -> str:
    """Return an escaped excerpt around the densest run of matches, with matches marked."""
    start, end = _window(text, find_spans(text, terms), max_chars)
    body = mark_html(text[start:end], terms)
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")
