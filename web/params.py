"""Reading search and listing parameters from a request, with the API's validation rules.

The search page, the library and the JSON API share these parsers, so a bad value gets the
same error code everywhere (``bad_k``, ``bad_mode``, ``bad_sort``, ``bad_page``, ``bad_year``,
``bad_type``, ``bad_lang``, ``bad_tag``, ``bad_as_typed``).
"""

from __future__ import annotations

import re

from werkzeug.datastructures import MultiDict

from kb.errors import InvalidQuery
from kb.filters import Filters
from kb.records import DOCUMENT_TYPES
from kb.search import MAX_K, MAX_PAGE, MODES, SORTS

LIBRARY_SORTS = ("newest", "oldest", "title")
LIBRARY_K = 50
MAX_LIBRARY_PAGE = 10_000
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_TAG_CHARS = 100


def _whole_number(
    value: str | None, default: int, low: int, high: int, code: str, name: str
) -> int:
    """Return a whole number from low to high, or raise InvalidQuery(code)."""
    if value is None or value.strip() == "":
        return default
    message = f"{name} must be a whole number from {low} to {high}."
    if not re.fullmatch(r"\s*\d{1,9}\s*", value):
        raise InvalidQuery(code, message)
    number = int(value)
    if not low <= number <= high:
        raise InvalidQuery(code, message)
    return number


def parse_k(value: str | None, default: int = 10) -> int:
    """Return k from a request value, or raise InvalidQuery("bad_k")."""
    return _whole_number(value, default, 1, MAX_K, "bad_k", "k")


def parse_page(value: str | None, high: int = MAX_PAGE) -> int:
    """Return the page number (from 1), or raise InvalidQuery("bad_page")."""
    return _whole_number(value, 1, 1, high, "bad_page", "page")


def parse_choice(
    value: str | None, choices: tuple[str, ...], default: str, code: str, name: str
) -> str:
    """Return one of ``choices`` (default when absent), or raise InvalidQuery(code)."""
    if value is None or value == "":
        return default
    if value not in choices:
        raise InvalidQuery(code, f"{name} must be one of: {', '.join(choices)}.")
    return value


def parse_year(value: str | None, name: str) -> int | None:
    """Return a four-digit year or None, or raise InvalidQuery("bad_year")."""
    if value is None or value.strip() == "":
        return None
    return _whole_number(value, 0, MIN_YEAR, MAX_YEAR, "bad_year", name)


def parse_types(values: list[str]) -> tuple[str, ...]:
    """Return known document types ("position paper" or "position-paper"), or raise bad_type."""
    types = []
    for value in values:
        if not value:
            continue
        normalised = " ".join(value.replace("-", " ").replace("_", " ").lower().split())
        if normalised not in DOCUMENT_TYPES:
            raise InvalidQuery("bad_type", f"type must be one of: {', '.join(DOCUMENT_TYPES)}.")
        if normalised not in types:
            types.append(normalised)
    return tuple(types)


def parse_languages(values: list[str]) -> tuple[str, ...]:
    """Return two-letter language codes, or raise InvalidQuery("bad_lang")."""
    languages = []
    for value in values:
        if not value:
            continue
        if not re.fullmatch(r"[A-Za-z]{2}", value):
            raise InvalidQuery("bad_lang", "lang must be a two-letter language code, like en.")
        if value.lower() not in languages:
            languages.append(value.lower())
    return tuple(languages)


def parse_tags(values: list[str]) -> tuple[str, ...]:
    """Return the tags to require, or raise InvalidQuery("bad_tag") for an over-long one."""
    tags = []
    for value in values:
        value = value.strip()
        if len(value) > MAX_TAG_CHARS:
            raise InvalidQuery("bad_tag", f"A tag is at most {MAX_TAG_CHARS} characters.")
        if value and value not in tags:
            tags.append(value)
    return tuple(tags)


def parse_filters(args: MultiDict, with_tags: bool = False) -> Filters:
    """Return the type, year, language (and tag) filters of a request."""
    year_from = parse_year(args.get("year_from"), "year_from")
    year_to = parse_year(args.get("year_to"), "year_to")
    if year_from is not None and year_to is not None and year_from > year_to:
        raise InvalidQuery("bad_year", "year_from must not be later than year_to.")
    return Filters(
        types=parse_types(args.getlist("type")),
        year_from=year_from,
        year_to=year_to,
        languages=parse_languages(args.getlist("lang")),
        tags=parse_tags(args.getlist("tag")) if with_tags else (),
    )


def search_args(args: MultiDict) -> dict:
    """Return the keyword arguments of ``KnowledgeBase.search`` for a search request."""
    return {
        "query": args.get("q", ""),
        "k": parse_k(args.get("k")),
        "mode": parse_choice(args.get("mode"), MODES, "hybrid", "bad_mode", "mode"),
        "sort": parse_choice(args.get("sort"), SORTS, "relevance", "bad_sort", "sort"),
        "page": parse_page(args.get("page")),
        "filters": parse_filters(args),
        "as_typed": parse_choice(args.get("as_typed"), ("0", "1"), "0", "bad_as_typed", "as_typed")
        == "1",
    }


def library_args(args: MultiDict) -> dict:
    """Return the filters, sort, page and page size of a library or /api/documents request."""
    return {
        "filters": parse_filters(args, with_tags=True),
        "sort": parse_choice(args.get("sort"), LIBRARY_SORTS, "newest", "bad_sort", "sort"),
        "page": parse_page(args.get("page"), MAX_LIBRARY_PAGE),
        "k": parse_k(args.get("k"), LIBRARY_K),
    }
