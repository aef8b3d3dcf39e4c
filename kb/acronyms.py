"""Acronyms defined in the corpus ("Social Economy Action Plan (SEAP)") and query expansion.

An acronym the corpus uses without defining is expanded, at query time, to the capitalised
name whose initials spell it in the documents that use it.
"""

from __future__ import annotations

import re
import sqlite3

from kb.filters import document_where
from kb.keyword_index import matching_ids
from kb.query import fts_quote

_DEFINITION = re.compile(r"\(([^()]{2,120})\)")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&\.\-]{1,11}\+?$")


def _is_acronym(word: str) -> bool:
    """Return whether a word reads as an acronym ("SEAP", "EaSI", "ESF+").

    Two capitalised words count as one ("DG EMPL"), as the Commission names its departments.
    """
    parts = word.split(" ")
    if len(parts) == 2 and all(p.isupper() for p in parts):
        return all(_is_acronym(part) for part in parts)
    letters = [c for c in word.rstrip("s") if c.isalpha()]
    return (
        bool(_ACRONYM.match(word))
        and len(letters) >= 2
        and sum(c.isupper() for c in letters) >= max(2, len(letters) * 0.6)
    )


def _is_proper_name(text: str) -> bool:
    """Return whether a bracketed text reads as a capitalised name of 3 to 12 words.

    After an acronym ("REVES (European Network of Cities and Regions for the Social
    Economy)") such a name is its expansion even when the letters do not spell it, as with
    names translated from another language.
    """
    words = text.split()
    content = [w for w in words if len(w) >= 4]
    return (
        3 <= len(words) <= 12
        and words[0][:1].isupper()
        and not re.search(r"\d|[.;:!?]", text)
        and bool(content)
        and sum(w[:1].isupper() for w in content) >= 0.6 * len(content)
    )


def _long_form(short: str, text: str) -> str | None:
    """Return the shortest end of ``text`` that spells ``short`` (Schwartz and Hearst, 2003)."""
    letters = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
    s_idx, l_idx = len(letters) - 1, len(text) - 1
    while s_idx >= 0:
        ch = letters[s_idx].lower()
        if not ch.isalnum():
            s_idx -= 1
            continue
        while l_idx >= 0 and (
            text[l_idx].lower() != ch or (s_idx == 0 and l_idx > 0 and text[l_idx - 1].isalnum())
        ):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    start = max(text.rfind(" ", 0, l_idx + 1), text.rfind("\n", 0, l_idx + 1)) + 1
    long_form = text[start:].strip(" ,;:-")
    if "(" in long_form or ")" in long_form:
        return None
    words = long_form.split()
    if len(words) < 2 or len(words) > min(len(letters) + 5, len(letters) * 2 + 1):
        return None
    if short.lower() in long_form.lower().split():
        return None
    return long_form


def find_acronyms(text: str) -> list[tuple[str, str]]:
    """Return (acronym, expansion) pairs defined in ``text``, in order of appearance."""
    found: list[tuple[str, str]] = []
    for match in _DEFINITION.finditer(text):
        inside = match.group(1).strip()
        before = text[max(0, match.start() - 200) : match.start()]
        before = re.split(r"[.;!?\n]\s", before)[-1].rstrip()
        if _is_acronym(inside):
            window = " ".join(before.split()[-(len(inside) * 2 + 1) :])
            long_form = _long_form(inside, window)
            if long_form:
                found.append((inside.rstrip("s") if inside[:-1].isupper() else inside, long_form))
            continue
        head = before.split()[-1] if before.split() else ""
        if _is_acronym(head):
            long_form = _long_form(head, inside)
            if long_form and long_form == inside.strip(" ,;:-"):
                found.append((head, long_form))
            elif _is_proper_name(inside):
                found.append((head, inside))  # a translated name: REVES (European Network ...)
    seen: set[tuple[str, str]] = set()
    unique = []
    for acronym, expansion in found:
        key = (acronym, expansion.lower())
        if key not in seen:
            seen.add(key)
            unique.append((acronym, expansion))
    return unique


def query_expansions(
    conn: sqlite3.Connection, text: str, terms: list[str], visibilities: tuple[str, ...]
) -> dict[str, list[str]]:
    """Map query terms to the expansions (or acronyms) visible documents define for them.

    An acronym in the query maps to its expansions; an expansion written out in the query
    maps its first word to the acronym.
    """
    where, params = document_where(visibilities)
    rows = conn.execute(
        "SELECT DISTINCT a.acronym, a.expansion FROM acronyms a JOIN documents d"
        f" ON d.id = a.doc_id WHERE {where}",
        params,
    ).fetchall()
    lowered = " ".join(re.findall(r"\w+", text.lower()))
    term_set = {t.lower(): t for t in terms}
    expansions: dict[str, list[str]] = {}
    for acronym, expansion in rows:
        # "ESF+" is searched as "ESF"; "DG EMPL" through its last word
        key = acronym.rstrip("+").split(" ")[-1].lower()
        if key in term_set and acronym in text:
            expansions.setdefault(key, []).append(expansion)
        words = " ".join(re.findall(r"\w+", expansion.lower()))
        if words and f" {words} " in f" {lowered} ":
            first = re.findall(r"\w+", expansion.lower())[0]
            key = first if first in term_set else next(iter(term_set), first)
            expansions.setdefault(key, []).append(acronym)
    for term in terms:
        if term.lower() not in expansions and _UNDEFINED.fullmatch(term) and term in text:
            names = spelled_name(conn, term, visibilities)
            if names:
                expansions[term.lower()] = names
    return {k: sorted(set(v)) for k, v in expansions.items()}


_UNDEFINED = re.compile(r"[A-Z]{3,8}")
# names do not run over punctuation or a paragraph break, but do over a wrapped line
_PHRASE = re.compile(r"(?:[^,.;:!?()\[\]\"“”‘’\n]|\n(?!\s*\n))+")
_WORD = re.compile(r"[^\W\d_][\w'’-]*|&")
_CONNECTORS = frozenset({"of", "for", "the", "and", "on", "in", "to", "&", "de", "des", "du"})
_SPELLED_DOCUMENTS = 20  # documents using an acronym searched for the name it spells
_SPELLED_PASSAGES = 500  # passages using it that those documents are taken from


def spelled_name(
    conn: sqlite3.Connection, acronym: str, visibilities: tuple[str, ...]
) -> list[str]:
    """Return the names an acronym spells in the visible documents using it, if any.

    For an acronym no visible document defines ("the midterm review of the SEAP"), the
    documents using it are read for runs of capitalised words, joined by "of", "for", "and"
    and the like, whose initials spell it ("Social Economy Action Plan"). The name written
    most often wins; names written as often are all kept ("ICA" may spell "International
    Cooperative Alliance" or "Italian Cooperative Alliance": both are searched). Only the
    documents the viewer may read are consulted.
    """
    chunk_ids = matching_ids(conn, fts_quote(acronym), visibilities, None)[:_SPELLED_PASSAGES]
    chunk_ids = chunk_ids.tolist()
    if not chunk_ids:
        return []
    marks = ", ".join("?" * len(chunk_ids))
    rows = conn.execute(
        "SELECT text FROM chunks WHERE doc_id IN (SELECT DISTINCT doc_id FROM chunks"
        f" WHERE id IN ({marks}) LIMIT {_SPELLED_DOCUMENTS})",
        chunk_ids,
    )
    counts: dict[str, int] = {}
    for (text,) in rows:
        for name in spelled_names(text, acronym):
            name = " ".join(name.split())
            counts[name] = counts.get(name, 0) + 1
    most = max(counts.values(), default=0)
    return sorted(name for name, count in counts.items() if count == most)


def spelled_names(text: str, acronym: str) -> list[str]:
    """Return the runs of capitalised words in ``text`` whose initials spell ``acronym``."""
    found = []
    for phrase in _PHRASE.findall(text):
        words = _WORD.findall(phrase)
        for start, word in enumerate(words):
            if word[0] == acronym[0]:
                name = _spelled_from(words[start:], acronym)
                if name:
                    found.append(name)
    return found


def _spelled_from(words: list[str], acronym: str) -> str | None:
    """Return the words from the first on that spell ``acronym`` with their initials."""
    taken: list[str] = []
    letters = 0
    for word in words:
        if taken and word.lower() in _CONNECTORS:
            taken.append(word)
            continue
        if word[0] != acronym[letters] or word.isupper():
            return None
        taken.append(word)
        letters += 1
        if letters == len(acronym):
            return " ".join(taken)
    return None
