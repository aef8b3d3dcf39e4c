"""Query syntax: free words, "exact phrases", -exclusions and field filters.

Supported: ``"social economy"`` (phrase that must occur), ``-word`` / ``-"a phrase"``
(must not occur), ``type:report`` (``type:"position paper"`` or ``type:position-paper``),
``year:2024`` or ``year:2019-2021``, ``lang:fr``. Everything else is free text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.filters import Filters
from kb.records import DOCUMENT_TYPES

STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same say said says she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours yourself
    yourselves tell me show give find
    whose whats whos wheres whens hows whys""".split()  # "whats", typed without its apostrophe
)

# Control characters: a NUL ends an SQL string early, and none of them is searchable.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TOKEN = re.compile(r'(-?)(?:(\w+):)?(?:"([^"]*)"|(\S+))')
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)
# "CECOP's" is searched as "CECOP": the possessive would make the name look like a rare word.
_POSSESSIVE = re.compile(r"(?<=\w\w)['’]s$", re.IGNORECASE)


@dataclass
class ParsedQuery:
    """A query split into what each retriever needs."""

    raw: str
    text: str = ""
    terms: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    filters: Filters = field(default_factory=Filters)

    @property
    def highlight_terms(self) -> list[str]:
        """Return the words and phrases to mark in snippets."""
        return self.phrases + self.terms


def _normalise_type(value: str) -> str | None:
    value = value.replace("-", " ").replace("_", " ").lower().strip()
    if value.endswith("s") and value[:-1] in DOCUMENT_TYPES:
        value = value[:-1]
    return value if value in DOCUMENT_TYPES else None


def parse_query(raw: str) -> ParsedQuery:
    """Split a query string into free text, phrases, exclusions and filters."""
    query = ParsedQuery(raw=raw)
    raw = _CONTROL.sub(" ", raw)
    free: list[str] = []
    types: list[str] = []
    languages: list[str] = []
    year_from = year_to = None
    for match in _TOKEN.finditer(raw):
        negate, key, quoted, bare = match.groups()
        value = quoted if quoted is not None else bare
        key = (key or "").lower()
        if key == "type" and (doc_type := _normalise_type(value)):
            types.append(doc_type)
        elif key == "year" and (years := re.fullmatch(r"(\d{4})(?:-(\d{4}))?", value)):
            year_from = int(years.group(1))
            year_to = int(years.group(2) or years.group(1))
        elif key in ("lang", "language") and re.fullmatch(r"[a-zA-Z]{2}", value):
            languages.append(value.lower())
        elif negate and value:
            query.excluded.append(f"{key}:{value}" if key and quoted is None else value)
        elif quoted is not None:
            if key:
                free.append(key)
            if value.strip():
                query.phrases.append(value.strip())
                free.append(value.strip())
        else:
            free.append(match.group(0).lstrip("-") if not negate else "")
    query.text = " ".join(part for part in free if part).strip()
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(" ".join(free))]
    words = [w for w in words if w.lower() not in STOPWORDS]
    seen: set[str] = set()
    for word in words:
        if word.lower() not in seen and not any(word in p.split() for p in query.phrases):
            seen.add(word.lower())
            query.terms.append(word)
    query.filters = Filters(
        types=tuple(types), languages=tuple(languages), year_from=year_from, year_to=year_to
    )
    return query


def fts_quote(text: str) -> str:
    """Quote a word or phrase as an FTS5 string (phrase) literal."""
    return '"' + _CONTROL.sub(" ", text).replace('"', '""') + '"'


def fts_expression(
    query: ParsedQuery, expansions: dict[str, list[str]] | None = None
) -> str | None:
    """Build an FTS5 MATCH expression: any free term, every phrase, no excluded term.

    ``expansions`` maps a term to alternatives (acronym <-> expansion) that count as it.
    Returns None when there is nothing positive to match.
    """
    expansions = expansions or {}
    alternatives = []
    for term in query.terms:
        options = [fts_quote(term)] + [fts_quote(e) for e in expansions.get(term.lower(), [])]
        alternatives.append(options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")")
    required = [fts_quote(p) for p in query.phrases]
    parts = []
    if alternatives:
        parts.append("(" + " OR ".join(alternatives) + ")")
    parts.extend(required)
    if not parts:
        return None
    expression = " AND ".join(parts)
    for excluded in query.excluded:
        expression += " NOT " + fts_quote(excluded)
    return expression


def constraint_expressions(query: ParsedQuery) -> tuple[str | None, str | None]:
    """Return FTS5 expressions that passages must match (phrases) and must not (exclusions)."""
    must = " AND ".join(fts_quote(p) for p in query.phrases) or None
    must_not = " OR ".join(fts_quote(e) for e in query.excluded) or None
    return must, must_not
