"""The state of a page as URL parameters, so every view can be bookmarked and shared."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from kb.filters import Filters


@dataclass
class PageState:
    """A page's parameters: a URL for the same page with some of them changed."""

    base: str
    values: dict[str, object]
    defaults: dict[str, object] = field(default_factory=dict)

    def get(self, key: str) -> object:
        """Return the current value of a parameter."""
        return self.values.get(key)

    def pairs(self, **changes: object) -> list[tuple[str, str]]:
        """Return the (name, value) pairs of the state with changes, omitting defaults."""
        merged = {**self.values, **changes}
        pairs: list[tuple[str, str]] = []
        for key, value in merged.items():
            if value is None or value == "" or value == () or self.defaults.get(key) == value:
                continue
            if isinstance(value, tuple | list):
                pairs.extend((key, str(v)) for v in value)
            else:
                pairs.append((key, str(value)))
        return pairs

    def url(self, **changes: object) -> str:
        """Return the URL of this page with changes (back to page 1 unless a page is given)."""
        changes.setdefault("page", 1)
        query = urlencode(self.pairs(**changes))
        return self.base + ("?" + query if query else "")

    def toggle(self, key: str, value: object) -> str:
        """Return the URL with a value of a repeatable parameter added or removed."""
        current = tuple(self.values.get(key) or ())
        changed = tuple(v for v in current if v != value) if value in current else (*current, value)
        return self.url(**{key: changed})

    def hidden_fields(self, *skip: str) -> list[tuple[str, str]]:
        """Return the pairs a form must carry as hidden inputs to keep the state."""
        return [(k, v) for k, v in self.pairs(page=None) if k not in skip]


def filter_values(filters: Filters) -> dict[str, object]:
    """Return the URL parameters of filters."""
    return {
        "type": filters.types,
        "year_from": filters.year_from,
        "year_to": filters.year_to,
        "lang": filters.languages,
        "tag": filters.tags,
    }
